package io.specweave.deploy.metrics;

import io.specweave.deploy.Trees;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.config.ConfigLoader;
import io.specweave.deploy.config.SpecweaveConfig;
import io.specweave.deploy.config.HealthCheckSettings;
import io.specweave.deploy.health.HealthChecker;
import io.specweave.deploy.health.HealthResult;
import io.specweave.deploy.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Watches an environment for a while after a change: at every poll one health check attempt (the
 * profile's {@code healthCheck} settings, without their retries: a poll is one look) and, where the
 * profile has metric queries, its request rate, error rate and p50/p95/p99 latency. The run ends
 * early when the environment was unhealthy for {@code maxConsecutiveFailures} polls in a row, or
 * when it is asked to stop; either way the report holds every poll taken.
 */
public final class EnvironmentMonitor {

    public static final int DEFAULT_MAX_CONSECUTIVE_FAILURES = 3;
    public static final String SETTINGS_PATH = "deployment.monitor";

    /** Reads the environment's metrics once. */
    @FunctionalInterface
    public interface Metrics {
        EnvironmentSample read();
    }

    /**
     * One run's plan.
     *
     * @param url                    the environment's base URL
     * @param urlSetting             where it was read (a record's field, a profile's setting), as messages name it
     * @param health                 the profile's health check settings
     * @param polls                  polls to take, at least one
     * @param interval               wait between two polls
     * @param maxConsecutiveFailures unhealthy polls in a row that end the run
     */
    public record Plan(String url, Object urlSetting, HealthCheckSettings health, int polls, Duration interval,
            int maxConsecutiveFailures) {
    }

    private final HealthChecker checker;
    private final Metrics metrics;
    private final String metricsSource;
    private final Sleeper sleeper;
    private final Clock clock;

    /**
     * @param metrics       null when the profile has no metric queries
     * @param metricsSource how the report names the metrics' source, or null
     * @param sleeper       waits between polls; one that returns early when a stop is asked ends the wait
     */
    public EnvironmentMonitor(HealthChecker checker, Metrics metrics, String metricsSource, Sleeper sleeper,
            Clock clock) {
        this.checker = checker;
        this.metrics = metrics;
        this.metricsSource = metricsSource;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** Polls planned at most: a day at one a second. */
    static final int MAX_POLLS = 86_401;

    /** Polls for a run of {@code duration} at {@code interval}: one at the start, one per interval. */
    public static int polls(Duration duration, Duration interval) {
        if (duration == null || duration.isZero() || interval == null || interval.isZero()) {
            return 1;
        }
        return (int) Math.min(MAX_POLLS, duration.toMillis() / interval.toMillis() + 1);
    }

    /** {@code deployment.monitor.maxConsecutiveFailures} of the config, else 3. */
    public static int maxConsecutiveFailures(SpecweaveConfig config) {
        var node = config.at("/deployment/monitor/maxConsecutiveFailures");
        if (node.isMissingNode() || node.isNull()) {
            var monitor = config.at("/deployment/monitor");
            if (!monitor.isMissingNode() && !monitor.isNull() && !monitor.isObject()) {
                throw new BadInputException(config.source() + ": " + SETTINGS_PATH + ": expected an object such as "
                        + "{\"maxConsecutiveFailures\": 3}, got " + ConfigLoader.describe(monitor));
            }
            return DEFAULT_MAX_CONSECUTIVE_FAILURES;
        }
        if (!node.isIntegralNumber() || node.asInt() < 1) {
            throw new BadInputException(config.source() + ": " + SETTINGS_PATH + ".maxConsecutiveFailures: expected "
                    + "a whole number of polls, 1 or more, got " + ConfigLoader.describe(node));
        }
        return node.asInt();
    }

    /** Prometheus metrics of the environment's own series: its {@code track} (the canary analysis' stable one). */
    public static Metrics prometheus(PrometheusMetricsSource source, String track) {
        return () -> {
            List<String> problems = new ArrayList<>();
            try {
                return new EnvironmentSample(source.value(MetricQueries.REQUEST_RATE, track, null, problems),
                        source.value(MetricQueries.ERROR_RATE, track, null, problems),
                        source.value(MetricQueries.P50, track, null, problems),
                        source.value(MetricQueries.P95, track, null, problems),
                        source.value(MetricQueries.P99, track, null, problems), problems);
            } catch (OperationFailedException e) {
                // Prometheus being down is not the environment being down: keep polling its health. The
                // reason is the canary analysis' own ("Prometheus at URL could not be reached: ..."), the
                // URL without credentials; the report says it once for the run (MonitorReport.metricsWarnings).
                return EnvironmentSample.unreadable(problems, e.getMessage());
            }
        };
    }

    /**
     * @param stop asked before each poll and after each wait; true ends the run with what was seen
     * @param each told about every poll as it is taken
     */
    public MonitorReport run(String increment, String environment, Plan plan, BooleanSupplier stop,
            Consumer<MonitorPoll> each) {
        HealthCheckSettings once = plan.health().withRetries(0, Duration.ZERO);
        int planned = Math.max(1, plan.polls());
        // A run of fewer polls than the limit fails when every one of them failed: else a short
        // monitor (one poll by default) could never fail, whatever the service answers.
        int limit = Math.min(plan.maxConsecutiveFailures(), planned);
        List<MonitorPoll> polls = new ArrayList<>();
        String from = null;
        String to = null;
        int inARow = 0;
        boolean stopped = false;
        boolean unhealthy = false;
        HealthChecker.target(plan.url(), plan.urlSetting(), once);
        for (int i = 0; i < planned; i++) {
            if (i > 0) {
                try {
                    sleeper.sleep(plan.interval());
                } catch (InterruptedException e) {
                    // Ends the run like a stop; what was seen is still written (FileUpdates waits out the flag).
                    Thread.currentThread().interrupt();
                    stopped = true;
                    break;
                }
            }
            if (stop.getAsBoolean()) {
                stopped = true;
                break;
            }
            String at = Trees.now(clock);
            HealthResult health = checker.check(plan.url(), plan.urlSetting(), once);
            // The window is the polls' own times, as each poll shows it: it ends with the last one.
            String polled = health.checkedAt() != null ? health.checkedAt() : at;
            from = from == null ? polled : from;
            to = polled;
            EnvironmentSample sample = metrics == null ? null : metrics.read();
            inARow = health.healthy() ? 0 : inARow + 1;
            MonitorPoll poll = new MonitorPoll(i + 1, planned, health, sample, inARow);
            polls.add(poll);
            each.accept(poll);
            if (inARow >= limit) {
                unhealthy = true;
                break;
            }
        }
        MonitorReport.Verdict verdict = unhealthy ? MonitorReport.Verdict.UNHEALTHY
                : polls.isEmpty() ? MonitorReport.Verdict.NO_DATA
                : polls.stream().allMatch(p -> p.health().healthy()) ? MonitorReport.Verdict.HEALTHY
                : MonitorReport.Verdict.DEGRADED;
        String url = polls.isEmpty() ? null : polls.get(0).health().url();
        return new MonitorReport(increment, environment, url, metrics == null ? null : metricsSource, from, to,
                planned, polls, limit, stopped, verdict);
    }
}
