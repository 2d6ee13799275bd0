package io.specweave.deploy.app;

import io.specweave.deploy.metrics.CanaryAnalyzer;
import io.specweave.deploy.metrics.CanaryMonitor;
import io.specweave.deploy.metrics.CanaryReport;
import io.specweave.deploy.metrics.CanaryThresholds;
import io.specweave.deploy.model.CanaryState;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.http.Sleeper;
import io.specweave.deploy.increment.Increment;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code monitor <increment> --environment E --canary}: measures the running canary against
 * stable ({@link CanaryMonitor}) and keeps the outcome beside the canary as
 * {@code canary.lastAnalysis}, for audit and the next step.
 */
public final class CanaryMonitorService {

    /** Time between two measurements when none is given. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    /** Told about every measurement as it is taken: its number, how many are planned, and the measurement. */
    @FunctionalInterface
    public interface Each {
        void accept(int number, int planned, CanaryAnalyzer.Measurement measurement);
    }

    private final Sleeper sleeper;
    private final Clock clock;

    public CanaryMonitorService(Sleeper sleeper, Clock clock) {
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** The canary running in {@code environment}; bad input when none runs. */
    public static CanaryState running(Project project, Increment increment, String environment) {
        CanaryState state = CanaryState.read(project.metadata(increment).read().deployment(environment).orElse(null));
        if (state == null || !state.running()) {
            throw new BadInputException(increment.id() + ": no canary runs in " + environment
                    + (state == null ? "" : " (the last one was " + state.status() + ")") + "; start one with `deploy "
                    + increment.paddedNumber() + " --environment " + environment + " --canary 10`");
        }
        return state;
    }

    /**
     * Measures for {@code duration} (zero: once) every {@code interval}, records the outcome and returns it.
     * Only {@link Recommendation#SAFE} lets a pipeline give the canary more traffic.
     */
    public CanaryReport monitor(Project project, Increment increment, String environment, CanaryState canary,
            CanaryThresholds thresholds, MonitorSources.CanaryMetrics metrics, Duration duration, Duration interval,
            Each each) {
        if (interval.isZero() && !duration.isZero()) {
            throw new BadInputException("--interval: expected more than 0 when --duration is given");
        }
        int count = CanaryMonitor.measurements(duration, interval);
        AtomicInteger taken = new AtomicInteger();
        CanaryReport report = new CanaryMonitor(metrics.source(), thresholds, sleeper, clock).run(increment.id(),
                environment, canary, metrics.name(), count, interval,
                m -> each.accept(taken.incrementAndGet(), count, m));
        ObjectNode analysis = lastAnalysis(report);
        project.metadata(increment).update(document -> {
            var node = document.deployment(environment).orElse(null);
            if (node != null && node.get(CanaryState.KEY) instanceof ObjectNode canaryNode) {
                canaryNode.set("lastAnalysis", analysis.deepCopy());
            }
            return null;
        });
        return report;
    }

    /** What is kept as {@code canary.lastAnalysis}: when, the recommendation and why, how many measurements failed. */
    public static ObjectNode lastAnalysis(CanaryReport report) {
        ObjectNode analysis = Json.mapper().createObjectNode();
        analysis.put("at", report.last().at());
        analysis.put("recommendation", report.recommendation().label());
        analysis.put("reason", report.reason());
        analysis.put("measurements", report.measurements().size());
        analysis.put("failed", report.count(CanaryAnalyzer.Verdict.FAIL));
        analysis.put("source", report.source());
        return analysis;
    }
}
