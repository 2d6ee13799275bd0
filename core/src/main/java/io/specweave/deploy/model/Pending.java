package io.specweave.deploy.model;

import java.time.Instant;
import java.util.List;

/**
 * What was recorded for an environment ahead of its next deployment: approvals given, and the
 * change request registered, after the environment's current deployment (or before any). A new
 * deployment takes them over; the earlier deployment keeps its own in history.
 */
public final class Pending {

    private Pending() {
    }

    /**
     * Whether what names commit {@code named} (an approval, a change request) goes with a new deployment
     * of {@code commit}: always when it is that commit's; else unless it is the current deployment's,
     * which keeps it (in history). One of a commit not deployed yet waits on the new record.
     */
    private static boolean goesWith(String named, DeploymentRecord current, String commit) {
        boolean ofCurrent = current.status() != null && current.commit() != null
                && Approval.names(named, current.commit());
        return commit != null && Approval.names(named, commit) || !ofCurrent;
    }

    /**
     * A new deployment of {@code commit} over {@code current}, by whichever way it goes live (a sync,
     * a slot, a swap, a promoted canary): what was recorded ahead of it goes with it.
     */
    public static DeploymentRecord.Builder takeOver(DeploymentRecord.Builder builder, DeploymentRecord current,
            String commit) {
        if (current == null) {
            return builder;
        }
        return builder.approvals(approvals(current, commit)).changeRequest(changeRequest(current, commit))
                .testResults(testResults(current, commit));
    }

    /**
     * An earlier deployment made current again ({@code rollback}): it keeps what was its own (its
     * approvals and change request), and takes what a new deployment of its commit takes from the
     * record it replaces. What the earlier record held for the deployment after it went with that one
     * (its history entry keeps a copy): pending again, it would approve that commit a second time.
     */
    public static DeploymentRecord.Builder restore(DeploymentRecord.Builder builder, DeploymentRecord earlier,
            DeploymentRecord current) {
        List<Approval> next = approvals(earlier, null);
        List<Approval> kept = new java.util.ArrayList<>(earlier.approvals().stream().filter(a -> !next.contains(a))
                .toList());
        approvals(current, earlier.commit()).stream().filter(a -> !kept.contains(a)).forEach(kept::add);
        ChangeRequest taken = changeRequest(current, earlier.commit());
        ChangeRequest own = ofRunningDeployment(earlier, earlier.changeRequest()) ? earlier.changeRequest() : null;
        TestResults tested = testResults(current, earlier.commit());
        // A suite run for another commit while the earlier one ran is that commit's, not the restored one's.
        TestResults owned = earlier.testResults() != null && (earlier.testResults().suite() == null
                || Commits.same(earlier.commit(), earlier.testResults().commit())) ? earlier.testResults() : null;
        return builder.approvals(kept).changeRequest(taken != null ? taken : own).nextChangeRequest(null)
                .testResults(tested != null ? tested : owned);
    }

    /**
     * The approvals a new deployment of {@code commit} takes over from the environment's current record:
     * those that name that commit, whenever given; of those that name none, the ones given after the
     * current deployment (for the next one). An approval of the current deployment's commit stays with
     * it (in history); one of a commit not deployed yet stays pending on the new record, for its own
     * deployment, so no approval is lost.
     */
    public static List<Approval> approvals(DeploymentRecord current, String commit) {
        Instant deployed = current.deployedAtInstant();
        return current.approvals().stream().filter(a -> {
            if (a.commit() != null) {
                return goesWith(a.commit(), current, commit);
            }
            Instant at = a.approvedAtInstant();
            return current.status() == null || deployed != null && at != null && at.isAfter(deployed);
        }).toList();
    }

    /**
     * The change request a new deployment of {@code commit} takes over from the current record. One
     * registered for a commit ({@code approve --commit}) goes with that commit's deployment, whenever
     * registered, and waits on each new record until it comes (as an approval of it does); one of the
     * current deployment's commit stays with it. One that names no commit goes with the next deployment
     * when registered after the current one. One kept apart for the next deployment
     * ({@link DeploymentRecord#NEXT_CHANGE_REQUEST}) comes first.
     */
    public static ChangeRequest changeRequest(DeploymentRecord current, String commit) {
        ChangeRequest next = current.nextChangeRequest();
        if (next != null && goesWith(next, current, commit)) {
            return next;
        }
        ChangeRequest change = current.changeRequest();
        return change != null && goesWith(change, current, commit) ? change : null;
    }

    /**
     * True when {@code change}, on {@code current}, is its running deployment's own: no new deployment of
     * another commit would take it. A change request registered then for the next deployment is kept
     * apart ({@link DeploymentRecord#NEXT_CHANGE_REQUEST}), so the running one keeps its own.
     */
    public static boolean ofRunningDeployment(DeploymentRecord current, ChangeRequest change) {
        return change != null && current.status() != null && !goesWith(change, current, null);
    }

    private static boolean goesWith(ChangeRequest change, DeploymentRecord current, String commit) {
        if (change.commit() != null) {
            return goesWith(change.commit(), current, commit);
        }
        if (current.status() == null) {
            return true;
        }
        Instant deployed = current.deployedAtInstant();
        Instant approved = DeploymentRecord.parseTime(change.approvedAt());
        Instant[] window = change.interval();
        return deployed != null && (approved != null && approved.isAfter(deployed)
                || window != null && window[1].isAfter(deployed) && window[0].isAfter(deployed));
    }

    /**
     * Test results a suite recorded ({@code test --suite}) for {@code commit} before this
     * deployment of it was recorded: a deployment of the commit the suite tested takes them over.
     */
    public static TestResults testResults(DeploymentRecord current, String commit) {
        TestResults results = current.testResults();
        if (commit == null || results == null || results.suite() == null) {
            return null;
        }
        return Commits.same(commit, results.commit()) ? results : null;
    }
}
