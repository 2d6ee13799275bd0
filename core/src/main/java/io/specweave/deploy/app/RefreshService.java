package io.specweave.deploy.app;

import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.RecordMerge;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.DeployException;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.increment.MetadataStore;
import io.specweave.deploy.tracker.RecordLookup;
import io.specweave.deploy.tracker.Tracker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings the records that earlier pipeline jobs kept on their tracking items into this
 * workspace's {@code metadata.json}: for every profile of the config, the increment's item is
 * found by the same identity rules as sync and its copy of the record merged in
 * ({@link RecordMerge}). A profile this run cannot reach (no credentials, network refused) is
 * reported, not fatal: each job usually holds only its own environment's secrets.
 */
public final class RefreshService {

    /** What refresh found for one environment. */
    public enum Outcome {
        /** The tracker's copy added to or replaced the local record. */
        UPDATED,
        /** Both sides already agree. */
        UNCHANGED,
        /** The item has no copy (not created yet, or edited by hand). */
        NO_COPY,
        /** The tracker could not be asked from here. */
        UNREACHABLE,
        /** The profile's provider keeps no copy beyond metadata.json. */
        LOCAL
    }

    /** One environment's refresh. */
    public record EnvironmentRefresh(String environment, String profile, Outcome outcome, String message) {
    }

    private final TrackerFactory trackers;

    public RefreshService(TrackerFactory trackers) {
        this.trackers = trackers;
    }

    /** Refreshes every environment of the increment that has a profile. */
    public List<EnvironmentRefresh> refresh(Project project, Increment increment) {
        return refresh(project, increment, null);
    }

    /** Refreshes one environment, or every one when {@code onlyEnvironment} is null. */
    public List<EnvironmentRefresh> refresh(Project project, Increment increment, String onlyEnvironment) {
        MetadataStore store = project.metadata(increment);
        MetadataDocument current = store.read();
        Map<String, ObjectNode> remote = new LinkedHashMap<>();
        List<EnvironmentRefresh> report = new ArrayList<>();
        for (SyncProfile profile : project.config().profiles()) {
            String environment = profile.environment();
            if (environment == null || onlyEnvironment != null && !onlyEnvironment.equals(environment)
                    || remote.containsKey(environment)) {
                continue;
            }
            if (profile.provider() == io.specweave.deploy.config.Provider.LOCAL) {
                report.add(new EnvironmentRefresh(environment, profile.name(), Outcome.LOCAL,
                        "local provider: metadata.json is the record"));
                continue;
            }
            DeploymentRecord local = Deployments.get(current, environment).orElse(null);
            try {
                Tracker tracker = trackers.forProfile(profile);
                Optional<ObjectNode> copy = tracker.readRecord(new RecordLookup(project.config(), profile, increment, local));
                if (copy.isEmpty()) {
                    report.add(new EnvironmentRefresh(environment, profile.name(), Outcome.NO_COPY,
                            "the " + profile.provider() + " item holds no record of " + environment
                                    + " (not created yet, or its copy was removed)"));
                    continue;
                }
                remote.put(environment, copy.get());
            } catch (DeployException e) {
                report.add(new EnvironmentRefresh(environment, profile.name(), Outcome.UNREACHABLE,
                        "not reachable from here: " + e.getMessage()));
            }
        }
        if (remote.isEmpty()) {
            return report;
        }
        Map<String, RecordMerge.Result> results = store.update(document -> {
            Map<String, RecordMerge.Result> merged = new LinkedHashMap<>();
            remote.forEach((environment, copy) -> {
                ObjectNode local = document.deployment(environment).orElse(null);
                RecordMerge.Result result = RecordMerge.merge(local, copy);
                if (result.changed()) {
                    ObjectNode target = document.deploymentForUpdate(environment);
                    target.removeAll();
                    target.setAll(result.merged());
                }
                merged.put(environment, result);
            });
            return merged;
        });
        results.forEach((environment, result) -> {
            String profile = project.config().profilesForEnvironment(environment).get(0).name();
            if (result.changed()) {
                String what = result.remoteWasNewer() ? "took the tracker's newer record" : "kept the local record";
                report.add(new EnvironmentRefresh(environment, profile, Outcome.UPDATED,
                        what + (result.historyAdded() > 0 ? ", added " + result.historyAdded() + " history entr"
                                + (result.historyAdded() == 1 ? "y" : "ies") : "")));
            } else {
                report.add(new EnvironmentRefresh(environment, profile, Outcome.UNCHANGED, "already up to date"));
            }
        });
        List<String> order = project.config().pipeline();
        report.sort((a, b) -> Integer.compare(index(order, a.environment()), index(order, b.environment())));
        return report;
    }

    private static int index(List<String> order, String environment) {
        int i = order.indexOf(environment);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
