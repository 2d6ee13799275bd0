package io.specweave.deploy.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.specweave.deploy.Message;
import io.specweave.deploy.app.DoraService;
import io.specweave.deploy.app.Project;
import io.specweave.deploy.app.StatusOutcome;
import io.specweave.deploy.app.StatusService;
import io.specweave.deploy.dora.DoraReport;
import io.specweave.deploy.status.PipelineStatus;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One result in each format a printing front end asks for: the renderer, the notes beside it, the exit code. */
class RenderingTest {

    private static final Terminal PLAIN = new Terminal(true, false, false);
    private static final Message.Spelling DOMAIN = Message.Spelling.DOMAIN;

    @TempDir
    Path dir;

    private PipelineStatus pipeline;
    private DoraReport dora;

    @BeforeEach
    void load() throws IOException, URISyntaxException {
        Path source = Path.of(RenderingTest.class.getResource("/status/product-doc").toURI());
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path to = dir.resolve(source.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Project project = Project.open(dir);
        pipeline = new StatusService(project).status("0018");
        Clock now = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
        dora = new DoraService(project, now).report("90d");
    }

    private static Rendering in(Rendering.Format format) {
        return new Rendering(format, PLAIN, DOMAIN);
    }

    @Test
    void statusShowsThePipelineWithItsDoraBlockInEachFormatAndPutsRefreshAndWarningsBesideIt() {
        StatusOutcome outcome = new StatusOutcome(pipeline, null, dora, List.of(Message.text("qa: record read")),
                List.of("no DORA block"));
        PipelineStatus shown = pipeline.withDora(dora);

        Rendering.Rendered text = in(Rendering.Format.TEXT).status(outcome, false);
        Rendering.Rendered markdown = in(Rendering.Format.MARKDOWN).status(outcome, false);

        assertThat(text.body()).isEqualTo(new TextStatusRenderer(true, false).render(shown));
        assertThat(markdown.body()).isEqualTo(new MarkdownStatusRenderer().render(shown, null));
        assertThat(text.notes()).containsExactly("refresh qa: record read", "warning: no DORA block");
        assertThat(markdown.notes()).isEqualTo(text.notes());
        assertThat(text.exitCode()).isZero();
        assertThat(text.problems()).isEmpty();
    }

    @Test
    void statusWithHistoryAddsEachEnvironmentsEarlierDeployments() {
        StatusOutcome outcome = new StatusOutcome(pipeline, null, null, List.of(), List.of());
        TextStatusRenderer renderer = new TextStatusRenderer(true, false);

        assertThat(in(Rendering.Format.TEXT).status(outcome, true).body())
                .isEqualTo(renderer.render(pipeline) + renderer.renderHistory(pipeline));
        assertThat(in(Rendering.Format.JSON).status(outcome, true).body())
                .contains("\"history\"").endsWith("}\n");
    }

    /** The pipeline of a project of its own whose prod record is {@code prod}, as metadata.json holds it. */
    private PipelineStatus withProd(String prod) {
        Path other = dir.resolve("other");
        io.specweave.deploy.testing.TestProject.in(other).localProfiles("prod").increment("0018-oauth", "OAuth",
                "{\"id\": \"0018-oauth\", \"deployments\": {\"prod\": " + prod + "}}");
        return new StatusService(Project.open(other)).status("0018");
    }

    @Test
    void anEarlierDeploymentWithoutItsTimeSaysSoRatherThanNull() {
        PipelineStatus status = withProd("""
                {"status": "deployed", "commit": "c200000", "deployedAt": "2026-12-01T00:00:00Z",
                 "history": [{"status": "deployed", "commit": "c100000"}]}""");

        assertThat(new TextStatusRenderer(true, false).renderHistory(status))
                .contains("  (no time)  deployed  c100000").doesNotContain("null");
    }

    @Test
    void approvalsThatAreNoObjectsAreShownAsWrittenAndNamelessOnesSaySo() {
        PipelineStatus status = withProd("""
                {"status": "deployed", "commit": "c200000", "deployedAt": "2026-12-01T00:00:00Z",
                 "approvals": ["lgtm", null, {"role": "QA"}]}""");

        assertThat(new TextStatusRenderer(true, false).render(status))
                .contains("Approved: \"lgtm\" (as written: names nobody); nobody named (QA)");
    }

    @Test
    void doraWarningsGoBesideTheResultOnlyInJsonBecauseTextAndMarkdownCarryThem() {
        DoraReport warned = dora.withWarning("lead time: shallow clone");

        assertThat(in(Rendering.Format.JSON).dora(warned).notes()).containsExactly("warning: lead time: shallow clone");
        assertThat(in(Rendering.Format.TEXT).dora(warned).notes()).isEmpty();
        assertThat(in(Rendering.Format.TEXT).dora(warned).body()).contains("lead time: shallow clone");
        assertThat(in(Rendering.Format.MARKDOWN).dora(warned).body())
                .isEqualTo(new MarkdownStatusRenderer().renderDora(warned));
    }
}
