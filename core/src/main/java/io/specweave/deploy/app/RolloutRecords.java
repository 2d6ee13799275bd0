package io.specweave.deploy.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Command;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.config.SlotSettings;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.model.CanaryState;
import io.specweave.deploy.model.Commits;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.DeploymentStatus;
import io.specweave.deploy.model.Pending;
import io.specweave.deploy.model.RecordFacts;
import io.specweave.deploy.model.SlotsState;
import java.util.List;
import java.util.Objects;

/** Puts a version live in an environment's record, the way a slot swap or a promoted canary does. */
final class RolloutRecords {

    private RolloutRecords() {
    }

    /**
     * Refuses a change that puts a version live in an environment running blue-green slots without
     * naming a slot: the record would say one version serves while the live slot says another.
     *
     * @param change what the change would do there, after the slots are named; "" for nothing more
     * @param advice what to do instead, before the command that does it
     */
    static void refuseWithoutSlot(ChangeContext context, MetadataDocument view, String change, String advice) {
        String environment = context.environment();
        SlotsState slots = SlotsState.read(view.deployment(environment).orElse(null));
        if (slots.isEmpty()) {
            return;
        }
        String idle = SlotSettings.of(context.profile()).other(slots.live());
        throw new BadInputException(Message.of(environment + " runs blue-green slots (live: " + slots.live() + ")"
                + change + "; " + advice + " (", Message.command(Command.DEPLOY,
                        Message.arg(Input.INCREMENT, context.increment().paddedNumber()),
                        Message.arg(Input.ENVIRONMENT, environment), Message.arg(Input.SLOT, idle)),
                "), or remove deployments." + environment + ".slots from " + view.source()
                        + " if it no longer runs them"));
    }

    /**
     * Ends, with {@code effect}, the canary running in the context's environment, when one runs: a
     * version of {@code commit} going live whole ({@code goingLive}: a full deployment, a slot going
     * live, a rollback) takes all the traffic. Promoted when it is the canary's commit, else
     * abandoned; with the warning that says so.
     */
    static <D> Change.Effect<D> endingCanary(Change.Effect<D> effect, ChangeContext context, MetadataDocument view,
            String commit, String goingLive) {
        String environment = context.environment();
        CanaryState canary = CanaryState.read(view.deployment(environment).orElse(null));
        if (canary == null || !canary.running()) {
            return effect;
        }
        String actor = context.facts().actor();
        String run = context.facts().runUrl();
        CanaryState ended = Commits.same(commit, canary.commit()) ? canary.step(100, context.now(), actor, run)
                : canary.step(0, context.now(), actor, run).withRollbackReason("replaced by " + goingLive
                        + " of commit " + shortCommit(commit));
        return effect.alsoEdits((document, decision) -> ended.write(document.deploymentForUpdate(environment,
                CanaryState.KEY))).warn("the canary of commit " + shortCommit(canary.commit()) + " ("
                        + canary.weightOrZero() + " % of " + environment + ") ended: " + (ended.abandoned()
                                ? ended.rollbackReason() : "this deployment of its commit takes all the traffic"));
    }

    /**
     * The commit serving the environment by its record: the current deployment's when it ran, else
     * (one that failed or is still running) the newest earlier one that ran; null for none.
     */
    static String servingCommit(DeploymentRecord current) {
        if (current == null || DeploymentStatus.DEPLOYED.equals(current.status())) {
            return current == null ? null : current.commit();
        }
        List<DeploymentRecord> history = current.history();
        for (int i = history.size() - 1; i >= 0; i--) {
            if (DeploymentStatus.DEPLOYED.equals(history.get(i).status())) {
                return history.get(i).commit();
            }
        }
        return null;
    }

    /** The commit a rollout deploys: given, or from CI/git; a rollout without one cannot be compared. */
    static String requireCommit(CiContext facts) {
        if (facts.commit() == null) {
            throw new BadInputException(Message.of("no commit known for this deployment: pass ", Input.COMMIT,
                    " (outside GitHub Actions, Jenkins or a git checkout nothing else says which version is "
                            + "deployed)"));
        }
        return facts.commit();
    }

    /**
     * What the promotion gates judge for a rollout of {@code commit} (a canary step, a slot going
     * live, a swap): the environment's record with that commit, so the approvals and change request
     * given ahead count. Each puts the version in front of users: it passes the gates a full
     * deployment passes.
     */
    static DeploymentRecord candidate(MetadataDocument view, String environment, SyncProfile profile, String commit) {
        DeploymentRecord current = Deployments.get(view, environment).orElse(null);
        if (current != null && DeploymentStatus.DEPLOYED.equals(current.status()) && Commits.same(current.commit(),
                commit)) {
            // The commit that is live already (a CI retry of the slot's deployment): its own record is judged, as a
            // re-run of a sync is.
            return current.toBuilder().history(List.of()).build();
        }
        // Judged as the record live() makes of it: what was given ahead of it goes with it, while the
        // current deployment's own approvals and test results (one naming no commit, as SpecWeave writes them)
        // stay that deployment's and approve nothing new.
        return Pending.takeOver(DeploymentRecord.builder().profile(profile.name()).status(DeploymentStatus.DEPLOYED)
                .commit(commit), current, commit).build();
    }

    /**
     * A deployed record of {@code commit} for {@code profile}, keeping the tracking item's link of
     * {@code current} and taking over what was recorded ahead for it (approvals, change request);
     * {@code forced: true} when it went live past a refusing gate or check.
     */
    static DeploymentRecord.Builder live(SyncProfile profile, DeploymentRecord current, Change.Decision decision,
            String commit) {
        DeploymentRecord.Builder builder = Pending.takeOver(DeploymentRecord.builder().profile(profile.name())
                .status(DeploymentStatus.DEPLOYED).deployedAt(decision.now()).commit(commit)
                .forced(decision.forced() ? Boolean.TRUE : null), current, commit);
        if (current != null && Objects.equals(current.profile(), profile.name())) {
            builder.issueNumber(current.issueNumber()).issueKey(current.issueKey())
                    .workItemId(current.workItemId()).issueUrl(current.issueUrl())
                    .workItemUrl(current.workItemUrl());
        }
        return builder;
    }

    /**
     * Makes {@code record} the environment's current state, the earlier one going to history, and
     * sets {@code note} beside it. Returns true when an earlier state was archived.
     */
    static boolean putLive(MetadataDocument document, String environment, DeploymentRecord record, String note,
            String previousSlot) {
        DeploymentRecord current = Deployments.get(document, environment).orElse(null);
        boolean archive = current != null && current.status() != null;
        Deployments.put(document, environment, record, archive);
        ObjectNode node = document.deploymentForUpdate(environment);
        if (archive) {
            JsonNode history = node.get("history");
            if (previousSlot != null && history instanceof ArrayNode array && !array.isEmpty()
                    && array.get(array.size() - 1) instanceof ObjectNode last) {
                last.put("slot", previousSlot);
            }
        }
        if (note != null) {
            node.put("note", note);
        }
        return archive;
    }

    /** "abc123def456" for a SHA, else as given; "-" for none. */
    static String shortCommit(String commit) {
        return RecordFacts.shortCommit(commit);
    }
}
