package io.specweave.deploy.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Command;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.config.HealthCheckSettings;
import io.specweave.deploy.config.SlotSettings;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.model.Commits;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.DeploymentStatus;
import io.specweave.deploy.model.Pending;
import io.specweave.deploy.model.RecordFacts;
import io.specweave.deploy.model.Slot;
import io.specweave.deploy.model.SlotsState;
import java.util.List;
import java.util.Objects;

/**
 * Rolls an environment back to the version it ran before. The current deployment goes to the
 * environment's history with status {@code rolled_back} (what change-failure-rate counts); the
 * newest earlier deployment of another commit becomes current again with status {@code deployed},
 * stamped with the time of the rollback and {@code rolledBackFrom} (what recovery time measures
 * from). With blue-green slots the previously live slot is made live again. The restored version
 * is health-checked like a deployment.
 */
final class RollbackChange implements Change<RollbackDetail> {

    @Override
    public String name() {
        return "rollback";
    }

    @Override
    public Effect<RollbackDetail> act(ChangeContext context, MetadataDocument view) {
        SyncProfile profile = context.profile();
        String environment = context.environment();
        String id = context.increment().id();
        DeploymentRecord current = Deployments.get(view, environment).filter(r -> r.status() != null)
                .orElseThrow(() -> new BadInputException(id + ": no deployment to " + environment
                        + " is recorded in " + view.source() + "; there is nothing to roll back"));
        SlotsState slots = SlotsState.read(view.deployment(environment).orElse(null));
        String undone = view.deployment(environment).map(n -> n.path("rolledBackFrom").asText(null)).orElse(null);
        String run = context.facts().runUrl();
        if (undone != null && run != null && run.equals(current.runUrl())) {
            // This run's rollback is recorded already (a re-run of the job): a second one would take out
            // the version it restored.
            return Change.Effect.<RollbackDetail>nothing()
                    .detail(d -> new RollbackDetail(undone, current.commit(), slots.live(),
                            slots.live() == null ? null : SlotSettings.of(profile).other(slots.live())));
        }
        Slot previousSlot = slots.previousLive() == null ? null : slots.slot(slots.previousLive());
        String named = context.request().commit;
        // A named commit is the deployment to take out when it is the current one (the run that deployed it
        // rolls it back), else the earlier one to go back to.
        DeploymentRecord target = named != null && !Commits.same(named, current.commit())
                ? named(context, current, named) : target(current, previousSlot == null ? null : previousSlot.commit());
        if (target == null) {
            throw new OperationFailedException(id + ": " + environment + " has no earlier deployment of another commit "
                    + "than " + shortSha(current.commit()) + " to go back to (" + current.history().size() + " earlier "
                    + "entr" + (current.history().size() == 1 ? "y" : "ies") + " in its history); deploy the version "
                    + "you want instead");
        }
        // With slots, the version rolled back to must run on the idle one: the rollback makes it live.
        String holding = slots.live() == null ? null : slots.slots().entrySet().stream()
                .filter(e -> !e.getKey().equals(slots.live()) && Commits.equal(e.getValue().commit(), target.commit()))
                .map(java.util.Map.Entry::getKey).findFirst().orElse(null);
        Slot liveSlot = slots.live() == null ? null : slots.slot(slots.live());
        if (holding == null && liveSlot != null && Commits.equal(liveSlot.commit(), current.commit())) {
            String idleName = SlotSettings.of(profile).other(slots.live());
            throw new OperationFailedException(Message.of(id + ": " + environment + " runs blue-green slots, and neither "
                    + "runs commit " + shortSha(target.commit()) + " (live " + slots.live() + ": "
                    + shortSha(liveSlot.commit()) + (slots.slot(idleName) == null ? "" : ", idle " + idleName + ": "
                    + shortSha(slots.slot(idleName).commit())) + "): a rollback would record a version nothing serves; "
                    + "deploy it to the idle slot and swap (", Message.command(Command.DEPLOY,
                            Message.arg(Input.INCREMENT, context.increment().paddedNumber()),
                            Message.arg(Input.ENVIRONMENT, environment), Message.arg(Input.SLOT, idleName),
                            Message.arg(Input.COMMIT, target.commit())), ", then ", Message.command(Command.SWAP_SLOTS,
                            Message.arg(Input.INCREMENT, context.increment().paddedNumber()),
                            Message.arg(Input.ENVIRONMENT, environment)), ")"));
        }
        boolean flipSlots = holding != null;
        Slot restoredSlot = flipSlots ? slots.slot(holding) : null;
        SourcedUrl url = flipSlots && restoredSlot.url() != null ? context.slotUrl(view, holding, restoredSlot)
                : target.deploymentUrl() != null ? SourcedUrl.of(target.deploymentUrl(), context.recordField(view,
                        "history" + index(view.deployment(environment).map(n -> n.get("history")).orElse(null),
                        current.history(), target) + ".deploymentUrl")) : context.profileUrl();
        String now = context.now();
        String by = context.facts().actor();
        String reason = context.request().reason;
        String live = flipSlots ? holding : null;
        String idle = flipSlots ? slots.live() : null;
        String note = "rollback: " + shortSha(current.commit()) + " rolled back to " + shortSha(target.commit())
                + " (deployed " + target.deployedAt() + ")" + (by == null ? "" : " by " + by)
                + (reason == null ? "" : ": " + reason);
        Effect<RollbackDetail> effect = Change.Effect.<RollbackDetail>writing((document, decision) -> {
            DeploymentRecord again = Deployments.get(document, environment).orElse(null);
            if (again == null || !again.sameDeploymentAs(current) || !Objects.equals(again.status(), current.status())) {
                throw new OperationFailedException(id + ": the deployment to " + environment
                        + " changed while this rollback ran; run it again to roll back the new state");
            }
            ObjectNode node = document.deploymentForUpdate(environment);
            node.put("status", DeploymentStatus.ROLLED_BACK.raw());
            node.put("note", "rolled back at " + now + (by == null ? "" : " by " + by)
                    + (reason == null ? "" : ": " + reason));
            DeploymentRecord.Builder restored = Pending.restore(target.toBuilder(), target, again).history(List.of())
                    .profile(profile.name())
                    .status(DeploymentStatus.DEPLOYED)
                    .deployedAt(now)
                    .deployedBy(by != null ? by : target.deployedBy())
                    .runUrl(context.facts().runUrl() != null ? context.facts().runUrl() : target.runUrl())
                    .healthStatus(null).healthHttpStatus(null).healthLatencyMs(null).healthMessage(null)
                    .lastChecked(null)
                    .forced(null)
                    .issueNumber(current.issueNumber()).issueKey(current.issueKey())
                    .workItemId(current.workItemId()).issueUrl(current.issueUrl()).workItemUrl(current.workItemUrl());
            DeploymentRecord record = restored.build();
            if (decision.health() != null) {
                record = HealthChange.withHealth(record, decision.health());
            }
            Deployments.put(document, environment, record, true);
            JsonNode history = node.get("history");
            if (slots.live() != null && history instanceof ArrayNode array
                    && array.get(array.size() - 1) instanceof ObjectNode last) {
                last.put("slot", slots.live());
            }
            node.put("rolledBackFrom", current.commit() == null ? "" : current.commit());
            node.put("note", note);
            if (reason != null) {
                node.put("rollbackReason", reason.trim());
            }
            if (flipSlots && node.get(SlotsState.KEY) instanceof ObjectNode s) {
                s.put("live", live);
                s.put("previousLive", idle);
                s.put("swappedAt", now);
                // The check saw the slot made live again: its own record says so, as after a swap.
                HealthChange.slotHealth(document, environment, live, decision.health());
            }
        }).note(d -> "Rolled back " + environment + " from commit " + shortSha(current.commit()) + " to commit "
                + shortSha(target.commit()) + " (first deployed " + target.deployedAt() + ")"
                + (live == null ? "" : "; slot " + live + " is live again, " + idle + " is idle") + "."
                + (reason == null ? "" : " Reason: " + sentence(reason))
                + (d.health() == null ? "" : " Health after the rollback: " + d.health().status() + " ("
                        + d.health().message() + ")."))
                .detail(d -> new RollbackDetail(current.commit(), target.commit(), live, idle));
        // The restored version takes all the traffic, as a full deployment does: a canary beside it ends.
        RolloutRecords.endingCanary(effect, context, view, target.commit(), "a rollback to the version");
        if (context.request().healthCheck && url != null) {
            effect.checkAfter(new HealthCheck(url, HealthCheckSettings.of(profile), Message.text("the restored version"),
                    "is rolled back in " + environment + " (recorded)"));
        }
        return effect;
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
            boolean ran = DeploymentStatus.DEPLOYED.equals(h.status());
            if (!ran || h.commit() == null || Commits.same(h.commit(), current.commit())) {
                continue;
            }
            if (preferredCommit == null || Commits.same(preferredCommit, h.commit())) {
                return h;
            }
            if (fallback == null) {
                fallback = h;
            }
        }
        return fallback;
    }

    /** The newest earlier deployment of {@code commit} that ran; refused when there is none. */
    private static DeploymentRecord named(ChangeContext context, DeploymentRecord current, String commit) {
        String environment = context.environment();
        List<DeploymentRecord> history = current.history();
        List<String> earlier = new java.util.ArrayList<>();
        for (int i = history.size() - 1; i >= 0; i--) {
            DeploymentRecord h = history.get(i);
            if (h.commit() == null || !DeploymentStatus.DEPLOYED.equals(h.status())) {
                continue;
            }
            if (Commits.same(commit, h.commit())) {
                return h;
            }
            if (!earlier.contains(shortSha(h.commit()))) {
                earlier.add(shortSha(h.commit()));
            }
        }
        throw new BadInputException(Input.COMMIT, Message.text(context.increment().id() + ": " + environment
                + " runs commit " + shortSha(current.commit()) + " and has no earlier deployment of commit "
                + shortSha(commit) + " that ran to roll back to (" + (earlier.isEmpty() ? "none in its history"
                        : "earlier deployments: " + String.join(", ", earlier)) + "); leave the commit out to roll "
                + "back to the one before, or deploy that version instead"));
    }

    /**
     * {@code [i]}, the place of {@code entry} in the file's {@code history} ({@code stored}) as a field path
     * names it: {@code history} holds its object entries only, the file also what is no object.
     */
    private static String index(JsonNode stored, List<DeploymentRecord> history, DeploymentRecord entry) {
        for (int i = 0; i < history.size(); i++) {
            // The very entry: two entries may be equal (a redeploy of the same commit, run and record).
            if (history.get(i) == entry) {
                int objects = -1;
                for (int at = 0; stored != null && at < stored.size(); at++) {
                    if (stored.get(at).isObject() && ++objects == i) {
                        return "[" + at + "]";
                    }
                }
                return "[" + i + "]";
            }
        }
        return "[]";
    }

    private static String sentence(String text) {
        String t = text.trim();
        return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
    }

    private static String shortSha(String commit) {
        return commit == null ? "(no commit)" : RecordFacts.shortSha(commit);
    }
}
