package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.specweave.deploy.testing.TestProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run as root (a container, {@code sudo}) in a project that belongs to someone else: whatever the
 * operation, what it wrote gets the owner of the project's {@code .specweave}, whichever front end asked.
 */
class OwnershipOperationTest {

    @TempDir
    Path dir;

    TestOperations run = TestOperations.at("2026-11-27T10:00:00Z");

    @BeforeEach
    void setUp() throws IOException {
        TestProject.in(dir).localProfiles("dev", "qa", "prod").increment("0018-oauth", "OAuth",
                "{\"id\": \"0018-oauth\", \"status\": \"active\"}");
    }

    @Test
    void whatEveryWritingOperationWroteBelongsToTheProjectsOwner() throws IOException {
        assumeRootAndGiveTheProjectTo(1001, 121);

        run.operations().sync(TestOperations.request(dir).environment("qa").commit("abc0000").healthCheck(false)
                .build());
        run.operations().approve(TestOperations.request(dir).environment("prod").approvedBy("lead").build());
        run.operations().featureFlag(TestOperations.request(dir).flagAction(Request.FlagAction.ENABLE)
                .flag("newCheckout").environment("qa").createFlag(true).build());

        assertThat(Files.readString(dir.resolve(".specweave/increments/0018-oauth/metadata.json"))).contains("\"qa\"");
        assertThat(Files.exists(dir.resolve(".specweave/config/feature-flags.json"))).isTrue();
        try (Stream<Path> all = Files.walk(dir.resolve(".specweave"))) {
            assertThat(all.toList()).allSatisfy(p -> {
                assertThat(Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).as(p.toString())
                        .isEqualTo(1001);
                assertThat(Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS)).as(p.toString())
                        .isEqualTo(121);
            });
        }
    }

    @Test
    void aProjectOfThisProcesssOwnUserIsNotWalked() throws IOException {
        Path specweave = dir.resolve(".specweave");
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/self")), "the process's user is read from /proc/self");

        assertThat(WorkspaceOwnership.writesAsAnotherUser(specweave)).isFalse();
        Assumptions.assumeTrue(isRoot(), "giving the folder another owner needs root");
        Files.setAttribute(specweave, "unix:uid", 1001);
        assertThat(WorkspaceOwnership.writesAsAnotherUser(specweave)).isTrue();
    }

    private void assumeRootAndGiveTheProjectTo(int uid, int gid) throws IOException {
        Assumptions.assumeTrue(isRoot(), "changing owners needs root, as in a container");
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    private boolean isRoot() throws IOException {
        Path probe = Files.createTempFile(dir, "owner", ".probe");
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(probe, "unix:uid"));
        } finally {
            Files.delete(probe);
        }
    }
}
