package io.specweave.deploy.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;

/**
 * A deployment's {@code loadTestResults}, from a k6 summary, typed over the object as stored
 * (numbers as written, other keys kept). Latencies in milliseconds, error rate in percent.
 */
public record LoadTestResults(ObjectNode node) {

    public LoadTestResults {
        node = node == null ? Json.mapper().createObjectNode() : node.deepCopy();
    }

    /**
     * @param maxRps     requests per second k6 sustained over the test ({@code http_reqs.rate})
     * @param avgLatency mean request duration
     * @param p95Latency 95th percentile, null when the summary has none
     * @param p99Latency 99th percentile, null when the summary has none (k6 reports it only when asked)
     * @param errorRate  failed requests in percent ({@code http_req_failed}), null when absent
     */
    public static LoadTestResults of(double maxRps, double avgLatency, Double p95Latency, Double p99Latency,
            Double errorRate) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("maxRPS", round(maxRps));
        node.put("avgLatency", round(avgLatency));
        if (p95Latency != null) {
            node.put("p95Latency", round(p95Latency));
        }
        if (p99Latency != null) {
            node.put("p99Latency", round(p99Latency));
        }
        if (errorRate != null) {
            node.put("errorRate", round(errorRate));
        }
        return new LoadTestResults(node);
    }

    /** Reads stored results; null when absent, not an object, or without {@code maxRPS}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static LoadTestResults from(JsonNode node) {
        return node instanceof ObjectNode object ? new LoadTestResults(object) : null;
    }

    @JsonValue
    public ObjectNode toNode() {
        return node.deepCopy();
    }

    /** True when the object holds what k6 measured ({@code maxRPS}). */
    public boolean measured() {
        return node.has("maxRPS");
    }

    public double maxRps() {
        return node.path("maxRPS").asDouble();
    }

    public double avgLatency() {
        return node.path("avgLatency").asDouble();
    }

    public Double p95Latency() {
        return optional("p95Latency");
    }

    public Double p99Latency() {
        return optional("p99Latency");
    }

    public Double errorRate() {
        return optional("errorRate");
    }

    private Double optional(String field) {
        JsonNode v = node.get(field);
        return v != null && v.isNumber() ? v.asDouble() : null;
    }

    static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
