package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.http.Sleeper;
import io.specweave.deploy.metrics.MonitorPoll;
import io.specweave.deploy.metrics.MonitorReport;
import io.specweave.deploy.model.HealthStatus;
import io.specweave.deploy.testing.HealthServer;
import io.specweave.deploy.testing.PrometheusQueryApi;
import io.specweave.deploy.testing.TestProject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code monitor} of an environment (no canary) through Operations: a real loopback service, waits
 * injected through the host, no timing. Changed with the application layer: an environment found
 * unhealthy is the outcome RECORDED_FAILED (exit 1) with what was seen recorded.
 */
class MonitorOperationTest {

    @TempDir
    Path dir;

    HealthServer service;
    TestProject project;
    final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    final List<MonitorPoll> seen = Collections.synchronizedList(new ArrayList<>());
    final TestOperations run = TestOperations.at("2026-11-27T10:00:00Z").progress(new Progress() {
        @Override
        public void poll(MonitorPoll poll) {
            seen.add(poll);
        }
    });

    @BeforeEach
    void start() {
        service = HealthServer.start(200);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private void project(String metrics, String monitor) {
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
    }

    /** Records the wait and runs {@code between} as if the time had passed. */
    private Sleeper sleeper(Runnable between) {
        return d -> {
            waits.add(d);
            between.run();
        };
    }

    @SuppressWarnings("unchecked")
    private ChangeOutcome<MonitorReport> monitor(Integer failures) {
        return (ChangeOutcome<MonitorReport>) run.operations().monitor(TestOperations.request(dir).environment("prod")
                .duration(Duration.ofMinutes(1)).interval(Duration.ofMillis(100)).failures(failures).build());
    }

    private JsonNode prod() {
        return TestOperations.deployment(dir, "0018-oauth-google", "prod");
    }

    @Test
    void healthThatFlipsEndsTheRunAfterTheConfiguredFailuresInARowAndRecordsWhatWasSeen() {
        project(null, "{\"maxConsecutiveFailures\": 2}");
        AtomicInteger polls = new AtomicInteger();
        run.sleeper(sleeper(() -> {
            if (polls.incrementAndGet() == 3) {
                service.status(503);
            }
        }));

        ChangeOutcome<MonitorReport> outcome = monitor(null);

        MonitorReport report = outcome.detail();
        assertThat(report.verdict()).isEqualTo(MonitorReport.Verdict.UNHEALTHY);
        assertThat(outcome.result()).isEqualTo(ChangeOutcome.Result.RECORDED_FAILED);
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.problem().toString()).isEqualTo(report.problem());
        assertThat(seen).extracting(poll -> poll.health().status().raw())
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
        // The window is the polls' own times: from the first one's to the last one's, which the record shows.
        assertThat(prod.path("metrics").path("window").asText())
                .isEqualTo(seen.get(0).health().checkedAt() + "/" + seen.get(4).health().checkedAt())
                .endsWith("/" + prod.path("lastChecked").asText());
    }

    @Test
    void aRunOfFewerPollsThanTheLimitFailsWhenEveryPollFailed() {
        project(null, null);
        service.status(503);

        // The default run: one poll, where the limit is 3 in a row.
        @SuppressWarnings("unchecked")
        ChangeOutcome<MonitorReport> outcome = (ChangeOutcome<MonitorReport>) run.operations().monitor(
                TestOperations.request(dir).environment("prod").build());

        assertThat(outcome.detail().verdict()).isEqualTo(MonitorReport.Verdict.UNHEALTHY);
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(seen).hasSize(1);
        assertThat(prod().path("healthStatus").asText()).isEqualTo("unhealthy");
    }

    @Test
    void unhealthyPollsThatRecoverAreDegradedNotFatal() {
        project(null, null);
        AtomicInteger polls = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        run.stop(stop::get).sleeper(sleeper(() -> {
            int n = polls.incrementAndGet();
            service.status(n == 2 || n == 3 ? 503 : 200);
            stop.set(n == 6);
        }));

        ChangeOutcome<MonitorReport> outcome = monitor(null);

        MonitorReport report = outcome.detail();
        assertThat(report.planned()).isEqualTo(601);
        assertThat(report.polls()).extracting(poll -> poll.health().status().raw())
                .containsExactly("healthy", "healthy", "unhealthy", "unhealthy", "healthy", "healthy");
        assertThat(report.verdict()).isEqualTo(MonitorReport.Verdict.DEGRADED);
        assertThat(report.maxConsecutiveFailures()).isEqualTo(3);
        assertThat(outcome.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
    }

    @Test
    void healthyRunRecordsPrometheusMetricsOfTheEnvironmentsOwnSeries() {
        try (PrometheusQueryApi prometheus = PrometheusQueryApi.start(q -> q.startsWith("histogram_quantile(0.99")
                ? "0.3" : q.startsWith("histogram_quantile(0.95") ? "0.12" : q.startsWith("histogram_quantile(0.5")
                ? "0.045" : q.startsWith("(sum(rate(") ? "0.002" : q.startsWith("sum(rate(") ? "12.5" : null)) {
            project("{\"prometheusUrl\": \"" + prometheus.url() + "\", \"selector\": \"job=\\\"shop\\\"\"}", null);
            AtomicInteger polls = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            run.stop(stop::get).sleeper(sleeper(() -> stop.set(polls.incrementAndGet() == 3)));

            ChangeOutcome<MonitorReport> outcome = monitor(null);

            MonitorReport report = outcome.detail();
            assertThat(report.verdict()).isEqualTo(MonitorReport.Verdict.HEALTHY);
            assertThat(report.stopped()).isTrue();
            assertThat(report.polls()).hasSize(3);
            assertThat(report.metricsSource()).isEqualTo("Prometheus " + prometheus.url() + ", track stable");
            assertThat(outcome.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
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
    void aPrometheusThatCannotBeReachedIsAWarningOfTheRunOnceNamingItsUrlWithoutCredentials() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        project("{\"prometheusUrl\": \"http://watcher:s3cr3t-pw@127.0.0.1:" + closed + "/\"}", null);
        AtomicInteger polls = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        run.stop(stop::get).sleeper(sleeper(() -> stop.set(polls.incrementAndGet() == 3)));

        ChangeOutcome<MonitorReport> outcome = monitor(null);

        // Prometheus being down is not the environment being down: the verdict stays the polls' health.
        assertThat(outcome.detail().verdict()).isEqualTo(MonitorReport.Verdict.HEALTHY);
        assertThat(outcome.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(outcome.detail().polls()).hasSize(3).allSatisfy(poll -> assertThat(poll.metrics().problems())
                .singleElement().asString().startsWith("Prometheus at http://127.0.0.1:" + closed + " could not be "
                        + "reached: "));
        assertThat(outcome.warnings()).singleElement().asString()
                .startsWith("Prometheus at http://127.0.0.1:" + closed + " could not be reached: ")
                .contains("connection refused")
                .endsWith("; 3 of 3 polls without metrics, the verdict is of health alone")
                .doesNotContain("s3cr3t", "watcher");
        String json = io.specweave.deploy.report.OutcomeJson.of(outcome, io.specweave.deploy.Message.Spelling.DOMAIN)
                .toString();
        assertThat(json).contains("\"warnings\":[\"Prometheus at http://127.0.0.1:" + closed)
                .doesNotContain("s3cr3t", "unreadable");
        assertThat(new io.specweave.deploy.report.OutcomeText(true).render(outcome))
                .containsOnlyOnce("warning: Prometheus at http://127.0.0.1:" + closed + " could not be reached");
    }

    @Test
    void aWaitInterruptedStopsTheRunAndWhatWasSeenIsRecorded() {
        project(null, null);
        AtomicInteger polls = new AtomicInteger();
        run.sleeper(d -> {
            if (polls.incrementAndGet() == 2) {
                throw new InterruptedException("SIGTERM");
            }
        });

        ChangeOutcome<MonitorReport> outcome = monitor(null);

        assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
        assertThat(outcome.detail().stopped()).isTrue();
        assertThat(outcome.detail().polls()).hasSize(2);
        assertThat(prod().path("metrics").path("samples").asInt()).isEqualTo(2);
        String summary = io.specweave.deploy.report.MonitorText.summary(outcome.detail(), null);
        assertThat(summary.lines().findFirst().orElseThrow()).as("the headline a notice shows")
                .endsWith(": HEALTHY, stopped after 2 of " + outcome.detail().planned() + " polls");
        assertThat(summary).contains("Verdict: HEALTHY: every poll taken was healthy");
    }

    @Test
    void stopBeforeTheFirstPollRecordsNothing() {
        project(null, null);
        String before = project.read(".specweave/increments/0018-oauth-google/metadata.json");
        run.stop(() -> true);

        ChangeOutcome<MonitorReport> outcome = monitor(null);

        assertThat(outcome.detail().verdict()).isEqualTo(MonitorReport.Verdict.NO_DATA);
        assertThat(prod().has("metrics")).isFalse();
        assertThat(project.read(".specweave/increments/0018-oauth-google/metadata.json")).isEqualTo(before);
        assertThat(service.calls()).isZero();
    }

    @Test
    void badMonitorSettingsNameTheField() {
        project(null, "{\"maxConsecutiveFailures\": 0}");
        assertThatThrownBy(() -> monitor(null))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("deployment.monitor.maxConsecutiveFailures: expected a whole number of polls, "
                        + "1 or more, got 0");
        assertThatThrownBy(() -> monitor(0)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("failures: expected 1 or more");
        assertThat(service.calls()).isZero();
    }

    @Test
    void canaryThresholdsAreForTheCanaryNotForAnEnvironment() {
        project(null, null);
        assertThatThrownBy(() -> run.operations().monitor(TestOperations.request(dir).environment("prod")
                .metricsFile("canary.json").build()))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("metrics-file, max-error-rate-increase, max-p95-increase, min-requests and "
                        + "failure-threshold are for canary true (comparing a canary with stable)");
        assertThat(prod().path("healthStatus").isMissingNode()).isTrue();
        assertThat(HealthStatus.isHealthy(null)).isFalse();
    }
}
