package io.specweave.deploy.report;

import io.specweave.deploy.Json;
import io.specweave.deploy.Message;
import io.specweave.deploy.app.AllEnvironmentsOutcome;
import io.specweave.deploy.app.ChangeOutcome;
import io.specweave.deploy.app.FlagOutcome;
import io.specweave.deploy.app.StatusOutcome;
import io.specweave.deploy.dora.DoraReport;
import io.specweave.deploy.status.PipelineStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a front end that runs as a step of a CI job (the GitHub Action, a Jenkins step) shows each
 * operation's result: the log as sections that fold under a title and annotations (notices,
 * warnings, errors) in the order a reader meets them, named outputs, a Markdown summary and the exit
 * code. The front end only writes these in its platform's words. Log text is plain: a CI log shows
 * no colours, and every carriage return as a new line.
 */
public final class CiRendering {

    /** A section of the log, or an annotation. */
    public enum Kind { SECTION, NOTICE, WARNING, ERROR }

    /** One entry of the log; {@code title} is a section's, null for an annotation. */
    public record Entry(Kind kind, String title, String text) {

        static Entry section(String title, String text) {
            return new Entry(Kind.SECTION, title, text);
        }
    }

    /**
     * One result, ready to show.
     *
     * @param log      sections and annotations, in order
     * @param outputs  what the result reports by name, in core's names ({@code trackingUrl}), as text
     *                 (JSON text for the structured ones: deployment, status, dora, testResults, metrics)
     * @param summary  the result as Markdown, for a job summary
     * @param exitCode 0, or 1 when the operation failed
     */
    public record Rendered(List<Entry> log, Map<String, String> outputs, String summary, int exitCode) {

        public Rendered {
            log = List.copyOf(log);
            outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        }
    }

    private final OutcomeMarkdown markdown;
    private final Message.Spelling spelling;

    /** @param title the summary's headings begin with it, e.g. the product's name */
    public CiRendering(String title, Message.Spelling spelling) {
        this.markdown = new OutcomeMarkdown(title);
        this.spelling = spelling;
    }

    /**
     * An operation on one environment: what it did, its warnings, the increment's pipeline after it
     * (when given), where the record lives now when a commit-back was asked for or failed, then the
     * headline as a notice or the problem as an error.
     */
    public Rendered change(ChangeOutcome<?> outcome, PipelineStatus pipeline) {
        List<Entry> log = new ArrayList<>();
        log.add(Entry.section(outcome.incrementId() + " → " + outcome.target().describe() + ": " + outcome.operation(),
                new OutcomeText(true, spelling).render(outcome)));
        outcome.warnings().forEach(w -> log.add(new Entry(Kind.WARNING, null, w)));
        Map<String, String> outputs = new LinkedHashMap<>(OutcomeJson.named(outcome));
        if (pipeline != null) {
            pipeline(pipeline, log, outputs);
        }
        end(log, Persistence.of(outcome), outcome.commit() != null, new OutcomeText(true, spelling).headline(outcome),
                outcome.exitCode() == 0 ? null : outcome.problem());
        return new Rendered(log, outputs, markdown.summary(outcome, pipeline, spelling), outcome.exitCode());
    }

    /**
     * A deployment of one commit to every environment: what each environment recorded (a section), each
     * environment's warnings, the pipeline after it, where the records live now, then the headline as a
     * notice or where and why it stopped as an error.
     */
    public Rendered allEnvironments(AllEnvironmentsOutcome outcome, PipelineStatus pipeline) {
        List<Entry> log = new ArrayList<>();
        log.add(Entry.section(outcome.increment() + " → every environment: deploy",
                new OutcomeText(true, spelling).render(outcome)));
        outcome.warnings().forEach(w -> log.add(new Entry(Kind.WARNING, null, w)));
        outcome.recorded().forEach(r -> outcome.ownWarnings(r).forEach(w -> log.add(new Entry(Kind.WARNING, null,
                r.environment() + ": " + w))));
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("increment", outcome.increment());
        if (pipeline != null) {
            pipeline(pipeline, log, outputs);
        }
        end(log, Persistence.of(outcome), outcome.commitBack() != null, new OutcomeText(true, spelling).headline(outcome),
                outcome.problem());
        return new Rendered(log, outputs, markdown.summary(outcome, pipeline, spelling), outcome.exitCode());
    }

    /** One increment's pipeline, after what a refresh read from the tracking items. */
    public Rendered status(StatusOutcome outcome) {
        List<Entry> log = new ArrayList<>();
        PipelineStatus status = outcome.dora() == null ? outcome.pipeline()
                : outcome.pipeline().withDora(outcome.dora());
        if (!outcome.refreshed().isEmpty()) {
            log.add(Entry.section("Refreshed " + status.id() + " from its tracking items",
                    String.join("\n", Message.render(outcome.refreshed(), spelling))));
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        pipeline(status, log, outputs);
        outcome.warnings().forEach(w -> log.add(new Entry(Kind.WARNING, null, w)));
        return new Rendered(log, outputs, markdown.status(status), 0);
    }

    public Rendered dora(DoraReport report) {
        List<Entry> log = new ArrayList<>();
        log.add(Entry.section("DORA metrics", new TextStatusRenderer(true).renderDora(report)));
        report.warnings().forEach(w -> log.add(new Entry(Kind.WARNING, null, w)));
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("environment", report.environment());
        outputs.put("dora", Json.compact(report));
        return new Rendered(log, outputs, markdown.dora(report), 0);
    }

    /**
     * A flag change (a notice), the flags matrix or an environment's export (a section). A change
     * recorded in an increment's history is that change, shown as {@link #change} shows it.
     */
    public Rendered flags(FlagOutcome outcome) {
        if (outcome.recorded() != null) {
            return change(outcome.recorded(), null);
        }
        Entry entry = outcome.change() != null
                ? new Entry(Kind.NOTICE, null, FlagText.change(outcome.change(), outcome.dryRun()))
                : Entry.section("Feature flags" + (outcome.environment() == null ? "" : " of " + outcome.environment()),
                        outcome.matrix() != null ? FlagText.table(outcome.matrix()) : outcome.export());
        Map<String, String> outputs = new LinkedHashMap<>();
        if (outcome.environment() != null) {
            outputs.put("environment", outcome.environment());
        }
        List<Entry> log = new ArrayList<>();
        if (!outcome.refreshed().isEmpty()) {
            log.add(Entry.section("Read as the branch has it now", String.join("\n", Message.render(
                    outcome.refreshed(), spelling))));
        }
        String summary = markdown.flags(outcome, spelling);
        if (outcome.change() != null && !outcome.dryRun()) {
            // Where the change lives now, as a change of a record says it; before the change itself.
            Persistence persistence = Persistence.of(outcome);
            if (persistence.warning() || outcome.commit() != null) {
                log.add(new Entry(persistence.warning() ? Kind.WARNING : Kind.NOTICE, null,
                        persistence.logLine(spelling)));
                summary += "\n" + persistence.markdown(spelling);
            }
        }
        log.add(entry);
        outcome.warnings().forEach(w -> log.add(new Entry(Kind.WARNING, null, w)));
        return new Rendered(log, outputs, summary, 0);
    }

    /** The summary of a run that ended in an error before any result, saying {@code message}. */
    public String failureSummary(String message) {
        return markdown.failure(message);
    }

    /**
     * How a change's log ends: where the record lives now, when a commit-back was asked for or failed;
     * then the headline as a notice, or the problem (when there is one) as an error.
     */
    private void end(List<Entry> log, Persistence persistence, boolean commitAsked, String headline, Message problem) {
        if (persistence.warning() || commitAsked) {
            log.add(new Entry(persistence.warning() ? Kind.WARNING : Kind.NOTICE, null,
                    persistence.logLine(spelling)));
        }
        log.add(problem == null ? new Entry(Kind.NOTICE, null, headline)
                : new Entry(Kind.ERROR, null, problem.render(spelling)));
    }

    /** The pipeline as a log section, and as the status output (and the increment's, unless given). */
    private static void pipeline(PipelineStatus status, List<Entry> log, Map<String, String> outputs) {
        log.add(Entry.section("Pipeline status of " + status.id(), new TextStatusRenderer(true).render(status)));
        outputs.putIfAbsent("increment", status.id());
        outputs.put("status", Json.compact(StatusJson.of(status, false)));
    }
}
