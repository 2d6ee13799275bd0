package io.specweave.deploy.report;

import io.specweave.deploy.status.EnvironmentStatus;
import io.specweave.deploy.status.PipelineStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.specweave.deploy.model.DeploymentRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownStatusRendererTest {

    private static EnvironmentStatus deployed(String environment, DeploymentRecord record) {
        return new EnvironmentStatus(environment, EnvironmentStatus.stateOf(record.status()), "p-" + environment, "github",
                record.trackingId(), record.trackingUrl(), record);
    }

    private static EnvironmentStatus pending(String environment) {
        return new EnvironmentStatus(environment, EnvironmentStatus.NOT_DEPLOYED, null, null, null, null, null);
    }

    private static PipelineStatus status(EnvironmentStatus... environments) {
        return new PipelineStatus("0018-oauth-google", "OAuth <Google> login", "active", List.of(environments),
                null, null, List.of());
    }

    @Test
    void flowchartLinksTheEnvironmentsInOrderAndHighlightsOne() {
        DeploymentRecord dev = DeploymentRecord.builder().status(io.specweave.deploy.model.DeploymentStatus.of("deployed")).deployedAt("2026-11-27T10:15:00Z").build();
        DeploymentRecord qa = DeploymentRecord.builder().status(io.specweave.deploy.model.DeploymentStatus.of("failed")).build();

        String mermaid = new MarkdownStatusRenderer().mermaid(status(deployed("dev", dev), deployed("qa", qa),
                pending("prod")), "qa");

        assertThat(mermaid).startsWith("```mermaid\nflowchart LR\n").endsWith("```\n")
                .contains("  env0[\"dev<br/>deployed\"]\n", "  env1[\"qa<br/>failed\"]\n",
                        "  env2[\"prod<br/>not deployed\"]\n", "  env0 --> env1\n", "  env1 --> env2\n",
                        "  class env0 deployed\n", "  class env1 failed\n", "  class env2 pending\n",
                        "  class env1 current\n")
                .doesNotContain("class env0 current").doesNotContain("class env2 current");
    }

    @Test
    void anAlertKeepsTheLinesOfItsMessageAndEscapesEachOne() {
        String refused = "promotion to prod refused for 0018 (deployment.promotion in config.json):\n"
                + "  requirePrevious: uat has no deployment\n  requireApproval: no <approval> yet\nnothing was recorded";

        assertThat(MarkdownStatusRenderer.alert("CAUTION", refused)).isEqualTo("> [!CAUTION]\n"
                + "> promotion to prod refused for 0018 (deployment.promotion in config.json):<br>\n"
                + "> requirePrevious: uat has no deployment<br>\n"
                + "> requireApproval: no &lt;approval&gt; yet<br>\n"
                + "> nothing was recorded\n");
    }

    @Test
    void tableCellsCannotBreakTheTableOrInjectMarkup() {
        DeploymentRecord record = DeploymentRecord.builder().status(io.specweave.deploy.model.DeploymentStatus.of("deployed")).deployedBy("eve | <script>x</script>")
                .branch("feature/a|b").deploymentUrl("javascript:alert(1)").issueNumber(7)
                .issueUrl("https://github.com/o/r/issues/7").build();

        String table = new MarkdownStatusRenderer().table(status(deployed("qa", record)), null);

        String row = table.lines().toList().get(2);
        assertThat(row).contains("eve \\| &lt;script&gt;x&lt;/script&gt;").contains("feature/a\\|b")
                .contains("| javascript:alert(1) |").doesNotContain("](javascript")
                .contains("github [#7](https://github.com/o/r/issues/7)");
        assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(9);
    }

    @Test
    void recordedValuesShowAsTextAndOnlyTheToolsOwnLinksAreLinks() {
        DeploymentRecord record = DeploymentRecord.builder().status(io.specweave.deploy.model.DeploymentStatus.of("deployed"))
                .deployedAt("2026-11-27T10:15:00Z").deployedBy("[boss](https://evil.example) <img src=x>")
                .commit("ab`|cdef").branch("`main`").tag("*v1*").healthMessage("_down_ ~~since~~ `now`")
                .deploymentUrl("https://qa.example/(x) [y](https://evil.example")
                .issueNumber(7).issueUrl("https://github.com/o/r/issues/7) [z](https://evil.example").build();

        String md = new MarkdownStatusRenderer().render(new PipelineStatus("0018-x", "Login [here](https://evil.example)",
                "active", List.of(deployed("qa", record)), null, null, List.of()), "qa");

        // A link to it would be "](https://evil.example)" with the bracket unescaped.
        assertThat(md).doesNotContainPattern("[^\\\\]\\]\\(https://evil").doesNotContain("<img")
                .startsWith("### 0018-x — Login \\[here\\](https&#8203;://evil.example)\n")
                .contains("\\[boss\\](https&#8203;://evil.example) &lt;img src=x&gt;", "``ab`\\|cdef`` \\`main\\` \\*v1\\*",
                        "[https://qa.example/(x) \\[y\\](https://evil.example](https://qa.example/%28x%29%20%5By%5D%28https://evil.example)",
                        "github [#7](https://github.com/o/r/issues/7%29%20%5Bz%5D%28https://evil.example)",
                        "**qa** health: \\_down\\_ \\~\\~since\\~\\~ \\`now\\`");
        String row = md.lines().filter(l -> l.startsWith("| **qa**")).findFirst().orElseThrow();
        assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(9);
    }

    @Test
    void wholeViewHasTitleTableDiagramAndTrackingLinks() {
        DeploymentRecord record = DeploymentRecord.builder().status(io.specweave.deploy.model.DeploymentStatus.of("deployed")).issueKey("PROD-12")
                .issueUrl("https://myorg.atlassian.net/browse/PROD-12").build();

        String md = new MarkdownStatusRenderer().render(status(deployed("prod", record)), "prod");

        assertThat(md).startsWith("### 0018-oauth-google — OAuth &lt;Google&gt; login\n")
                .contains("| **prod** ⬅ | ✅ deployed |")
                .contains("**Tracking items:** prod: [PROD-12](https://myorg.atlassian.net/browse/PROD-12)");
    }

    @Test
    void longViewsAreCutBelowTheLimitSayingSo() {
        String text = "| row |\n".repeat(2000);

        String cut = MarkdownStatusRenderer.truncate(text, 4096);

        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        assertThat(cut).endsWith("_(cut to stay within GitHub's 1 MiB step-summary limit)_\n")
                .doesNotContain("\uFFFD");
        assertThat(MarkdownStatusRenderer.truncate("short", 4096)).isEqualTo("short");
    }

    @Test
    void aSummaryFileKeepsWhatIsLeftOfTheLimitAfterEarlierSteps(@TempDir Path dir) throws IOException {
        Path summary = dir.resolve("step_summary.md");
        String markdown = "| row |\n".repeat(2000);
        assertThat(MarkdownStatusRenderer.fitInto(summary, markdown)).isEqualTo(markdown);

        Files.writeString(summary, "x".repeat(MarkdownStatusRenderer.DEFAULT_MAX_BYTES - 8192));
        String fitted = MarkdownStatusRenderer.fitInto(summary, markdown);

        assertThat(fitted.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(8192);
        assertThat(fitted).startsWith("| row |\n").endsWith("step-summary limit)_\n");

        Files.writeString(summary, "x".repeat(MarkdownStatusRenderer.DEFAULT_MAX_BYTES));
        assertThat(MarkdownStatusRenderer.fitInto(summary, markdown).getBytes(StandardCharsets.UTF_8))
                .hasSizeLessThanOrEqualTo(1024);
    }
}
