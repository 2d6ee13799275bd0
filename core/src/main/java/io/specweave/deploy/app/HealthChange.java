package io.specweave.deploy.app;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Command;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import io.specweave.deploy.config.HealthCheckSettings;
import io.specweave.deploy.config.SlotSettings;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.health.HealthResult;
import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.Slot;
import io.specweave.deploy.model.SlotsState;

/**
 * {@code health}: re-checks a recorded deployment (or one blue-green slot) and updates the same
 * fields in place — no new history entry. Not healthy fails the run, after recording.
 */
final class HealthChange implements Change<Void> {

    @Override
    public String name() {
        return "health check";
    }

    @Override
    public Effect<Void> act(ChangeContext context, MetadataDocument view) {
        SyncProfile profile = context.profile();
        String environment = context.environment();
        String slotName = context.target().slot();
        String id = context.increment().id();
        if (slotName != null) {
            SourcedUrl url = context.slotUrl(view, slotName, context.recordedSlot(view, "check"));
            if (url == null) {
                throw new BadInputException(SlotSettings.of(profile).where() + "." + slotName
                        + ".url: expected the slot's URL to check, but neither the profile nor the slot has one");
            }
            return Change.Effect.<Void>writing((document, decision) -> slotHealth(document, environment, slotName,
                    decision.health())).checkAfter(new HealthCheck(url, HealthCheckSettings.of(profile), Message.text("slot " + slotName
                    + " of " + environment)));
        }
        DeploymentRecord current = Deployments.get(view, environment).orElse(null);
        if (current == null || current.status() == null) {
            throw new BadInputException(Message.of(id + "/metadata.json: deployments." + environment
                    + ": no deployment recorded; record one first (", Message.command(Command.SYNC,
                            Message.arg(Input.INCREMENT, context.increment().paddedNumber()),
                            Message.arg(Input.ENVIRONMENT, environment), Message.arg(Input.DEPLOYED, null)), ")"));
        }
        SourcedUrl url = context.environmentUrl(view, current);
        if (url == null) {
            throw new BadInputException(profile.source() + ": " + profile.settingPath("deploymentUrl")
                    + ": expected the environment's URL to check, but neither the profile nor the "
                    + "record has one");
        }
        return Change.Effect.<Void>writing((document, decision) -> {
            DeploymentRecord latest = Deployments.get(document, environment).orElse(current);
            // A dry run checks nothing: it would write the same record with what the check sees.
            Deployments.put(document, environment, decision.health() == null ? latest
                    : withHealth(latest, decision.health()), false);
        }).checkAfter(new HealthCheck(url, HealthCheckSettings.of(profile), Message.text(environment)));
    }

    /**
     * What a check of slot {@code slotName} saw, on the slot, and on the environment's record when the
     * slot is live: that slot is what the environment serves. Nothing for no check (a dry run).
     */
    static void slotHealth(MetadataDocument document, String environment, String slotName, HealthResult health) {
        SlotsState slots = SlotsState.read(document.deployment(environment).orElse(null));
        Slot latest = slots.slot(slotName);
        if (latest == null || health == null) {
            return;
        }
        slots.with(slotName, withHealth(latest, health)).write(document.deploymentForUpdate(environment, SlotsState.KEY));
        if (slotName.equals(slots.live())) {
            Deployments.get(document, environment).filter(r -> r.status() != null).ifPresent(r ->
                    Deployments.put(document, environment, withHealth(r, health), false));
        }
    }

    /**
     * {@code record} with a health check's status, HTTP code, latency, message (only when it was not
     * healthy) and time: what every command that checks an environment records.
     */
    static DeploymentRecord withHealth(DeploymentRecord record, HealthResult result) {
        return record.toBuilder()
                .healthStatus(result.status())
                .healthHttpStatus(result.httpStatus())
                .healthLatencyMs(result.latencyMs())
                .healthMessage(whyNotHealthy(result))
                .lastChecked(result.checkedAt())
                .build();
    }

    /** {@code slot} with the same fields of a health check as {@link #withHealth(DeploymentRecord, HealthResult)}. */
    static Slot withHealth(Slot slot, HealthResult result) {
        return slot.withHealth(result.status(), result.httpStatus(), result.latencyMs(), whyNotHealthy(result),
                result.checkedAt());
    }

    private static String whyNotHealthy(HealthResult result) {
        return result.healthy() ? null : result.message();
    }
}
