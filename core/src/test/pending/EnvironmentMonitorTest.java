package io.specweave.deploy.metrics;

import io.specweave.deploy.app.EnvironmentTarget;
import io.specweave.deploy.app.MonitorService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.app.Project;
import io.specweave.deploy.http.HttpSettings;
import io.specweave.deploy.http.Redactor;
import io.specweave.deploy.http.RestClient;
import io.specweave.deploy.health.HealthChecker;
import io.specweave.deploy.http.Sleeper;
import io.specweave.deploy.testing.HealthServer;
import io.specweave.deploy.testing.PrometheusQueryApi;
import io.specweave.deploy.testing.TestProject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** monitor without --canary through the core: a real loopback service, injected waits, no timing. */
class EnvironmentMonitorTest {

    @TempDir
    Path dir;

    HealthServer service;
    TestProject project;
    final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void start() {
        service = HealthServer.start(200);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private Project project(String metrics, String monitor) {
        project = TestProject.in(dir).config("""
                {"sync": {"profiles": {"local-prod": {"provider": "local", "environment": "prod",
                   "deploymentUrl": "%s", "healthCheck": {"retries": 4, "intervalSeconds": 5, "timeoutSeconds": 5}%s}}},
                 "deployment": {"pipeline": ["prod"]%s}}
                """.formatted(service.url(), metrics == null ? "" : ", \"metrics\": " + metrics,
                monitor == null ? "" : ", \"monitor\": " + monitor))
                .increment("0018-oauth-google", "OAuth", """
                        {"id": "0018-oauth-google", "deployments": {"prod": {"profile": "local-prod",
                          "status": "deployed", "commit": "abc123", "deploymentUrl": "%s"}}}
                        """.formatted(service.url()));
        return project.open();
    }

    /** Records the wait and runs {@code between} as if the time had passed. */
    private Sleeper sleeper(Runnable between) {
        return d -> {
            waits.add(d);
            between.run();
        };
    }

    private MonitorReport monitor(Project p, Sleeper sleeper, Integer failures, EnvironmentMonitor.Metrics metrics,
            java.util.function.BooleanSupplier stop, List<MonitorPoll> seen) {
        return new MonitorService(new HealthChecker(d -> { }, Clock.systemUTC()), sleeper, Clock.systemUTC())
                .monitor(p, "0018", EnvironmentTarget.resolve(p.config(), null, "prod", null), Duration.ofMinutes(1),
                        Duration.ofMillis(100), failures, metrics, metrics == null ? null : "test", stop, seen::add);
    }

    private JsonNode prod() throws Exception {
        return Json.mapper().readTree(project.read(".specweave/increments/0018-oauth-google/metadata.json"))
                .path("deployments").path("prod");
    }

    @Test
    void healthThatFlipsEndsTheRunAfterTheConfiguredFailuresInARowAndRecordsWhatWasSeen() throws Exception {
        Project p = project(null, "{\"maxConsecutiveFailures\": 2}");
        AtomicInteger polls = new AtomicInteger();
        List<MonitorPoll> seen = new ArrayList<>();

        MonitorReport report = monitor(p, sleeper(() -> {
            if (polls.incrementAndGet() == 3) {
                service.status(503);
            }
        }), null, null, () -> false, seen);

        assertThat(report.verdict()).isEqualTo(MonitorReport.Verdict.UNHEALTHY);
        assertThat(seen).extracting(poll -> poll.health().status())
                .containsExactly("healthy", "healthy", "healthy", "unhealthy", "unhealthy");
        assertThat(seen.get(4).unhealthyInARow()).isEqualTo(2);
        assertThat(service.calls()).as("one attempt per poll, the profile's retries are not used").isEqualTo(5);
        assertThat(waits).containsOnly(Duration.ofMillis(100));
        JsonNode prod = prod();
        assertThat(prod.path("metrics").path("samples").asInt()).isEqualTo(5);
        assertThat(prod.path("metrics").path("healthyPolls").asInt()).isEqualTo(3);
        assertThat(prod.path("metrics").path("uptime").asDouble()).isEqualTo(60.0);
        assertThat(prod.path("metrics").path("verdict").asText()).isEqualTo("unhealthy");
        assertThat(prod.path("healthStatus").asText()).isEqualTo("unhealthy");
        assertThat(prod.path("healthHttpStatus").asInt()).isEqualTo(503);
        assertThat(prod.path("commit").asText()).isEqualTo("abc123");
    }

    @Test
    void unhealthyPollsThatRecoverAreDegradedNotFatal() {
        Project p = project(null, null);
        AtomicInteger polls = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        MonitorReport report = monitor(p, sleeper(() -> {
            int n = polls.incrementAndGet();
            service.status(n == 2 || n == 3 ? 503 : 200);
            stop.set(n == 6);
        }), null, null, stop::get, new ArrayList<>());
        assertThat(report.planned()).isEqualTo(601);
        assertThat(report.polls()).extracting(poll -> poll.health().status())
                .containsExactly("healthy", "healthy", "unhealthy", "unhealthy", "healthy", "healthy");
        assertThat(report.verdict()).isEqualTo(MonitorReport.Verdict.DEGRADED);
        assertThat(report.maxConsecutiveFailures()).isEqualTo(3);
    }

    @Test
    void healthyRunRecordsPrometheusMetricsOfTheEnvironmentsOwnSeries() throws Exception {
        try (PrometheusQueryApi prometheus = PrometheusQueryApi.start(q -> q.startsWith("histogram_quantile(0.99")
                ? "0.3" : q.startsWith("histogram_quantile(0.95") ? "0.12" : q.startsWith("histogram_quantile(0.5")
                ? "0.045" : q.startsWith("(sum(rate(") ? "0.002" : q.startsWith("sum(rate(") ? "12.5" : null)) {
            Project p = project("{\"prometheusUrl\": \"" + prometheus.url() + "\", \"selector\": \"job=\\\"shop\\\"\"}",
                    null);
            MetricQueries queries = MetricQueries.of(p.config().profile("local-prod"));
            EnvironmentMonitor.Metrics metrics = EnvironmentMonitor.prometheus(new PrometheusMetricsSource(
                    new RestClient(HttpSettings.defaults(), new Redactor()), prometheus.url(), queries), "stable");
            AtomicInteger polls = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();

            MonitorReport report = monitor(p, sleeper(() -> stop.set(polls.incrementAndGet() == 3)), null, metrics,
                    stop::get, new ArrayList<>());

            assertThat(report.verdict()).isEqualTo(MonitorReport.Verdict.HEALTHY);
            assertThat(report.stopped()).isTrue();
            assertThat(report.polls()).hasSize(3);
            assertThat(prometheus.queries()).hasSize(15).allMatch(q -> q.contains("job=\"shop\",track=\"stable\""));
            JsonNode metricsNode = prod().path("metrics");
            assertThat(metricsNode.path("rps").asDouble()).isEqualTo(12.5);
            assertThat(metricsNode.path("errorRate").asDouble()).as("percent").isEqualTo(0.2);
            assertThat(metricsNode.path("p50LatencyMs").asDouble()).isEqualTo(45.0);
            assertThat(metricsNode.path("p95LatencyMs").asDouble()).isEqualTo(120.0);
            assertThat(metricsNode.path("p99LatencyMs").asDouble()).isEqualTo(300.0);
            assertThat(metricsNode.path("samples").asInt()).isEqualTo(3);
            assertThat(metricsNode.path("healthyPolls").asInt()).isEqualTo(3);
            assertThat(metricsNode.path("stopped").asBoolean()).isTrue();
            assertThat(metricsNode.path("window").asText()).matches("\\d{4}-.*Z/\\d{4}-.*Z");
            assertThat(prod().path("healthStatus").asText()).isEqualTo("healthy");
        }
    }

    @Test
    void aWaitInterruptedStopsTheRunAndWhatWasSeenIsRecorded() throws Exception {
        Project p = project(null, null);
        AtomicInteger polls = new AtomicInteger();
        MonitorReport report = monitor(p, d -> {
            if (polls.incrementAndGet() == 2) {
                throw new InterruptedException("SIGTERM");
            }
        }, null, null, () -> false, new ArrayList<>());
        assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
        assertThat(report.stopped()).isTrue();
        assertThat(report.polls()).hasSize(2);
        assertThat(prod().path("metrics").path("samples").asInt()).isEqualTo(2);
    }

    @Test
    void stopBeforeTheFirstPollRecordsNothing() throws Exception {
        Project p = project(null, null);
        MonitorReport report = monitor(p, d -> { }, null, null, () -> true, new ArrayList<>());
        assertThat(report.verdict()).isEqualTo(MonitorReport.Verdict.NO_DATA);
        assertThat(prod().has("metrics")).isFalse();
        assertThat(service.calls()).isZero();
    }

    @Test
    void badMonitorSettingsNameTheField() {
        Project p = project(null, "{\"maxConsecutiveFailures\": 0}");
        assertThatThrownBy(() -> monitor(p, d -> { }, null, null, () -> false, new ArrayList<>()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("deployment.monitor.maxConsecutiveFailures: expected a whole number of polls, "
                        + "1 or more, got 0");
        assertThatThrownBy(() -> monitor(p, d -> { }, 0, null, () -> false, new ArrayList<>()))
                .hasMessageContaining("--failures: expected 1 or more");
    }
}
