package io.specweave.deploy.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.specweave.deploy.Command;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import io.specweave.deploy.TestProjects;
import io.specweave.deploy.app.ChangeOutcome;
import io.specweave.deploy.app.FlagOutcome;
import io.specweave.deploy.app.Request;
import io.specweave.deploy.app.StatusOutcome;
import io.specweave.deploy.app.TestOperations;
import io.specweave.deploy.dora.DoraReport;
import io.specweave.deploy.report.CiRendering.Entry;
import io.specweave.deploy.report.CiRendering.Kind;
import io.specweave.deploy.report.CiRendering.Rendered;
import io.specweave.deploy.status.PipelineStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a CI step shows of each result: log sections and annotations in order, outputs, summary, exit code. */
class CiRenderingTest {

    private static final String COMMIT = "aaaaaaa111111111111111111111111111111111";

    /** A front end's spelling that shows where inputs are: {@code [name=value]}. */
    private static final Message.Spelling BRACKETS = new Message.Spelling() {
        @Override
        public String input(Input input, String value) {
            return "[" + input.word() + (value == null ? "" : "=" + value) + "]";
        }

        @Override
        public String command(Command command, List<Message.Arg> args) {
            return command.word();
        }
    };

    private static final CiRendering CI = new CiRendering("Deploy", BRACKETS);

    @TempDir
    Path dir;

    private final TestOperations run = TestOperations.at("2026-11-20T10:00:00Z");

    private ChangeOutcome<?> sync(String environment) {
        return run.operations().sync(TestOperations.request(dir).environment(environment).commit(COMMIT)
                .branch("main").deployedBy("ci-bot").build());
    }

    private PipelineStatus pipeline() {
        return run.operations().status(TestOperations.request(dir).refresh(false).dora(false).build()).pipeline();
    }

    private static List<Kind> kinds(Rendered rendered) {
        return rendered.log().stream().map(Entry::kind).toList();
    }

    @Test
    void aChangeShowsWhatItDidThenThePipelineThenItsHeadlineAsANotice() {
        TestProjects.create(dir, null, null);
        ChangeOutcome<?> outcome = sync("dev");

        Rendered rendered = CI.change(outcome, pipeline());

        assertThat(kinds(rendered)).containsExactly(Kind.SECTION, Kind.SECTION, Kind.NOTICE);
        assertThat(rendered.log().get(0).title()).isEqualTo("0018-oauth-google → dev: sync");
        assertThat(rendered.log().get(0).text()).isEqualTo(new OutcomeText(true).render(outcome));
        assertThat(rendered.log().get(1).title()).isEqualTo("Pipeline status of 0018-oauth-google");
        assertThat(rendered.log().get(2).text()).isEqualTo(new OutcomeText(true).headline(outcome)).startsWith("Recorded");
        assertThat(rendered.outputs().keySet()).startsWith("increment", "environment", "profile").endsWith("status");
        assertThat(rendered.outputs()).containsEntry("environment", "dev").containsEntry("profile", "local-dev")
                .containsKey("deployment");
        assertThat(rendered.outputs().get("status")).startsWith("{").contains("\"environment\":\"dev\"");
        assertThat(rendered.summary()).startsWith("## Deploy: 0018-oauth-google → dev\n\n✅ ")
                .contains("```mermaid");
        assertThat(rendered.exitCode()).isZero();
    }

    @Test
    void aRefusedChangeEndsWithItsProblemAsAnErrorInTheFrontEndsSpelling() {
        TestProjects.create(dir, null, "\"promotion\": {\"requirePrevious\": true}");

        Rendered rendered = CI.change(sync("staging"), null);

        assertThat(kinds(rendered)).containsExactly(Kind.SECTION, Kind.ERROR);
        assertThat(rendered.log().get(1).text()).contains("promotion to staging refused")
                .contains("pass [force] to record it anyway");
        assertThat(rendered.outputs()).doesNotContainKey("status").containsEntry("environment", "staging");
        // The spelling's brackets are text here, not a link: escaped, they show as written.
        assertThat(rendered.summary()).contains("> [!CAUTION]").contains("\\[force\\]").doesNotContain("```mermaid");
        assertThat(rendered.exitCode()).isEqualTo(1);
    }

    @Test
    void theSummaryShowsTheInputsAsTextAndLinksOnlyToTheRun() {
        TestProjects.create(dir, null, null);
        ChangeOutcome<?> outcome = run.operations().sync(TestOperations.request(dir).environment("dev")
                .commit("abc1234").branch("main|x").deployedBy("[boss](https://evil.example) <b>")
                .runUrl("https://ci.example/run(1)").build());

        String summary = CI.change(outcome, pipeline()).summary();

        // A link to it would be "](https://evil.example)" with the bracket unescaped.
        assertThat(summary).doesNotContainPattern("[^\\\\]\\]\\(https://evil").doesNotContain("<b>")
                .contains(" · commit `abc1234` · [run](https://ci.example/run%281%29)\n")
                .contains("| \\[boss\\](https&#8203;://evil.example) &lt;b&gt; | `abc1234` main\\|x |");
    }

    @Test
    void aBareUrlOrHostInAValueIsNoLinkOfTheSummaryWhileTheToolsOwnLinksStay() {
        TestProjects.create(dir, null, null);
        ChangeOutcome<?> outcome = run.operations().sync(TestOperations.request(dir).environment("dev")
                .commit("abc1234").deployedBy("see https://evil.example/x and www.evil.example, or ops@evil.example")
                .runUrl("https://ci.example/run/1").build());

        String summary = CI.change(outcome, pipeline()).summary();

        assertThat(summary).doesNotContain("https://evil", "www.evil", "ops@evil")
                .contains("| see https&#8203;://evil.example/x and www&#8203;.evil.example, or ops@&#8203;evil.example |")
                .contains("[run](https://ci.example/run/1)");
    }

    @Test
    void statusShowsWhatTheRefreshReadBeforeThePipelineAndItsWarningsAfter() {
        TestProjects.create(dir, null, null);
        StatusOutcome outcome = new StatusOutcome(pipeline(), null, null, List.of(Message.text("qa (local-qa): read"),
                Message.text("prod: none")),
                List.of("DORA block left out: unreadable"));

        Rendered rendered = CI.status(outcome);

        assertThat(rendered.log()).containsExactly(
                new Entry(Kind.SECTION, "Refreshed 0018-oauth-google from its tracking items", "qa (local-qa): read\nprod: none"),
                new Entry(Kind.SECTION, "Pipeline status of 0018-oauth-google", new TextStatusRenderer(true).render(outcome.pipeline())),
                new Entry(Kind.WARNING, null, "DORA block left out: unreadable"));
        assertThat(rendered.outputs().keySet()).containsExactly("increment", "status");
        assertThat(rendered.summary()).startsWith("## Deploy: 0018-oauth-google\n\n");
        assertThat(rendered.exitCode()).isZero();
    }

    @Test
    void doraIsASectionWithItsWarningsAndTheReportAsJson() {
        TestProjects.create(dir, null, null);
        sync("prod");
        DoraReport report = run.operations().dora(Request.builder(dir).build()).withWarning("lead time: shallow clone");

        Rendered rendered = CI.dora(report);

        assertThat(kinds(rendered)).containsExactly(Kind.SECTION, Kind.WARNING);
        assertThat(rendered.log().get(0).title()).isEqualTo("DORA metrics");
        assertThat(rendered.log().get(1).text()).isEqualTo("lead time: shallow clone");
        assertThat(rendered.outputs().keySet()).containsExactly("environment", "dora");
        assertThat(rendered.outputs().get("dora")).startsWith("{")
                .contains("\"deploymentFrequency\":{", "\"warnings\":[\"lead time: shallow clone\"]");
        assertThat(CI.dora(run.operations().dora(Request.builder(dir).build())).outputs().get("dora"))
                .doesNotContain("warnings");
        assertThat(rendered.summary()).startsWith("## Deploy: DORA metrics");
    }

    @Test
    void aFlagChangeIsANoticeAndTheMatrixASection() {
        TestProjects.create(dir, null, null);
        FlagOutcome set = run.operations().featureFlag(Request.builder(dir).flagAction(Request.FlagAction.ENABLE)
                .flag("newCheckout").environment("qa").createFlag(true).build());
        FlagOutcome list = run.operations().featureFlag(Request.builder(dir).flagAction(Request.FlagAction.LIST).build());

        Rendered change = CI.flags(set);
        Rendered matrix = CI.flags(list);

        assertThat(change.log()).containsExactly(new Entry(Kind.NOTICE, null, FlagText.change(set.change())));
        assertThat(change.outputs()).containsExactly(java.util.Map.entry("environment", "qa"));
        assertThat(matrix.log()).containsExactly(new Entry(Kind.SECTION, "Feature flags", FlagText.table(list.matrix())));
        assertThat(matrix.outputs()).isEmpty();
        assertThat(matrix.summary()).startsWith("## Deploy: feature flags");
    }
}
