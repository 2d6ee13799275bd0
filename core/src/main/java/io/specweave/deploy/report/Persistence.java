package io.specweave.deploy.report;

import io.specweave.deploy.Input;
import io.specweave.deploy.MarkdownText;
import io.specweave.deploy.Message;
import io.specweave.deploy.app.AllEnvironmentsOutcome;
import io.specweave.deploy.app.ChangeOutcome;
import io.specweave.deploy.app.CommitBack;
import io.specweave.deploy.app.FlagOutcome;
import io.specweave.deploy.flags.FeatureFlagStore;
import io.specweave.deploy.model.FlagChange;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where an outcome's record lives now: committed back to the branch, or only in this job's
 * workspace (and on the tracking item), said the same way by every front end. Text may hold
 * Markdown code spans; a log drops the backticks.
 *
 * @param warning true when the user asked for a commit-back that did not reach the branch
 * @param text    the sentence
 * @param detail  what git said, for the log only; empty when nothing
 */
public record Persistence(boolean warning, Message text, String detail) {

    public static Persistence of(ChangeOutcome<?> outcome) {
        // A tracker that failed holds the previous record at best: the workspace alone has this one.
        return of(outcome.result().recorded(), outcome.dryRun(),
                "local".equals(outcome.target().profile().provider().id())
                        || outcome.result() == ChangeOutcome.Result.RECORDED_TRACKER_FAILED,
                // A flag change recorded in an increment's history is committed with the flags it set.
                outcome.detail() instanceof FlagChange ? List.of(metadata(outcome.incrementId()), FLAGS)
                        : List.of(metadata(outcome.incrementId())), "record", outcome.commit());
    }

    /**
     * Where a flag change that names no increment lives: only in {@code feature-flags.json}, which has
     * no tracking item, so a later job sees it only when it is committed back.
     */
    public static Persistence of(FlagOutcome outcome) {
        return of(outcome.change() != null, outcome.dryRun(), true, List.of(FLAGS), "flag change", outcome.commit());
    }

    /** Where the records of a deployment to every environment live: local only when every profile is. */
    public static Persistence of(AllEnvironmentsOutcome outcome) {
        return of(!outcome.recorded().isEmpty(), false, outcome.recorded().stream()
                .allMatch(r -> "local".equals(r.target().profile().provider().id())
                        || r.result() == ChangeOutcome.Result.RECORDED_TRACKER_FAILED), List.of(metadata(outcome.increment())),
                "record", outcome.commitBack());
    }

    private static final String FLAGS = ".specweave/" + FeatureFlagStore.RELATIVE_PATH;

    private static String metadata(String incrementId) {
        return incrementId + "/metadata.json";
    }

    private static Persistence of(boolean recorded, boolean dryRun, boolean localOnly, List<String> files, String what,
            CommitBack.Result commit) {
        // Each file a code span of its own, so a backtick in a name cannot end it.
        String file = files.stream().map(MarkdownText::code).collect(Collectors.joining(" and "));
        if (!recorded) {
            return new Persistence(false, Message.text(dryRun
                    ? "Dry run: nothing was written and no tracker was called." : "Nothing was written."), "");
        }
        String where = localOnly
                ? "the " + what + " lives only in this run's workspace, so later jobs (a fresh checkout) will not "
                        + "see it"
                : "the " + what + " is in this run's workspace and on the tracking item, where later jobs read it "
                        + "(every change and promotion gate does by itself)";
        if (commit == null) {
            return new Persistence(false, Message.of("Not committed (", Message.arg(Input.COMMIT_METADATA, "false"),
                    "): ", where, ". Set ", Message.arg(Input.COMMIT_METADATA, "true"),
                    " to commit " + files.stream().map(f -> MarkdownText.code(f.substring(f.lastIndexOf('/') + 1)))
                            .collect(Collectors.joining(" and ")) + " back to the branch."), "");
        }
        if (commit.onRemote()) {
            // The branch is the user's: a code span of its own, so a backtick in it cannot end it.
            String committed = commit.pushedCommit() == null
                    ? file + " on " + MarkdownText.code(commit.branch()) + (files.size() > 1 ? " already hold this "
                            : " already holds this ")
                            + what + "."
                    : "Committed " + file + " to " + MarkdownText.code(commit.branch()) + " ("
                            + commit.pushedCommit() + ")"
                            + (commit.attempts() > 1 ? " after " + commit.attempts() + " attempts" : "") + ".";
            if (commit.git().notCarried().isEmpty()) {
                return new Persistence(false, Message.text(committed), "");
            }
            return new Persistence(true, Message.text(committed + " Left out of that commit, what an earlier step of "
                    + "this run wrote and did not get onto the branch: " + commit.git().notCarried().stream()
                            .map(MarkdownText::code).collect(Collectors.joining(", "))
                    + ". The branch's jobs changed the same since this checkout, so it is only in this run's "
                    + "workspace."), "");
        }
        return new Persistence(true, Message.of("Not committed back (", Message.arg(Input.COMMIT_METADATA, "true"), "): ",
                commit.why(), "; ", where, "."),
                commit.detail());
    }

    /** The sentence for a log line: no Markdown, and what git said. */
    public String logLine(Message.Spelling spelling) {
        return text.render(spelling).replace("`", "") + (detail.isBlank() ? "" : " git said: " + detail);
    }

    /** The sentence as a GitHub alert. */
    public String markdown(Message.Spelling spelling) {
        return MarkdownStatusRenderer.alert(warning ? "WARNING" : "NOTE", text.render(spelling));
    }
}
