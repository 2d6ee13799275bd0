package io.specweave.deploy.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.config.SpecweaveConfig;
import io.specweave.deploy.health.HealthChecker;
import io.specweave.deploy.health.HealthResult;
import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.increment.FileUpdates;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.increment.SpecweaveLinks;
import io.specweave.deploy.increment.MetadataStore;
import io.specweave.deploy.model.RecordFacts;
import io.specweave.deploy.model.CanaryState;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.tracker.RecordCopy;
import io.specweave.deploy.tracker.Tracker;
import io.specweave.deploy.tracker.TrackingRef;
import io.specweave.deploy.tracker.TrackingRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one way an operation changes an environment, whatever the operation and whatever the front
 * end: resolve the target (done by the caller) → read the trackers' copies of the records it
 * decides on ({@code deployment.refresh}) → act → promotion gates → health as the change asks →
 * the tracker upsert with the whole record copy → merge into {@code metadata.json} (only what the
 * change owns; never state it did not read) → the commit-back, when asked.
 *
 * <p>Bad input (exit 2) is found before anything is written. A refusal (gates, an unhealthy slot)
 * writes nothing. A tracker that refuses or cannot be reached does not undo the record: it is
 * written, and the outcome says so.
 */
final class EnvironmentChanges {

    private EnvironmentChanges() {
    }

    static <D> ChangeOutcome<D> apply(ChangeContext context, Change<D> change) {
        return apply(context, change, null);
    }

    /**
     * As {@link #apply(ChangeContext, Change)}; with {@code writers} the commit-back is left to the
     * caller, which changes several environments in one run: the write of this change is added to
     * {@code writers}, to run again at its one commit-back.
     */
    static <D> ChangeOutcome<D> apply(ChangeContext context, Change<D> change, List<Runnable> writers) {
        return apply(context, change, writers, CommitBack.Baseline.NONE);
    }

    /**
     * As {@link #apply(ChangeContext, Change, List)}, after the caller read files as the branch holds
     * them ({@code baseline}): the records, for the one commit-back of several environments' changes
     * ({@code writers}); else other files this change commits too ({@code feature-flags.json}), whose
     * lines are reported with its own.
     */
    static <D> ChangeOutcome<D> apply(ChangeContext context, Change<D> change, List<Runnable> writers,
            CommitBack.Baseline baseline) {
        MetadataStore store = context.store();
        String environment = context.environment();
        Request request = context.request();

        change.check(context);
        if (request.dryRun) {
            // Where the real run first asks the tracker (its refresh), before the change decides anything.
            checkTrackerSettings(context);
        }
        // A run that commits back decides on the records as its branch holds them now, not as its checkout did.
        List<Message> refreshed = new ArrayList<>(writers == null ? baseline.caughtUp() : List.of());
        CommitBack.Baseline read = baseline;
        if (writers == null && request.commitBack != null && !request.dryRun) {
            CommitBack.Baseline records = CommitBack.catchUp(context.project(), request.commitBack, context.facts(),
                    context.project().metadata(context.increment()).files(), true);
            refreshed.addAll(records.caughtUp());
            // The files the caller read too (feature-flags.json) are committed with the records.
            read = baseline.and(records);
        }
        MetadataDocument local = store.read();
        Refresh.Copies copies = Refresh.Copies.none();
        if (context.refreshes() || request.refresh && !request.dryRun) {
            List<String> environments = new ArrayList<>(request.refresh
                    ? context.project().config().pipeline(local.deployments().keySet())
                    : change.alsoReads(context));
            environments.remove(environment);
            if (IncrementIssues.issueKeys(context, local).isEmpty()) {
                // Recorded on a team's own issues instead, the environment has no item of its own to read.
                environments.add(environment);
            }
            copies = Refresh.read(context, context.increment(), local, environments, environment);
        }
        MetadataDocument view = local.copy();
        refreshed.addAll(lines(copies.report(copies.mergeInto(view)), request.refresh));

        Change.Effect<D> effect = change.act(context, view);
        // A URL read from a record (hand-edited, another tool's) is known bad before any tracker is asked or anything
        // is written, a dry run's too; its message names the field it was read from.
        for (Change.HealthCheck planned : java.util.Arrays.asList(effect.before, effect.after)) {
            if (planned != null) {
                HealthChecker.target(planned.url().url(), planned.url().setting(), planned.settings());
            }
        }
        List<String> warnings = new ArrayList<>(context.project().warnings());
        warnings.addAll(local.credentialsDropped());
        warnings.addAll(effect.warnings);
        // The target's own tracker refused or could not be reached: asked again, it would answer the same.
        Refresh.Entry unreachable = copies.entry(environment).filter(e -> e.outcome() == Refresh.Outcome.UNREACHABLE)
                .orElse(null);
        // No copy is news only when this checkout knows of an item: a first deployment has none yet.
        boolean itemKnown = Deployments.get(local, environment).map(r -> r.trackingId() != null).orElse(false);
        copies.entry(environment).filter(e -> itemKnown && e.outcome() == Refresh.Outcome.NO_COPY).ifPresent(e -> warnings.add(
                "the record of " + environment + " could not be read from its tracking item: " + e.message()));

        boolean forced = false;
        List<PromotionGates.Refusal> refusals = List.of();
        if (effect.candidate != null) {
            List<String> pipeline = promotionPath(context, Deployments.all(view));
            refusals = new PromotionGates(context.rules()).evaluate(context.increment().paddedNumber(),
                    pipeline, environment, effect.testedSlot, effect.candidate,
                    Deployments.all(view), Instant.parse(context.now()));
            String previous = previous(pipeline, environment);
            Message notRefreshed = previous == null ? null : copies.entry(previous).filter(Refresh.Entry::failed)
                    .map(e -> Message.of("the record of " + previous + " could not be refreshed from its tracking "
                            + "item: ", e.said(), " (profile " + e.profile() + ")")).orElse(null);
            boolean previousRefused = refusals.stream().anyMatch(r -> r.gate().equals("requirePrevious"));
            if (!refusals.isEmpty() && !request.force) {
                Message why = Message.of("promotion to " + environment + " refused for " + context.increment().id()
                        + " (" + context.rules().where(refusals.stream().map(PromotionGates.Refusal::gate).toList())
                        + " in "
                        + context.project().config().source() + "):\n  "
                        ).then(joined(refusals)).then(previousRefused && notRefreshed != null
                        ? Message.of("\n  ", notRefreshed) : "", "\nnothing was recorded; pass ", Input.FORCE,
                        " to record it anyway (the record will say forced: true)");
                return refused(context, change, view, refusals, why, warnings, refreshed);
            }
            if (notRefreshed != null && !previousRefused) {
                warnings.add(notRefreshed + "; the gate passed on the local metadata.json");
            }
            forced = !refusals.isEmpty();
            refusals.forEach(r -> warnings.add("forced past gate " + r.gate() + ": " + r.reason()));
        }

        HealthResult health = null;
        // A check that decides whether the change may happen: a dry run makes it too (it only reads).
        if (effect.before != null) {
            health = check(context, effect.before);
            if (!health.healthy()) {
                Message seen = effect.before.what().then(" is " + health.status() + " (" + health.message() + " at "
                        + health.url() + " after " + health.attempts() + (health.attempts() == 1 ? " attempt"
                        : " attempts") + ")");
                if (!request.force) {
                    return refused(context, change, view, List.of(), seen.then("; nothing was changed. Fix it, or "
                            + "pass ", Input.FORCE, " to go ahead anyway"), warnings, refreshed);
                }
                forced = true;
                // As a gate forced past: said where the run's warnings go, not only in the record.
                warnings.add(seen.then("; forced past the health check").toString());
            }
        }

        if (request.dryRun) {
            Change.Decision decision = new Change.Decision(forced, health, context.now());
            MetadataDocument preview = view.copy();
            effect.edit.apply(preview, decision);
            boolean changed = !preview.toText().equals(local.toText());
            return outcome(ChangeOutcome.Result.DRY_RUN, context, change, effect, preview, changed, null, null,
                    refusals, List.of(), warnings, refreshed, null, decision);
        }

        if (effect.after != null) {
            health = check(context, effect.after);
        }
        Change.Decision decision = new Change.Decision(forced, health, context.now());

        // The item first, from the change as it will be written: a tracker that turns the request
        // down as bad input (missing credentials) leaves metadata.json as it was.
        MetadataDocument planned = view.copy();
        effect.edit.apply(planned, decision);
        List<Message> problems = new ArrayList<>();
        TrackingRef ref = null;
        ChangeOutcome.Result result = ChangeOutcome.Result.RECORDED;
        // What to tell the item: a new deployment, or the one an earlier run could not tell it.
        boolean tell = effect.newDeployment || DeploymentRecord.trackingPending(view.deployment(environment)
                .orElse(null));
        Boolean untold = null;
        // An environment with nothing deployed yet (an approval given ahead) gets its item with its
        // first deployment, which takes over what was recorded for it. A canary is one: users see it.
        // Built outside the tracker's try: a bug of ours there is ours to report, not the tracker's.
        TrackingRequest tracking = Deployments.get(planned, environment).map(r -> r.status() != null).orElse(false)
                || CanaryState.read(planned.deployment(environment).orElse(null)) != null
                ? trackingRequest(context, view, planned, effect, decision, tell) : null;
        Tracker tracker = tracking == null ? null : context.tracker(context.profile());
        try {
            if (unreachable != null) {
                throw new OperationFailedException(Message.of("the " + context.profile().provider() + " tracker of "
                        + "profile " + context.profile().name() + " is ", unreachable.said()));
            }
            if (tracker != null) {
                ref = tracker.upsert(tracking);
                warnings.addAll(ref.warnings());
                untold = false;
            }
        } catch (RuntimeException e) {
            if (e instanceof io.specweave.deploy.DeployException && !(e instanceof OperationFailedException)) {
                throw e; // bad input: nothing is written
            }
            // Whatever went wrong at the tracker (also its client library's own bug), the change is the user's record.
            Message why = e instanceof OperationFailedException failed ? failed.message()
                    : Message.of("the " + context.profile().provider() + " tracker of profile " + context.profile().name()
                            + " failed unexpectedly: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            untold = tell ? true : null;
            result = ChangeOutcome.Result.RECORDED_TRACKER_FAILED;
            problems.add(why.then(" (the change is recorded in " + context.increment().id()
                    + "/metadata.json; the tracking item shows it after the next successful run)"));
        }
        TrackingRef link = ref;
        Refresh.Copies merged = copies;
        Boolean pending = untold;
        Runnable write = () -> store.update(document -> {
            effect.sideWrites.forEach(Runnable::run);
            merged.mergeInto(document);
            effect.edit.apply(document, decision);
            if (link != null) {
                storeLink(document, environment, link);
            }
            if (Boolean.TRUE.equals(pending)) {
                document.deploymentForUpdate(environment).put(DeploymentRecord.TRACKING_PENDING, true);
            } else if (Boolean.FALSE.equals(pending)) {
                document.deployment(environment).ifPresent(node -> node.remove(DeploymentRecord.TRACKING_PENDING));
            }
            return null;
        });
        String before = local.toText();
        write.run();
        MetadataDocument written = store.read();
        boolean changed = !written.toText().equals(before);

        if (health != null && !health.healthy() && effect.after != null) {
            if (result == ChangeOutcome.Result.RECORDED) {
                result = ChangeOutcome.Result.RECORDED_UNHEALTHY;
            }
            problems.add(0, Message.of(context.increment().id() + " " + (effect.after.done() != null
                    ? effect.after.done() : "is recorded in " + context.target().describe()) + ", but ")
                    .then(effect.after.what()).then(" is " + health.status() + ": " + health.message()
                    + " (GET " + health.url() + ", " + health.attempts() + (health.attempts() == 1 ? " attempt"
                    : " attempts") + "); the record says healthStatus: " + health.status()));
        }
        if (effect.failure != null) {
            if (result == ChangeOutcome.Result.RECORDED) {
                result = ChangeOutcome.Result.RECORDED_FAILED;
            }
            problems.add(0, effect.failure);
        }
        CommitBack.Result commit = null;
        if (writers != null) {
            writers.add(write);
        } else if (request.commitBack != null) {
            List<Path> files = new ArrayList<>();
            files.addAll(context.project().metadata(context.increment()).files());
            effect.files.forEach(file -> files.addAll(FileUpdates.changedFiles(file)));
            commit = CommitBack.run(context.project(), request.commitBack, context.facts(), files,
                    change.recorded(context.increment().id(), context.target().describe()), read, write);
        }
        return outcome(result, context, change, effect, written, changed, ref, health != null ? health : effect.checked,
                refusals, problems, warnings, refreshed, commit, decision);
    }

    private static <D> ChangeOutcome<D> refused(ChangeContext context, Change<D> change, MetadataDocument view,
            List<PromotionGates.Refusal> refusals, Message why, List<String> warnings, List<Message> refreshed) {
        DeploymentRecord record = Deployments.get(view, context.environment()).orElse(null);
        return new ChangeOutcome<>(ChangeOutcome.Result.REFUSED, change.name(), context.increment(),
                context.target(), record, view.deployment(context.environment()).orElse(null), false, false, null,
                null, refusals, List.of(why), warnings, refreshed, null, null, null);
    }

    private static <D> ChangeOutcome<D> outcome(ChangeOutcome.Result result, ChangeContext context, Change<D> change,
            Change.Effect<D> effect, MetadataDocument document, boolean changed, TrackingRef ref, HealthResult health,
            List<PromotionGates.Refusal> refusals, List<Message> problems, List<String> warnings,
            List<Message> refreshed, CommitBack.Result commit, Change.Decision decision) {
        String environment = context.environment();
        DeploymentRecord record = Deployments.get(document, environment).orElse(null);
        return new ChangeOutcome<>(result, change.name(), context.increment(), context.target(), record,
                document.deployment(environment).map(ObjectNode::deepCopy).orElse(null), effect.newDeployment,
                changed, ref, health, refusals, problems, warnings, refreshed,
                effect.note == null ? null : effect.note.apply(decision), commit, effect.detail.apply(decision));
    }

    private static HealthResult check(ChangeContext context, Change.HealthCheck check) {
        return context.host().healthChecker().check(check.url().url(), check.url().setting(), check.settings());
    }

    /** What the tracker gets: the record as it will be stored and its whole node as the record copy. */
    private static TrackingRequest trackingRequest(ChangeContext context, MetadataDocument before,
            MetadataDocument planned, Change.Effect<?> effect, Change.Decision decision, boolean tell) {
        String environment = context.environment();
        DeploymentRecord record = Deployments.get(planned, environment).orElseGet(() -> DeploymentRecord.builder()
                .profile(context.profile().name()).build());
        ObjectNode node = planned.deployment(environment).map(ObjectNode::deepCopy).orElse(null);
        if (node != null) {
            // The item is told now: its copy must not say it is owed.
            node.remove(DeploymentRecord.TRACKING_PENDING);
        }
        String note = effect.note == null ? null : effect.note.apply(decision);
        if (note == null && !tell) {
            note = statusChange(environment, Deployments.get(before, environment).orElse(null), record);
        }
        return new TrackingRequest(context.project().config(), context.profile(), context.increment(),
                context.project().increments().spec(context.increment()), planned.status(), record, tell,
                Deployments.all(planned), context.facts().repositoryUrl(), IncrementIssues.issueKeys(context, planned), note,
                node, SpecweaveLinks.of(planned));
    }

    /**
     * The same deployment in a new state (in progress → failed, deployed → rolled back by hand):
     * the item's last comment must not keep saying what is no longer true.
     */
    static String statusChange(String environment, DeploymentRecord before, DeploymentRecord after) {
        if (before == null || before.status() == null || after.status() == null
                || before.status().raw().equals(after.status().raw())) {
            return null;
        }
        String commit = after.commit() == null ? "" : " of commit " + RecordFacts.shortSha(after.commit());
        return "The deployment" + commit + " to " + environment + " is now " + after.status().words() + " (was "
                + before.status().words() + ")" + (after.healthMessage() == null || after.healthStatus() == null
                        || after.healthStatus().healthy() ? "" : ": " + after.healthMessage()) + ".";
    }

    /** Stores the item's link in the environment's record when the tracker found or made one it did not know. */
    private static void storeLink(MetadataDocument document, String environment, TrackingRef ref) {
        ObjectNode node = document.deploymentForUpdate(environment);
        DeploymentRecord current = Deployments.get(document, environment).orElse(DeploymentRecord.builder().build());
        ObjectNode links = ref.linked(current).toNodeWithoutHistory();
        for (String field : RecordCopy.LINK_FIELDS) {
            JsonNode value = links.get(field);
            if (value != null && !value.isNull() && !value.equals(node.get(field))) {
                node.set(field, value);
            }
        }
    }

    private static Message joined(List<PromotionGates.Refusal> refusals) {
        Message all = Message.text("");
        for (int i = 0; i < refusals.size(); i++) {
            all = all.then(i == 0 ? "" : "\n  ", refusals.get(i).describe());
        }
        return all;
    }

    /**
     * A dry run asks no tracker, but the profile's tracker settings are checked as the real run checks
     * them (a Jira profile without its domain fails both alike); only the credentials it would send
     * are not needed, so a preview runs without the secrets (a fork's pull request has none).
     */
    private static void checkTrackerSettings(ChangeContext context) {
        try {
            context.tracker(context.profile()).checkSettings();
        } catch (BadInputException e) {
            if (e.credential() == null) {
                throw e;
            }
        }
    }

    private static List<Message> lines(List<Refresh.Entry> entries, boolean all) {
        return entries.stream().filter(e -> all || e.failed()).map(Refresh.Entry::line).toList();
    }

    /**
     * The pipeline as far as gates are concerned: the environments on the promotion path
     * ({@link SpecweaveConfig#onPromotionPath}) a deployment can be recorded for, so entries without a
     * profile and without a record (a planned "preview", say) are passed over; empty for an
     * environment off the path, which no environment comes before.
     */
    static List<String> promotionPath(ChangeContext context, Map<String, DeploymentRecord> environments) {
        String environment = context.environment();
        SpecweaveConfig config = context.project().config();
        if (!config.onPromotionPath(environment)) {
            return List.of();
        }
        return config.pipeline(environments.keySet()).stream().filter(config::onPromotionPath)
                .filter(e -> e.equals(environment) || environments.containsKey(e)
                        || !config.profilesForEnvironment(e).isEmpty())
                .toList();
    }

    /** The environment before the context's on its promotion path; null for the first one or one off it. */
    static String previous(ChangeContext context, Map<String, DeploymentRecord> environments) {
        return previous(promotionPath(context, environments), context.environment());
    }

    static String previous(List<String> pipeline, String environment) {
        int index = pipeline.indexOf(environment);
        return index <= 0 ? null : pipeline.get(index - 1);
    }
}
