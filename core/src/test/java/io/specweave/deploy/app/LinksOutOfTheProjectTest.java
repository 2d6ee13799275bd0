package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.status.IncrementSummary;
import io.specweave.deploy.testing.TestProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkout (a fork's pull request) whose folders are symbolic links out of the project: nothing
 * elsewhere on the machine is read or written through them; a link that stays inside is followed.
 */
class LinksOutOfTheProjectTest {

    static final String INCREMENT = ".specweave/increments/0018-oauth";
    static final String METADATA = "{\"id\": \"0018-oauth\", \"status\": \"active\", \"secret\": \"keep\"}\n";

    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    TestProject project;
    final TestOperations run = TestOperations.at("2026-11-27T10:00:00Z");

    @BeforeEach
    void setUp() {
        project = TestProject.in(dir).localProfiles("dev", "qa", "prod")
                .increment("0018-oauth", "OAuth", METADATA)
                .increment("0019-billing", "Billing", "{\"id\": \"0019-billing\", \"status\": \"planned\"}\n");
    }

    private ChangeOutcome<?> sync(String increment) {
        return run.operations().sync(TestOperations.request(dir).increment(increment).profile("local-dev")
                .commit("a1b2c3d4e5f6").branch("main").deployedBy("ci").healthCheck(false).build());
    }

    /** Moves {@code relative} of the project to {@code to} and leaves a symbolic link to it in its place. */
    private Path moveAndLink(String relative, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.move(dir.resolve(relative), to);
        return Files.createSymbolicLink(dir.resolve(relative), to);
    }

    /** Every file outside the project with its text, to prove nothing there changed. */
    private Map<String, String> snapshotOfElsewhere() throws IOException {
        try (var files = Files.walk(elsewhere)) {
            Map<String, String> result = new java.util.TreeMap<>();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                result.put(elsewhere.relativize(file).toString(), Files.readString(file));
            }
            return result;
        }
    }

    @Test
    void anIncrementFolderLinkedOutOfTheProjectIsNeitherReadNorWritten() throws IOException {
        Path outside = elsewhere.resolve("0018-oauth");
        moveAndLink(INCREMENT, outside);
        Map<String, String> before = snapshotOfElsewhere();

        assertThatThrownBy(() -> sync("0018"))
                .isInstanceOf(BadInputException.class)
                .hasMessageEndingWith(INCREMENT + ": a symbolic link to " + outside.toRealPath() + ", outside the "
                        + "project: it is neither read nor written through; point it at a folder inside the project, "
                        + "or replace it by the folder");
        StatusOutcome listing = run.operations().increments(TestOperations.request(dir).build());
        assertThat(listing.increments()).extracting(IncrementSummary::id).containsExactly("0019-billing");
        assertThat(listing.warnings()).singleElement().asString().startsWith("0018-oauth is not shown: ")
                .contains("outside the project");
        assertThat(run.operations().dora(TestOperations.request(dir).build()).warnings()).singleElement()
                .asString().startsWith("1 increment not counted").contains(INCREMENT + ": a symbolic link to ");
        assertThat(snapshotOfElsewhere()).isEqualTo(before);
    }

    @Test
    void aSpecweaveFolderLinkedOutOfTheProjectIsRefusedBeforeAnythingIsRead() throws IOException {
        Path outside = elsewhere.resolve("shared/.specweave");
        moveAndLink(".specweave", outside);
        Map<String, String> before = snapshotOfElsewhere();

        assertThatThrownBy(() -> sync("0018"))
                .isInstanceOf(BadInputException.class)
                .hasMessageEndingWith(".specweave: a symbolic link to " + outside.toRealPath() + ", outside the project: "
                        + "it is neither read nor written through; point it at a folder inside the project, or replace "
                        + "it by the folder");
        assertThatThrownBy(() -> run.operations().increments(TestOperations.request(dir).build()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("outside the project");
        assertThat(snapshotOfElsewhere()).isEqualTo(before);
        assertThat(outside.resolve("state")).as("no lock folder made through the link").doesNotExist();
    }

    @Test
    void aStateFolderOrAFlagsFolderLinkedOutIsNotWrittenThrough() throws IOException {
        Path state = Files.createDirectories(elsewhere.resolve("state"));
        Files.createSymbolicLink(dir.resolve(".specweave/state"), state);
        Path flags = Files.createDirectories(elsewhere.resolve("config"));
        Files.createSymbolicLink(dir.resolve(".specweave/config"), flags);

        assertThatThrownBy(() -> sync("0018")).isInstanceOf(BadInputException.class)
                .hasMessageContaining(".specweave/state: a symbolic link to " + state.toRealPath() + ", outside");
        assertThatThrownBy(() -> run.operations().featureFlag(Request.builder(dir).flagAction(Request.FlagAction.ENABLE)
                .flag("newCheckout").environment("dev").createFlag(true).build()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(".specweave/config: a symbolic link to " + flags.toRealPath() + ", outside");
        try (var written = Files.list(elsewhere.resolve("state"))) {
            assertThat(written).isEmpty();
        }
        try (var written = Files.list(elsewhere.resolve("config"))) {
            assertThat(written).isEmpty();
        }
        assertThat(project.read(INCREMENT + "/metadata.json")).isEqualTo(METADATA);
    }

    @Test
    void aSpecLinkedOutOfTheProjectIsNotReadForItsTitle() throws IOException {
        Path secret = elsewhere.resolve("notes.md");
        Files.writeString(secret, "# Not for a tracker\n");
        Files.delete(dir.resolve(INCREMENT + "/spec.md"));
        Files.createSymbolicLink(dir.resolve(INCREMENT + "/spec.md"), secret);

        StatusOutcome listing = run.operations().increments(TestOperations.request(dir).build());

        assertThat(listing.increments()).filteredOn(row -> row.id().equals("0018-oauth")).singleElement()
                .satisfies(row -> assertThat(row.title()).isNull());
        assertThat(project.open().increments().spec(project.open().increments().resolve("0018")).title()).isNull();
    }

    @Test
    void foldersLinkedWithinTheProjectAreFollowed() throws IOException {
        Path kept = dir.resolve("records/0018-oauth");
        moveAndLink(INCREMENT, kept);
        // The project folder itself may be reached through a link too.
        Path alias = Files.createSymbolicLink(elsewhere.resolve("alias"), dir);

        assertThat(sync("0018").result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(run.operations().sync(TestOperations.request(alias).increment("0018").profile("local-qa")
                .commit("a1b2c3d4e5f6").branch("main").deployedBy("ci").healthCheck(false).build()).result())
                .isEqualTo(ChangeOutcome.Result.RECORDED);

        assertThat(dir.resolve(INCREMENT)).isSymbolicLink();
        assertThat(project.read("records/0018-oauth/metadata.json")).contains("\"dev\": {").contains("\"qa\": {")
                .contains("\"secret\": \"keep\"");
        assertThat(run.operations().increments(TestOperations.request(dir).build()).increments())
                .extracting(IncrementSummary::title).containsExactly("OAuth", "Billing");
    }
}
