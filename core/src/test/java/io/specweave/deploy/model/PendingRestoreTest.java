package io.specweave.deploy.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Pending#restore}: what a record made current again by a rollback keeps and takes. */
class PendingRestoreTest {

    private static DeploymentRecord deployed(String commit, String at) {
        return DeploymentRecord.builder().status(DeploymentStatus.DEPLOYED).commit(commit).deployedAt(at).build();
    }

    @Test
    void aSuiteRunForAnotherCommitWhileTheEarlierOneRanIsNotTheRestoredOnes() {
        TestResults ofC = TestResults.of(10, 0, 0, 0).with("suite", TextNode.valueOf("e2e"))
                .with("commit", TextNode.valueOf("c300000"));
        DeploymentRecord earlier = deployed("a100000", "2026-11-01T10:00:00Z").toBuilder().testResults(ofC).build();
        DeploymentRecord current = deployed("c300000", "2026-11-02T10:00:00Z").toBuilder().testResults(ofC).build();

        DeploymentRecord restored = Pending.restore(earlier.toBuilder(), earlier, current).build();

        assertThat(restored.testResults()).as("c300000's, taken by the deployment rolled back").isNull();
        TestResults own = TestResults.of(5, 0, 0, 0);
        assertThat(Pending.restore(earlier.toBuilder(), earlier.toBuilder().testResults(own).build(), current).build()
                .testResults()).as("its own, from its deployment's job").isEqualTo(own);
        assertThat(restored.approvals()).isEqualTo(List.of());
    }
}
