package io.specweave.deploy.report;

import io.specweave.deploy.MarkdownText;
import io.specweave.deploy.Message;
import io.specweave.deploy.app.AllEnvironmentsOutcome;
import io.specweave.deploy.app.CanaryDetail;
import io.specweave.deploy.app.ChangeOutcome;
import io.specweave.deploy.app.FlagOutcome;
import io.specweave.deploy.app.SlotDetail;
import io.specweave.deploy.dora.DoraReport;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.DeploymentStatus;
import io.specweave.deploy.model.Slot;
import io.specweave.deploy.model.SlotsState;
import io.specweave.deploy.status.EnvironmentStatus;
import io.specweave.deploy.status.PipelineStatus;
import java.util.List;

/**
 * An outcome as GitHub-flavoured Markdown, for a step summary: what was done where (with a mark,
 * the commit and a link to the run), the warnings and problems as alerts, and the increment's
 * pipeline as a table and a Mermaid diagram with the environment outlined. Values from files and
 * inputs are shown as the text they are ({@link MarkdownText}).
 */
public final class OutcomeMarkdown {

    private final String title;

    /** @param title the heading's first words, e.g. the product's name */
    public OutcomeMarkdown(String title) {
        this.title = title;
    }

    /** The headline, warnings and problems, where the record lives now, and the pipeline (when given). */
    public String summary(ChangeOutcome<?> outcome, PipelineStatus pipeline, Message.Spelling spelling) {
        StringBuilder md = new StringBuilder("## " + title + ": " + inline(outcome.increment().id()) + " → "
                + inline(outcome.environment()) + "\n\n" + headline(outcome) + "\n\n");
        outcome.warnings().forEach(w -> md.append(MarkdownStatusRenderer.alert("WARNING", w)).append('\n'));
        outcome.problems().forEach(p -> md.append(MarkdownStatusRenderer.alert("CAUTION", p.render(spelling)))
                .append('\n'));
        readFirst(md, Message.render(outcome.refreshed(), spelling));
        md.append(Persistence.of(outcome).markdown(spelling)).append('\n');
        if (pipeline != null) {
            md.append(new MarkdownStatusRenderer().render(pipeline, outcome.environment())).append('\n');
        }
        return md.toString();
    }

    /**
     * A deployment to every environment: where it was recorded (each environment's headline), where it
     * stopped and why, where the records live now, and the pipeline after it.
     */
    public String summary(AllEnvironmentsOutcome outcome, PipelineStatus pipeline, Message.Spelling spelling) {
        StringBuilder md = new StringBuilder("## " + title + ": " + inline(outcome.increment())
                + " → every environment\n\n" + (outcome.exitCode() == 0 ? "✅ " : "❌ ")
                + inline(new OutcomeText(true).headline(outcome)) + "\n\n");
        outcome.recorded().forEach(r -> md.append("- ").append(headline(r)).append('\n'));
        outcome.notRecorded().forEach(env -> md.append("- ⏭️ ").append(inline(env)).append(": not recorded\n"));
        md.append('\n');
        outcome.warnings().forEach(w -> md.append(MarkdownStatusRenderer.alert("WARNING", w)).append('\n'));
        outcome.recorded().forEach(r -> outcome.ownWarnings(r).forEach(w -> md.append(MarkdownStatusRenderer.alert(
                "WARNING", r.environment() + ": " + w)).append('\n')));
        if (outcome.problem() != null) {
            md.append(MarkdownStatusRenderer.alert("CAUTION", outcome.problem().render(spelling))).append('\n');
        }
        readFirst(md, Message.render(outcome.refreshed(), spelling));
        md.append(Persistence.of(outcome).markdown(spelling)).append('\n');
        if (pipeline != null) {
            md.append(new MarkdownStatusRenderer().render(pipeline, null)).append('\n');
        }
        return md.toString();
    }

    /** The first line: a mark, what was done (the text view's headline), the commit and a link to the run. */
    public String headline(ChangeOutcome<?> outcome) {
        String text = new OutcomeText(true).headline(outcome);
        DeploymentRecord r = outcome.record();
        // A recorded failure is the deployment's, not the step's: it still reads as a failure.
        boolean failedDeployment = r != null && r.status() != null && r.status().is(DeploymentStatus.Kind.FAILED);
        // A started deployment is neither done nor failed: the pipeline view's mark for it.
        boolean started = r != null && r.status() != null && r.status().is(DeploymentStatus.Kind.IN_PROGRESS);
        String mark = outcome.dryRun() ? "📝" : outcome.exitCode() != 0 && outcome.result().recorded()
                && !failedDeployment ? "⚠️" : outcome.exitCode() != 0 || failedDeployment ? "❌"
                : started && outcome.detail() == null ? EnvironmentStatus.mark(EnvironmentStatus.IN_PROGRESS) : "✅";
        StringBuilder md = new StringBuilder(mark + " " + inline(text));
        String commit = commit(outcome);
        if (commit != null && !text.contains(commit)) {
            md.append(" · commit ").append(MarkdownText.code(commit.substring(0, Math.min(12, commit.length()))));
        }
        if (r != null && MarkdownText.target(r.runUrl()) != null) {
            md.append(" · ").append(MarkdownText.link("run", r.runUrl()));
        }
        return md.toString();
    }

    /**
     * The commit the change is about: the slot's for a slot deployment (to an idle slot, the live
     * record holds another commit), the canary's for a canary step, else the record's.
     */
    private static String commit(ChangeOutcome<?> outcome) {
        if (outcome.detail() instanceof SlotDetail slot && slot.slot() != null) {
            Slot deployed = SlotsState.read(outcome.stored()).slot(slot.slot());
            return deployed == null ? null : deployed.commit();
        }
        if (outcome.detail() instanceof CanaryDetail canary) {
            return canary.canary().commit();
        }
        return outcome.record() == null ? null : outcome.record().commit();
    }

    /** One increment's pipeline, for a summary without a change. */
    public String status(PipelineStatus pipeline) {
        return "## " + title + ": " + inline(pipeline.id()) + "\n\n" + new MarkdownStatusRenderer().render(pipeline, null)
                + "\n";
    }

    public String dora(DoraReport report) {
        return "## " + title + ": DORA metrics\n\n" + new MarkdownStatusRenderer().renderDora(report);
    }

    /** A flag change, the flags matrix, or an environment's export. */
    public String flags(FlagOutcome outcome, Message.Spelling spelling) {
        StringBuilder md = new StringBuilder("## " + title + ": feature flags\n\n");
        if (outcome.change() != null) {
            md.append(MarkdownText.line(FlagText.change(outcome.change(), outcome.dryRun()))).append('\n');
            if (!outcome.refreshed().isEmpty()) {
                readFirst(md.append('\n'), Message.render(outcome.refreshed(), spelling));
            }
        } else if (outcome.matrix() != null) {
            md.append(FlagText.markdown(outcome.matrix()));
        } else {
            String export = outcome.export();
            md.append("Export of ").append(inline(outcome.environment())).append(":\n\n```\n")
                    .append(export.replace("```", "'''")).append(export.endsWith("\n") ? "" : "\n").append("```\n");
        }
        return md.toString();
    }

    /** A run that ended in an error: the message is this tool's words, its code spans kept. */
    public String failure(String message) {
        return "## " + title + " failed\n\n❌ " + MarkdownText.message(message) + "\n";
    }

    /** What the change read before it decided: tracking items' copies, the branch's version of a file. */
    private static void readFirst(StringBuilder md, List<String> refreshed) {
        if (refreshed.isEmpty()) {
            return;
        }
        md.append("Read before deciding:\n\n");
        // Our own words: the code spans that name inputs are kept.
        refreshed.forEach(line -> md.append("- ").append(MarkdownText.message(line)).append('\n'));
        md.append('\n');
    }

    private static String inline(String text) {
        return MarkdownText.text(text);
    }
}
