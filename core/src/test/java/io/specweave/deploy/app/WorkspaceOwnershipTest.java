package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceOwnershipTest {

    @TempDir
    Path temp;

    @Test
    void filesWrittenSinceTheStartGetTheReferenceOwner() throws IOException {
        Path specweave = specweaveOfTheRunnersUser();
        Instant start = Instant.now();
        Path written = Files.writeString(Files.createDirectories(specweave.resolve("state/locks")).resolve("a.lock"), "");
        Path elsewhere = Files.writeString(temp.resolve("not-under-roots.txt"), "");

        int changed = WorkspaceOwnership.match(specweave, List.of(specweave), start);

        assertThat(changed).isEqualTo(3);
        for (Path p : List.of(written, written.getParent(), written.getParent().getParent())) {
            assertThat(Files.getAttribute(p, "unix:uid")).as(p.toString()).isEqualTo(1001);
            assertThat(Files.getAttribute(p, "unix:gid")).as(p.toString()).isEqualTo(121);
        }
        assertThat(Files.getAttribute(elsewhere, "unix:uid")).isEqualTo(0);
    }

    @Test
    void aSuitesReportsAndTheFoldersItMadeForThemGetTheReferenceOwnerAndNothingElse() throws IOException {
        specweaveOfTheRunnersUser();
        Instant start = Instant.now();
        Path nested = Files.writeString(Files.createDirectories(temp.resolve("e2e-results/junit")).resolve("r.xml"), "");
        Path top = Files.writeString(temp.resolve("smoke-report.xml"), "");
        Path other = Files.writeString(temp.resolve("left-alone.log"), "");

        int changed = WorkspaceOwnership.matchOutputs(temp, List.of(nested, top), start);

        assertThat(changed).isEqualTo(4);
        for (Path p : List.of(nested, nested.getParent(), temp.resolve("e2e-results"), top)) {
            assertThat(Files.getAttribute(p, "unix:uid")).as(p.toString()).isEqualTo(1001);
        }
        assertThat(Files.getAttribute(other, "unix:uid")).as("not the suite's report").isEqualTo(0);
    }

    /** A {@code .specweave} owned by uid 1001, gid 121, as a runner's checkout is; skipped unless running as root. */
    private Path specweaveOfTheRunnersUser() throws IOException {
        Path specweave = Files.createDirectories(temp.resolve(".specweave"));
        Assumptions.assumeTrue((Integer) Files.getAttribute(specweave, "unix:uid") == 0,
                "changing owners needs root, as the Action's container has");
        Files.setAttribute(specweave, "unix:uid", 1001);
        Files.setAttribute(specweave, "unix:gid", 121);
        return specweave;
    }

    @Test
    void aMissingReferenceChangesNothing() {
        assertThat(WorkspaceOwnership.match(temp.resolve("absent"), List.of(temp), Instant.EPOCH)).isZero();
    }
}
