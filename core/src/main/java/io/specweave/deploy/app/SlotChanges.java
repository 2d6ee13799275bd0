package io.specweave.deploy.app;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Command;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.config.HealthCheckSettings;
import io.specweave.deploy.config.SlotSettings;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.model.Commits;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.Slot;
import io.specweave.deploy.model.SlotsState;
import io.specweave.deploy.model.TestResults;
import java.util.Objects;

/**
 * Blue-green slots of an environment. A deployment to the idle slot changes nothing users see; the
 * first slot deployed to goes live. A swap checks the idle slot's health, makes it live and records
 * the switch as the environment's new current record, so the record always says what serves
 * traffic.
 */
final class SlotChanges {

    private SlotChanges() {
    }

    /** {@code deploy --slot S} (or an {@code ENV-SLOT} target): records a deployment to one slot. */
    static Change<SlotDetail> deploy() {
        return new Change<>() {
            @Override
            public String name() {
                return "deploy to slot";
            }

            @Override
            public Effect<SlotDetail> act(ChangeContext context, MetadataDocument view) {
                return deploy(context, view);
            }
        };
    }

    /** {@code swap-slots}: makes the idle slot (or the one named) live. */
    static Change<SlotDetail> swap() {
        return new Change<>() {
            @Override
            public String name() {
                return "swap-slots";
            }

            @Override
            public Effect<SlotDetail> act(ChangeContext context, MetadataDocument view) {
                return swap(context, view);
            }
        };
    }

    private static Change.Effect<SlotDetail> deploy(ChangeContext context, MetadataDocument view) {
        SyncProfile profile = context.profile();
        SlotSettings settings = SlotSettings.of(profile);
        String environment = context.environment();
        String slotName = context.target().slot();
        // Before anything is decided: a slot the file holds as something else is the user's, whatever the gates say.
        view.requireWritable(environment, SlotsState.KEY, slotName);
        CiContext facts = context.facts();
        String commit = RolloutRecords.requireCommit(facts);
        SlotsState stored = SlotsState.read(view.deployment(environment).orElse(null));
        boolean goesLive = stored.live() == null || stored.live().equals(slotName);
        Slot recorded = stored.slot(slotName);
        // The given URL, else the profile's for the slot, else the one the slot has: a new version keeps its address.
        // The request's was checked by Request, the config's by SlotSettings; the record's is checked with the health.
        SourcedUrl checkedUrl = context.request().deploymentUrl != null
                ? SourcedUrl.of(context.request().deploymentUrl, Input.DEPLOYMENT_URL)
                : settings.url(slotName) != null ? SourcedUrl.of(settings.url(slotName), settings.where() + "."
                        + slotName + ".url") : context.slotUrl(view, slotName, recorded);
        String url = checkedUrl == null ? null : checkedUrl.url();
        String now = context.now();
        Slot slot = Slot.deployed(context.increment().id(), commit, facts.branch(), facts.tag(), url, now,
                facts.actor(), facts.runUrl());
        if (recorded != null && Commits.same(recorded.commit(), commit) && Objects.equals(recorded.runUrl(),
                facts.runUrl()) && Objects.equals(recorded.tag(), facts.tag())) {
            // A re-run of this slot's deployment (same commit, run and tag): what was recorded of it (its time,
            // its tests, the live record and history) stands; only a new health check is recorded, and a URL
            // given that the slot lacks or records otherwise (swap-slots asks for it so).
            String given = context.request().deploymentUrl;
            String newUrl = given != null && !given.equals(recorded.url()) ? given : null;
            Change.Effect<SlotDetail> rerun = Change.Effect.<SlotDetail>writing((document, decision) -> {
                if (newUrl != null) {
                    recordUrl(document, environment, slotName, newUrl, profile);
                }
                HealthChange.slotHealth(document, environment, slotName, decision.health());
            }).detail(d -> new SlotDetail("deploy", slotName, stored.live(), settings.other(stored.live()), false));
            if (newUrl != null) {
                rerun.note(d -> "Recorded " + newUrl + " as the URL of slot " + slotName + " of " + environment
                        + (recorded.url() == null ? "" : " (was " + recorded.url() + ")") + ".");
            }
            SourcedUrl rerunUrl = newUrl != null ? SourcedUrl.of(newUrl, Input.DEPLOYMENT_URL)
                    : context.slotUrl(view, slotName, recorded);
            if (context.request().healthCheck && rerunUrl != null) {
                rerun.checkAfter(new Change.HealthCheck(rerunUrl, HealthCheckSettings.of(profile), Message.text("slot "
                        + slotName + " of " + environment), "is recorded as deployed to slot " + slotName + " of "
                        + environment));
            }
            return rerun.gated(goesLive ? RolloutRecords.candidate(view, environment, profile, commit) : null);
        }
        String live = goesLive ? slotName : stored.live();
        String note = goesLive
                ? "Deployed commit " + RolloutRecords.shortCommit(commit) + " to slot " + slotName + ", which is live."
                : "Deployed commit " + RolloutRecords.shortCommit(commit) + " to the idle slot " + slotName
                        + (url == null ? "" : " (" + url + ")") + "; slot " + live + " stays live.";
        Change.Effect<SlotDetail> effect = Change.Effect.<SlotDetail>writing((document, decision) -> {
            SlotsState current = SlotsState.read(document.deployment(environment).orElse(null));
            String wasLive = current.live();
            SlotsState state = current.with(slotName, decision.health() == null ? slot
                    : HealthChange.withHealth(slot, decision.health()));
            boolean live2 = state.live() == null || state.live().equals(slotName);
            if (state.live() == null) {
                state = new SlotsState(slotName, null, null, state.slots());
            }
            if (live2) {
                DeploymentRecord record = RolloutRecords.live(profile, Deployments.get(document, environment)
                        .orElse(null), decision, commit).deployedBy(facts.actor()).branch(facts.branch())
                        .tag(facts.tag()).runUrl(facts.runUrl())
                        .deploymentUrl(profile.deploymentUrl() != null ? profile.deploymentUrl() : url).build();
                if (decision.health() != null) {
                    // The slot now serves the environment: what its check saw is the environment's health.
                    record = HealthChange.withHealth(record, decision.health());
                }
                RolloutRecords.putLive(document, environment, record, "slot " + slotName + " is live", wasLive);
            }
            state.write(document.deploymentForUpdate(environment, SlotsState.KEY));
        }).newDeployment(goesLive).note(d -> note).detail(d -> new SlotDetail("deploy", slotName, live,
                settings.other(live), goesLive))
                // An idle slot serves no one: the gates judge it when a swap makes it live, after its tests.
                .gated(goesLive ? RolloutRecords.candidate(view, environment, profile, commit) : null);
        if (goesLive) {
            // The slot going live takes all the traffic, as a full deployment does: a canary beside it ends.
            RolloutRecords.endingCanary(effect, context, view, commit, "slot " + slotName + " going live");
        }
        // As sync --deployed checks the environment: the slot's own URL, recorded all the same when it fails.
        if (context.request().healthCheck && checkedUrl != null) {
            effect.checkAfter(new Change.HealthCheck(checkedUrl, HealthCheckSettings.of(profile), Message.text("slot "
                    + slotName + " of " + environment), "is recorded as deployed to slot " + slotName + " of "
                    + environment));
        }
        return effect;
    }

    /**
     * Sets the URL of a slot deployed already; when it is live and the profile names no URL of the
     * environment, the live record's too, as a first deployment of the slot would have set it.
     */
    private static void recordUrl(MetadataDocument document, String environment, String slotName, String url,
            SyncProfile profile) {
        SlotsState slots = SlotsState.read(document.deployment(environment).orElse(null));
        Slot slot = slots.slot(slotName);
        if (slot == null) {
            return;
        }
        slots.with(slotName, slot.withUrl(url)).write(document.deploymentForUpdate(environment, SlotsState.KEY));
        if (slotName.equals(slots.live()) && profile.deploymentUrl() == null) {
            Deployments.get(document, environment).filter(r -> r.status() != null
                    && Commits.same(r.commit(), slot.commit())).ifPresent(r ->
                            Deployments.put(document, environment, r.toBuilder().deploymentUrl(url).build(), false));
        }
    }

    private static Change.Effect<SlotDetail> swap(ChangeContext context, MetadataDocument view) {
        SyncProfile profile = context.profile();
        SlotSettings settings = SlotSettings.of(profile);
        String environment = context.environment();
        String number = context.increment().paddedNumber();
        view.requireWritable(environment, SlotsState.KEY, null);
        SlotsState state = SlotsState.read(view.deployment(environment).orElse(null));
        if (state.live() == null) {
            throw new BadInputException(Message.of(context.increment().id() + ": no slot of " + environment
                    + " has a deployment; deploy one first (", Message.command(Command.DEPLOY,
                            Message.arg(Input.INCREMENT, number), Message.arg(Input.ENVIRONMENT, environment),
                            Message.arg(Input.SLOT, settings.names().get(0))), ")"));
        }
        String from = state.live();
        String to = context.target().slot() != null ? context.target().slot() : settings.other(from);
        view.requireWritable(environment, SlotsState.KEY, to);
        if (to.equals(from)) {
            throw new BadInputException("slot " + to + " of " + environment + " is already live; swap-slots makes the "
                    + "idle slot (" + settings.other(from) + ") live");
        }
        Slot idle = state.slot(to);
        String named = context.namedCommit();
        Slot serving = state.slot(from);
        if (context.target().slot() == null && serving != null && Commits.same(named, serving.commit())
                && (idle == null || !Commits.same(named, idle.commit()))) {
            // A re-run of a swap that went through (a CI retry): swapping again would put the old version back.
            return Change.Effect.<SlotDetail>nothing()
                    .detail(d -> new SlotDetail("swap", from, from, to, false));
        }
        if (context.request().commit != null && idle != null
                && !Commits.same(context.request().commit, idle.commit())) {
            throw new BadInputException(Input.COMMIT, Message.text("slot " + to + " of " + environment + " runs commit "
                    + RolloutRecords.shortCommit(idle.commit()) + ", not " + RolloutRecords.shortCommit(
                            context.request().commit) + "; deploy that commit to it first, or name the one it runs"));
        }
        if (idle == null) {
            throw new OperationFailedException(Message.of("slot " + to + " of " + environment + " has no deployment of "
                    + context.increment().id() + " to swap to; deploy it first (", Message.command(Command.DEPLOY,
                            Message.arg(Input.INCREMENT, number), Message.arg(Input.ENVIRONMENT, environment),
                            Message.arg(Input.SLOT, to)), ")"));
        }
        SourcedUrl url = context.slotUrl(view, to, idle);
        boolean force = context.request().force;
        if (url == null && !force) {
            throw new OperationFailedException(Message.of("cannot check the health of slot " + to + " of "
                    + environment + ": it has no URL; set " + settings.where() + "." + to + ".url (or deploy with ",
                    Input.DEPLOYMENT_URL, "), or pass ", Input.FORCE, " to swap unchecked"));
        }
        CiContext facts = context.facts();
        String now = context.now();
        // What was tested on the idle slot (test ENV-SLOT) goes live with it, and is what the gates read.
        TestResults tested = idle.tests();
        DeploymentRecord taken = RolloutRecords.candidate(view, environment, profile, idle.commit());
        DeploymentRecord candidate = tested == null ? taken : taken.toBuilder().testResults(tested).build();
        Change.Effect<SlotDetail> effect = Change.Effect.<SlotDetail>writing((document, decision) -> {
            SlotsState current = SlotsState.read(document.deployment(environment).orElse(null));
            if (!from.equals(current.live())) {
                throw new OperationFailedException("slot " + current.live() + " of " + environment + " went live while "
                        + "this swap ran; run swap-slots again if a swap is still wanted");
            }
            Slot goingLive = current.slot(to);
            if (decision.health() != null) {
                goingLive = HealthChange.withHealth(goingLive, decision.health());
            }
            SlotsState next = current.with(to, goingLive).swappedTo(to, now);
            // Past a refusing gate or an unhealthy slot, or unchecked for want of a URL.
            boolean forced = decision.forced() || force && url == null;
            DeploymentRecord.Builder live = RolloutRecords.live(profile, Deployments.get(document, environment)
                    .orElse(null), decision, goingLive.commit())
                    .deployedBy(facts.actor() != null ? facts.actor() : goingLive.deployedBy())
                    .branch(goingLive.branch()).tag(goingLive.tag())
                    .runUrl(facts.runUrl() != null ? facts.runUrl() : goingLive.runUrl())
                    .deploymentUrl(profile.deploymentUrl() != null ? profile.deploymentUrl() : goingLive.url())
                    .forced(forced ? Boolean.TRUE : null);
            if (tested != null) {
                live.testResults(tested);
            }
            DeploymentRecord record = live.build();
            if (decision.health() != null) {
                // The live record says what the check saw, as a sync's does: code, latency, why.
                record = HealthChange.withHealth(record, decision.health());
            }
            RolloutRecords.putLive(document, environment, record, "swap-slots: " + to + " is live (was " + from + ")"
                    + (forced ? ", forced" : ""), from);
            next.write(document.deploymentForUpdate(environment, SlotsState.KEY));
        }).note(d -> "Swapped slots in " + environment + ": " + to + " (commit "
                + RolloutRecords.shortCommit(idle.commit()) + ") is live, " + from + " (commit "
                + RolloutRecords.shortCommit(state.slot(from) == null ? null : state.slot(from).commit())
                + ") is idle." + (d.health() == null ? " Health not checked (forced)." : " Health of " + to
                        + " before the swap: " + d.health().status() + " (" + d.health().message() + ")."))
                .detail(d -> new SlotDetail("swap", to, to, from, true)).gated(candidate, to);
        // The slot going live takes all the traffic: a canary beside the live one (a record from before canaries
        // were refused there) ends.
        RolloutRecords.endingCanary(effect, context, view, idle.commit(), "slot " + to + " going live");
        if (url != null) {
            effect.checkBefore(new Change.HealthCheck(url, HealthCheckSettings.of(profile), Message.text("slot " + to + " of "
                    + environment)));
        }
        return effect;
    }
}
