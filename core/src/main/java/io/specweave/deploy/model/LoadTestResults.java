package io.specweave.deploy.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;

/**
 * A deployment's {@code loadTestResults}, from a k6 summary. Latencies in milliseconds.
 *
 * @param maxRps     requests per second k6 sustained over the test ({@code http_reqs.rate})
 * @param avgLatency mean request duration
 * @param p95Latency 95th percentile, null when the summary has none
 * @param p99Latency 99th percentile, null when the summary has none (k6 reports it only when asked)
 * @param errorRate  failed requests in percent ({@code http_req_failed}), null when absent
 */
public record LoadTestResults(double maxRps, double avgLatency, Double p95Latency, Double p99Latency,
        Double errorRate) {

    public ObjectNode toNode() {
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
        return node;
    }

    public static LoadTestResults from(JsonNode node) {
        if (node == null || !node.isObject() || !node.has("maxRPS")) {
            return null;
        }
        return new LoadTestResults(node.path("maxRPS").asDouble(), node.path("avgLatency").asDouble(),
                optional(node, "p95Latency"), optional(node, "p99Latency"), optional(node, "errorRate"));
    }

    private static Double optional(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isNumber() ? v.asDouble() : null;
    }

    static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
