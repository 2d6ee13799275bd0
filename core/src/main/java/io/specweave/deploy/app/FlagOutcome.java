package io.specweave.deploy.app;

import io.specweave.deploy.Message;
import io.specweave.deploy.flags.FlagMatrix;
import io.specweave.deploy.model.FlagChange;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code feature-flag} did: one of a change, the matrix, or an export.
 *
 * @param action      what was asked
 * @param environment the environment changed or exported; null for the matrix
 * @param change      the flag set ({@code enable}, {@code disable}); else null
 * @param matrix      every flag in every environment ({@code list}); else null
 * @param export      one environment's flags in the format asked ({@code export}); else null
 * @param recorded    the change as recorded in the increment's history, when the request named one; else null
 * @param commit      how the commit-back of {@code feature-flags.json} ended, when one was asked; else null
 * @param dryRun      the change is only what would change: nothing was written
 * @param refreshed   the files read as the branch holds them now, before the change (a commit-back's catch-up)
 * @param warnings    what the user should know; a change recorded in an increment is shown as {@code recorded},
 *                    with that outcome's warnings
 */
public record FlagOutcome(Request.FlagAction action, String environment, FlagChange change, FlagMatrix matrix,
        String export, ChangeOutcome<FlagChange> recorded, CommitBack.Result commit, boolean dryRun,
        List<Message> refreshed, List<String> warnings) {

    public FlagOutcome {
        refreshed = refreshed == null ? List.of() : List.copyOf(refreshed);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Nothing read from the branch first. */
    public FlagOutcome(Request.FlagAction action, String environment, FlagChange change, FlagMatrix matrix,
            String export, ChangeOutcome<FlagChange> recorded, CommitBack.Result commit, boolean dryRun) {
        this(action, environment, change, matrix, export, recorded, commit, dryRun, List.of(), List.of());
    }

    /** This outcome with {@code more} warnings ahead of its own. */
    FlagOutcome withWarnings(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(more);
        all.addAll(warnings);
        return new FlagOutcome(action, environment, change, matrix, export, recorded, commit, dryRun, refreshed, all);
    }

    /** 1 when recording the change on the increment's tracking item failed; else 0. */
    public int exitCode() {
        return recorded == null ? 0 : recorded.exitCode();
    }
}
