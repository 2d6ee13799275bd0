package io.specweave.deploy.app;

import io.specweave.deploy.config.PromotionRules;
import io.specweave.deploy.config.RefreshMode;
import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.model.ChangeRequest;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.DeploymentStatus;
import io.specweave.deploy.model.Pending;
import io.specweave.deploy.results.Metrics;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.config.HealthCheckSettings;
import io.specweave.deploy.health.HealthChecker;
import io.specweave.deploy.health.HealthResult;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.increment.MetadataStore;
import io.specweave.deploy.increment.SpecDocument;
import io.specweave.deploy.results.ResultFiles;
import io.specweave.deploy.tracker.Tracker;
import io.specweave.deploy.tracker.TrackingRef;
import io.specweave.deploy.tracker.TrackingRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Records a deployment of an increment to a profile's environment in {@code metadata.json} and
 * creates or updates the profile's tracking item. Validation happens before anything is written;
 * a re-run of the same deployment (same commit, run and tag) changes nothing that did not change.
 */
public final class SyncService {

    private final TrackerFactory trackers;
    private final Clock clock;
    private final HealthChecker health;

    public SyncService(TrackerFactory trackers, Clock clock) {
        this(trackers, clock, HealthChecker.system());
    }

    public SyncService(TrackerFactory trackers, Clock clock, HealthChecker health) {
        this.trackers = trackers;
        this.clock = clock;
        this.health = health;
    }

    public SyncResult sync(Project project, SyncRequest request, CiContext ci) {
        SyncProfile profile = project.config().resolveProfile(request.profile(), request.environment());
        if (request.provider() != null) {
            Provider asked = Provider.parse(request.provider()).orElseThrow(() -> new BadInputException(
                    "unknown provider \"" + request.provider() + "\"; expected one of " + Provider.known()));
            if (asked != profile.provider()) {
                throw new BadInputException("profile \"" + profile.name() + "\" uses provider \""
                        + profile.provider() + "\", not \"" + asked + "\" (" + profile.source() + ": sync.profiles."
                        + profile.name() + ".provider)");
            }
        }
        String environment = profile.requireEnvironment();
        Increment increment = project.increments().resolve(request.increment());
        MetadataStore store = project.metadata(increment);
        PromotionRules rules = PromotionRules.of(project.config());
        // A fresh CI checkout lacks the records earlier jobs wrote: a gate that looks at the previous
        // environment first reads that environment's record from its tracking item.
        String notRefreshed = request.outcome() == SyncRequest.Outcome.FAILED || request.dryRun()
                || !rules.requiresPrevious(environment) || RefreshMode.of(project.config()) == RefreshMode.NEVER
                ? null : refreshPrevious(project, increment, store, environment);
        MetadataDocument document = store.read();
        DeploymentRecord previous = Deployments.get(document, environment).orElse(null);
        Map<String, DeploymentRecord> environments = Deployments.all(document);
        Tracker tracker = trackers.forProfile(profile);

        CiContext facts = ci.overriddenBy(request.commit(), request.branch(), request.tag(), request.deployedBy(),
                request.runUrl());
        DeploymentRecord candidate = candidate(profile, request, facts, previous);
        candidate = attach(candidate, request.results(), project.dir());
        List<String> warnings = new ArrayList<>();
        if (request.outcome() != SyncRequest.Outcome.FAILED) {
            // Gates come before any health check, tracker call or write: a refused deployment leaves no trace.
            List<PromotionGates.Refusal> refusals = new PromotionGates(rules).evaluate(
                    deployable(project, environments, environment), environment, candidate, environments,
                    Instant.now(clock));
            boolean previousRefused = refusals.stream().anyMatch(r -> r.gate().equals("requirePrevious"));
            if (!refusals.isEmpty() && !request.force()) {
                throw new OperationFailedException("promotion to " + environment + " refused for " + increment.id()
                        + " (" + PromotionRules.PATH + " in " + project.config().source() + "):\n  "
                        + refusals.stream().map(PromotionGates.Refusal::describe)
                                .collect(java.util.stream.Collectors.joining("\n  "))
                        + (previousRefused && notRefreshed != null ? "\n  " + notRefreshed : "")
                        + "\nnothing was recorded; pass --force to record it anyway (the record will say forced: true)");
            }
            if (notRefreshed != null && !previousRefused) {
                warnings.add(notRefreshed + "; the gate passed on the local metadata.json");
            }
            if (!refusals.isEmpty()) {
                candidate = candidate.toBuilder().forced(true).build();
                refusals.forEach(r -> warnings.add("forced past gate " + r.describe()));
            }
        }
        boolean newDeployment = previous == null || !previous.sameDeploymentAs(candidate);
        List<DeploymentRecord> history = new ArrayList<>(previous == null ? List.of() : previous.history());
        if (newDeployment && previous != null && previous.status() != null) {
            history.add(previous.toBuilder().history(List.of()).build());
        }
        if (request.dryRun()) {
            DeploymentRecord viewed = candidate.toBuilder().history(history).build();
            MetadataDocument preview = document.copy();
            Deployments.put(preview, environment, candidate, newDeployment);
            boolean changed = !preview.toText().equals(document.toText());
            return new SyncResult(increment, profile, viewed, null, newDeployment, changed, true, warnings);
        }

        HealthResult checked = null;
        if (request.outcome() == SyncRequest.Outcome.DEPLOYED && request.healthCheck()
                && candidate.deploymentUrl() != null) {
            checked = health.check(candidate.deploymentUrl(), HealthCheckSettings.of(profile));
            candidate = HealthService.withHealth(candidate, checked);
        }
        DeploymentRecord viewed = candidate.toBuilder().history(history).build();
        Map<String, DeploymentRecord> view = new LinkedHashMap<>(environments);
        view.put(environment, viewed);
        SpecDocument spec = SpecDocument.read(increment.specFile());

        TrackingRequest trackingRequest = new TrackingRequest(project.config(), profile, increment, spec,
                document.status(), viewed, newDeployment, view, facts.repositoryUrl(), request.issueKeys(), null);
        TrackingRef ref;
        try {
            ref = tracker.upsert(trackingRequest);
        } catch (OperationFailedException e) {
            // The deployment happened whatever the tracker says: keep the record, then report the failure.
            write(store, environment, candidate);
            throw new OperationFailedException(e.getMessage() + " (the deployment is recorded in "
                    + increment.id() + "/metadata.json; re-run the sync to update the tracking item)", e);
        }
        DeploymentRecord stored = ref.linked(candidate);
        boolean changed = write(store, environment, stored);
        warnings.addAll(ref.warnings());
        SyncResult result = new SyncResult(increment, profile, stored.toBuilder().history(history).build(), ref,
                newDeployment, changed, false, warnings);
        if (checked != null && !checked.healthy()) {
            throw new UnhealthyDeploymentException(increment.id() + " is recorded as deployed to " + environment
                    + ", but the environment is " + checked.status() + ": " + checked.message() + " (GET "
                    + checked.url() + ", " + checked.attempts() + (checked.attempts() == 1 ? " attempt" : " attempts")
                    + "); the record says healthStatus: " + checked.status(), result);
        }
        return result;
    }

    /**
     * Reads the record of the environment before {@code environment} from its tracking item into
     * {@code metadata.json} ({@link RefreshService}: the newer state wins, histories are joined).
     *
     * @return null when the record was refreshed, is already current, or there is nothing to ask (no
     *         previous environment, no tracker profile for it); else why it could not be refreshed
     */
    private String refreshPrevious(Project project, Increment increment, MetadataStore store, String environment) {
        List<String> deployable = deployable(project, Deployments.all(store.read()), environment);
        int index = deployable.indexOf(environment);
        if (index <= 0) {
            return null;
        }
        String before = deployable.get(index - 1);
        List<String> problems = new ArrayList<>();
        for (RefreshService.EnvironmentRefresh r : new RefreshService(trackers).refresh(project, increment, before)) {
            if (r.outcome() == RefreshService.Outcome.UNREACHABLE || r.outcome() == RefreshService.Outcome.NO_COPY) {
                problems.add(r.message() + " (profile " + r.profile() + ")");
            }
        }
        return problems.isEmpty() ? null : "the record of " + before + " could not be refreshed from its tracking item: "
                + String.join("; ", problems);
    }

    /**
     * The pipeline as far as gates are concerned: the "previous environment" is the previous one a
     * deployment can be recorded for, so pipeline entries without a profile and without a record (a
     * planned "preview", say) are passed over.
     */
    private static List<String> deployable(Project project, Map<String, DeploymentRecord> environments,
            String environment) {
        return project.config().pipeline(environments.keySet()).stream()
                .filter(e -> e.equals(environment) || environments.containsKey(e)
                        || !project.config().profilesForEnvironment(e).isEmpty())
                .toList();
    }

    /** The candidate with the job's test, coverage and load-test results, metrics and change request. */
    private static DeploymentRecord attach(DeploymentRecord candidate, SyncRequest.Attachments results, Path baseDir) {
        if (results.isEmpty()) {
            return candidate;
        }
        ResultFiles files = new ResultFiles(baseDir);
        DeploymentRecord.Builder b = candidate.toBuilder();
        if (results.testResults() != null) {
            b.testResults(files.testResults(results.testResults()).toNode());
        }
        if (results.coverage() != null) {
            b.coverage(files.coverage(results.coverage()));
        }
        if (results.loadTestResults() != null) {
            b.loadTestResults(files.loadTestResults(results.loadTestResults()).toNode());
        }
        if (results.metrics() != null) {
            b.metrics(Metrics.parse(results.metrics(), baseDir));
        }
        if (results.changeRequest() != null) {
            b.changeRequest(ChangeRequest.parse(results.changeRequest()).toNode());
        }
        return b.build();
    }

    /**
     * Writes a finished sync's record again into the increment's {@code metadata.json} as the file
     * is now. A commit-back that finds another job's version of the file on the branch takes that
     * version and calls this, which merges by meaning (this environment's state) instead of by text.
     *
     * @return true when the file changed
     */
    public static boolean rewrite(Project project, SyncResult result) {
        if (result.dryRun()) {
            return false;
        }
        return write(project.metadata(result.increment()), result.environment(), result.record());
    }

    private static boolean write(MetadataStore store, String environment, DeploymentRecord record) {
        return store.update(document -> {
            String before = document.toText();
            DeploymentRecord current = Deployments.get(document, environment).orElse(null);
            boolean archive = current != null && current.status() != null && !current.sameDeploymentAs(record);
            Deployments.put(document, environment, record, archive);
            return !document.toText().equals(before);
        });
    }

    private DeploymentRecord candidate(SyncProfile profile, SyncRequest request, CiContext facts,
            DeploymentRecord previous) {
        String status = request.outcome().status();
        String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        String url = request.deploymentUrl() != null ? request.deploymentUrl() : profile.deploymentUrl();
        DeploymentRecord.Builder builder = DeploymentRecord.builder()
                .profile(profile.name())
                .status(status)
                .deployedAt(now)
                .deployedBy(facts.actor())
                .commit(facts.commit())
                .branch(facts.branch())
                .tag(facts.tag())
                .deploymentUrl(url)
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
                    .healthStatus(previous.healthStatus())
                    .lastChecked(previous.lastChecked())
                    .testResults(previous.testResults())
                    .loadTestResults(previous.loadTestResults())
                    .approvals(previous.approvals())
                    .metrics(previous.metrics())
                    .changeRequest(previous.changeRequest())
                    .forced(previous.forced());
        } else if (previous != null) {
            // Approvals and a change request given for this deployment before it ran (`approve`) go with it.
            builder.approvals(Pending.approvals(previous)).changeRequest(Pending.changeRequest(previous))
                    .testResults(Pending.testResults(previous, facts.commit()));
        }
        return builder.build();
    }
}
