package io.specweave.deploy.app;

import io.specweave.deploy.config.HealthCheckSettings;
import io.specweave.deploy.health.HealthChecker;
import io.specweave.deploy.health.HealthResult;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.increment.MetadataStore;

/** {@code health <increment> --environment E}: re-checks a recorded deployment and updates its record. */
public final class HealthService {

    private final HealthChecker checker;

    public HealthService(HealthChecker checker) {
        this.checker = checker;
    }

    /** What a re-check found, and the record as stored afterwards. */
    public record Outcome(Increment increment, String environment, HealthResult result, DeploymentRecord record) {
    }

    public Outcome check(Project project, String reference, String profileName, String environmentName) {
        SyncProfile profile = project.config().resolveProfile(profileName, environmentName);
        String environment = profile.requireEnvironment();
        Increment increment = project.increments().resolve(reference);
        MetadataStore store = project.metadata(increment);
        DeploymentRecord current = Deployments.get(store.read(), environment).orElse(null);
        if (current == null || current.status() == null) {
            throw new BadInputException(increment.id() + "/metadata.json: deployments." + environment
                    + ": no deployment recorded; record one with `sync " + increment.paddedNumber()
                    + " --environment " + environment + " --deployed` first");
        }
        String url = current.deploymentUrl() != null ? current.deploymentUrl() : profile.deploymentUrl();
        if (url == null) {
            throw new BadInputException(profile.source() + ": sync.profiles." + profile.name()
                    + ".deploymentUrl: expected the environment's URL to check, but neither the profile nor the "
                    + "record has one");
        }
        HealthResult result = checker.check(url, HealthCheckSettings.of(profile));
        DeploymentRecord stored = store.update(document -> {
            DeploymentRecord latest = Deployments.get(document, environment).orElse(current);
            DeploymentRecord updated = withHealth(latest, result);
            Deployments.put(document, environment, updated, false);
            return updated;
        });
        return new Outcome(increment, environment, result, stored);
    }

    /** {@code record} with the check's status, HTTP code, latency, message and time. */
    public static DeploymentRecord withHealth(DeploymentRecord record, HealthResult result) {
        return record.toBuilder()
                .healthStatus(result.status())
                .healthHttpStatus(result.httpStatus())
                .healthLatencyMs(result.latencyMs())
                .healthMessage(result.healthy() ? null : result.message())
                .lastChecked(result.checkedAt())
                .build();
    }
}
