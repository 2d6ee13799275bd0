package io.specweave.deploy.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.specweave.deploy.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code command: test} and {@code command: monitor}, run in-process on a copy of examples/demo
 * with suites configured in its config and a loopback health server.
 */
class ActionTestMonitorTest {

    private static final String INCREMENT = "0002-password-reset";
    private static final String PASSING_REPORT = "<testsuite name=\"smoke\" tests=\"2\"><testcase name=\"home\"/>"
            + "<testcase name=\"login\"/></testsuite>";
    private static final String FAILING_REPORT = "<testsuite name=\"full\" tests=\"2\"><testcase name=\"home\"/>"
            + "<testcase name=\"checkout\"><failure message=\"500\"/></testcase></testsuite>";

    @TempDir
    Path temp;

    HttpServer server;
    final AtomicInteger healthStatus = new AtomicInteger(200);
    final AtomicInteger healthRequests = new AtomicInteger();
    String serverUrl;

    @BeforeEach
    void startHealthServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            healthRequests.incrementAndGet();
            byte[] body = "ok".getBytes();
            exchange.sendResponseHeaders(healthStatus.get(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        serverUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopHealthServer() {
        server.stop(0);
    }

    /**
     * The demo with suites {@code smoke} (writes a passing report), {@code full} (a failing one, exit 1,
     * and a line that looks like a workflow command) and health checks without retries.
     */
    private ActionWorkspace workspace() throws IOException {
        ActionWorkspace ws = new ActionWorkspace(temp).input("increment", "0002");
        Path configFile = ws.workspace.resolve(".specweave/config.json");
        ObjectNode config = (ObjectNode) Json.mapper().readTree(Files.readString(configFile));
        config.path("sync").path("profiles").forEach(profile -> ((ObjectNode) profile).set("healthCheck",
                Json.mapper().createObjectNode().put("retries", 0).put("intervalSeconds", 0).put("timeoutSeconds", 5)));
        ObjectNode suites = ((ObjectNode) config.path("deployment")).putObject("testSuites");
        suites.putObject("smoke").put("command", "mkdir -p results/smoke && echo \"smoke against $DEPLOYMENT_URL "
                + "for $SPECWEAVE_ENVIRONMENT\" && printf '%s' '" + PASSING_REPORT + "' > results/smoke/TEST-smoke.xml")
                .put("reports", "results/smoke/*.xml").put("timeoutSeconds", 30);
        suites.putObject("full").put("command", "mkdir -p results/full && echo '::error::from the suite' && "
                + "printf '%s' '" + FAILING_REPORT + "' > results/full/TEST-full.xml && exit 1")
                .put("reports", "results/full/*.xml").put("timeoutSeconds", 30);
        Files.writeString(configFile, Json.pretty(config));
        return ws;
    }

    /** Records the increment in qa at the loopback server, so test and monitor have a deployment to work on. */
    private ActionWorkspace deployedToQa() throws IOException {
        ActionWorkspace ws = workspace().input("environment", "qa").input("deployment-url", serverUrl);
        ActionWorkspace.Run sync = ws.run();
        assertThat(sync.exitCode()).as(sync.stdout()).isZero();
        Files.writeString(ws.output, "");
        Files.writeString(ws.summary, "");
        ws.env.remove("INPUT_DEPLOYMENT-URL");
        return ws;
    }

    private static JsonNode json(String text) throws IOException {
        return Json.mapper().readTree(text);
    }

    private static JsonNode qa(ActionWorkspace ws) throws IOException {
        return json(ws.metadata(INCREMENT)).path("deployments").path("qa");
    }

    /** The lines from the first one equal to {@code from} up to the first one equal to {@code to} after it. */
    private static List<String> between(List<String> lines, String from, String to) {
        int start = lines.indexOf(from);
        assertThat(start).as(from + " in " + lines).isNotNegative();
        int end = lines.subList(start, lines.size()).indexOf(to);
        assertThat(end).as(to + " after " + from).isPositive();
        return lines.subList(start + 1, start + end);
    }

    @Test
    void aPassingSuiteRunsInAGroupAndItsResultsAreRecordedAndOutput() throws IOException {
        ActionWorkspace ws = deployedToQa().input("command", "test").input("suite", "smoke");

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        List<String> group = between(run.lines(), "::group::Running test suite smoke against qa at " + serverUrl,
                "::endgroup::");
        assertThat(group).contains("smoke against " + serverUrl + " for qa");
        Map<String, String> outputs = ws.outputs();
        assertThat(outputs).containsEntry("increment", INCREMENT).containsEntry("environment", "qa")
                .containsEntry("profile", "local-qa").containsKeys("deployment", "status", "tracking-id");
        JsonNode results = json(outputs.get("test-results"));
        assertThat(results.path("suite").asText()).isEqualTo("smoke");
        assertThat(results.path("total").asInt()).isEqualTo(2);
        assertThat(results.path("passed").asInt()).isEqualTo(2);
        assertThat(results.path("exitCode").asInt()).isZero();
        assertThat(results.path("commit").asText()).isEqualTo(ActionWorkspace.SHA);
        assertThat(json(outputs.get("deployment")).path("testResults")).isEqualTo(results);
        assertThat(qa(ws).path("testResults")).isEqualTo(results);
        assertThat(run.stdout()).contains("::notice title=SpecWeave Deploy::Test suite smoke against qa: passed "
                + "(2/2 passed, 0 failed, 0 errors, 0 skipped)").doesNotContain("::error");
        assertThat(ws.summaryText()).contains("✅ Test suite smoke against qa: passed");
    }

    @Test
    void aFailingSuiteIsRecordedWithItsOutputsThenFailsWithCoresMessage() throws IOException {
        ActionWorkspace ws = deployedToQa().input("command", "test").input("suite", "full");

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).isEqualTo(1);
        List<String> group = between(run.lines(), "::group::Running test suite full against qa at " + serverUrl,
                "::endgroup::");
        // The suite's own "::error" line sits between stop-commands and its token: the runner prints it as text.
        String stop = group.get(0);
        assertThat(stop).startsWith("::stop-commands::");
        String token = stop.substring("::stop-commands::".length());
        assertThat(group).containsSubsequence(stop, "::error::from the suite", "::" + token + "::");
        assertThat(group.get(group.size() - 1)).isEqualTo("::" + token + "::");
        JsonNode results = json(ws.outputs().get("test-results"));
        assertThat(results.path("failed").asInt()).isEqualTo(1);
        assertThat(results.path("exitCode").asInt()).isEqualTo(1);
        assertThat(qa(ws).path("testResults").path("suite").asText()).isEqualTo("full");
        assertThat(ws.outputs()).containsEntry("environment", "qa");
        assertThat(run.stdout()).contains("::error title=SpecWeave Deploy::test suite full against qa did not pass: "
                + "it exited with code 1 (1/2 passed, 1 failed)");
        assertThat(ws.summaryText()).contains("⚠️ Test suite full against qa: did not pass");
    }

    @Test
    void anUnknownSuiteIsBadInputNamingTheSuiteInputAndTheKnownOnes() throws IOException {
        ActionWorkspace ws = deployedToQa().input("command", "test").input("suite", "nightly");

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).contains("::error title=Input suite::")
                .contains("deployment.testSuites.nightly: no such test suite; known suites: smoke, full")
                .as("no suite ran: no group for its output").doesNotContain("::group::", "::stop-commands::");
        assertThat(ws.outputs()).doesNotContainKey("test-results");
        assertThat(qa(ws).has("testResults")).isFalse();
    }

    @Test
    void testWithoutASuiteIsBadInputNamingIt() throws IOException {
        ActionWorkspace ws = deployedToQa().input("command", "test");

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).contains("::error title=Input suite::no suite given: the `suite` input names a key "
                + "of deployment.testSuites");
    }

    @Test
    void monitorOfAHealthyEnvironmentPrintsALinePerPollAndOutputsTheVerdictAndMetrics() throws IOException {
        ActionWorkspace ws = deployedToQa().input("command", "monitor").input("duration", "1s")
                .input("interval", "200ms");
        healthRequests.set(0);

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(run.stdout()).doesNotContain("\r");
        List<String> polls = run.lines().stream().filter(l -> l.matches("\\[\\d/6] .*")).toList();
        assertThat(polls).hasSize(6).allMatch(l -> l.contains(" healthy HTTP 200 "));
        assertThat(healthRequests.get()).isEqualTo(6);
        Map<String, String> outputs = ws.outputs();
        assertThat(outputs).containsEntry("recommendation", "HEALTHY").containsEntry("environment", "qa")
                .containsEntry("health-status", "healthy").containsKeys("deployment", "status");
        JsonNode metrics = json(outputs.get("metrics"));
        assertThat(metrics.path("samples").asInt()).isEqualTo(6);
        assertThat(metrics.path("uptime").asDouble()).isEqualTo(100.0);
        assertThat(metrics.path("verdict").asText()).isEqualTo("healthy");
        assertThat(qa(ws).path("metrics")).isEqualTo(metrics);
        assertThat(ws.summaryText()).containsPattern("✅ Environment Monitoring: " + INCREMENT + " in qa \\(.*\\): HEALTHY");
        assertThat(run.stdout()).contains("::group::" + INCREMENT + " → qa: monitoring",
                "Verdict: HEALTHY: every poll was healthy").doesNotContain("::error");
    }

    @Test
    void monitorWarnsOnceOfAPrometheusThatCannotBeReached() throws IOException {
        ActionWorkspace ws = deployedToQa().input("command", "monitor").input("duration", "400ms")
                .input("interval", "200ms");
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Path configFile = ws.workspace.resolve(".specweave/config.json");
        ObjectNode config = (ObjectNode) Json.mapper().readTree(Files.readString(configFile));
        ((ObjectNode) config.path("deployment").path("environments").path("qa")).putObject("metrics")
                .put("prometheusUrl", "http://watcher:s3cr3t-pw@127.0.0.1:" + closed + "/");
        Files.writeString(configFile, Json.pretty(config));

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(ws.outputs()).containsEntry("recommendation", "HEALTHY");
        assertThat(run.lines().stream().filter(l -> l.startsWith("::warning"))).singleElement().asString()
                .contains("Prometheus at http://127.0.0.1:" + closed + " could not be reached: ",
                        "3 of 3 polls without metrics");
        assertThat(run.stdout()).doesNotContain("s3cr3t");
    }

    @Test
    void monitorFailsOnceTheEnvironmentIsUnhealthyForFailuresPollsInARow() throws IOException {
        ActionWorkspace ws = deployedToQa().input("command", "monitor").input("duration", "1s")
                .input("interval", "200ms").input("failures", "2");
        healthStatus.set(503);

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lines().stream().filter(l -> l.matches("\\[\\d/6] .*"))).hasSize(2);
        assertThat(ws.outputs()).containsEntry("recommendation", "UNHEALTHY")
                .containsEntry("health-status", "unhealthy");
        JsonNode metrics = json(ws.outputs().get("metrics"));
        assertThat(metrics.path("samples").asInt()).isEqualTo(2);
        assertThat(metrics.path("healthyPolls").asInt()).isZero();
        assertThat(qa(ws).path("metrics").path("verdict").asText()).isEqualTo("unhealthy");
        assertThat(run.stdout()).contains("::error title=SpecWeave Deploy::qa was not healthy for 2 polls in a row");
    }

    @Test
    void monitorInputsAreCheckedAndNamed() throws IOException {
        ActionWorkspace ws = deployedToQa().input("command", "monitor");

        ActionWorkspace.Run badDuration = ws.input("duration", "soon").run();
        assertThat(badDuration.exitCode()).isEqualTo(2);
        assertThat(badDuration.stdout()).contains("::error title=Input duration::`duration: soon`: expected a "
                + "duration such as 30s, 1m, 15m or 1h");

        ActionWorkspace.Run badFailures = ws.input("duration", "1s").input("failures", "three").run();
        assertThat(badFailures.exitCode()).isEqualTo(2);
        assertThat(badFailures.stdout()).contains("::error title=Input failures::input \"failures\": expected a "
                + "whole number");

        ActionWorkspace.Run zeroFailures = ws.input("failures", "0").run();
        assertThat(zeroFailures.exitCode()).isEqualTo(2);
        assertThat(zeroFailures.stdout()).contains("::error title=Input failures::");

        ws.env.remove("INPUT_FAILURES");
        ActionWorkspace.Run fileWithoutCanary = ws.input("metrics-file", "m.json").run();
        assertThat(fileWithoutCanary.exitCode()).isEqualTo(2);
        // Only what a step can set: the Action has no prometheus-url or threshold inputs.
        assertThat(fileWithoutCanary.stdout()).contains("::error title=Input metrics-file::the `metrics-file` input is "
                + "for `canary: true` (comparing a canary with stable); watching an environment reads Prometheus "
                + "(metrics.prometheusUrl)").doesNotContain("prometheus-url", "failure-threshold", "min-requests");

        ActionWorkspace.Run badCanary = ws.input("canary", "maybe").run();
        assertThat(badCanary.exitCode()).isEqualTo(2);
        assertThat(badCanary.stdout()).contains("::error title=Input canary::input \"canary\": expected true or false, "
                + "got \"maybe\"");
        assertThat(healthRequests.get()).as("no poll was taken").isZero();
    }

    @Test
    void coresBadInputSpeaksOfInputsButKeepsTheCommandItQuotes() throws IOException {
        ActionWorkspace ws = workspace().input("command", "monitor").input("environment", "staging");

        ActionWorkspace.Run monitor = ws.run();

        assertThat(monitor.exitCode()).isEqualTo(2);
        assertThat(monitor.stdout()).contains("deployments.staging: no deployment recorded to monitor; record one "
                + "first (a step with `command: deploy`, `increment: 0002`, `environment: staging`)");

        ws.env.remove("GITHUB_SHA");
        ActionWorkspace.Run test = ws.input("command", "test").input("suite", "smoke").run();

        assertThat(test.exitCode()).isEqualTo(2);
        assertThat(test.stdout()).contains("::error title=Input commit::", "no commit known to test; pass the `commit` "
                + "input", "(a step with `command: sync`, `increment: 0002`, `environment: staging`)");
        assertThat(healthRequests.get()).isZero();
    }

    @Test
    void monitorWithCanaryGatesOnTheRecommendationFromAMetricsFile() throws IOException {
        ActionWorkspace ws = workspace().input("command", "deploy").input("environment", "prod")
                .input("canary", "10");
        assertThat(ws.run().exitCode()).isZero();
        Files.writeString(ws.output, "");
        String good = "{\"canary\": {\"requestRate\": 12.5, \"errorRate\": 0.2, \"p50LatencyMs\": 45, "
                + "\"p95LatencyMs\": 120, \"requests\": 750}, \"stable\": {\"requestRate\": 112.5, "
                + "\"errorRate\": 0.15, \"p50LatencyMs\": 42, \"p95LatencyMs\": 110, \"requests\": 6750}}";
        Files.writeString(ws.workspace.resolve("good.json"), good);
        Files.writeString(ws.workspace.resolve("bad.json"), good.replace("\"errorRate\": 0.2,", "\"errorRate\": 8,"));
        ws.input("command", "monitor").input("canary", "true").input("metrics-file", "good.json")
                .input("duration", "400ms").input("interval", "200ms");

        ActionWorkspace.Run safe = ws.run();

        assertThat(safe.exitCode()).as(safe.stdout()).isZero();
        assertThat(ws.outputs()).containsEntry("recommendation", "SAFE TO INCREASE CANARY")
                .containsEntry("environment", "prod");
        JsonNode metrics = json(ws.outputs().get("metrics"));
        assertThat(metrics.path("measurements").asInt()).isEqualTo(3);
        assertThat(metrics.path("failed").asInt()).isZero();
        assertThat(metrics.path("canary").path("requests").asDouble()).isEqualTo(750.0);
        // The units the metrics file was written in, and the environment's metrics are in: percent, milliseconds.
        assertThat(metrics.path("canary").path("errorRate").asDouble()).isEqualTo(0.2);
        assertThat(metrics.path("canary").path("p95LatencyMs").asDouble()).isEqualTo(120.0);
        assertThat(metrics.path("stable").path("errorRate").asDouble()).isEqualTo(0.15);
        assertThat(metrics.path("stable").has("p95Latency")).isFalse();
        assertThat(safe.stdout()).contains("::group::" + INCREMENT + " → prod: canary analysis",
                "Canary Deployment Monitoring: " + INCREMENT + " in prod")
                .doesNotContain("\r");
        JsonNode analysis = json(ws.metadata(INCREMENT)).path("deployments").path("prod").path("canary")
                .path("lastAnalysis");
        assertThat(analysis.path("recommendation").asText()).isEqualTo("SAFE TO INCREASE CANARY");
        Files.writeString(ws.output, "");

        ActionWorkspace.Run rollBack = ws.input("metrics-file", "bad.json").run();

        assertThat(rollBack.exitCode()).isEqualTo(1);
        assertThat(ws.outputs()).containsEntry("recommendation", "ROLL BACK");
        assertThat(rollBack.stdout()).contains("::error title=SpecWeave Deploy::canary of " + INCREMENT
                + " in prod: ROLL BACK: ");

        ActionWorkspace.Run noFile = ws.input("metrics-file", "missing.json").run();
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.stdout()).contains("::error title=Input metrics-file::`metrics-file: missing.json`: expected "
                + "a JSON file of canary and stable metrics");
        assertThat(ws.input("metrics-file", "good.json").input("failures", "2").run().stdout())
                .contains("::error title=Input failures::the `failures` input is for watching an environment");
    }
}
