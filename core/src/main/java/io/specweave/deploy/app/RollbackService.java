package io.specweave.deploy.app;

import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.DeploymentStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.model.Slot;
import io.specweave.deploy.health.SlotHealth;
import io.specweave.deploy.health.SlotHealthCheck;
import io.specweave.deploy.model.SlotsState;
import io.specweave.deploy.tracker.ItemContent;
import io.specweave.deploy.tracker.TrackingRef;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Rolls an environment back to the version it ran before. The current deployment goes to the
 * environment's history with status {@code rolled_back} (what change-failure-rate counts); the
 * newest earlier deployment of another commit becomes current again with status {@code deployed},
 * stamped with the time of the rollback and {@code rolledBackFrom} (what recovery time measures
 * from). With blue-green slots the previously live slot is made live again. The tracking item
 * gets a comment saying so.
 */
public final class RollbackService {

    /** Rollout state that belongs to the environment rather than to one deployment. */
    private static final List<String> STATE_KEYS = List.of("slots", "canary", "flagChanges");

    private final TrackerFactory trackers;
    private final SlotHealthCheck healthCheck;
    private final Clock clock;

    /** @param healthCheck checks the restored version's URL; null to record no health */
    public RollbackService(TrackerFactory trackers, SlotHealthCheck healthCheck, Clock clock) {
        this.trackers = trackers;
        this.healthCheck = healthCheck;
        this.clock = clock;
    }

    public RollbackResult rollback(Project project, String incrementRef, SyncProfile profile, String reason,
            CiContext ci) {
        String environment = profile.requireEnvironment();
        Increment increment = project.increments().resolve(incrementRef);
        MetadataDocument before = project.metadata(increment).read();
        DeploymentRecord current = Deployments.get(before, environment).orElseThrow(() -> new BadInputException(
                increment.id() + ": no deployment to " + environment + " is recorded in " + before.source()
                        + "; there is nothing to roll back"));
        SlotsState slots = SlotsState.read(before.deployment(environment).orElse(null));
        Slot previousSlot = slots.previousLive() == null ? null : slots.slot(slots.previousLive());
        DeploymentRecord target = target(current, previousSlot == null ? null : previousSlot.commit());
        if (target == null) {
            throw new OperationFailedException(increment.id() + ": " + environment + " has no earlier deployment of "
                    + "another commit than " + shortSha(current.commit()) + " to go back to (" + current.history().size()
                    + " earlier entr" + (current.history().size() == 1 ? "y" : "ies") + " in its history); "
                    + "deploy the version you want instead");
        }
        boolean flipSlots = previousSlot != null && Objects.equals(previousSlot.commit(), target.commit());
        String url = flipSlots && previousSlot.url() != null ? previousSlot.url()
                : target.deploymentUrl() != null ? target.deploymentUrl() : profile.deploymentUrl();
        SlotHealth health = healthCheck != null && url != null ? healthCheck.check(url, profile) : null;
        String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        String by = ci.actor();
        String note = "rollback: " + shortSha(current.commit()) + " rolled back to " + shortSha(target.commit())
                + " (deployed " + target.deployedAt() + ")" + (by == null ? "" : " by " + by)
                + (reason == null || reason.isBlank() ? "" : ": " + reason.trim());

        RollbackResult result = project.metadata(increment).update(document -> {
            DeploymentRecord again = Deployments.get(document, environment).orElse(null);
            if (again == null || !again.sameDeploymentAs(current) || !Objects.equals(again.status(), current.status())) {
                throw new OperationFailedException(increment.id() + ": the deployment to " + environment
                        + " changed while this rollback ran; run it again to roll back the new state");
            }
            ObjectNode node = document.deploymentForUpdate(environment);
            node.put("status", DeploymentStatus.ROLLED_BACK);
            node.put("note", "rolled back at " + now + (by == null ? "" : " by " + by)
                    + (reason == null || reason.isBlank() ? "" : ": " + reason.trim()));
            DeploymentRecord.Builder restored = target.toBuilder().history(List.of())
                    .profile(profile.name())
                    .status(DeploymentStatus.DEPLOYED)
                    .deployedAt(now)
                    .deployedBy(by != null ? by : target.deployedBy())
                    .runUrl(ci.runUrl() != null ? ci.runUrl() : target.runUrl())
                    .healthStatus(health == null ? null : health.status())
                    .lastChecked(health == null ? null : now)
                    .forced(null)
                    .issueNumber(current.issueNumber()).issueKey(current.issueKey())
                    .workItemId(current.workItemId()).issueUrl(current.issueUrl()).workItemUrl(current.workItemUrl());
            DeploymentRecord record = restored.build();
            Deployments.put(document, environment, record, true);
            JsonNode history = node.get("history");
            if (history instanceof ArrayNode array && array.get(array.size() - 1) instanceof ObjectNode last) {
                STATE_KEYS.forEach(last::remove);
                if (slots.live() != null) {
                    last.put("slot", slots.live());
                }
            }
            node.put("rolledBackFrom", current.commit() == null ? "" : current.commit());
            node.put("note", note);
            String live = null;
            String idle = null;
            if (flipSlots) {
                JsonNode slotsNode = node.get(SlotsState.KEY);
                if (slotsNode instanceof ObjectNode s) {
                    live = slots.previousLive();
                    idle = slots.live();
                    s.put("live", live);
                    s.put("previousLive", idle);
                    s.put("swappedAt", now);
                }
            }
            return new RollbackResult(increment.id(), environment, current.commit(),
                    Deployments.get(document, environment).orElse(record), live, idle,
                    health == null ? null : health.status(), null, note);
        });
        String comment = "Rolled back " + environment + " from commit " + shortSha(current.commit()) + " to commit "
                + shortSha(target.commit()) + " (first deployed " + target.deployedAt() + ")"
                + (result.live() == null ? "" : "; slot " + result.live() + " is live again, " + result.idle()
                        + " is idle") + "." + (reason == null || reason.isBlank() ? "" : " Reason: " + sentence(reason))
                + (health == null ? "" : " Health after the rollback: " + health.status() + " (" + health.detail() + ").");
        TrackingRef ref = TrackingNotes.send(trackers, project, profile, increment, environment, false, comment,
                ci.repositoryUrl());
        return new RollbackResult(result.increment(), environment, result.rolledBackFrom(), result.restored(),
                result.live(), result.idle(), result.healthStatus(), ref == null ? null : ref.id(), comment);
    }

    /**
     * The newest earlier deployment that ran successfully with another commit than the current
     * one; with slots, the one of the previously live slot's commit when history has it.
     */
    static DeploymentRecord target(DeploymentRecord current, String preferredCommit) {
        List<DeploymentRecord> history = current.history();
        DeploymentRecord fallback = null;
        for (int i = history.size() - 1; i >= 0; i--) {
            DeploymentRecord h = history.get(i);
            boolean ran = h.status() == null || DeploymentStatus.DEPLOYED.equals(h.status());
            if (!ran || h.commit() == null || h.commit().equals(current.commit())) {
                continue;
            }
            if (preferredCommit == null || preferredCommit.equals(h.commit())) {
                return h;
            }
            if (fallback == null) {
                fallback = h;
            }
        }
        return fallback;
    }

    private static String sentence(String text) {
        String t = text.trim();
        return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
    }

    private static String shortSha(String commit) {
        return commit == null ? "(no commit)" : ItemContent.shortSha(commit);
    }
}
