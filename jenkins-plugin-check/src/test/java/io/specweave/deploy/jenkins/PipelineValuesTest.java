package io.specweave.deploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.app.SyncSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineValuesTest {

    @Test
    void theSyncMapCarriesEveryKeyTheIssueNamesWithCoresValues() {
        SyncSummary summary = new SyncSummary("0018-oauth-google", "qa", "github-qa", "github", "57",
                "https://github.com/myorg/myapp/issues/57", "healthy", "2026-11-27T10:15:00Z", "deployed", true, true,
                false, List.of("label \"env:qa\" was created"), DeploymentRecord.builder().issueNumber(57).build());

        Map<String, Object> map = PipelineValues.of(summary);

        assertThat(map).containsAllEntriesOf(summary.scalars());
        assertThat(map).containsOnlyKeys("increment", "environment", "profile", "provider", "trackingId",
                "trackingUrl", "healthStatus", "deployedAt", "status", "newDeployment", "metadataChanged", "dryRun",
                "warnings");
        assertThat(map).containsEntry("trackingUrl", "https://github.com/myorg/myapp/issues/57")
                .containsEntry("trackingId", "57")
                .containsEntry("healthStatus", "healthy")
                .containsEntry("warnings", List.of("label \"env:qa\" was created"));
        SandboxValues.assertPlain(map);
    }

    @Test
    void jsonTreesBecomeMapsAndListsWithoutNulls() {
        ObjectNode results = Json.mapper().createObjectNode().put("total", 148).put("passed", 147).putNull("skipped");
        DeploymentRecord record = DeploymentRecord.builder().profile("local-qa").testResults(results).build();

        Map<String, Object> map = PipelineValues.tree(record);

        assertThat(map).containsEntry("profile", "local-qa").doesNotContainKey("commit");
        assertThat(map.get("testResults")).isEqualTo(Map.of("total", 148, "passed", 147));
        SandboxValues.assertPlain(map);
    }
}
