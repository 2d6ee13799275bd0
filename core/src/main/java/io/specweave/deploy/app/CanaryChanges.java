package io.specweave.deploy.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Command;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.config.HealthCheckSettings;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.model.CanaryState;
import io.specweave.deploy.model.Commits;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.DeploymentStatus;
import java.util.List;

/**
 * Canary releases: a new version gets a share of an environment's traffic in steps (10, 25, 50,
 * 100 %), each recorded with its time. At 100 % it becomes the environment's current deployment
 * (the earlier one goes to history); a rollback sets it to 0 % and marks it abandoned, the stable
 * version untouched.
 */
final class CanaryChanges {

    private CanaryChanges() {
    }

    /** "stable abc123def456", or what runs when no deployment of the environment was recorded. */
    private static String stable(CanaryState canary) {
        return canary.stableCommit() == null ? "the version already running (no deployment recorded)"
                : "stable " + RolloutRecords.shortCommit(canary.stableCommit());
    }

    /** {@code deploy --canary N}: starts a canary at N %, or moves the running one to N %. */
    static Change<CanaryDetail> step() {
        return new Change<>() {
            @Override
            public String name() {
                return "canary step";
            }

            @Override
            public Effect<CanaryDetail> act(ChangeContext context, MetadataDocument view) {
                return step(context, view);
            }
        };
    }

    /** {@code rollback --canary}: sets the running canary to 0 % and marks it abandoned. */
    static Change<CanaryDetail> abandon() {
        return new Change<>() {
            @Override
            public String name() {
                return "canary rollback";
            }

            @Override
            public Effect<CanaryDetail> act(ChangeContext context, MetadataDocument view) {
                return abandon(context, view);
            }
        };
    }

    /** The running canary of {@code environment}; bad input naming how to start one when none runs. */
    static CanaryState running(ChangeContext context, MetadataDocument view) {
        String environment = context.environment();
        CanaryState state = CanaryState.read(view.deployment(environment).orElse(null));
        if (state == null || !state.running()) {
            // With slots a canary would be refused: say what tries a new version there instead.
            RolloutRecords.refuseWithoutSlot(context, view, ": no canary of " + context.increment().id() + " runs "
                    + "there, and one would be refused", "to try a new version, deploy it to the idle slot, test it "
                    + "there and swap");
            throw new BadInputException(Message.of(context.increment().id() + ": no canary runs in " + environment
                    + (state == null ? "" : " (the last one was " + state.status() + ")") + "; start one with ",
                    Message.command(Command.DEPLOY, Message.arg(Input.INCREMENT, context.increment().paddedNumber()),
                            Message.arg(Input.ENVIRONMENT, environment), Message.arg(Input.CANARY, 10))));
        }
        return state;
    }

    private static Change.Effect<CanaryDetail> step(ChangeContext context, MetadataDocument view) {
        // Before anything is read of it: a canary the file holds as something else is the user's.
        view.requireWritable(context.environment(), CanaryState.KEY, null);
        Integer weight = context.request().canaryWeight;
        if (weight == null || weight < 1 || weight > 100) {
            throw new BadInputException(Message.of(Input.CANARY, ": expected the canary's share of traffic in "
                    + "percent, 1 to 100 (e.g. 10, 25, 50, 100), got " + weight + "; to stop a canary roll it back "
                    + "(", Message.command(Command.ROLLBACK, Message.arg(Input.INCREMENT,
                            context.increment().paddedNumber()), Message.arg(Input.ENVIRONMENT, context.environment()),
                            Message.arg(Input.CANARY, null)), ")"));
        }
        // A canary shares the environment's traffic with its stable version; with slots, the live slot is that.
        RolloutRecords.refuseWithoutSlot(context, view, ": a canary beside it would record a version no slot runs",
                "deploy the new version to the idle slot and swap");
        SyncProfile profile = context.profile();
        String environment = context.environment();
        CiContext facts = context.facts();
        String now = context.now();
        CanaryState current = CanaryState.read(view.deployment(environment).orElse(null));
        DeploymentRecord stable = Deployments.get(view, environment).orElse(null);
        CanaryState next;
        if (current != null && !current.stepTakenIn(facts.runUrl())
                && CanaryState.earlierRun(view.deployment(environment).orElse(null), facts.runUrl())) {
            // A retried job of a step of an earlier canary, replaced since: starting it again would put that back.
            return retried(current, weight);
        }
        if (current != null && current.running()) {
            // The run's commit (given, or from CI): a pipeline of a newer commit must not move an older canary.
            if (facts.commit() != null && !Commits.same(facts.commit(), current.commit())) {
                throw new BadInputException(Message.of("a canary of commit "
                        + RolloutRecords.shortCommit(current.commit()) + " runs at " + current.weightOrZero() + " % in "
                        + environment + "; promote it (", Message.arg(Input.CANARY, 100), ") or roll it back (",
                        Message.command(Command.ROLLBACK, Message.arg(Input.INCREMENT,
                                context.increment().paddedNumber()), Message.arg(Input.ENVIRONMENT, environment),
                                Message.arg(Input.CANARY, null)),
                        ") before starting another"));
            }
            if (weight == current.weightOrZero()) {
                // A re-run of the step that set this weight (a CI retry): one step, not two.
                return unchanged(current, false);
            }
            if (current.stepTakenIn(weight, facts.runUrl())) {
                // A retry of an earlier step's job: moving the canary back would undo the steps after it.
                return retried(current, weight);
            }
            next = current.step(weight, now, facts.actor(), facts.runUrl());
        } else {
            String commit = RolloutRecords.requireCommit(facts);
            if (current != null && Commits.same(commit, current.commit()) && current.stepTakenIn(facts.runUrl())) {
                // A retry of a run that stepped this canary, rolled back or promoted since (any of its steps: a
                // re-run of every job runs the later ones too): starting it again would undo that.
                return retried(current, weight);
            }
            if (stable != null && DeploymentStatus.DEPLOYED.equals(stable.status()) && Commits.same(commit, stable.commit())) {
                if (weight >= 100 && current != null && CanaryState.PROMOTED.equals(current.status())
                        && Commits.same(commit, current.commit())) {
                    // A re-run of the promotion that made it stable: done already.
                    return unchanged(current, true);
                }
                throw new BadInputException(Input.CANARY, Message.text("commit " + RolloutRecords.shortCommit(commit)
                        + " is already the stable version of " + environment + "; a canary needs a different commit"));
            }
            next = new CanaryState(context.increment().id(), commit, facts.branch(), facts.tag(),
                    RolloutRecords.servingCommit(stable), null, null, now, null, null, null, facts.actor(),
                    facts.runUrl(), List.of(), null).step(weight, now, facts.actor(), facts.runUrl());
        }
        boolean promoted = weight >= 100;
        CanaryState stepped = next;
        if (promoted && stable != null && Commits.same(stable.commit(), stepped.commit())
                && DeploymentStatus.DEPLOYED.equals(stable.status())) {
            throw new BadInputException(Input.CANARY, Message.text("commit "
                    + RolloutRecords.shortCommit(stepped.commit()) + " is already the stable version of " + environment));
        }
        String note = promoted
                ? "Canary commit " + RolloutRecords.shortCommit(stepped.commit()) + " reached 100 % of " + environment
                        + " traffic and is the stable version now" + (stepped.stableCommit() == null ? "."
                                : " (was " + RolloutRecords.shortCommit(stepped.stableCommit()) + ").")
                : "Canary commit " + RolloutRecords.shortCommit(stepped.commit()) + " gets " + stepped.weightOrZero()
                        + " % of " + environment + " traffic; " + stable(stepped) + " gets "
                        + (100 - stepped.weightOrZero()) + " %.";
        // Past a refusing gate the step says so, as a forced deployment's record does.
        java.util.function.Function<Change.Decision, CanaryState> taken = d -> d.forced() ? stepped.lastStepForced()
                : stepped;
        Change.Effect<CanaryDetail> effect = Change.Effect.<CanaryDetail>writing((document, decision) -> {
            if (promoted) {
                DeploymentRecord current2 = Deployments.get(document, environment).orElse(null);
                DeploymentRecord record = RolloutRecords.live(profile, current2, decision, stepped.commit())
                        .deployedBy(facts.actor() != null ? facts.actor() : stepped.deployedBy())
                        .branch(stepped.branch()).tag(stepped.tag())
                        .runUrl(facts.runUrl() != null ? facts.runUrl() : stepped.runUrl())
                        .deploymentUrl(profile.deploymentUrl() != null ? profile.deploymentUrl()
                                : current2 == null ? null : current2.deploymentUrl())
                        .build();
                if (decision.health() != null) {
                    record = HealthChange.withHealth(record, decision.health());
                }
                RolloutRecords.putLive(document, environment, record, "canary "
                        + RolloutRecords.shortCommit(stepped.commit()) + " promoted to 100 %", null);
            }
            // Refused first when the canary there is of another kind (the user's): a new one must not replace it.
            ObjectNode node = document.deploymentForUpdate(environment, CanaryState.KEY);
            List<String> earlierRuns = null;
            if (current == null || !current.running()) {
                // A new canary: nothing of the finished one (its analysis, why it was rolled back) is its own, but
                // the runs that took its steps are kept, so a retried job of one of them moves no canary.
                earlierRuns = new java.util.ArrayList<>(CanaryState.earlierRunsAfter(node));
                // This run ended the canary before (its rollback) and now starts one: its next steps are this one's.
                earlierRuns.remove(facts.runUrl());
                node.remove(CanaryState.KEY);
            }
            taken.apply(decision).write(node);
            if (earlierRuns != null && !earlierRuns.isEmpty()) {
                ArrayNode runs = ((ObjectNode) node.get(CanaryState.KEY)).putArray(CanaryState.EARLIER_RUNS);
                earlierRuns.forEach(runs::add);
            }
        }).newDeployment(promoted).note(d -> note).detail(d -> new CanaryDetail(taken.apply(d), promoted))
                .gated(RolloutRecords.candidate(view, environment, profile, stepped.commit()));
        SourcedUrl url = profile.deploymentUrl() != null ? context.profileUrl() : context.environmentUrl(view, stable);
        if (promoted && context.request().healthCheck && url != null) {
            // At all traffic (promoted, or straight to 100 %) the URL answers from the new version alone, as after
            // a plain deployment; below it, from either version, so one request says nothing of the canary.
            effect.checkAfter(new Change.HealthCheck(url, HealthCheckSettings.of(profile),
                    Message.text("the environment"), "is recorded as deployed to " + environment));
        }
        return effect;
    }

    /** A step this run took already, since followed by others: nothing to write, nothing to tell. */
    private static Change.Effect<CanaryDetail> retried(CanaryState canary, int share) {
        return Change.Effect.<CanaryDetail>nothing()
                .detail(d -> new CanaryDetail(canary, CanaryState.PROMOTED.equals(canary.status()), share));
    }

    /** A step the record holds already: nothing to write, nothing to tell the tracking item. */
    private static Change.Effect<CanaryDetail> unchanged(CanaryState canary, boolean promoted) {
        return Change.Effect.<CanaryDetail>nothing()
                .detail(d -> new CanaryDetail(canary, promoted));
    }

    private static Change.Effect<CanaryDetail> abandon(ChangeContext context, MetadataDocument view) {
        String environment = context.environment();
        CanaryState current = CanaryState.read(view.deployment(environment).orElse(null));
        String run = context.facts().runUrl();
        if (current != null && current.abandonedIn(run)) {
            // This run rolled the canary back already (a re-run of the job): nothing left to do.
            return unchanged(current, false);
        }
        if (current == null || !current.running()) {
            throw new BadInputException(Message.of(context.increment().id() + ": no canary runs in " + environment
                    + (current == null ? "" : " (the last one was " + current.status() + ")")
                    + "; to roll back the environment's deployment, leave out ", Input.CANARY));
        }
        String reason = context.request().reason;
        CanaryState next = current.step(0, context.now(), context.facts().actor(), run).withRollbackReason(reason);
        String note = "Canary commit " + RolloutRecords.shortCommit(next.commit()) + " rolled back to 0 % in "
                + environment + " and abandoned" + (reason == null ? "" : " (" + reason.strip() + ")") + "; "
                + stable(next) + " serves all traffic.";
        return Change.Effect.<CanaryDetail>writing((document, decision) ->
                next.write(document.deploymentForUpdate(environment, CanaryState.KEY)))
                .note(d -> note).detail(d -> new CanaryDetail(next, false));
    }
}
