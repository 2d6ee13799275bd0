package io.specweave.deploy.metrics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What monitoring an environment saw.
 *
 * @param increment              the increment's id
 * @param environment            the environment
 * @param url                    the health URL polled
 * @param metricsSource          where metrics came from, or null for none
 * @param from                   the first poll's time
 * @param to                     the last poll's time
 * @param planned                polls planned
 * @param polls                  the polls taken, in order
 * @param maxConsecutiveFailures unhealthy polls in a row that end the run
 * @param stopped                true when the run was stopped (Ctrl-C, SIGTERM) before its end
 * @param verdict                the outcome
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonitorReport(String increment, String environment, String url, String metricsSource, String from,
        String to, int planned, List<MonitorPoll> polls, int maxConsecutiveFailures, boolean stopped,
        Verdict verdict) {

    /** How the environment did. */
    public enum Verdict {
        /** Every poll was healthy. */
        HEALTHY,
        /** Some polls were not healthy, never {@code maxConsecutiveFailures} in a row. */
        DEGRADED,
        /** Unhealthy {@code maxConsecutiveFailures} polls in a row; the run stopped there. */
        UNHEALTHY,
        /** Stopped before the first poll. */
        NO_DATA
    }

    public MonitorReport {
        polls = List.copyOf(polls);
    }

    /** True when a pipeline should stop: unhealthy polls in a row, or no poll at all (exit code 1). */
    @JsonIgnore
    public boolean failed() {
        return verdict == Verdict.UNHEALTHY || verdict == Verdict.NO_DATA;
    }

    /** Why the run failed, for people; null when it did not. */
    @JsonIgnore
    public String problem() {
        if (verdict == Verdict.NO_DATA) {
            return environment + ": stopped before the first poll; nothing was seen";
        }
        if (verdict != Verdict.UNHEALTHY) {
            return null;
        }
        var last = polls.get(polls.size() - 1).health();
        return environment + " was not healthy for " + maxConsecutiveFailures
                + (maxConsecutiveFailures == 1 ? " poll" : " polls in a row") + " (last: " + last.status() + ", "
                + last.message() + "); what was seen is recorded";
    }

    /**
     * Why metrics are missing from polls because their source could not be read (Prometheus unreachable,
     * an answer that is no query result), once per reason with the polls it left without metrics: a
     * per-poll problem alone hides it, and the verdict, of the polls' health, does not show it.
     */
    @JsonIgnore
    public List<String> metricsWarnings() {
        Map<String, Long> unreadable = polls.stream().map(MonitorPoll::metrics)
                .filter(m -> m != null && m.unreadable() != null)
                .collect(Collectors.groupingBy(EnvironmentSample::unreadable, LinkedHashMap::new, Collectors.counting()));
        return unreadable.entrySet().stream().map(e -> e.getKey() + "; " + e.getValue() + " of " + polls.size()
                + " poll" + (polls.size() == 1 ? "" : "s") + " without metrics, the verdict is of health alone").toList();
    }

    public long healthyPolls() {
        return polls.stream().filter(p -> p.health().healthy()).count();
    }

    /** Mean of a metric over the polls that had a finite value; empty when none had. */
    public OptionalDouble mean(Function<EnvironmentSample, Double> metric) {
        return polls.stream().map(MonitorPoll::metrics).filter(m -> m != null).map(metric)
                .filter(TrackMetrics::usable).mapToDouble(Double::doubleValue).average();
    }

    /**
     * The record's {@code metrics}, as the product doc's prod block has them: {@code rps},
     * {@code errorRate} in percent, latencies in milliseconds, {@code uptime} (healthy polls in
     * percent), plus {@code samples}, {@code healthyPolls}, {@code window} and {@code verdict}.
     * Metric values are the mean over the polls.
     */
    @JsonIgnore
    public ObjectNode toMetricsNode() {
        ObjectNode node = Json.mapper().createObjectNode();
        mean(EnvironmentSample::requestRate).ifPresent(v -> node.put("rps", round(v, 2)));
        mean(EnvironmentSample::errorRate).ifPresent(v -> node.put("errorRate", round(v * 100, 3)));
        mean(EnvironmentSample::p50Latency).ifPresent(v -> node.put("p50LatencyMs", round(v * 1000, 1)));
        mean(EnvironmentSample::p95Latency).ifPresent(v -> node.put("p95LatencyMs", round(v * 1000, 1)));
        mean(EnvironmentSample::p99Latency).ifPresent(v -> node.put("p99LatencyMs", round(v * 1000, 1)));
        if (!polls.isEmpty()) {
            node.put("uptime", round(healthyPolls() * 100.0 / polls.size(), 2));
        }
        node.put("samples", polls.size());
        node.put("healthyPolls", healthyPolls());
        if (from != null) {
            node.put("window", from + "/" + to);
        }
        node.put("verdict", verdict.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        if (stopped) {
            node.put("stopped", true);
        }
        if (metricsSource != null) {
            node.put("source", metricsSource);
        }
        return node;
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
