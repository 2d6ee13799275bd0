package io.specweave.deploy.app;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.config.HealthCheckSettings;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.DeploymentStatus;
import io.specweave.deploy.model.Pending;
import io.specweave.deploy.results.Metrics;
import io.specweave.deploy.results.ResultFiles;
import io.specweave.deploy.ci.CiContext;
import java.util.List;
import java.util.Objects;

/**
 * A deployment of an increment to an environment, as the deploy job reports it: started,
 * finished or failed, with what the job measured attached. A re-run of the recorded deployment
 * (same commit, run and tag) changes nothing that did not change; a new one moves the current
 * record into the environment's history. A finished deployment is health-checked when the
 * environment has a URL; the promotion gates judge every deployment but a failed one.
 */
final class SyncChange implements Change<Void> {

    private final String name;
    /** The request's attachments, read once by {@link #check}. */
    private DeploymentRecord attached;

    SyncChange(String name) {
        this.name = name;
    }

    @Override
    public void check(ChangeContext context) {
        // The request has read them already (IssueKeys): upper-cased, each a key.
        List<String> keys = context.request().issueKeys;
        if (!keys.isEmpty() && context.profile().provider() != io.specweave.deploy.config.Provider.JIRA) {
            throw new io.specweave.deploy.BadInputException(Message.of(Input.ISSUE_KEYS, " names Jira issues, but "
                    + "profile \"" + context.profile().name() + "\" uses " + context.profile().provider()
                    + "; leave it out or choose a Jira profile"));
        }
        attached = attach(context, DeploymentRecord.builder().build());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String recorded(String increment, String target) {
        return "deployment of " + increment + " to " + target;
    }

    @Override
    public List<String> alsoReads(ChangeContext context) {
        // A fresh CI checkout lacks the records earlier jobs wrote: the gate that looks at the previous
        // environment reads that environment's record from its tracking item first.
        if (context.request().outcome == Request.Outcome.FAILED || !context.rules().requiresPrevious(
                context.environment())) {
            return List.of();
        }
        String previous = EnvironmentChanges.previous(context, Deployments.all(context.store().read()));
        return previous == null ? List.of() : List.of(previous);
    }

    @Override
    public Effect<Void> act(ChangeContext context, MetadataDocument view) {
        Request request = context.request();
        String environment = context.environment();
        DeploymentRecord previous = Deployments.get(view, environment).orElse(null);
        DeploymentRecord candidate = withAttachments(candidate(context, previous));
        boolean newDeployment = previous == null || !previous.sameDeploymentAs(candidate);
        boolean finished = request.outcome == Request.Outcome.DEPLOYED && newDeployment;
        if (finished) {
            // Which slot got it is not known.
            RolloutRecords.refuseWithoutSlot(context, view, "", "record the deployment to its slot");
        } else if (newDeployment) {
            // Recorded here it would replace the record of the live slot, which still serves.
            RolloutRecords.refuseWithoutSlot(context, view, ": a deployment " + (request.outcome
                    == Request.Outcome.FAILED ? "that failed" : "in progress") + " recorded beside them would "
                    + "replace the record of the live slot, which still serves", request.outcome
                            == Request.Outcome.FAILED ? "one to the idle slot changes nothing users see; record "
                                    + "the slot once a deployment to it succeeds"
                                    : "record the deployment to its slot when it finishes");
        }
        Effect<Void> effect = Effect.<Void>writing((document, decision) -> {
            DeploymentRecord record = candidate.toBuilder().forced(decision.forced() ? Boolean.TRUE
                    : candidate.forced()).build();
            if (decision.health() != null) {
                record = HealthChange.withHealth(record, decision.health());
            }
            DeploymentRecord current = Deployments.get(document, environment).orElse(null);
            boolean archive = current != null && current.status() != null && !current.sameDeploymentAs(record);
            Deployments.put(document, environment, record, archive);
        }).newDeployment(newDeployment);
        if (request.outcome != Request.Outcome.FAILED) {
            effect.gated(candidate);
        }
        if (finished) {
            // A full deployment takes all the traffic: a canary running beside the old version ends with it.
            RolloutRecords.endingCanary(effect, context, view, candidate.commit(), "a full deployment");
        }
        if (finished && candidate.commit() == null) {
            // Recorded all the same (a version may be deployed from no checkout), but every later
            // comparison needs the commit: say so now, not when a gate or an approval cannot tell.
            effect.warn("no commit is known for this deployment to " + environment + " (outside GitHub Actions, "
                    + "Jenkins or a git checkout nothing says which version it is): the promotion gates, approvals "
                    + "and DORA's lead time cannot tell its version; give the commit when you record it");
        }
        if (request.outcome == Request.Outcome.DEPLOYED && request.healthCheck && candidate.deploymentUrl() != null) {
            effect.checkAfter(new HealthCheck(context.givenOrProfileUrl(), HealthCheckSettings.of(context.profile()),
                    Message.text("the environment"), "is recorded as deployed to " + environment));
        }
        return effect;
    }

    /** The record this deployment makes: the run's facts, and what is carried over from the current record. */
    private static DeploymentRecord candidate(ChangeContext context, DeploymentRecord previous) {
        Request request = context.request();
        SyncProfile profile = context.profile();
        CiContext facts = context.facts();
        DeploymentStatus status = request.outcome.status();
        String now = context.now();
        SourcedUrl url = context.givenOrProfileUrl();
        DeploymentRecord.Builder builder = DeploymentRecord.builder()
                .profile(profile.name())
                .status(status)
                .deployedAt(now)
                .deployedBy(facts.actor())
                .commit(facts.commit())
                .branch(facts.branch())
                .tag(facts.tag())
                .deploymentUrl(url == null ? null : url.url())
                .runUrl(facts.runUrl());
        if (previous != null && Objects.equals(previous.profile(), profile.name())) {
            // The item belongs to (increment, profile): keep its link across deployments.
            builder.issueNumber(previous.issueNumber()).issueKey(previous.issueKey())
                    .workItemId(previous.workItemId()).issueUrl(previous.issueUrl())
                    .workItemUrl(previous.workItemUrl());
        }
        DeploymentRecord draft = builder.build();
        if (previous != null && previous.sameDeploymentAs(draft)) {
            // A re-run of the recorded deployment: what was measured for it still holds.
            boolean justFinished = DeploymentStatus.IN_PROGRESS.equals(previous.status())
                    && !DeploymentStatus.IN_PROGRESS.equals(status);
            builder.deployedAt(justFinished || previous.deployedAt() == null ? now : previous.deployedAt())
                    .deployedBy(facts.actor() != null ? facts.actor() : previous.deployedBy())
                    .branch(facts.branch() != null ? facts.branch() : previous.branch())
                    // The same commit (sameDeploymentAs): a re-run naming it short keeps the full SHA recorded.
                    .commit(previous.commit() != null && (facts.commit() == null
                            || previous.commit().length() > facts.commit().length()) ? previous.commit()
                                    : facts.commit())
                    .testResults(previous.testResults())
                    .coverage(previous.coverage())
                    .loadTestResults(previous.loadTestResults())
                    .approvals(previous.approvals())
                    .metrics(previous.metrics())
                    .changeRequest(previous.changeRequest())
                    .nextChangeRequest(previous.nextChangeRequest())
                    .forced(previous.forced());
            if (Objects.equals(previous.status(), status)) {
                // A health verdict is of the attempt it checked: a re-run that ends otherwise (a failed re-run of
                // a deployment checked healthy, a finished one of a failed attempt) keeps none of it; a finished
                // one is checked again after it is recorded.
                builder.healthStatus(previous.healthStatus())
                        .healthHttpStatus(previous.healthHttpStatus())
                        .healthLatencyMs(previous.healthLatencyMs())
                        .healthMessage(previous.healthMessage())
                        .lastChecked(previous.lastChecked());
            }
        } else if (previous != null) {
            // Approvals, a change request and suite results given for this deployment before it ran go with it.
            Pending.takeOver(builder, previous, facts.commit());
        }
        return builder.build();
    }

    /** The candidate with what {@link #check} read of the job's results, metrics and change request. */
    private DeploymentRecord withAttachments(DeploymentRecord candidate) {
        DeploymentRecord.Builder b = candidate.toBuilder();
        if (attached.testResults() != null) {
            b.testResults(attached.testResults());
        }
        if (attached.coverage() != null) {
            b.coverage(attached.coverage());
        }
        if (attached.loadTestResults() != null) {
            b.loadTestResults(attached.loadTestResults());
        }
        if (attached.metrics() != null) {
            b.metrics(attached.metrics());
        }
        if (attached.changeRequest() != null) {
            b.changeRequest(attached.changeRequest());
        }
        return b.build();
    }

    /** The candidate with the job's test, coverage and load-test results, metrics and change request. */
    private static DeploymentRecord attach(ChangeContext context, DeploymentRecord candidate) {
        Request request = context.request();
        ResultFiles files = new ResultFiles(context.project().dir());
        DeploymentRecord.Builder b = candidate.toBuilder();
        if (request.testResults != null) {
            b.testResults(files.testResults(request.testResults));
        }
        if (request.coverage != null) {
            b.coverage(files.coverage(request.coverage));
        }
        if (request.loadTestResults != null) {
            b.loadTestResults(files.loadTestResults(request.loadTestResults));
        }
        if (request.metrics != null) {
            b.metrics(Metrics.parse(request.metrics, context.project().dir()));
        }
        if (request.changeRequest != null) {
            b.changeRequest(request.parsedChangeRequest());
        }
        return b.build();
    }
}
