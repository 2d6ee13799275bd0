package io.specweave.deploy.metrics;

import io.specweave.deploy.model.CanaryState;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanaryAnalyzerTest {

    static final TrackMetrics STABLE = metrics(100, 0.01, 0.040, 0.100, 6000);
    static final CanaryState CANARY = new CanaryState("0018", "c2", null, null, "c1", 25, CanaryState.RUNNING, null,
            null, null, null, null, null, List.of(), null);

    static TrackMetrics metrics(double rps, double errors, double p50, double p95, double requests) {
        return new TrackMetrics(rps, errors, p50, p95, requests, List.of());
    }

    /** A source that hands out the canary measurements in order, stable always the same. */
    static MetricsSource sequence(TrackMetrics... canaries) {
        Deque<TrackMetrics> queue = new ArrayDeque<>(List.of(canaries));
        return (track, version) -> track.equals("canary") ? queue.removeFirst() : STABLE;
    }

    static CanaryReport run(CanaryThresholds thresholds, List<Duration> sleeps, TrackMetrics... canaries) {
        return new CanaryMonitor(sequence(canaries), thresholds, sleeps::add, Clock.systemUTC())
                .run("0018", "prod", CANARY, "test", canaries.length, Duration.ofMinutes(1), () -> false,
                        m -> { });
    }

    @Test
    void withinTheLimitsIsSafe() {
        List<Duration> sleeps = new ArrayList<>();
        CanaryReport report = run(CanaryThresholds.defaults(), sleeps, metrics(10, 0.015, 0.04, 0.115, 600),
                metrics(10, 0.012, 0.04, 0.11, 600));
        assertThat(report.recommendation()).isEqualTo(Recommendation.SAFE);
        assertThat(sleeps).containsExactly(Duration.ofMinutes(1));
    }

    @Test
    void theErrorRateLimitIsInPercentagePointsAndTheP95LimitInPercent() {
        CanaryAnalyzer analyzer = new CanaryAnalyzer(CanaryThresholds.defaults());
        var errors = analyzer.measure("t", metrics(10, 0.021, 0.04, 0.10, 600), STABLE);
        assertThat(errors.verdict()).isEqualTo(CanaryAnalyzer.Verdict.FAIL);
        assertThat(errors.checks().get(0).detail()).startsWith("+1.10 pp");
        var slow = analyzer.measure("t", metrics(10, 0.01, 0.04, 0.121, 600), STABLE);
        assertThat(slow.checks().get(1).verdict()).isEqualTo(CanaryAnalyzer.Verdict.FAIL);
        assertThat(slow.checks().get(1).detail()).startsWith("+21.0 %");
        var edge = analyzer.measure("t", metrics(10, 0.02, 0.04, 0.12, 600), STABLE);
        assertThat(edge.verdict()).isEqualTo(CanaryAnalyzer.Verdict.PASS);
    }

    @Test
    void nanOrMissingDataIsInconclusiveAndNeverSafe() {
        CanaryReport nan = run(CanaryThresholds.defaults(), new ArrayList<>(),
                metrics(0, Double.NaN, Double.NaN, Double.NaN, 0));
        assertThat(nan.recommendation()).isEqualTo(Recommendation.HOLD);
        assertThat(nan.reason()).contains("inconclusive", "canary: NaN");
        CanaryReport missing = run(CanaryThresholds.defaults(), new ArrayList<>(),
                new TrackMetrics(null, null, null, null, null, List.of()));
        assertThat(missing.recommendation()).isEqualTo(Recommendation.HOLD);
        assertThat(missing.reason()).contains("canary: no data");
    }

    @Test
    void tooLittleCanaryTrafficIsInconclusive() {
        CanaryReport report = run(CanaryThresholds.defaults(), new ArrayList<>(), metrics(0.1, 0.0, 0.04, 0.1, 12));
        assertThat(report.recommendation()).isEqualTo(Recommendation.HOLD);
        assertThat(report.reason()).contains("Canary requests 12 (minimum 100)");
    }

    @Test
    void failedMeasurementsBelowTheThresholdHoldAndReachingItRollsBackAtOnce() {
        CanaryThresholds two = new CanaryThresholds(1, 20, 100, 2);
        TrackMetrics bad = metrics(10, 0.2, 0.04, 0.5, 600);
        TrackMetrics good = metrics(10, 0.01, 0.04, 0.1, 600);
        CanaryReport once = run(two, new ArrayList<>(), bad, good);
        assertThat(once.recommendation()).isEqualTo(Recommendation.HOLD);
        assertThat(once.reason()).contains("1 failed measurement, below the threshold of 2");
        CanaryReport twice = run(two, new ArrayList<>(), bad, good, bad, good, good);
        assertThat(twice.recommendation()).isEqualTo(Recommendation.ROLL_BACK);
        assertThat(twice.measurements()).hasSize(3);
        assertThat(twice.plannedMeasurements()).isEqualTo(5);
    }

    @Test
    void aDurationAtAnIntervalIsOneMeasurementAtTheStartAndOnePerInterval() {
        assertThat(CanaryMonitor.measurements(Duration.ofMinutes(15), Duration.ofMinutes(1))).isEqualTo(16);
        assertThat(CanaryMonitor.measurements(Duration.ZERO, Duration.ofMinutes(1))).isEqualTo(1);
    }

    /** A stop (Ctrl-C, SIGTERM, a Jenkins abort) ends the waits: the rest of the run is not measured back to back. */
    @Test
    void aStopEndsTheRunWithWhatItMeasuredAndNeverCallsItSafe() {
        TrackMetrics good = metrics(10, 0.012, 0.04, 0.11, 600);
        List<Duration> sleeps = new ArrayList<>();
        List<CanaryAnalyzer.Measurement> seen = new ArrayList<>();

        CanaryReport report = new CanaryMonitor(sequence(good, good, good, good, good), CanaryThresholds.defaults(),
                sleeps::add, Clock.systemUTC()).run("0018", "prod", CANARY, "test", 5, Duration.ofMinutes(1),
                        () -> sleeps.size() >= 2, seen::add);

        assertThat(seen).hasSize(2);
        assertThat(report.measurements()).hasSize(2);
        assertThat(report.plannedMeasurements()).isEqualTo(5);
        assertThat(report.recommendation()).as("two good minutes of fifteen planned prove nothing")
                .isEqualTo(Recommendation.HOLD);
        assertThat(report.reason()).isEqualTo("stopped after 2 of 5 measurements (the run was asked to stop), "
                + "0 failed; run the analysis again");
    }
}
