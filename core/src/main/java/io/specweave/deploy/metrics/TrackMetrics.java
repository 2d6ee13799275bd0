package io.specweave.deploy.metrics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What one track (canary or stable) measured. A null value means the source had no data;
 * NaN is kept as NaN (0/0 in PromQL): both make the analysis inconclusive, never safe.
 *
 * @param requestRate requests per second
 * @param errorRate   share of requests that failed, 0-1
 * @param p50Latency  median latency in seconds
 * @param p95Latency  95th percentile latency in seconds
 * @param requests    requests in the analysis window
 * @param problems    why values are missing, for the report
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"requestRate", "errorRate", "successRate", "p50Latency", "p95Latency", "requests", "problems"})
public record TrackMetrics(Double requestRate, Double errorRate, Double p50Latency, Double p95Latency,
        Double requests, List<String> problems) {

    public TrackMetrics {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** 1 - error rate; null when the error rate is unknown. */
    @com.fasterxml.jackson.annotation.JsonProperty("successRate")
    public Double successRate() {
        return usable(errorRate) ? 1 - errorRate : null;
    }

    /** True for a finite number. */
    @JsonIgnore
    public static boolean usable(Double value) {
        return value != null && Double.isFinite(value);
    }
}
