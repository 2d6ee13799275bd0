package io.specweave.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.specweave.deploy.Json;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** test --suite, monitor without --canary and deploy --all-environments, as a user runs them. */
class Issue9CommandsTest {

    @TempDir
    Path dir;

    Path project;
    HttpServer service;
    /** /health answers 200 for this many calls, then 503. */
    final AtomicInteger healthyCalls = new AtomicInteger(Integer.MAX_VALUE);
    final AtomicInteger healthCalls = new AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/health", exchange -> {
            int code = healthCalls.incrementAndGet() <= healthyCalls.get() ? 200 : 503;
            exchange.sendResponseHeaders(code, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("ok".getBytes());
            }
        });
        // Prometheus' instant query API, one sample per query.
        service.createContext("/api/v1/query", exchange -> {
            String raw = exchange.getRequestURI().getRawQuery();
            String q = URLDecoder.decode(raw.substring(raw.indexOf("query=") + 6), StandardCharsets.UTF_8);
            String value = q.startsWith("histogram_quantile(0.99") ? "0.25" : q.startsWith("histogram_quantile(0.95")
                    ? "0.1" : q.startsWith("histogram_quantile(0.5") ? "0.04" : q.startsWith("(sum(") ? "0.01" : "20";
            byte[] body = ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
                    + "\"value\":[1764237600,\"" + value + "\"]}]}}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        service.start();
        String url = "http://127.0.0.1:" + service.getAddress().getPort();
        project = CliHarness.copyDemo(dir.resolve("demo"));
        Path config = project.resolve(".specweave/config.json");
        String report = "mkdir -p out/%1$s && echo checking $DEPLOYMENT_URL $SPECWEAVE_ENVIRONMENT $SPECWEAVE_INCREMENT "
                + "&& printf '%%s' '<testsuite><testcase name=\\\"a\\\"/>%2$s</testsuite>' > out/%1$s/TEST.xml; exit %3$d";
        Files.writeString(config, Files.readString(config)
                .replace("\"deploymentUrl\": \"https://demo-shop.example\"", "\"deploymentUrl\": \"" + url + "\", "
                        + "\"metrics\": {\"prometheusUrl\": \"" + url + "\", \"selector\": \"job=\\\"shop\\\"\"}")
                .replace("\"pipeline\": [\"dev\", \"qa\", \"staging\", \"uat\", \"prod\"]",
                        "\"pipeline\": [\"dev\", \"qa\", \"staging\", \"uat\", \"prod\"], \"testSuites\": {"
                        + "\"smoke\": {\"command\": \"" + report.formatted("smoke", "", 0) + "\", "
                        + "\"reports\": \"out/smoke/*.xml\"}, "
                        + "\"full\": {\"command\": \"" + report.formatted("full",
                                "<testcase name=\\\"b\\\"><failure/></testcase>", 1) + "\", "
                        + "\"reports\": \"out/full/*.xml\"}, "
                        + "\"silent\": {\"command\": \"echo nothing\", \"reports\": \"out/silent/*.xml\"}, "
                        + "\"hang\": {\"command\": \"sleep 300 & echo $! > pids; echo started; wait\", "
                        + "\"reports\": \"out/hang/*.xml\", \"timeoutSeconds\": 1}}"));
    }

    @AfterEach
    void stop() {
        service.stop(0);
    }

    private CliHarness.Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--dir");
        all.add(project.toString());
        return CliHarness.inProcess(Map.of("NO_COLOR", "1", "CI", "true"), all.toArray(String[]::new));
    }

    private JsonNode deployment(String increment, String environment) throws Exception {
        return Json.mapper().readTree(project.resolve(".specweave/increments/" + increment + "/metadata.json")
                .toFile()).path("deployments").path(environment);
    }

    @Test
    void testRunsTheSuiteAgainstTheEnvironmentAndExitsByItsOutcome() throws Exception {
        CliHarness.Run smoke = run("test", "0001", "--environment", "qa", "--suite", "smoke");
        assertThat(smoke.exitCode()).as(smoke.err()).isZero();
        assertThat(smoke.out()).contains("Running test suite smoke against qa",
                "checking https://qa.demo-shop.example qa 0001-user-login", "Test suite smoke against qa: passed",
                "tests:    1/1 passed", "recorded: deployments.qa.testResults");
        JsonNode recorded = deployment("0001-user-login", "qa").path("testResults");
        assertThat(recorded.path("suite").asText()).isEqualTo("smoke");
        assertThat(recorded.path("exitCode").asInt()).isZero();

        CliHarness.Run full = run("test", "0001", "--environment", "qa", "--suite", "full");
        assertThat(full.exitCode()).isEqualTo(1);
        assertThat(full.out()).contains("Test suite full against qa: did not pass", "1/2 passed, 1 failed");
        assertThat(full.err()).contains("error: test suite full against qa did not pass: it exited with code 1");
        assertThat(deployment("0001-user-login", "qa").path("testResults").path("failed").asInt()).isEqualTo(1);

        CliHarness.Run asJson = run("test", "0001", "--environment", "qa", "--suite", "smoke", "--json");
        assertThat(asJson.exitCode()).isZero();
        assertThat(Json.mapper().readTree(asJson.out()).path("testResults").path("passed").asInt()).isEqualTo(1);
        assertThat(asJson.err()).contains("checking https://qa.demo-shop.example qa 0001-user-login");

        CliHarness.Run silent = run("test", "0001", "--environment", "qa", "--suite", "silent");
        assertThat(silent.exitCode()).isEqualTo(1);
        assertThat(silent.err()).contains("wrote no JUnit XML report matching out/silent/*.xml",
                "a suite that ran nothing did not pass");

        assertThat(run("test", "0001", "--environment", "qa", "--suite", "load").err())
                .contains("deployment.testSuites.load: no such test suite; known suites: smoke, full, silent, hang");
        assertThat(run("test", "0001", "--environment", "qa", "--suite", "load").exitCode()).isEqualTo(2);
    }

    @Test
    void aSuitePastItsTimeoutIsKilledWithItsChildren() throws Exception {
        CliHarness.Run hang = run("test", "0001", "--environment", "qa", "--suite", "hang");
        assertThat(hang.exitCode()).isEqualTo(1);
        assertThat(hang.out()).contains("started", "exit:     stopped at the timeout");
        assertThat(hang.err()).contains("ran longer than its timeout of 1s", "and was stopped; its whole process tree "
                + "was killed");
        long child = Long.parseLong(Files.readString(project.resolve("pids")).trim());
        ProcessHandle.of(child).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void monitorExitsOnceTheServiceIsUnhealthyForTheConfiguredPollsInARow() throws Exception {
        assertThat(run("deploy", "0003", "--environment", "prod", "--commit", "abc1230", "--no-health-check").exitCode()).isZero();
        healthyCalls.set(2);

        CliHarness.Run monitor = run("monitor", "0003", "--environment", "prod", "--duration", "1m", "--interval",
                "100ms", "--failures", "3");

        assertThat(monitor.exitCode()).as(monitor.out() + monitor.err()).isEqualTo(1);
        assertThat(monitor.out()).as("plain lines in CI").contains("[1/601] ", "healthy HTTP 200", "[5/601] ",
                "unhealthy HTTP 503", "(3 in a row: HTTP 503", "20.00 req/s, errors 1.00 %, p50 40 ms, p95 100 ms, p99 "
                + "250 ms", "Verdict: UNHEALTHY").doesNotContain("\r", "[6/601]");
        assertThat(monitor.err()).contains("prod was not healthy for 3 polls in a row");
        JsonNode prod = deployment("0003-oauth-google", "prod");
        assertThat(prod.path("metrics").path("samples").asInt()).isEqualTo(5);
        assertThat(prod.path("metrics").path("healthyPolls").asInt()).isEqualTo(2);
        assertThat(prod.path("metrics").path("rps").asDouble()).isEqualTo(20.0);
        assertThat(prod.path("healthStatus").asText()).isEqualTo("unhealthy");

        CliHarness.Run once = run("monitor", "0003", "--environment", "prod", "--duration", "1m", "--interval",
                "100ms", "--failures", "1");
        assertThat(once.exitCode()).isEqualTo(1);
        assertThat(once.err()).contains("prod was not healthy for 1 poll (last: unhealthy");
    }

    @Test
    void aHealthyMonitorRunRecordsTheEnvironmentsMetrics() throws Exception {
        assertThat(run("deploy", "0003", "--environment", "prod", "--commit", "abc1230", "--no-health-check").exitCode()).isZero();

        CliHarness.Run monitor = run("monitor", "0003", "--environment", "prod", "--duration", "300ms", "--interval",
                "100ms");

        assertThat(monitor.exitCode()).as(monitor.out() + monitor.err()).isZero();
        assertThat(monitor.out()).contains("[4/4] ", "Environment Monitoring: 0003-oauth-google in prod",
                "polls:    4 taken, 4 healthy (100.0 %)", "Verdict: HEALTHY",
                "recorded: 0003-oauth-google/metadata.json deployments.prod.metrics");
        JsonNode metrics = deployment("0003-oauth-google", "prod").path("metrics");
        assertThat(metrics.path("rps").asDouble()).isEqualTo(20.0);
        assertThat(metrics.path("errorRate").asDouble()).isEqualTo(1.0);
        assertThat(metrics.path("p50LatencyMs").asDouble()).isEqualTo(40.0);
        assertThat(metrics.path("p95LatencyMs").asDouble()).isEqualTo(100.0);
        assertThat(metrics.path("p99LatencyMs").asDouble()).isEqualTo(250.0);
        assertThat(metrics.path("uptime").asDouble()).isEqualTo(100.0);
        assertThat(metrics.path("verdict").asText()).isEqualTo("healthy");
        assertThat(healthCalls.get()).isEqualTo(4);
    }

    @Test
    void aPrometheusNothingAnswersAtIsSaidOnceInTheTextAndTheJsonWarnings() throws Exception {
        assertThat(run("deploy", "0003", "--environment", "prod", "--commit", "abc1230", "--no-health-check").exitCode()).isZero();
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String prometheus = "http://watcher:s3cr3t-pw@127.0.0.1:" + closed + "/";
        String warning = "Prometheus at http://127.0.0.1:" + closed + " could not be reached: ";

        CliHarness.Run text = run("monitor", "0003", "--environment", "prod", "--duration", "200ms", "--interval",
                "100ms", "--prometheus-url", prometheus);

        assertThat(text.exitCode()).as(text.out() + text.err()).isZero();
        assertThat(text.out()).contains("Verdict: HEALTHY", "- req/s, errors - %")
                .containsOnlyOnce("warning: " + warning).contains("connection refused",
                        "3 of 3 polls without metrics, the verdict is of health alone")
                .doesNotContain("s3cr3t");
        CliHarness.Run json = run("monitor", "0003", "--environment", "prod", "--prometheus-url", prometheus, "--json");
        assertThat(json.exitCode()).isZero();
        JsonNode warnings = Json.mapper().readTree(json.out()).path("warnings");
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).asText()).startsWith(warning).endsWith("; 1 of 1 poll without metrics, the verdict "
                + "is of health alone");
        assertThat(json.out()).doesNotContain("s3cr3t");
    }

    @Test
    void sigtermStopsMonitorCleanlyAndWhatWasSeenIsRecorded() throws Exception {
        assertThat(run("deploy", "0003", "--environment", "prod", "--commit", "abc1230", "--no-health-check").exitCode()).isZero();
        // Into a file: destroy() closes the pipes of a process, and the summary comes after it.
        Path log = dir.resolve("monitor.log");
        Process p = CliHarness.process(project, "monitor", "0003", "--environment", "prod", "--duration", "1h",
                "--interval", "200ms", "--dir", project.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        while (p.isAlive() && Files.readString(log).lines().filter(l -> l.startsWith("[")).count() < 2) {
            Thread.sleep(50);
        }
        p.destroy();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(output).contains("[1/18001] ", "[2/18001] ", "stopped before the end",
                "Verdict: HEALTHY");
        JsonNode metrics = deployment("0003-oauth-google", "prod").path("metrics");
        assertThat(metrics.path("stopped").asBoolean()).as(output).isTrue();
        assertThat(metrics.path("samples").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(metrics.path("rps").asDouble()).isEqualTo(20.0);
    }

    @Test
    void sigtermDuringASyncsHealthWaitRecordsTheDeploymentWithWhatTheCheckSaw() throws Exception {
        healthyCalls.set(0);
        Path log = dir.resolve("sync.log");
        Process p = CliHarness.process(project, "sync", "0003", "--environment", "prod", "--deployed", "--commit",
                "abc1230", "--dir", project.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        while (p.isAlive() && !Files.readString(log).contains("retrying in")) {
            Thread.sleep(50);
        }
        p.destroy();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        String output = Files.readString(log);
        JsonNode prod = deployment("0003-oauth-google", "prod");
        assertThat(prod.path("commit").asText()).as(output).isEqualTo("abc1230");
        assertThat(prod.path("status").asText()).isEqualTo("deployed");
        assertThat(prod.path("healthStatus").asText()).isEqualTo("unhealthy");
        assertThat(output).contains("stopped before attempt 2 of 5 (the run was asked to stop)");
        assertThat(healthCalls.get()).isEqualTo(1);
    }

    @Test
    void deployToAllEnvironmentsStopsAtTheFirstRefusedGate() throws Exception {
        Path config = project.resolve(".specweave/config.json");
        Files.writeString(config, Files.readString(config).replace("\"testSuites\"",
                "\"promotion\": {\"requirePrevious\": true, \"requireApproval\": [\"uat\"]}, \"testSuites\""));

        CliHarness.Run refused = run("deploy", "0003", "--all-environments", "--no-health-check", "--commit", "feed123");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).contains("Deploying 0003-oauth-google (commit feed123) to every environment:",
                "  dev: recorded (profile local-dev)", "  qa: recorded", "  staging: recorded",
                "  uat: not recorded (stopped here)", "  prod: not recorded");
        assertThat(refused.err()).contains("error: stopped at uat: promotion to uat refused",
                "recorded: dev, qa, staging; not recorded: uat, prod");
        assertThat(deployment("0003-oauth-google", "staging").path("commit").asText()).isEqualTo("feed123");
        assertThat(deployment("0003-oauth-google", "uat").isMissingNode()).isTrue();

        assertThat(run("approve", "0003", "--environment", "uat", "--by", "jane.doe").exitCode()).isZero();
        CliHarness.Run all = run("deploy", "0003", "--all-environments", "--no-health-check", "--commit", "feed123", "--json");
        assertThat(all.exitCode()).as(all.err()).isZero();
        JsonNode json = Json.mapper().readTree(all.out());
        assertThat(json.path("recorded")).extracting(r -> r.path("environment").asText())
                .containsExactly("dev", "qa", "staging", "uat", "prod");
        assertThat(json.path("notRecorded")).isEmpty();
        assertThat(deployment("0003-oauth-google", "prod").path("commit").asText()).isEqualTo("feed123");

        assertThat(run("deploy", "0003", "--all-environments", "--environment", "qa").exitCode()).isEqualTo(2);
    }
}
