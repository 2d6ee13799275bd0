package io.specweave.deploy.app;

import io.specweave.deploy.metrics.EnvironmentMonitor;
import io.specweave.deploy.metrics.MonitorPoll;
import io.specweave.deploy.metrics.MonitorReport;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.config.HealthCheckSettings;
import io.specweave.deploy.health.HealthChecker;
import io.specweave.deploy.http.Sleeper;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.increment.MetadataStore;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * {@code monitor <increment> --environment E} without {@code --canary}: watches a deployed
 * environment's health (and metrics, where the profile has metric queries) and records what was
 * seen as the environment's {@code metrics}, its health fields set from the last poll. The record is
 * written however the run ends: at its planned end, at the unhealthy poll that ended it, or when
 * it was asked to stop.
 */
public final class MonitorService {

    /** Time between two polls when none is given. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    private final HealthChecker checker;
    private final Sleeper sleeper;
    private final Clock clock;

    public MonitorService(HealthChecker checker, Sleeper sleeper, Clock clock) {
        this.checker = checker;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /**
     * @param duration     how long to watch; zero for one poll
     * @param interval     time between polls
     * @param maxFailures  unhealthy polls in a row that end the run; null for the config's (default 3)
     * @param metrics      the environment's metrics, or null for health only
     * @param metricsName  how the report names the metrics' source
     * @param stop         true once the run should end with what it saw (Ctrl-C, SIGTERM)
     * @param each         told about every poll
     */
    public MonitorReport monitor(Project project, String incrementRef, EnvironmentTarget target, Duration duration,
            Duration interval, Integer maxFailures, EnvironmentMonitor.Metrics metrics, String metricsName,
            BooleanSupplier stop, Consumer<MonitorPoll> each) {
        if (target.slot() != null) {
            throw new BadInputException("monitor watches an environment, not one of its slots: pass --environment "
                    + target.environment() + " (the live slot serves its traffic)");
        }
        if (interval.isZero() || interval.isNegative()) {
            throw new BadInputException("--interval: expected more than 0, e.g. 30s");
        }
        int failures = maxFailures != null ? maxFailures : EnvironmentMonitor.maxConsecutiveFailures(project.config());
        if (failures < 1) {
            throw new BadInputException("--failures: expected 1 or more unhealthy polls in a row, got " + failures);
        }
        String environment = target.environment();
        Increment increment = project.increments().resolve(incrementRef);
        MetadataStore store = project.metadata(increment);
        DeploymentRecord current = Deployments.get(store.read(), environment).orElse(null);
        if (current == null || current.status() == null) {
            throw new BadInputException(increment.id() + "/metadata.json: deployments." + environment
                    + ": no deployment recorded to monitor; record one first (`deploy " + increment.paddedNumber()
                    + " --environment " + environment + "`)");
        }
        String url = current.deploymentUrl() != null ? current.deploymentUrl() : target.profile().deploymentUrl();
        if (url == null) {
            throw new BadInputException(target.profile().source() + ": sync.profiles." + target.profile().name()
                    + ".deploymentUrl: expected the environment's URL to monitor, but neither the profile nor the "
                    + "record has one");
        }
        EnvironmentMonitor.Plan plan = new EnvironmentMonitor.Plan(url, HealthCheckSettings.of(target.profile()),
                EnvironmentMonitor.polls(duration, interval), interval, failures);
        MonitorReport report = new EnvironmentMonitor(checker, metrics, metricsName, sleeper, clock)
                .run(increment.id(), environment, plan, stop, each);
        record(store, environment, report);
        if (report.stopped() && !stop.getAsBoolean()) {
            // Stopped without being asked: an interrupted wait. The caller gets its interrupt back.
            Thread.currentThread().interrupt();
        }
        return report;
    }

    /** What was seen goes into the record, whatever ended the run. */
    static void record(MetadataStore store, String environment, MonitorReport report) {
        if (report.polls().isEmpty()) {
            return;
        }
        store.update(document -> {
            DeploymentRecord latest = Deployments.get(document, environment).orElse(null);
            if (latest == null) {
                return null;
            }
            var last = report.polls().get(report.polls().size() - 1);
            DeploymentRecord updated = HealthService.withHealth(latest, last.health()).toBuilder()
                    .metrics(report.toMetricsNode()).build();
            Deployments.put(document, environment, updated, false);
            return null;
        });
    }
}
