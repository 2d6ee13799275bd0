package io.specweave.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.app.TrackerFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health, approve, dora and status commands and sync's new options, run in-process as a user would. */
class Issue7CommandsTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger health = new AtomicInteger(200);
    private StringWriter out;
    private StringWriter err;
    private final Map<String, String> env = new HashMap<>(Map.of("NO_COLOR", "1"));

    @BeforeEach
    void project() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", ex -> {
            try (ex) {
                ex.sendResponseHeaders(health.get(), -1);
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        write(".specweave/config.json", """
                {
                  "sync": {
                    "profiles": {
                      "local-qa": { "provider": "local", "environment": "qa", "deploymentUrl": "%s",
                        "healthCheck": { "retries": 0, "timeoutSeconds": 5 } },
                      "local-prod": { "provider": "local", "environment": "prod", "deploymentUrl": "%s",
                        "healthCheck": { "retries": 1, "intervalSeconds": 0.1, "timeoutSeconds": 5 } }
                    }
                  },
                  "deployment": {
                    "pipeline": ["qa", "prod"],
                    "promotion": { "requirePrevious": true, "requireApproval": ["prod"], "requireTestsPassed": ["qa"] }
                  }
                }
                """.formatted(url, url));
        write(".specweave/increments/0018-oauth-google/spec.md", "# OAuth login with Google\n");
        write(".specweave/increments/0018-oauth-google/metadata.json", "{\"id\": \"0018-oauth-google\"}\n");
        write("reports/TEST-a.xml", "<testsuite tests=\"2\"><testcase name=\"a\"/><testcase name=\"b\"/></testsuite>");
        write("k6.json", "{\"metrics\": {\"http_reqs\": {\"count\": 10, \"rate\": 50.5}, \"http_req_duration\": "
                + "{\"avg\": 20, \"p(95)\": 40}, \"http_req_failed\": {\"value\": 0}}}");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private int run(String at, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CliRuntime runtime = new CliRuntime(env, new PrintWriter(out), new PrintWriter(err),
                Clock.fixed(Instant.parse(at), ZoneOffset.UTC), c -> new TrackerFactory(new Credentials(Map.of())));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--dir";
        all[args.length + 1] = dir.toString();
        return SpecweaveDeploy.run(runtime, all);
    }

    private String metadata() throws IOException {
        return Files.readString(dir.resolve(".specweave/increments/0018-oauth-google/metadata.json"));
    }

    @Test
    void pipelineThroughGatesWithResultsApprovalHealthAndStatus() throws IOException {
        assertThat(run("2026-11-20T10:00:00Z", "sync", "0018", "--environment", "qa", "--deployed", "--commit",
                "abc1234")).isEqualTo(1);
        assertThat(err.toString()).contains("requireTestsPassed: a deployment to qa needs passing test results")
                .contains("run a suite first (`specweave-deploy test 0018 --environment qa --suite NAME`), or record "
                        + "a JUnit XML report with `specweave-deploy sync 0018 --environment qa --test-results GLOB`");

        assertThat(run("2026-11-20T10:00:00Z", "sync", "0018", "--environment", "qa", "--deployed", "--commit",
                "abc1234", "--test-results", "reports/*.xml", "--coverage", "missing.xml")).isEqualTo(2);
        assertThat(err.toString()).contains("missing.xml: no such file; expected a JaCoCo XML report");

        assertThat(run("2026-11-20T10:00:00Z", "sync", "0018", "--environment", "qa", "--deployed", "--commit",
                "abc1234", "--test-results", "reports/*.xml", "--load-test-results", "k6.json")).isEqualTo(0);
        assertThat(out.toString()).contains("health:   healthy (HTTP 200, ");
        assertThat(metadata()).contains("\"passed\": 2", "\"maxRPS\": 50.5", "\"healthHttpStatus\": 200");

        assertThat(run("2026-11-21T10:00:00Z", "sync", "0018", "--environment", "prod", "--deployed", "--commit",
                "abc1234")).isEqualTo(1);
        assertThat(err.toString()).contains("requireApproval");

        assertThat(run("2026-11-21T09:00:00Z", "approve", "0018", "--environment", "prod", "--by", "jane.doe",
                "--role", "Release Manager", "--notes", "CAB ok")).isZero();
        assertThat(out.toString()).contains("Approved 0018-oauth-google → prod by jane.doe (Release Manager) at "
                + "2026-11-21T09:00:00Z");

        assertThat(run("2026-11-21T10:00:00Z", "sync", "0018", "--environment", "prod", "--deployed", "--commit",
                "abc1234", "--metrics", "{\"errorRate\": 0.1}")).isZero();

        assertThat(run("2026-11-22T10:00:00Z", "status", "0018")).isZero();
        assertThat(out.toString()).contains("[x] PROD: deployed at 2026-11-21T10:00:00Z",
                "Approved: commit abc1234 by jane.doe (Release Manager) at 2026-11-21T09:00:00Z: CAB ok",
                "Tests: 2/2 passed (100%)", "Load test: 50.5 req/s, avg 20 ms, p95 40 ms, 0 % errors",
                "Metrics: 0.1 % errors", "DORA metrics (prod, last 90d", "Change failure rate:   0%");

        // The approval was of abc1234: the next commit needs its own.
        assertThat(run("2026-11-22T11:00:00Z", "sync", "0018", "--environment", "prod", "--deployed", "--commit",
                "def5678")).isEqualTo(1);
        assertThat(err.toString()).contains("nobody approved the deployment of commit def5678 to prod (jane.doe "
                + "approved commit abc1234)", "approve", "--commit def5678");

        assertThat(run("2026-11-22T10:00:00Z", "status", "0018", "--markdown")).isZero();
        assertThat(out.toString()).contains("| prod | ✅ deployed |", "```mermaid", "env0 --> env1", "#### DORA metrics (prod");

        assertThat(run("2026-11-22T10:00:00Z", "dora", "--window", "30d", "--json")).isZero();
        assertThat(out.toString()).contains("\"environment\": \"prod\"", "\"deployments\": 1");
    }

    @Test
    void unhealthyDeploymentIsRecordedAndExitsOneWithTheReason() throws IOException {
        health.set(503);

        int code = run("2026-11-20T10:00:00Z", "sync", "0018", "--environment", "qa", "--deployed", "--commit",
                "abc1234", "--test-results", "reports/TEST-a.xml");

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("Recorded 0018-oauth-google → qa (deployed", "health:   unhealthy (HTTP 503");
        assertThat(err.toString()).contains("error: 0018-oauth-google is recorded as deployed to qa, but the "
                + "environment is unhealthy: HTTP 503");
        assertThat(metadata()).contains("\"status\": \"deployed\"", "\"healthStatus\": \"unhealthy\"");

        health.set(200);
        assertThat(run("2026-11-20T10:05:00Z", "health", "0018", "--environment", "qa")).isZero();
        assertThat(out.toString()).contains("0018-oauth-google → qa: healthy (HTTP 200");
        assertThat(metadata()).contains("\"healthStatus\": \"healthy\"", "\"lastChecked\": \"2026-11-20T10:05:00Z\"");

        health.set(500);
        assertThat(run("2026-11-20T10:10:00Z", "health", "0018", "--environment", "qa")).isEqualTo(1);
        assertThat(err.toString()).contains("is unhealthy: HTTP 500");
    }

    @Test
    void testResultsWhoseCountsDoNotAddUpAreBadInputAndNothingIsWritten() throws IOException {
        write("reports/summary.xml", "<testsuite name=\"smoke\" tests=\"10\" failures=\"-1\"/>");
        String before = metadata();

        assertThat(run("2026-11-20T10:00:00Z", "sync", "0018", "--environment", "qa", "--deployed", "--commit",
                "abc1234", "--no-health-check", "--test-results", "reports/summary.xml")).isEqualTo(2);

        assertThat(err.toString()).contains("summary.xml: <testsuite name=\"smoke\"> attribute failures: expected a "
                + "whole number (0 or more), got \"-1\"");
        assertThat(metadata()).isEqualTo(before);
    }

    @Test
    void aRecordedUrlThatIsNoHttpUrlIsBadInputNamingTheFileAndTheField() throws IOException {
        assertThat(run("2026-11-20T10:00:00Z", "sync", "0018", "--environment", "qa", "--deployed", "--commit",
                "abc1234", "--test-results", "reports/TEST-a.xml")).isZero();
        Path file = dir.resolve(".specweave/increments/0018-oauth-google/metadata.json");
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        String recorded = metadata();
        for (String bad : java.util.List.of("ftp://x", "not a url")) {
            Files.writeString(file, recorded.replace("\"deploymentUrl\": \"" + url + "\"", "\"deploymentUrl\": \""
                    + bad + "\""));
            String edited = metadata();

            assertThat(run("2026-11-20T10:05:00Z", "health", "0018", "--environment", "qa")).as(bad).isEqualTo(2);

            assertThat(err.toString()).as(bad).contains("0018-oauth-google/metadata.json: deployments.qa.deploymentUrl: "
                    + "expected ");
            assertThat(metadata()).isEqualTo(edited);
        }
    }

    @Test
    void statusStillShowsWhenAnotherIncrementsMetadataIsBroken() throws IOException {
        write(".specweave/increments/0019-broken/metadata.json", "{ not json");

        assertThat(run("2026-11-22T10:00:00Z", "status", "0018")).isZero();
        // Changed: the broken file's increment is left out of DORA, said in its warnings; the block is shown.
        assertThat(out.toString()).contains("Deployment Status: 0018-oauth-google", "DORA metrics",
                "1 increment not counted, as their metadata.json cannot be read: ",
                ".specweave/increments/0019-broken/metadata.json: not valid JSON");
        assertThat(run("2026-11-22T10:00:00Z", "dora")).isZero();
    }

    @Test
    void noHealthCheckAndForceAreRecorded() throws IOException {
        health.set(503);

        int code = run("2026-11-20T10:00:00Z", "sync", "0018", "--environment", "prod", "--deployed", "--commit",
                "abc1234", "--no-health-check", "--force");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("forced:   yes", "warning: forced past gate requirePrevious");
        assertThat(metadata()).contains("\"forced\": true").doesNotContain("healthStatus");
    }
}
