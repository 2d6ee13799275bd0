package io.specweave.deploy.metrics;

import io.specweave.deploy.http.Urls;
import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.config.SyncProfile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PromQL queries of a profile ({@code metrics.queries}), each with {@code {{track}}}
 * ({@code canary} / {@code stable}), {@code {{version}}} (the track's commit) and
 * {@code {{window}}} placeholders. Queries not configured default to the common
 * {@code http_requests_total} (label {@code code}) and {@code http_request_duration_seconds_bucket}
 * conventions, scoped by {@code metrics.selector} (e.g. {@code job="checkout"}) and a
 * {@code track} label.
 *
 * @param prometheusUrl the Prometheus base URL ({@code metrics.prometheusUrl}), may be null
 * @param window        the range of rate()/increase() ({@code metrics.window}, default 1m)
 * @param queries       metric name → query template
 * @param where         how messages name the setting
 */
public record MetricQueries(String prometheusUrl, String window, Map<String, String> queries, String where) {

    public static final String REQUEST_RATE = "requestRate";
    public static final String ERROR_RATE = "errorRate";
    public static final String P50 = "p50Latency";
    public static final String P95 = "p95Latency";
    /** Read by environment monitoring ({@code monitor} without {@code --canary}); the canary analysis has no p99 check. */
    public static final String P99 = "p99Latency";
    public static final String REQUESTS = "requests";

    static final String DEFAULT_WINDOW = "1m";

    /** The defaults for a selector (without braces; may be empty). */
    public static Map<String, String> defaults(String selector) {
        String s = selector == null || selector.isBlank() ? "" : selector.trim() + ",";
        String all = "http_requests_total{" + s + "track=\"{{track}}\"}";
        String errors = "http_requests_total{" + s + "track=\"{{track}}\",code=~\"5..\"}";
        String buckets = "http_request_duration_seconds_bucket{" + s + "track=\"{{track}}\"}";
        Map<String, String> q = new LinkedHashMap<>();
        q.put(REQUEST_RATE, "sum(rate(" + all + "[{{window}}]))");
        q.put(ERROR_RATE, "(sum(rate(" + errors + "[{{window}}])) or vector(0)) / sum(rate(" + all + "[{{window}}]))");
        q.put(P50, "histogram_quantile(0.5, sum by (le) (rate(" + buckets + "[{{window}}])))");
        q.put(P95, "histogram_quantile(0.95, sum by (le) (rate(" + buckets + "[{{window}}])))");
        q.put(P99, "histogram_quantile(0.99, sum by (le) (rate(" + buckets + "[{{window}}])))");
        q.put(REQUESTS, "sum(increase(" + all + "[{{window}}]))");
        return q;
    }

    public static MetricQueries of(SyncProfile profile) {
        String where = profile.source() + ": " + profile.settingPath("metrics");
        JsonNode node = profile.setting("metrics");
        if (node != null && !node.isNull() && !node.isObject()) {
            throw new BadInputException(where + ": expected an object such as {\"prometheusUrl\": "
                    + "\"http://prometheus:9090\", \"selector\": \"job=\\\"checkout\\\"\"}");
        }
        String url = text(node, "prometheusUrl", where);
        if (url != null) {
            // User info is allowed here: it is Prometheus' basic authentication, and never shown.
            Urls.httpUrl(url, where + ".prometheusUrl");
        }
        String selector = text(node, "selector", where);
        String window = text(node, "window", where);
        if (window != null && !window.matches("\\d+(ms|s|m|h|d)")) {
            throw new BadInputException(where + ".window: expected a PromQL duration such as \"1m\" or \"30s\", got \""
                    + window + "\"");
        }
        Map<String, String> queries = defaults(selector);
        JsonNode custom = node == null ? null : node.get("queries");
        if (custom != null && !custom.isNull()) {
            if (!custom.isObject()) {
                throw new BadInputException(where + ".queries: expected an object of PromQL queries keyed by "
                        + String.join(", ", queries.keySet()));
            }
            custom.fields().forEachRemaining(e -> {
                if (!queries.containsKey(e.getKey())) {
                    throw new BadInputException(where + ".queries." + e.getKey() + ": unknown metric; expected one of "
                            + String.join(", ", queries.keySet()));
                }
                if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                    throw new BadInputException(where + ".queries." + e.getKey() + ": expected a PromQL query string");
                }
                queries.put(e.getKey(), e.getValue().asText());
            });
        }
        return new MetricQueries(url, window == null ? DEFAULT_WINDOW : window, Map.copyOf(queries), where);
    }

    /** The query for {@code metric} with its placeholders filled in. */
    public String render(String metric, String track, String version) {
        return queries.get(metric).replace("{{track}}", track).replace("{{version}}", version == null ? "" : version)
                .replace("{{window}}", window);
    }

    private static String text(JsonNode node, String field, String where) {
        if (node == null || !node.has(field) || node.get(field).isNull()) {
            return null;
        }
        String value = Json.text(node, field);
        if (value == null) {
            throw new BadInputException(where + "." + field + ": expected a non-empty string, got " + node.get(field));
        }
        return value.trim();
    }
}
