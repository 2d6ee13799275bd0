package io.specweave.deploy.app;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Redactor;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.http.HttpSettings;
import io.specweave.deploy.http.RestClient;
import io.specweave.deploy.metrics.CanaryAnalyzer;
import io.specweave.deploy.metrics.CanaryMonitor;
import io.specweave.deploy.metrics.CanaryReport;
import io.specweave.deploy.metrics.CanaryThresholds;
import io.specweave.deploy.metrics.EnvironmentMonitor;
import io.specweave.deploy.metrics.EnvironmentSample;
import io.specweave.deploy.metrics.MetricQueries;
import static org.assertj.core.api.Assertions.assertThat;

import io.specweave.deploy.metrics.PrometheusMetricsSource;
import io.specweave.deploy.metrics.Recommendation;
import io.specweave.deploy.metrics.TrackMetrics;
import io.specweave.deploy.model.CanaryState;
import io.specweave.deploy.report.CanaryReportRenderer;
import io.specweave.deploy.testing.CanaryMetricsEndpoint.Traffic;
import io.specweave.deploy.testing.CanaryMetricsEndpoint;
import io.specweave.deploy.testing.LocalPrometheus;
import io.specweave.deploy.testing.TestProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary analysis against a real Prometheus (the Debian package) scraping a loopback endpoint
 * that serves canary and stable series, through the default queries of the http_requests_total /
 * http_request_duration_seconds_bucket conventions, and environment monitoring's reading of one
 * track. Skipped, saying so, where the binary is absent.
 */
class PrometheusCanaryAnalysisTest {

    static final double[] BOUNDS = {0.05, 0.1, 0.25, 0.5, 1.0};
    static final double[] FAST = {0.5, 0.9, 1.0, 1.0, 1.0};
    static final double[] SLOW = {0.1, 0.3, 0.5, 0.7, 0.9};

    static CanaryMetricsEndpoint endpoint;
    static LocalPrometheus prometheus;

    @TempDir
    static Path work;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPrometheus() throws Exception {
        Path binary = LocalPrometheus.binary().orElse(null);
        if (binary == null) {
            return;
        }
        Map<String, Map<String, Traffic>> scenarios = new LinkedHashMap<>();
        scenarios.put("good", Map.of(
                "canary", new Traffic(100, 1, BOUNDS, FAST),
                "stable", new Traffic(900, 9, BOUNDS, FAST)));
        scenarios.put("bad", Map.of(
                "canary", new Traffic(100, 20, BOUNDS, SLOW),
                "stable", new Traffic(900, 9, BOUNDS, FAST)));
        scenarios.put("missing", Map.of(
                "stable", new Traffic(900, 9, BOUNDS, FAST)));
        endpoint = CanaryMetricsEndpoint.start(scenarios);
        prometheus = LocalPrometheus.start(binary, Files.createDirectories(work.resolve("prometheus")),
                endpoint.target(), List.copyOf(scenarios.keySet()));
        // Four scrapes of every series: enough samples for rate() over the default 1m window.
        prometheus.awaitAtLeast("min(count_over_time(http_requests_total[1m]))", 4);
    }

    @BeforeEach
    void needsPrometheus() {
        // Checked per test so that each one is reported as skipped, with the reason.
        Assumptions.assumeTrue(prometheus != null, "prometheus binary not found on the PATH: skipped the canary "
                + "analysis against a real Prometheus (apt-get install prometheus, as .ci/run does, to run it)");
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private SyncProfile profile(String job, String queries) {
        return TestProject.in(dir).config("{\"sync\": {\"profiles\": {\"local-prod\": {"
                + "\"provider\": \"local\", \"environment\": \"prod\", "
                + "\"metrics\": {\"prometheusUrl\": \"" + prometheus.url() + "\", \"selector\": \"job=\\\"" + job
                + "\\\"\"" + queries + "}, \"canaryAnalysis\": {\"minRequests\": 50}}}}}").open().config()
                .profile("local-prod");
    }

    private CanaryReport analyse(String job, List<String> lines) {
        SyncProfile profile = profile(job, "");
        MetricQueries queries = MetricQueries.of(profile);
        RestClient client = new RestClient(HttpSettings.defaults(), new Redactor());
        CanaryMonitor monitor = new CanaryMonitor(new PrometheusMetricsSource(client, queries.prometheusUrl(), queries),
                CanaryThresholds.of(profile), d -> { }, Clock.systemUTC());
        CanaryState canary = new CanaryState("0018-oauth", "c2", null, null, "c1", 10, CanaryState.RUNNING, null, null,
                null, null, null, null, List.of(), null);
        List<String> seen = new ArrayList<>();
        CanaryReport report = monitor.run("0018-oauth", "prod", canary, "Prometheus " + prometheus.url(), 1,
                Duration.ZERO, () -> false, m -> seen.add(m.verdict().name()));
        lines.add(new CanaryReportRenderer(true).render(report));
        assertThat(seen).hasSize(1);
        return report;
    }

    @Test
    void aHealthyCanaryIsSafeToIncrease() {
        List<String> text = new ArrayList<>();
        CanaryReport report = analyse("good", text);
        assertThat(report.recommendation()).as(text.get(0)).isEqualTo(Recommendation.SAFE);
        TrackMetrics canary = report.last().canary();
        TrackMetrics stable = report.last().stable();
        assertThat(canary.errorRate()).isCloseTo(0.01, org.assertj.core.data.Offset.offset(0.001));
        assertThat(stable.errorRate()).isCloseTo(0.01, org.assertj.core.data.Offset.offset(0.001));
        assertThat(stable.requestRate() / canary.requestRate()).isCloseTo(9.0, org.assertj.core.data.Offset.offset(0.5));
        assertThat(canary.p95Latency()).isCloseTo(stable.p95Latency(), org.assertj.core.data.Offset.offset(0.001));
        assertThat(canary.p50Latency()).isLessThan(canary.p95Latency());
        assertThat(text.get(0)).contains("Canary Deployment Monitoring: 0018-oauth in prod",
                "Traffic split: canary 10 % (commit c2) | stable 90 % (commit c1)", "Error rate",
                "Recommendation: [ok] SAFE TO INCREASE CANARY");
    }

    @Test
    void aCanaryWithMoreErrorsAndSlowerResponsesIsRolledBack() {
        List<String> text = new ArrayList<>();
        CanaryReport report = analyse("bad", text);
        assertThat(report.recommendation()).as(text.get(0)).isEqualTo(Recommendation.ROLL_BACK);
        assertThat(report.last().checks()).filteredOn(c -> c.verdict() == CanaryAnalyzer.Verdict.FAIL)
                .extracting(CanaryAnalyzer.Check::name).containsExactly("Error rate", "p95 latency");
        assertThat(report.last().canary().errorRate()).isCloseTo(0.20, org.assertj.core.data.Offset.offset(0.01));
        assertThat(text.get(0)).contains("ROLL BACK", "[FAIL] Error rate: +19.");
    }

    @Test
    void missingCanarySeriesAreInconclusiveNeverSafe() {
        List<String> text = new ArrayList<>();
        CanaryReport report = analyse("missing", text);
        assertThat(report.recommendation()).as(text.get(0)).isEqualTo(Recommendation.HOLD);
        assertThat(report.last().verdict()).isEqualTo(CanaryAnalyzer.Verdict.INCONCLUSIVE);
        assertThat(report.last().canary().requestRate()).isNull();
        assertThat(report.last().stable().requestRate()).isPositive();
        assertThat(report.reason()).startsWith("inconclusive: ").contains("canary: no data");
        assertThat(text.get(0)).contains("no data", "HOLD");
    }

    @Test
    void aQueryPrometheusRejectsIsBadInputNamingTheSetting() {
        MetricQueries queries = MetricQueries.of(profile("good", ", \"queries\": {\"errorRate\": \"sum(rate(\"}"));
        PrometheusMetricsSource source = new PrometheusMetricsSource(
                new RestClient(HttpSettings.defaults(), new Redactor()), prometheus.url(), queries);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> source.read("canary", "c2"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("sync.profiles.local-prod.metrics.queries.errorRate: Prometheus rejected the query");
    }

    @Test
    void aQueryReturningSeveralSeriesIsReportedNotSummed() {
        MetricQueries queries = MetricQueries.of(profile("good", ", \"queries\": {\"requestRate\": "
                + "\"rate(http_requests_total{job=\\\"good\\\",track=\\\"{{track}}\\\"}[{{window}}])\"}"));
        TrackMetrics canary = new PrometheusMetricsSource(new RestClient(HttpSettings.defaults(), new Redactor()),
                prometheus.url(), queries).read("canary", "c2");
        assertThat(canary.requestRate()).isNull();
        assertThat(canary.problems()).anyMatch(p -> p.startsWith("requestRate: 2 series for canary"));
        assertThat(canary.errorRate()).isCloseTo(0.01, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void environmentMonitoringReadsTheEnvironmentsOwnSeriesUpToP99() {
        MetricQueries queries = MetricQueries.of(profile("good", ""));
        EnvironmentSample sample = EnvironmentMonitor.prometheus(new PrometheusMetricsSource(
                new RestClient(HttpSettings.defaults(), new Redactor()), prometheus.url(), queries), "stable").read();
        assertThat(sample.problems()).isEmpty();
        assertThat(sample.requestRate()).isPositive();
        assertThat(sample.errorRate()).isCloseTo(0.01, org.assertj.core.data.Offset.offset(0.001));
        // 90 % of stable's requests take at most 0.1 s, all at most 0.25 s: p95 and p99 lie between.
        assertThat(sample.p95Latency()).isBetween(0.1, 0.25);
        assertThat(sample.p99Latency()).isBetween(0.1, 0.25).isGreaterThan(sample.p95Latency());
        assertThat(sample.p50Latency()).isLessThan(sample.p95Latency());
    }
}
