package io.specweave.deploy.metrics;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import java.util.List;

/**
 * What one track (canary or stable) measured. A null value means the source had no data;
 * NaN is kept as NaN (0/0 in PromQL): both make the analysis inconclusive, never safe.
 * Held in the units the analysis computes with (Prometheus'); shown in the units of every file
 * this tool writes ({@link #toNode()}).
 *
 * @param requestRate requests per second
 * @param errorRate   share of requests that failed, 0-1
 * @param p50Latency  median latency in seconds
 * @param p95Latency  95th percentile latency in seconds
 * @param requests    requests in the analysis window
 * @param problems    why values are missing, for the report
 */
public record TrackMetrics(Double requestRate, Double errorRate, Double p50Latency, Double p95Latency,
        Double requests, List<String> problems) {

    public TrackMetrics {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /**
     * As a {@code --metrics-file} track and a record's {@code metrics} write it: {@code errorRate} in
     * percent, latencies as {@code p50LatencyMs} and {@code p95LatencyMs}; a value without data left
     * out, NaN as the text {@code "NaN"}.
     */
    @JsonValue
    public ObjectNode toNode() {
        ObjectNode node = Json.mapper().createObjectNode();
        put(node, "requestRate", requestRate, 1, 2);
        put(node, "errorRate", errorRate, 100, 3);
        put(node, "p50LatencyMs", p50Latency, 1000, 1);
        put(node, "p95LatencyMs", p95Latency, 1000, 1);
        put(node, "requests", requests, 1, 0);
        if (!problems.isEmpty()) {
            problems.forEach(node.putArray("problems")::add);
        }
        return node;
    }

    private static void put(ObjectNode node, String field, Double value, double scale, int decimals) {
        if (value == null) {
            return;
        }
        if (!Double.isFinite(value)) {
            node.put(field, String.valueOf(value));
        } else {
            node.put(field, MonitorReport.round(value * scale, decimals));
        }
    }

    /** 1 - error rate; null when the error rate is unknown. */
    public Double successRate() {
        return usable(errorRate) ? 1 - errorRate : null;
    }

    /** True for a finite number. */
    public static boolean usable(Double value) {
        return value != null && Double.isFinite(value);
    }
}
