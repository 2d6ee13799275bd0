package io.specweave.deploy.app;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.model.Approval;
import io.specweave.deploy.model.ChangeRequest;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.Pending;
import io.specweave.deploy.model.RecordFacts;
import io.specweave.deploy.results.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code approve}: appends an approval to the environment's record, and records a change request
 * and metrics. Given before the environment's next deployment, they go with that deployment (see
 * {@code requireApproval} and {@code changeWindow}); given after, they belong to the current one.
 * The tracking item says who approved.
 */
final class ApprovalChange implements Change<Approval> {

    @Override
    public String name() {
        return "approval";
    }

    @Override
    public Effect<Approval> act(ChangeContext context, MetadataDocument view) {
        Request request = context.request();
        context.target().requireEnvironmentOnly("approve", "approvals belong to the environment's deployments");
        if (request.approvedBy == null && request.changeRequest == null && request.metrics == null) {
            throw new BadInputException(Message.of("approve: nothing to record; expected ",
                    Message.arg(Input.APPROVED_BY, "NAME"), " (with ", Input.ROLE, " and ", Input.NOTES, "), ",
                    Input.CHANGE_REQUEST, " or ", Input.METRICS));
        }
        if (request.approvedBy != null && request.approvedBy.isBlank()) {
            throw new BadInputException(Message.of(Input.APPROVED_BY, ": expected who approves, got an empty value"));
        }
        String environment = context.environment();
        ChangeRequest parsed = request.parsedChangeRequest();
        var metrics = request.metrics == null ? null : Metrics.parse(request.metrics, context.project().dir());
        Approval approval = request.approvedBy == null ? null : Approval.of(request.approvedBy.trim(), request.role,
                context.now(), request.notes, approvedCommit(context, view));
        // Registered for a commit named (or the CI run's), the change is that commit's: a hotfix in between
        // does not take it. Without one it goes with the next deployment, as before.
        ChangeRequest change = parsed == null ? null : parsed.forCommit(context.namedCommit());
        StringBuilder note = new StringBuilder();
        if (approval != null) {
            note.append("Approved commit ").append(approval.commit()).append(" by ").append(approval.approvedBy())
                    .append(approval.role() == null ? "" : " (" + approval.role() + ")")
                    .append(approval.notes() == null ? "" : ": " + approval.notes()).append('.');
        }
        // What this run gave, whatever the record held before (an earlier change request stays).
        List<String> recorded = new ArrayList<>();
        if (change != null) {
            recorded.add("change request " + change.id() + (change.window() == null ? "" : ", window " + change.window())
                    + (change.url() == null ? "" : " (" + change.url() + ")"));
        }
        if (metrics != null) {
            recorded.add("metrics");
        }
        if (!recorded.isEmpty()) {
            note.append(note.isEmpty() ? "" : " ").append("Recorded ").append(String.join(" and ", recorded)).append('.');
        }
        // Given again (a retried job), it is the approval already there, with its first time: what is reported.
        Approval given = approval == null ? null : Deployments.get(view, environment).stream()
                .flatMap(r -> r.approvals().stream()).filter(approval::repeats).findFirst().orElse(approval);
        Change.Effect<Approval> effect = Change.Effect.<Approval>writing((document, decision) -> {
            DeploymentRecord current = Deployments.get(document, environment)
                    .orElseGet(() -> DeploymentRecord.builder().profile(context.profile().name()).build());
            DeploymentRecord.Builder b = current.toBuilder();
            if (approval != null) {
                List<Approval> approvals = new ArrayList<>(current.approvals());
                // Given again (a retried job), it is the approval already there, with its first time.
                if (approvals.stream().noneMatch(approval::repeats)) {
                    approvals.add(approval);
                }
                b.approvals(approvals);
            }
            if (change != null && keptApart(current, change)) {
                b.nextChangeRequest(change);
            } else if (change != null) {
                b.changeRequest(change);
            }
            if (metrics != null) {
                b.metrics(metrics);
            }
            Deployments.put(document, environment, b.build(), false);
        }).note(d -> note.toString()).detail(d -> given);
        // The record holds its deployment's change request and one for the next: one it replaces, still
        // waiting for another commit's deployment or the running deployment's own, is said.
        DeploymentRecord deployed = Deployments.get(view, environment).orElse(null);
        boolean apart = deployed != null && change != null && keptApart(deployed, change);
        ChangeRequest replaced = deployed == null ? null : apart ? deployed.nextChangeRequest() : deployed.changeRequest();
        if (change != null && replaced != null && !replaced.id().equals(change.id())) {
            if (!apart && Pending.ofRunningDeployment(deployed, replaced)) {
                effect.warn("change request " + replaced.id() + " of the running deployment" + (deployed.commit() == null
                        ? "" : " (commit " + RecordFacts.shortSha(deployed.commit()) + ")") + " is replaced by "
                        + change.id() + ", which is that deployment's too; give " + change.id() + " a window or an "
                        + "approval time after the deployment to register it for the next one instead");
            } else if (replaced.commit() != null && (change.commit() == null || !replaced.covers(change.commit()))) {
                effect.warn("change request " + replaced.id() + " (for commit " + RecordFacts.shortSha(replaced.commit())
                        + ", not deployed yet) "
                        + "is replaced by " + change.id() + "; register it again before its commit is deployed");
            }
        }
        return effect;
    }

    /**
     * True when {@code change} is for the next deployment while the record's own change request is its
     * running deployment's: it is kept apart, so that deployment keeps its own (in history too).
     */
    private static boolean keptApart(DeploymentRecord current, ChangeRequest change) {
        return Pending.ofRunningDeployment(current, current.changeRequest()) && !Pending.ofRunningDeployment(current, change);
    }

    /**
     * What an approval approves: the commit given, else the CI run's commit, else the commit the
     * environment runs now (approving its deployment), else the one in the environment before it
     * (approving its promotion). Without any of these it cannot tell, and says so.
     */
    private static String approvedCommit(ChangeContext context, MetadataDocument view) {
        if (context.namedCommit() != null) {
            return context.namedCommit();
        }
        String environment = context.environment();
        // Read as the gates read them: another environment's entry that is no record ("pending") holds none.
        Map<String, DeploymentRecord> records = Deployments.all(view);
        String own = commitOf(records.get(environment));
        if (own != null) {
            return own;
        }
        // What is about to be promoted: the commit of the environment before it, as the requirePrevious gate reads.
        String previous = EnvironmentChanges.previous(context, records);
        String before = previous == null ? null : commitOf(records.get(previous));
        if (before != null) {
            return before;
        }
        throw new BadInputException(Input.COMMIT, Message.of("approve: cannot tell which deployment to "
                + environment + " this approves: " + environment + unnamed(records.get(environment))
                + (previous == null ? "" : " and " + previous + unnamed(records.get(previous)))
                + "; name the commit with ", Message.arg(Input.COMMIT, "SHA")));
    }

    private static String commitOf(DeploymentRecord record) {
        return record == null || record.status() == null ? null : record.commit();
    }

    /** Why an environment's record names no commit to approve, as the sentence goes on. */
    private static String unnamed(DeploymentRecord record) {
        return record != null && record.status() != null ? "'s recorded deployment names no commit"
                : " has no recorded deployment";
    }
}
