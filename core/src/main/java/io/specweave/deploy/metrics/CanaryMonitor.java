package io.specweave.deploy.metrics;

import io.specweave.deploy.Trees;
import io.specweave.deploy.model.CanaryState;
import io.specweave.deploy.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Measures a canary against stable at an interval for a duration and recommends what to do, by
 * the rules of Flagger's and Argo Rollouts' analyses: {@code failureThreshold} failed measurements
 * mean ROLL BACK (the run stops there); SAFE TO INCREASE CANARY needs no failed measurement and a
 * last measurement that passed; anything else, including no data or NaN, is HOLD.
 */
public final class CanaryMonitor {

    private final MetricsSource source;
    private final CanaryAnalyzer analyzer;
    private final CanaryThresholds thresholds;
    private final Sleeper sleeper;
    private final Clock clock;

    public CanaryMonitor(MetricsSource source, CanaryThresholds thresholds, Sleeper sleeper, Clock clock) {
        this.source = source;
        this.thresholds = thresholds;
        this.analyzer = new CanaryAnalyzer(thresholds);
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** How many measurements a run of {@code duration} at {@code interval} takes: one at the start, one per interval. */
    public static int measurements(Duration duration, Duration interval) {
        if (duration == null || duration.isZero() || interval == null || interval.isZero()) {
            return 1;
        }
        return (int) Math.min(10_000, duration.toMillis() / interval.toMillis() + 1);
    }

    /**
     * @param canary   the running canary
     * @param count    measurements to take, at least one
     * @param interval wait between two
     * @param stop     true once the run should end with the measurements it has (Ctrl-C, a cancelled job)
     * @param each     told about every measurement as it is taken (a live line in the log)
     */
    public CanaryReport run(String increment, String environment, CanaryState canary, String sourceName, int count,
            Duration interval, BooleanSupplier stop, Consumer<CanaryAnalyzer.Measurement> each) {
        List<CanaryAnalyzer.Measurement> taken = new ArrayList<>();
        int failed = 0;
        boolean stopped = false;
        for (int i = 0; i < Math.max(1, count); i++) {
            if (i > 0) {
                try {
                    sleeper.sleep(interval);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopped = true;
                }
                if (stopped || stop.getAsBoolean()) {
                    stopped = true;
                    break;
                }
            }
            TrackMetrics c = source.read("canary", canary.commit());
            TrackMetrics s = source.read("stable", canary.stableCommit());
            CanaryAnalyzer.Measurement m = analyzer.measure(Trees.now(clock), c, s);
            taken.add(m);
            each.accept(m);
            if (m.verdict() == CanaryAnalyzer.Verdict.FAIL) {
                failed++;
                if (failed >= thresholds.failureThreshold()) {
                    break;
                }
            }
        }
        Recommendation recommendation;
        String reason;
        CanaryAnalyzer.Measurement last = taken.get(taken.size() - 1);
        if (failed >= thresholds.failureThreshold()) {
            recommendation = Recommendation.ROLL_BACK;
            reason = failed + " failed measurement" + (failed == 1 ? "" : "s") + " (threshold "
                    + thresholds.failureThreshold() + "): " + failures(last);
        } else if (stopped) {
            // The analysis did not run its course: what it saw so far is no reason to move traffic.
            recommendation = Recommendation.HOLD;
            reason = "stopped after " + taken.size() + " of " + Math.max(1, count) + " measurements (the run was "
                    + "asked to stop), " + failed + " failed; run the analysis again";
        } else if (failed == 0 && last.verdict() == CanaryAnalyzer.Verdict.PASS) {
            recommendation = Recommendation.SAFE;
            reason = "every check passed in " + taken.size() + " measurement" + (taken.size() == 1 ? "" : "s");
        } else if (last.verdict() == CanaryAnalyzer.Verdict.INCONCLUSIVE) {
            recommendation = Recommendation.HOLD;
            reason = "inconclusive: " + inconclusive(last);
        } else {
            recommendation = Recommendation.HOLD;
            reason = failed + " failed measurement" + (failed == 1 ? "" : "s") + ", below the threshold of "
                    + thresholds.failureThreshold() + "; watch it longer";
        }
        return new CanaryReport(increment, environment, canary.commit(), canary.stableCommit(), canary.weightOrZero(),
                sourceName, thresholds, taken, Math.max(1, count), recommendation, reason);
    }

    private static String failures(CanaryAnalyzer.Measurement m) {
        return String.join("; ", m.checks().stream().filter(c -> c.verdict() == CanaryAnalyzer.Verdict.FAIL)
                .map(c -> c.name() + " " + c.detail()).toList());
    }

    private static String inconclusive(CanaryAnalyzer.Measurement m) {
        List<String> parts = new ArrayList<>(m.checks().stream()
                .filter(c -> c.verdict() == CanaryAnalyzer.Verdict.INCONCLUSIVE).map(c -> c.name() + " " + c.detail())
                .toList());
        return String.join("; ", parts);
    }
}
