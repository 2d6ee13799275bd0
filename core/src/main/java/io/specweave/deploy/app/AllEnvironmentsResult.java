package io.specweave.deploy.app;

import java.util.List;

/**
 * What {@code deploy <increment> --all-environments} did, environment by environment.
 *
 * @param increment   the increment's id
 * @param commit      the commit recorded everywhere
 * @param recorded    the environments recorded, in pipeline order
 * @param stoppedAt   the environment that was refused or failed, or null when every one was recorded
 * @param reason      why it stopped there, or null
 * @param notRecorded the environments after (and including) {@code stoppedAt} that were not recorded
 */
public record AllEnvironmentsResult(String increment, String commit, List<SyncResult> recorded, String stoppedAt,
        String reason, List<String> notRecorded) {

    public AllEnvironmentsResult {
        recorded = List.copyOf(recorded);
        notRecorded = List.copyOf(notRecorded);
    }

    public boolean complete() {
        return stoppedAt == null;
    }
}
