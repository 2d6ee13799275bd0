package io.specweave.deploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The map specweaveSync returns: the keys docs/jenkins.md documents, in values a sandboxed script can read. */
class PipelineValuesTest {

    /** The build log the step writes to. */
    private final Fakes.Log log = new Fakes.Log();

    /** "The returned map" in docs/jenkins.md. */
    private static final Set<String> DOCUMENTED = Set.of("increment", "environment", "profile", "provider",
            "trackingId", "trackingUrl", "status", "deployedAt", "healthStatus", "newDeployment", "metadataChanged",
            "dryRun", "warnings", "metadataCommitted", "metadataCommit", "metadataCommitWarning", "testResults", "result", "operation",
            "forced", "refreshed", "problems", "refusedGates");

    @TempDir
    Path project;

    @Test
    void theSyncMapCarriesTheDocumentedKeysOnly() {
        Demo.copyTo(project);
        SpecweaveSyncStep step = Steps.sync("local-qa");
        step.setHealthCheck(false);
        // The host's environment below is empty: without a commit the record would carry a warning.
        step.setCommit("abc1234");

        Map<String, Object> map = step.callable(Map.of("GIT_COMMIT", "abc"), null, null, log).run(project,
                new io.specweave.deploy.app.Operations(io.specweave.deploy.app.Host.system(Map.of(), null, null)))
                .values();

        assertThat(DOCUMENTED).containsAll(map.keySet());
        assertThat(map).containsKeys("increment", "environment", "profile", "provider", "trackingId", "status",
                "deployedAt", "newDeployment", "metadataChanged", "dryRun", "warnings", "result", "operation")
                .containsEntry("warnings", List.of())
                .containsEntry("result", "recorded")
                .containsEntry("operation", "sync")
                .containsEntry("provider", "local");
        SandboxValues.assertPlain(map);
    }
}
