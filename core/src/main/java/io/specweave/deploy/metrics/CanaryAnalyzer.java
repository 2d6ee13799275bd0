package io.specweave.deploy.metrics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One measurement of a canary against stable, with the checks of Flagger's and Argo Rollouts'
 * analyses: each check passes, fails, or is inconclusive (no data, NaN, too little traffic). A
 * measurement fails when any check fails, is inconclusive when none fails but one could not be
 * decided, and passes only when every check passed.
 */
public final class CanaryAnalyzer {

    /** What a check or a measurement found. */
    public enum Verdict { PASS, FAIL, INCONCLUSIVE }

    /** One comparison. */
    @JsonPropertyOrder({"name", "verdict", "detail"})
    public record Check(String name, Verdict verdict, String detail) {
    }

    /** Both tracks' metrics at one time and what the checks made of them. */
    @JsonPropertyOrder({"at", "verdict", "checks", "canary", "stable"})
    public record Measurement(String at, Verdict verdict, List<Check> checks, TrackMetrics canary,
            TrackMetrics stable) {
    }

    private final CanaryThresholds thresholds;

    public CanaryAnalyzer(CanaryThresholds thresholds) {
        this.thresholds = thresholds;
    }

    public Measurement measure(String at, TrackMetrics canary, TrackMetrics stable) {
        List<Check> checks = new ArrayList<>();
        checks.add(errorRate(canary, stable));
        checks.add(p95(canary, stable));
        checks.add(requests(canary));
        Verdict verdict = checks.stream().anyMatch(c -> c.verdict() == Verdict.FAIL) ? Verdict.FAIL
                : checks.stream().anyMatch(c -> c.verdict() == Verdict.INCONCLUSIVE) ? Verdict.INCONCLUSIVE
                : Verdict.PASS;
        return new Measurement(at, verdict, checks, canary, stable);
    }

    private Check errorRate(TrackMetrics canary, TrackMetrics stable) {
        String name = "Error rate";
        if (!TrackMetrics.usable(canary.errorRate()) || !TrackMetrics.usable(stable.errorRate())) {
            return new Check(name, Verdict.INCONCLUSIVE, why(canary.errorRate(), stable.errorRate()));
        }
        double delta = (canary.errorRate() - stable.errorRate()) * 100;
        String detail = String.format(java.util.Locale.ROOT, "%+.2f pp (canary %.2f %%, stable %.2f %%; limit +%.2f pp)",
                delta, canary.errorRate() * 100, stable.errorRate() * 100, thresholds.maxErrorRateIncrease());
        return new Check(name, delta <= thresholds.maxErrorRateIncrease() + 1e-9 ? Verdict.PASS : Verdict.FAIL, detail);
    }

    private Check p95(TrackMetrics canary, TrackMetrics stable) {
        String name = "p95 latency";
        if (!TrackMetrics.usable(canary.p95Latency()) || !TrackMetrics.usable(stable.p95Latency())) {
            return new Check(name, Verdict.INCONCLUSIVE, why(canary.p95Latency(), stable.p95Latency()));
        }
        if (stable.p95Latency() <= 0) {
            return new Check(name, Verdict.INCONCLUSIVE, "stable p95 is 0: nothing to compare with");
        }
        double increase = (canary.p95Latency() / stable.p95Latency() - 1) * 100;
        String detail = String.format(java.util.Locale.ROOT, "%+.1f %% (canary %.0f ms, stable %.0f ms; limit +%.0f %%)",
                increase, canary.p95Latency() * 1000, stable.p95Latency() * 1000, thresholds.maxP95Increase());
        return new Check(name, increase <= thresholds.maxP95Increase() + 1e-9 ? Verdict.PASS : Verdict.FAIL, detail);
    }

    private Check requests(TrackMetrics canary) {
        String name = "Canary requests";
        if (!TrackMetrics.usable(canary.requests())) {
            return new Check(name, Verdict.INCONCLUSIVE, "canary: " + state(canary.requests()));
        }
        String detail = String.format(java.util.Locale.ROOT, "%.0f (minimum %.0f)", canary.requests(),
                thresholds.minRequests());
        return new Check(name, canary.requests() >= thresholds.minRequests() ? Verdict.PASS : Verdict.INCONCLUSIVE,
                detail);
    }

    private static String why(Double canary, Double stable) {
        List<String> parts = new ArrayList<>();
        if (!TrackMetrics.usable(canary)) {
            parts.add("canary: " + state(canary));
        }
        if (!TrackMetrics.usable(stable)) {
            parts.add("stable: " + state(stable));
        }
        return String.join(", ", parts);
    }

    private static String state(Double value) {
        if (value == null) {
            return "no data";
        }
        return Double.isNaN(value) ? "NaN" : "infinite";
    }
}
