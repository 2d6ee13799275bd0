package io.specweave.deploy.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.deploy.Approval;
import io.specweave.deploy.deploy.DeploymentRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownStatusRendererTest {

    private static PipelineStatus status(DeploymentRecord qa) {
        return new PipelineStatus("0018-x", "Pipes | and <b>tags</b>", "active", List.of(
                new EnvironmentStatus("qa", qa.status(), "local-qa", "local", null, null, qa),
                new EnvironmentStatus("pre-prod", EnvironmentStatus.NOT_DEPLOYED, null, null, null, null, null)),
                null, null, List.of());
    }

    @Test
    void userTextCannotBreakTheTableOrInjectHtml() {
        JsonNode approval = new Approval("eve | mallory", null, "2026-11-21T09:00:00Z", "<script>x</script>").toNode();
        DeploymentRecord qa = DeploymentRecord.builder().status("failed").deployedAt("2026-11-21T10:00:00Z")
                .commit("abc1234").branch("feat|x").healthStatus("unhealthy").healthHttpStatus(503)
                .approvals(List.of(approval)).build();

        String md = new MarkdownStatusRenderer().render(status(qa), null);

        assertThat(md).contains("## Deployment Status: 0018-x — Pipes | and &lt;b&gt;tags&lt;/b&gt;")
                .contains("| ❌ | qa | failed | 2026-11-21T10:00:00Z | `abc1234 (feat\\|x)` | unhealthy (HTTP 503) |")
                .contains("**qa** approved: eve | mallory at 2026-11-21T09:00:00Z: &lt;script&gt;x&lt;/script&gt;")
                .doesNotContain("<script>")
                .contains("  env_qa --> env_pre_prod\n", "  class env_qa failed\n", "  class env_pre_prod pending\n")
                .doesNotContain("style env_");
        assertThat(Json.mapper().valueToTree(status(qa)).path("environments").get(1).path("state").asText())
                .isEqualTo("not_deployed");
    }

    @Test
    void highlightedEnvironmentIsMarkedInTableAndChart() {
        DeploymentRecord qa = DeploymentRecord.builder().status("deployed").deployedAt("2026-11-21T10:00:00Z")
                .commit("abc1234def").healthStatus("healthy").build();

        String md = new MarkdownStatusRenderer().render(status(qa), "qa");

        assertThat(md).contains("| ✅ | **qa** (this run) | deployed |", "env_qa[\"✅ qa<br/>abc1234<br/>healthy\"]",
                "  style env_qa stroke-width:4px\n");
    }
}
