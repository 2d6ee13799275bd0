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
import java.util.List;

/**
 * How a front end that prints (the CLI) shows each operation's result in the format asked: which
 * renderer, what goes beside the result on the error stream, and the exit code — so commands only
 * map their options and print what this returns.
 */
public final class Rendering {

    /** Text for people (the default), Markdown for pull requests and job summaries, JSON for programs. */
    public enum Format { TEXT, MARKDOWN, JSON }

    /**
     * One result, ready to print.
     *
     * @param body     what goes to stdout, as printed (line ends included)
     * @param notes    lines for stderr before it ({@code warning: ...}, {@code refresh ...})
     * @param problems what went wrong, each an {@code error:} line after it, in the front end's spelling
     * @param exitCode 0, or 1 when the operation failed
     */
    public record Rendered(String body, List<String> notes, List<Message> problems, int exitCode) {

        public Rendered {
            notes = List.copyOf(notes);
            problems = List.copyOf(problems);
        }

        static Rendered of(String body) {
            return new Rendered(body, List.of(), List.of(), 0);
        }
    }

    private final Format format;
    private final Terminal terminal;
    private final Message.Spelling spelling;

    public Rendering(Format format, Terminal terminal, Message.Spelling spelling) {
        this.format = format;
        this.terminal = terminal;
        this.spelling = spelling;
    }

    public Rendered change(ChangeOutcome<?> outcome) {
        String body = format == Format.JSON ? Json.pretty(OutcomeJson.of(outcome, spelling))
                : new OutcomeText(terminal.plain(), spelling).render(outcome);
        return new Rendered(body + "\n", List.of(), outcome.problems(), outcome.exitCode());
    }

    public Rendered allEnvironments(AllEnvironmentsOutcome outcome) {
        String body = format == Format.JSON ? Json.pretty(OutcomeJson.of(outcome, spelling))
                : new OutcomeText(terminal.plain(), spelling).render(outcome);
        return new Rendered(body + "\n", List.of(),
                outcome.problem() == null ? List.of() : List.of(outcome.problem()), outcome.exitCode());
    }

    /** {@code status} of one increment: its pipeline, the DORA block, and each environment's history when asked. */
    public Rendered status(StatusOutcome outcome, boolean history) {
        List<String> notes = new ArrayList<>();
        Message.render(outcome.refreshed(), spelling).forEach(line -> notes.add("refresh " + line));
        outcome.warnings().forEach(line -> notes.add("warning: " + line));
        PipelineStatus status = outcome.dora() == null ? outcome.pipeline()
                : outcome.pipeline().withDora(outcome.dora());
        String body = switch (format) {
            case MARKDOWN -> {
                MarkdownStatusRenderer markdown = new MarkdownStatusRenderer();
                yield markdown.render(status, null) + (history ? markdown.renderHistory(status) : "");
            }
            case JSON -> Json.pretty(StatusJson.of(status, history)) + "\n";
            case TEXT -> text().render(status) + (history ? text().renderHistory(status) : "");
        };
        return new Rendered(body, notes, List.of(), 0);
    }

    /** {@code status} of every increment, a row each. */
    public Rendered increments(StatusOutcome outcome) {
        String body = switch (format) {
            case JSON -> Json.pretty(outcome.increments()) + "\n";
            case MARKDOWN -> new MarkdownStatusRenderer().renderList(outcome.increments());
            case TEXT -> text().renderList(outcome.increments());
        };
        return new Rendered(body, outcome.warnings().stream().map(w -> "warning: " + w).toList(), List.of(), 0);
    }

    public Rendered dora(DoraReport report) {
        // The text and Markdown blocks carry their warnings; JSON is read by programs, not people.
        List<String> notes = format == Format.JSON ? report.warnings().stream().map(w -> "warning: " + w).toList()
                : List.of();
        String body = switch (format) {
            case JSON -> Json.pretty(report) + "\n";
            case MARKDOWN -> new MarkdownStatusRenderer().renderDora(report);
            case TEXT -> text().renderDora(report);
        };
        return new Rendered(body, notes, List.of(), 0);
    }

    /**
     * {@code feature-flag enable|disable|list|export}: the change as recorded in an increment's history
     * when it was, else the change, the matrix or the export as asked (Markdown shows the text).
     */
    public Rendered flags(FlagOutcome outcome) {
        if (outcome.recorded() != null) {
            return change(outcome.recorded());
        }
        boolean json = format == Format.JSON;
        List<String> notes = new ArrayList<>();
        Message.render(outcome.refreshed(), spelling).forEach(line -> notes.add("refresh " + line));
        outcome.warnings().forEach(line -> notes.add("warning: " + line));
        return new Rendered(switch (outcome.action()) {
            case EXPORT -> outcome.export();
            case LIST -> json ? Json.pretty(FlagText.json(outcome.matrix())) + "\n" : FlagText.table(outcome.matrix());
            case ENABLE, DISABLE -> (json ? Json.pretty(outcome.change())
                    : FlagText.change(outcome.change(), outcome.dryRun())) + "\n";
        }, notes, List.of(), 0);
    }

    private TextStatusRenderer text() {
        return new TextStatusRenderer(terminal.plain(), terminal.colour());
    }
}
