package io.specweave.deploy.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Message;
import io.specweave.deploy.health.HealthResult;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.tracker.TrackingRef;
import java.util.List;

/**
 * What an operation that changes one environment did: every such operation ends in one of these,
 * so every front end renders (and exits on) the same facts.
 *
 * @param result          how it ended
 * @param operation       what was done, in words ({@code sync}, {@code swap-slots}, ...)
 * @param increment       the increment
 * @param target          the profile, environment and slot
 * @param record          the environment's record as stored (as it would be, on a dry run); history included
 * @param stored          the environment's whole node as stored: record, slots, canary, flag changes
 * @param newDeployment   true when a deployment the environment had not recorded yet was recorded
 * @param metadataChanged true when {@code metadata.json} changed (or would, on a dry run)
 * @param tracking        the tracking item, null when no tracker was asked
 * @param health          the health check this run made, null when none
 * @param refusals        the refused promotion gates: why nothing was written, or what {@code force} passed
 * @param problems        why the result is not {@link Result#RECORDED}: the refusal, the unhealthy
 *                        check, the tracker's error, the operation's own failure
 * @param warnings        what the user should know
 * @param refreshed       what reading the trackers' record copies found, a line per environment
 * @param note            what the change did, in a sentence (the tracking item's comment); null for a plain sync
 * @param commit          how the commit-back ended; null when none was asked or nothing was written
 * @param detail          what this operation adds (a slot's state, a canary, a suite's results, ...)
 * @param <D>             the type of {@code detail}
 */
public record ChangeOutcome<D>(Result result, String operation, Increment increment, Target target,
        DeploymentRecord record, ObjectNode stored, boolean newDeployment, boolean metadataChanged,
        TrackingRef tracking, HealthResult health, List<PromotionGates.Refusal> refusals, List<Message> problems,
        List<String> warnings, List<Message> refreshed, String note, CommitBack.Result commit, D detail) {

    /** How an operation on an environment ended. */
    public enum Result {
        /** Done: recorded, tracking item updated. */
        RECORDED,
        /** Nothing written, no tracker asked: what would change. */
        DRY_RUN,
        /** Nothing written: a promotion gate, or an unhealthy slot to swap to, refused it. */
        REFUSED,
        /** Recorded, but the health check after it failed. */
        RECORDED_UNHEALTHY,
        /** Recorded, but the operation itself did not succeed (a suite that failed, a canary to hold). */
        RECORDED_FAILED,
        /** Recorded in {@code metadata.json}, but the tracker refused or could not be reached. */
        RECORDED_TRACKER_FAILED;

        /** True when something was written. */
        public boolean recorded() {
            return this != DRY_RUN && this != REFUSED;
        }
    }

    public ChangeOutcome {
        refusals = refusals == null ? List.of() : List.copyOf(refusals);
        problems = problems == null ? List.of() : List.copyOf(problems);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        refreshed = refreshed == null ? List.of() : List.copyOf(refreshed);
    }

    /** 0 for done or a dry run; 1 otherwise (the operation failed). */
    public int exitCode() {
        return result == Result.RECORDED || result == Result.DRY_RUN ? 0 : 1;
    }

    public boolean dryRun() {
        return result == Result.DRY_RUN;
    }

    public String incrementId() {
        return increment.id();
    }

    public String environment() {
        return target.environment();
    }

    /** The problems as one message, for a front end's error line; empty when there is none. */
    public Message problem() {
        Message all = Message.text("");
        for (int i = 0; i < problems.size(); i++) {
            all = i == 0 ? problems.get(i) : all.then("; ", problems.get(i));
        }
        return all;
    }

    /** The tracking item's id ({@code 12}, {@code PROD-7}, a work item id), from this run's sync or the record. */
    public String trackingId() {
        if (tracking != null && tracking.id() != null) {
            return tracking.id();
        }
        return record == null ? null : record.trackingId();
    }

    public String trackingUrl() {
        if (tracking != null && tracking.url() != null) {
            return tracking.url();
        }
        return record == null ? null : record.trackingUrl();
    }

    /** The GitHub Deployment the tracker created or updated for this run; null when it made none. */
    public Long deploymentId() {
        return tracking == null ? null : tracking.deploymentId();
    }

    /** This outcome with another detail (an operation that adds what it measured after the pipeline). */
    <E> ChangeOutcome<E> withDetail(E other) {
        return new ChangeOutcome<>(result, operation, increment, target, record, stored, newDeployment,
                metadataChanged, tracking, health, refusals, problems, warnings, refreshed, note, commit, other);
    }
}
