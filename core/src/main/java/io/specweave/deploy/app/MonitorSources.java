package io.specweave.deploy.app;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import io.specweave.deploy.Redactor;
import io.specweave.deploy.http.HttpSettings;
import io.specweave.deploy.http.RestClient;
import io.specweave.deploy.http.Urls;
import io.specweave.deploy.metrics.EnvironmentMonitor;
import io.specweave.deploy.metrics.FileMetricsSource;
import io.specweave.deploy.metrics.MetricQueries;
import io.specweave.deploy.metrics.MetricsSource;
import io.specweave.deploy.metrics.PrometheusMetricsSource;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where {@code monitor} reads metrics: for an environment, the profile's Prometheus (or a URL
 * given instead) on the environment's own track; for a canary, a metrics file or Prometheus.
 * Shared by every front end, so the CLI and the Action read the same series.
 */
public final class MonitorSources {

    /** An environment's metrics and how the report names their source. */
    public record EnvironmentMetrics(EnvironmentMonitor.Metrics metrics, String name) {
    }

    /** A canary's and stable's metrics and how the report names their source. */
    public record CanaryMetrics(MetricsSource source, String name) {
    }

    private MonitorSources() {
    }

    /**
     * The environment's metrics from Prometheus: {@code prometheusUrl}, else the profile's
     * {@code metrics.prometheusUrl}; null when neither is set (health only).
     */
    public static EnvironmentMetrics environment(Target target, String prometheusUrl, Host host) {
        MetricQueries queries = MetricQueries.of(target.profile());
        String url = prometheusUrl != null ? prometheusUrl : queries.prometheusUrl();
        if (url == null) {
            return null;
        }
        RestClient client = new RestClient(HttpSettings.defaults().withRequestTimeout(Duration.ofSeconds(10))
                .withMaxAttempts(1).withNetworkOf(host.http()), host.sleeper(), host.clock(), new Redactor());
        String track = track(target);
        return new EnvironmentMetrics(EnvironmentMonitor.prometheus(new PrometheusMetricsSource(client, url, queries),
                track), "Prometheus " + Urls.display(url) + ", track " + track);
    }

    /** The canary's metrics: {@code metricsFile} when given, else Prometheus ({@code prometheusUrl} or the profile's). */
    public static CanaryMetrics canary(Target target, Path metricsFile, String prometheusUrl, Host host) {
        if (metricsFile != null) {
            return new CanaryMetrics(new FileMetricsSource(metricsFile), "file " + metricsFile);
        }
        MetricQueries queries = MetricQueries.of(target.profile());
        String url = prometheusUrl != null ? prometheusUrl : queries.prometheusUrl();
        if (url == null) {
            throw new BadInputException(Message.of("no metrics source for " + target.environment() + ": set "
                    + queries.where() + ".prometheusUrl", Message.ifInput(Input.PROMETHEUS_URL, ", pass ",
                            Input.PROMETHEUS_URL), ", or pass ", Input.METRICS_FILE));
        }
        RestClient client = new RestClient(HttpSettings.defaults().withRequestTimeout(Duration.ofSeconds(15))
                .withMaxAttempts(3).withNetworkOf(host.http()), host.sleeper(), host.clock(), new Redactor());
        return new CanaryMetrics(new PrometheusMetricsSource(client, url, queries), "Prometheus " + Urls.display(url));
    }

    /** The series of the environment's own traffic: {@code metrics.track} of the profile, else {@code stable}. */
    static String track(Target target) {
        var metricsNode = target.profile().setting("metrics");
        if (metricsNode != null && metricsNode.hasNonNull("track")) {
            if (!metricsNode.get("track").isTextual() || metricsNode.get("track").asText().isBlank()) {
                throw new BadInputException(target.profile().source() + ": " + target.profile().settingPath("metrics")
                        + ".track: expected the track label value of the environment's series, e.g. "
                        + "\"stable\"");
            }
            return metricsNode.get("track").asText().trim();
        }
        return "stable";
    }
}
