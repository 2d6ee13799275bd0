package io.specweave.deploy.deploy;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.Project;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.increment.MetadataStore;
import io.specweave.deploy.increment.SpecDocument;
import io.specweave.deploy.tracker.Tracker;
import io.specweave.deploy.tracker.TrackerFactory;
import io.specweave.deploy.tracker.TrackingRef;
import io.specweave.deploy.tracker.TrackingRequest;
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

    public SyncService(TrackerFactory trackers, Clock clock) {
        this.trackers = trackers;
        this.clock = clock;
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
        MetadataDocument document = store.read();
        DeploymentRecord previous = Deployments.get(document, environment).orElse(null);
        Map<String, DeploymentRecord> environments = Deployments.all(document);
        Tracker tracker = trackers.forProfile(profile);

        CiContext facts = ci.overriddenBy(request.commit(), request.branch(), request.tag(), request.deployedBy(),
                request.runUrl());
        DeploymentRecord candidate = candidate(profile, request, facts, previous);
        boolean newDeployment = previous == null || !previous.sameDeploymentAs(candidate);
        List<DeploymentRecord> history = new ArrayList<>(previous == null ? List.of() : previous.history());
        if (newDeployment && previous != null && previous.status() != null) {
            history.add(previous.toBuilder().history(List.of()).build());
        }
        DeploymentRecord viewed = candidate.toBuilder().history(history).build();
        Map<String, DeploymentRecord> view = new LinkedHashMap<>(environments);
        view.put(environment, viewed);
        SpecDocument spec = SpecDocument.read(increment.specFile());

        if (request.dryRun()) {
            MetadataDocument preview = document.copy();
            Deployments.put(preview, environment, candidate, newDeployment);
            boolean changed = !preview.toText().equals(document.toText());
            return new SyncResult(increment, profile, viewed, null, newDeployment, changed, true, List.of());
        }

        TrackingRequest trackingRequest = new TrackingRequest(project.config(), profile, increment, spec,
                document.status(), viewed, newDeployment, view);
        TrackingRef ref;
        try {
            ref = tracker.upsert(trackingRequest);
        } catch (OperationFailedException e) {
            // The deployment happened whatever the tracker says: keep the record, then report the failure.
            write(store, environment, candidate);
            throw new OperationFailedException(e.getMessage() + " (the deployment is recorded in "
                    + increment.id() + "/metadata.json; re-run the sync to update the tracking item)", e);
        }
        DeploymentRecord stored = candidate.withTracking(ref);
        boolean changed = write(store, environment, stored);
        return new SyncResult(increment, profile, stored.toBuilder().history(history).build(), ref, newDeployment,
                changed, false, ref.warnings());
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
        }
        return builder.build();
    }
}
