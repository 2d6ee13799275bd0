package io.specweave.deploy.metrics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The outcome of monitoring a canary.
 *
 * @param increment      the increment id
 * @param environment    the environment
 * @param canaryCommit   the canary's commit
 * @param stableCommit   the stable version's commit, may be null
 * @param canaryWeight   the canary's share of traffic in percent
 * @param source         where the metrics came from (a Prometheus URL or a file)
 * @param thresholds     the limits applied
 * @param measurements   every measurement, oldest first
 * @param plannedMeasurements how many the run was to take (fewer when it stopped at ROLL BACK)
 * @param recommendation what to do
 * @param reason         why, for people
 */
@JsonPropertyOrder({"increment", "environment", "recommendation", "reason", "canaryCommit", "stableCommit",
        "canaryWeight", "source", "thresholds", "plannedMeasurements", "measurements"})
public record CanaryReport(String increment, String environment, String canaryCommit, String stableCommit,
        int canaryWeight, String source, CanaryThresholds thresholds, List<CanaryAnalyzer.Measurement> measurements,
        int plannedMeasurements, Recommendation recommendation, String reason) {

    public CanaryAnalyzer.Measurement last() {
        return measurements.get(measurements.size() - 1);
    }

    public long count(CanaryAnalyzer.Verdict verdict) {
        return measurements.stream().filter(m -> m.verdict() == verdict).count();
    }
}
