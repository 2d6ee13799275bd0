package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.specweave.deploy.Message;
import io.specweave.deploy.dora.DoraReport;
import io.specweave.deploy.model.DeploymentStatus;
import io.specweave.deploy.report.Rendering;
import io.specweave.deploy.report.Terminal;
import io.specweave.deploy.testing.TestProject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record whose {@code status} is none this tool writes ({@code "success"}, from another tool or a hand
 * edit): shown as written, kept as written, and every view that meets it says so in the same words.
 */
class UnlistedStatusTest {

    static final String METADATA = ".specweave/increments/0018-oauth/metadata.json";
    static final String WARNING = METADATA + ": deployments.dev.status \"success\" is none of in_progress, deployed, "
            + "failed, rolled_back; shown as written, and read as neither deployed nor failed";

    @TempDir
    Path dir;

    TestOperations run = TestOperations.at("2026-12-02T00:00:00Z");

    @BeforeEach
    void setUp() {
        TestProject.in(dir).config("""
                { "deployment": { "pipeline": ["dev", "qa"], "productionEnvironment": "dev",
                  "promotion": {"requirePrevious": true, "allowDifferentCommit": false},
                  "environments": { "dev": {"provider": "local"}, "qa": {"provider": "local"} } } }
                """).increment("0018-oauth", "OAuth", """
                { "id": "0018-oauth", "status": "active",
                  "deployments": { "dev": { "status": "success", "deployedAt": "2026-12-01T00:00:00Z",
                    "commit": "1111111", "healthStatus": "healthy" } } }
                """);
    }

    private StatusOutcome status() {
        return run.operations().status(TestOperations.request(dir).increment("0018").dora(false).build());
    }

    @Test
    void statusWarnsOfAStatusOutsideTheListNamingTheFileTheFieldAndTheStatusesExpectedAndKeepsIt() throws Exception {
        String before = Files.readString(dir.resolve(METADATA));

        StatusOutcome status = status();

        assertThat(status.warnings()).singleElement().asString().endsWith(WARNING);
        assertThat(status.pipeline().environments().get(0).state()).as("shown as written").isEqualTo("success");
        assertThat(Files.readString(dir.resolve(METADATA))).as("never rewritten").isEqualTo(before);
        for (Rendering.Format format : Rendering.Format.values()) {
            Rendering.Rendered rendered = new Rendering(format, new Terminal(true, false, false), Message.Spelling.DOMAIN)
                    .status(status, false);
            assertThat(rendered.notes()).as(format.name()).singleElement().asString().startsWith("warning: ")
                    .endsWith(WARNING);
            assertThat(rendered.exitCode()).isZero();
        }
    }

    @Test
    void theListOfIncrementsWarnsOfItToo() {
        StatusOutcome list = run.operations().increments(TestOperations.request(dir).build());

        assertThat(list.increments()).singleElement().satisfies(row ->
                assertThat(row.environments()).containsEntry("dev", "success"));
        assertThat(list.warnings()).singleElement().asString().endsWith(WARNING);
    }

    @Test
    void statusDoraAndTheGateNameTheSameStatusesInTheSameWords() {
        DoraReport dora = run.operations().dora(TestOperations.request(dir).window("7d").build());
        ChangeOutcome<?> refused = run.operations().sync(TestOperations.request(dir).increment("0018")
                .environment("qa").commit("1111111").healthCheck(false).build());

        String unlisted = DeploymentStatus.unlisted("status");
        assertThat(unlisted).isEqualTo("status is none of in_progress, deployed, failed, rolled_back");
        assertThat(dora.warnings()).containsExactly("1 deployment to dev not counted: " + unlisted
                + " in 0018-oauth (\"success\")");
        assertThat(status().warnings()).singleElement().asString().contains(".status \"success\" is none of "
                + "in_progress, deployed, failed, rolled_back");
        assertThat(refused.result()).isEqualTo(ChangeOutcome.Result.REFUSED);
        assertThat(refused.refusals()).singleElement().satisfies(r -> assertThat(r.reason())
                .isEqualTo("dev's status \"success\" is none of in_progress, deployed, failed, rolled_back"));
    }

    @Test
    void aStatusKeySpelledAnotherWayIsNamedAsWrittenAndAListedStatusInAnotherSpellingIsNoWarning() {
        TestProject.in(dir).file(METADATA, """
                { "id": "0018-oauth", "status": "active",
                  "deployments": { "dev": { "Status": "Success", "deployedAt": "2026-12-01T00:00:00Z" },
                    "qa": { "status": "Deployed", "deployedAt": "2026-12-01T01:00:00Z" } } }
                """);

        assertThat(status().warnings()).singleElement().asString().endsWith(METADATA + ": deployments.dev.Status "
                + "\"Success\" is none of in_progress, deployed, failed, rolled_back; shown as written, and read as "
                + "neither deployed nor failed");
    }

    @Test
    void aStatusThatIsNoTextIsAStatusOutsideTheListNotADeploymentThatRan() throws Exception {
        TestProject.in(dir).file(METADATA, """
                { "id": "0018-oauth", "status": "active",
                  "deployments": { "dev": { "status": {"phase": "ok"}, "deployedAt": "2026-12-01T00:00:00Z",
                    "commit": "1111111" } } }
                """);
        String before = Files.readString(dir.resolve(METADATA));

        StatusOutcome status = status();
        ChangeOutcome<?> refused = run.operations().sync(TestOperations.request(dir).increment("0018")
                .environment("qa").commit("1111111").healthCheck(false).build());

        assertThat(status.warnings()).singleElement().asString().endsWith(METADATA + ": deployments.dev.status "
                + "{\"phase\":\"ok\"} is none of in_progress, deployed, failed, rolled_back; shown as written, and "
                + "read as neither deployed nor failed");
        assertThat(status.pipeline().environments().get(0).state()).isEqualTo("{\"phase\":\"ok\"}");
        assertThat(refused.result()).as("the gate reads no deployment that ran").isEqualTo(ChangeOutcome.Result.REFUSED);
        DoraReport dora = run.operations().dora(TestOperations.request(dir).window("7d").build());
        assertThat(dora.warnings()).as("dora reads it so too").containsExactly("1 deployment to dev not counted: "
                + DeploymentStatus.unlisted("status") + " in 0018-oauth (\"{\"phase\":\"ok\"}\")");
        assertThat(Files.readString(dir.resolve(METADATA))).isEqualTo(before);
    }

    @Test
    void doraSaysWhatWasWrittenForATimeThatIsNoTime() {
        TestProject.in(dir).file(METADATA, """
                { "id": "0018-oauth", "status": "active",
                  "deployments": { "dev": { "status": "deployed", "deployedAt": 1733000000, "commit": "1111111" } } }
                """);

        DoraReport dora = run.operations().dora(TestOperations.request(dir).window("7d").build());

        assertThat(dora.warnings()).singleElement().asString().endsWith("not counted: deployedAt is missing or not an "
                + "ISO-8601 time such as 2026-11-27T10:15:00Z in 0018-oauth (\"1733000000\")");
    }

    @Test
    void aRecordUnderAnEnvironmentTheConfigSpellsOtherwiseIsWarnedOfWhereverItIsShown() {
        TestProject.in(dir).file(METADATA, """
                { "id": "0018-oauth", "status": "active",
                  "deployments": { "Dev": { "status": "deployed", "deployedAt": "2026-12-01T00:00:00Z" } } }
                """);
        String warning = METADATA + ": deployments.Dev: the config names no environment \"Dev\"; did you mean "
                + "\"dev\"? shown apart from dev, which every command records to";

        assertThat(status().warnings()).singleElement().asString().endsWith(warning);
        assertThat(new io.specweave.deploy.report.TextStatusRenderer(true).render(status().pipeline()))
                .as("told apart where the headings would read the same").contains("] dev:").contains("] Dev:")
                .doesNotContain("DEV");
        assertThat(run.operations().increments(TestOperations.request(dir).build()).warnings()).singleElement()
                .asString().endsWith(warning);
    }

    @Test
    void anEntryOfHistoryThatIsNoObjectIsWarnedOfAndPassedOver() {
        TestProject.in(dir).file(METADATA, """
                { "id": "0018-oauth", "status": "active",
                  "deployments": { "dev": { "status": "deployed", "deployedAt": "2026-12-01T00:00:00Z",
                    "history": [ {"status": "deployed", "deployedAt": "2026-11-30T00:00:00Z"}, "garbage", null ] } } }
                """);

        assertThat(status().warnings()).singleElement().asString().endsWith(METADATA + ": deployments.dev.history[1]: "
                + "expected an object (an earlier deployment), got \"garbage\"; passed over, and counted by no DORA key");
    }

    @Test
    void aStatusOutsideTheListStartsNoLeadTimeEither() {
        TestProject.in(dir).file(METADATA, """
                { "id": "0018-oauth", "status": "active", "deployments": {
                  "qa": { "status": "success", "deployedAt": "2026-11-01T00:00:00Z", "commit": "1111111" },
                  "dev": { "status": "deployed", "deployedAt": "2026-12-01T00:00:00Z", "commit": "1111111" } } }
                """);

        DoraReport dora = run.operations().dora(TestOperations.request(dir).window("7d").build());

        assertThat(dora.leadTimeForChanges().value()).as("from dev's deployment, not qa's unlisted one").isZero();
    }
}
