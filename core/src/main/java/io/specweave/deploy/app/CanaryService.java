package io.specweave.deploy.app;

import io.specweave.deploy.Trees;
import io.specweave.deploy.model.CanaryState;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.DeploymentStatus;
import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.tracker.TrackingRef;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Canary releases: a new version gets a share of an environment's traffic in steps (10, 25, 50,
 * 100 %), each recorded with its time. At 100 % it becomes the environment's current deployment
 * (the earlier one goes to history); a rollback sets it to 0 % and marks it abandoned, the stable
 * version untouched.
 */
public final class CanaryService {

    private final TrackerFactory trackers;
    private final Clock clock;

    public CanaryService(TrackerFactory trackers, Clock clock) {
        this.trackers = trackers;
        this.clock = clock;
    }

    /** Starts a canary at {@code request.canaryWeight()} %, or moves the running one to that weight. */
    public CanaryResult step(Project project, DeployRequest request, EnvironmentTarget target, CiContext ci) {
        Integer weight = request.canaryWeight();
        if (weight == null || weight < 1 || weight > 100) {
            throw new BadInputException("--canary: expected the canary's share of traffic in percent, 1 to 100 (e.g. "
                    + "10, 25, 50, 100), got " + weight + "; to stop a canary use rollback --canary");
        }
        SyncProfile profile = target.profile();
        String environment = target.environment();
        Increment increment = project.increments().resolve(request.increment());
        CiContext facts = ci.overriddenBy(request.commit(), request.branch(), request.tag(), request.deployedBy(),
                request.runUrl());
        String now = Trees.now(clock);
        CanaryResult result = project.metadata(increment).update(document -> {
            var node = document.deployment(environment).orElse(null);
            CanaryState current = CanaryState.read(node);
            DeploymentRecord stable = Deployments.get(document, environment).orElse(null);
            CanaryState next;
            if (current != null && current.running()) {
                // The run's commit (given, or from CI): a pipeline of a newer commit must not move an older canary.
                if (facts.commit() != null && !facts.commit().equals(current.commit())) {
                    throw new BadInputException("a canary of commit " + RolloutRecords.shortCommit(current.commit())
                            + " runs at " + current.weightOrZero() + " % in " + environment + "; promote it (--canary "
                            + "100) or roll it back (rollback " + increment.paddedNumber() + " --environment "
                            + environment + " --canary) before starting another");
                }
                next = current.step(weight, now, facts.actor());
            } else {
                String commit = RolloutRecords.requireCommit(facts);
                if (stable != null && DeploymentStatus.DEPLOYED.equals(stable.status())
                        && commit.equals(stable.commit())) {
                    throw new BadInputException("commit " + RolloutRecords.shortCommit(commit) + " is already the "
                            + "stable version of " + environment + "; a canary needs a different commit");
                }
                next = new CanaryState(increment.id(), commit, facts.branch(), facts.tag(),
                        stable == null ? null : stable.commit(), null, null, now, null, null, null, facts.actor(),
                        facts.runUrl(), List.of()).step(weight, now, facts.actor());
            }
            boolean promoted = weight >= 100;
            String note;
            if (promoted) {
                note = "canary " + RolloutRecords.shortCommit(next.commit()) + " promoted to 100 %";
                DeploymentRecord record = RolloutRecords.live(profile, stable, now)
                        .deployedBy(facts.actor() != null ? facts.actor() : next.deployedBy())
                        .commit(next.commit()).branch(next.branch()).tag(next.tag())
                        .runUrl(facts.runUrl() != null ? facts.runUrl() : next.runUrl())
                        .deploymentUrl(profile.deploymentUrl() != null ? profile.deploymentUrl()
                                : stable == null ? null : stable.deploymentUrl())
                        .build();
                if (stable != null && Objects.equals(stable.commit(), record.commit())
                        && DeploymentStatus.DEPLOYED.equals(stable.status())) {
                    throw new BadInputException("commit " + RolloutRecords.shortCommit(record.commit())
                            + " is already the stable version of " + environment);
                }
                RolloutRecords.putLive(document, environment, record, note, null);
            } else {
                note = "canary " + RolloutRecords.shortCommit(next.commit()) + " at " + weight + " %";
            }
            next.write(document.deploymentForUpdate(environment));
            return new CanaryResult(increment.id(), environment, next, promoted, null, note);
        });
        CanaryState c = result.canary();
        String comment = result.promoted()
                ? "Canary commit " + RolloutRecords.shortCommit(c.commit()) + " reached 100 % of " + environment
                        + " traffic and is the stable version now (was " + RolloutRecords.shortCommit(c.stableCommit())
                        + ")."
                : "Canary commit " + RolloutRecords.shortCommit(c.commit()) + " gets " + c.weightOrZero() + " % of "
                        + environment + " traffic; stable " + RolloutRecords.shortCommit(c.stableCommit()) + " gets "
                        + (100 - c.weightOrZero()) + " %.";
        TrackingRef ref = TrackingNotes.send(trackers, project, profile, increment, environment, result.promoted(),
                comment, facts.repositoryUrl());
        return new CanaryResult(result.increment(), environment, c, result.promoted(), ref == null ? null : ref.id(),
                comment);
    }

    /** Sets the running canary to 0 % and marks it abandoned; the stable version stays current. */
    public CanaryResult abandon(Project project, String incrementRef, EnvironmentTarget target, CiContext ci) {
        String environment = target.environment();
        Increment increment = project.increments().resolve(incrementRef);
        String now = Trees.now(clock);
        CanaryResult result = project.metadata(increment).update(document -> {
            CanaryState current = CanaryState.read(document.deployment(environment).orElse(null));
            if (current == null || !current.running()) {
                throw new BadInputException(increment.id() + ": no canary runs in " + environment
                        + (current == null ? "" : " (the last one was " + current.status() + ")")
                        + "; to roll back the environment's deployment, leave out --canary");
            }
            CanaryState next = current.step(0, now, ci.actor());
            next.write(document.deploymentForUpdate(environment));
            return new CanaryResult(increment.id(), environment, next, false, null, null);
        });
        CanaryState c = result.canary();
        String comment = "Canary commit " + RolloutRecords.shortCommit(c.commit()) + " rolled back to 0 % in "
                + environment + " and abandoned; stable " + RolloutRecords.shortCommit(c.stableCommit())
                + " serves all traffic.";
        TrackingRef ref = TrackingNotes.send(trackers, project, target.profile(), increment, environment, false,
                comment, ci.repositoryUrl());
        return new CanaryResult(result.increment(), environment, c, false, ref == null ? null : ref.id(), comment);
    }
}
