package io.specweave.deploy.app;

import io.specweave.deploy.Message;
import java.util.List;

/**
 * What deploying one commit to every environment of the pipeline did, environment by environment.
 *
 * @param increment   the increment
 * @param commit      the commit recorded everywhere
 * @param recorded    each environment's outcome, in pipeline order, up to the one that stopped the run
 * @param stoppedAt   the environment that stopped the run (refused, unhealthy, tracker failed); null when none did
 * @param reason      why it stopped; null when it did not
 * @param notRecorded the environments left out after the stop
 * @param commitBack  how the commit-back ended; null when none was asked
 * @param refreshed   the files read as the branch holds them now, before the first environment (the commit-back's catch-up)
 * @param warnings    the project's warnings (its config's), which every environment's outcome carries too: said once
 */
public record AllEnvironmentsOutcome(String increment, String commit, List<ChangeOutcome<Void>> recorded,
        String stoppedAt, Message reason, List<String> notRecorded, CommitBack.Result commitBack,
        List<Message> refreshed, List<String> warnings) {

    public AllEnvironmentsOutcome {
        recorded = List.copyOf(recorded);
        notRecorded = List.copyOf(notRecorded);
        refreshed = refreshed == null ? List.of() : List.copyOf(refreshed);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** An environment's own warnings: its outcome's, without the project's said once for all. */
    public List<String> ownWarnings(ChangeOutcome<Void> environment) {
        return environment.warnings().stream().filter(w -> !warnings.contains(w)).toList();
    }

    /** Why the run stopped and where that leaves the pipeline; null when it did not stop. */
    public Message problem() {
        if (stoppedAt == null) {
            return null;
        }
        return Message.of("stopped at " + stoppedAt + ": ", reason, "; recorded: " + (recorded.isEmpty() ? "none"
                : String.join(", ", recorded.stream().map(ChangeOutcome::environment).toList())) + "; not recorded: "
                + String.join(", ", notRecorded));
    }

    public int exitCode() {
        return stoppedAt == null ? 0 : 1;
    }
}
