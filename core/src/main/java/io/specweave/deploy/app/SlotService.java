package io.specweave.deploy.app;

import io.specweave.deploy.http.Urls;
import io.specweave.deploy.Trees;
import io.specweave.deploy.config.SlotSettings;
import io.specweave.deploy.health.HttpSlotHealthCheck;
import io.specweave.deploy.health.SlotHealth;
import io.specweave.deploy.health.SlotHealthCheck;
import io.specweave.deploy.model.Slot;
import io.specweave.deploy.model.SlotsState;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.increment.MetadataStore;
import io.specweave.deploy.tracker.TrackingRef;
import java.time.Clock;

/**
 * Blue-green slots of an environment. A deployment to the idle slot changes nothing users see;
 * a swap checks the idle slot's health, makes it live and records the switch in the
 * environment's history, so the record always says what serves traffic.
 */
public final class SlotService {

    private final TrackerFactory trackers;
    private final SlotHealthCheck healthCheck;
    private final Clock clock;

    public SlotService(TrackerFactory trackers, SlotHealthCheck healthCheck, Clock clock) {
        this.trackers = trackers;
        this.healthCheck = healthCheck;
        this.clock = clock;
    }

    /** Records a deployment to {@code target.slot()}; the first slot deployed to becomes live. */
    public SlotResult deploy(Project project, DeployRequest request, EnvironmentTarget target, CiContext ci) {
        if (target.slot() == null) {
            throw new BadInputException("no slot given: pass --slot NAME or --environment ENV-SLOT");
        }
        SyncProfile profile = target.profile();
        SlotSettings settings = SlotSettings.of(profile);
        String environment = target.environment();
        String slotName = target.slot();
        Increment increment = project.increments().resolve(request.increment());
        CiContext facts = ci.overriddenBy(request.commit(), request.branch(), request.tag(), request.deployedBy(),
                request.runUrl());
        String commit = RolloutRecords.requireCommit(facts);
        String url = request.deploymentUrl() != null ? request.deploymentUrl() : settings.url(slotName);
        if (url != null) {
            Urls.join(url, "");
        }
        String now = Trees.now(clock);
        Slot slot = new Slot(increment.id(), commit, facts.branch(), facts.tag(), url, now, facts.actor(),
                facts.runUrl(), null, null);
        MetadataStore store = project.metadata(increment);
        SlotResult result = store.update(document -> {
            SlotsState stored = SlotsState.read(document.deployment(environment).orElse(null));
            String wasLive = stored.live();
            SlotsState state = stored.with(slotName, slot);
            boolean goesLive = state.live() == null || state.live().equals(slotName);
            if (state.live() == null) {
                state = new SlotsState(slotName, null, null, state.slots());
            }
            String note = null;
            if (goesLive) {
                DeploymentRecord current = Deployments.get(document, environment).orElse(null);
                DeploymentRecord record = RolloutRecords.live(profile, current, now).deployedBy(facts.actor())
                        .commit(commit).branch(facts.branch()).tag(facts.tag()).runUrl(facts.runUrl())
                        .deploymentUrl(profile.deploymentUrl() != null ? profile.deploymentUrl() : url).build();
                note = "slot " + slotName + " is live";
                RolloutRecords.putLive(document, environment, record, note, wasLive);
            }
            state.write(document.deploymentForUpdate(environment));
            String idle = settings.other(state.live());
            return new SlotResult(increment.id(), environment, "deploy", slotName, state.live(), idle, goesLive, state,
                    null, null, note);
        });
        String note = result.liveChanged()
                ? "Deployed commit " + RolloutRecords.shortCommit(commit) + " to slot " + slotName + ", which is live."
                : "Deployed commit " + RolloutRecords.shortCommit(commit) + " to the idle slot " + slotName
                        + (url == null ? "" : " (" + url + ")") + "; slot " + result.live() + " stays live.";
        TrackingRef ref = TrackingNotes.send(trackers, project, profile, increment, environment, result.liveChanged(),
                note, facts.repositoryUrl());
        return withTracking(result, ref, note);
    }

    /**
     * Makes the idle slot live. Its health must be good unless {@code force}; a refused swap
     * writes nothing.
     */
    public SlotResult swap(Project project, String incrementRef, EnvironmentTarget target, boolean force,
            CiContext ci) {
        SyncProfile profile = target.profile();
        SlotSettings settings = SlotSettings.of(profile);
        String environment = target.environment();
        Increment increment = project.increments().resolve(incrementRef);
        MetadataStore store = project.metadata(increment);
        MetadataDocument before = store.read();
        SlotsState state = SlotsState.read(before.deployment(environment).orElse(null));
        if (state.live() == null) {
            throw new BadInputException(increment.id() + ": no slot of " + environment + " has a deployment; deploy "
                    + "one first (deploy " + increment.paddedNumber() + " --environment " + environment + " --slot "
                    + settings.names().get(0) + ")");
        }
        String from = state.live();
        String to = target.slot() != null ? target.slot() : settings.other(from);
        if (to.equals(from)) {
            throw new BadInputException("slot " + to + " of " + environment + " is already live; swap-slots makes the "
                    + "idle slot (" + settings.other(from) + ") live");
        }
        Slot idle = state.slot(to);
        if (idle == null) {
            throw new OperationFailedException("slot " + to + " of " + environment + " has no deployment of "
                    + increment.id() + " to swap to; deploy it first (deploy " + increment.paddedNumber()
                    + " --environment " + environment + " --slot " + to + ")");
        }
        String url = settings.url(to) != null ? settings.url(to) : idle.url();
        SlotHealth health = null;
        if (url != null) {
            health = healthCheck.check(url, profile);
        }
        if (!force) {
            if (health == null) {
                throw new OperationFailedException("cannot check the health of slot " + to + " of " + environment
                        + ": it has no URL; set " + settings.where() + "." + to + ".url (or deploy with "
                        + "--deployment-url), or pass --force to swap unchecked");
            }
            if (!health.healthy()) {
                throw new OperationFailedException("slot " + to + " of " + environment + " is " + health.status()
                        + " (" + health.detail() + " at " + health.url() + " after " + health.attempts()
                        + " attempt" + (health.attempts() == 1 ? "" : "s") + "); not swapping: " + from
                        + " stays live. Fix it, or pass --force to swap anyway");
            }
        }
        String now = Trees.now(clock);
        CiContext facts = ci;
        SlotHealth checked = health;
        String note = "swap-slots: " + to + " is live (was " + from + ")" + (force && (checked == null
                || !checked.healthy()) ? ", forced" : "");
        SlotResult result = store.update(document -> {
            SlotsState current = SlotsState.read(document.deployment(environment).orElse(null));
            if (!from.equals(current.live())) {
                throw new OperationFailedException("slot " + current.live() + " of " + environment + " went live while "
                        + "this swap ran; run swap-slots again if a swap is still wanted");
            }
            Slot goingLive = current.slot(to);
            if (checked != null) {
                goingLive = goingLive.withHealth(checked.status(), now);
            }
            SlotsState next = current.with(to, goingLive).swappedTo(to, now);
            DeploymentRecord previous = Deployments.get(document, environment).orElse(null);
            DeploymentRecord record = RolloutRecords.live(profile, previous, now)
                    .deployedBy(facts.actor() != null ? facts.actor() : goingLive.deployedBy())
                    .commit(goingLive.commit()).branch(goingLive.branch()).tag(goingLive.tag())
                    .runUrl(facts.runUrl() != null ? facts.runUrl() : goingLive.runUrl())
                    .deploymentUrl(profile.deploymentUrl() != null ? profile.deploymentUrl() : goingLive.url())
                    .healthStatus(checked == null ? null : checked.status()).lastChecked(checked == null ? null : now)
                    .forced(force && (checked == null || !checked.healthy()) ? Boolean.TRUE : null)
                    .build();
            RolloutRecords.putLive(document, environment, record, note, from);
            next.write(document.deploymentForUpdate(environment));
            return new SlotResult(increment.id(), environment, "swap", to, to, from, true, next, checked, null, note);
        });
        Slot live = result.slots().slot(to);
        Slot idleAfter = result.slots().slot(from);
        String comment = "Swapped slots in " + environment + ": " + to + " (commit "
                + RolloutRecords.shortCommit(live.commit()) + ") is live, " + from + " (commit "
                + RolloutRecords.shortCommit(idleAfter == null ? null : idleAfter.commit()) + ") is idle."
                + (checked == null ? " Health not checked (forced)." : " Health of " + to + " before the swap: "
                        + checked.status() + " (" + checked.detail() + ").");
        TrackingRef ref = TrackingNotes.send(trackers, project, profile, increment, environment, false, comment,
                facts.repositoryUrl());
        return withTracking(result, ref, comment);
    }

    private static SlotResult withTracking(SlotResult r, TrackingRef ref, String note) {
        return new SlotResult(r.increment(), r.environment(), r.action(), r.slot(), r.live(), r.idle(),
                r.liveChanged(), r.slots(), r.health(), ref == null ? null : ref.id(), note);
    }
}
