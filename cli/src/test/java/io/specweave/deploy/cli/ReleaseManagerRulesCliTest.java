package io.specweave.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.testing.HealthServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules a release manager relies on, as a user meets them on the demo project. */
class ReleaseManagerRulesCliTest {

    @TempDir
    Path dir;

    Path project;
    HealthServer service;

    @BeforeEach
    void setUp() throws Exception {
        project = CliHarness.copyDemo(dir.resolve("demo"));
        Path config = project.resolve(".specweave/config.json");
        Files.writeString(config, Files.readString(config).replace("\"deploymentUrl\": \"https://qa.demo-shop.example\"",
                "\"deploymentUrl\": \"https://qa.demo-shop.example\", \"healthCheck\": {\"retries\": 1, "
                        + "\"intervalSeconds\": 0}"));
        service = HealthServer.start(503);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private CliHarness.Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--dir");
        all.add(project.toString());
        return CliHarness.inProcess(Map.of("NO_COLOR", "1"), all.toArray(String[]::new));
    }

    private JsonNode qa() throws Exception {
        return Json.mapper().readTree(Files.readString(project.resolve(
                ".specweave/increments/0001-user-login/metadata.json"))).path("deployments").path("qa");
    }

    @Test
    void aDeployedButUnhealthyEnvironmentIsMarkedSoInTextAndMarkdown() {
        CliHarness.Run sync = run("sync", "0001", "--environment", "qa", "--deployed", "--commit", "aaa1110",
                "--deployment-url", service.url());
        assertThat(sync.exitCode()).isEqualTo(1);

        assertThat(run("status", "0001").out()).contains("[u] QA: deployed, unhealthy at ");
        String markdown = run("status", "0001", "--markdown").out();
        assertThat(markdown).contains("| qa | ⚠️ deployed, unhealthy |", "classDef unhealthy")
                .doesNotContain("| qa | ✅");
    }

    @Test
    void metricsKeepTheNumbersAsWrittenAndAreShownInPeoplesUnits() throws Exception {
        assertThat(run("sync", "0001", "--environment", "qa", "--deployed", "--commit", "aaa1110", "--no-health-check",
                "--metrics", "{\"rps\": 5234, \"errorRate\": 0.0001, \"p50Latency\": 45}").exitCode()).isZero();

        assertThat(Files.readString(project.resolve(".specweave/increments/0001-user-login/metadata.json")))
                .contains("\"errorRate\": 0.0001").doesNotContain("1.0E-4");
        assertThat(run("status", "0001").out()).contains("Metrics: 5234 req/s, 0.0001 % errors, p50 45 ms");
    }

    @Test
    void testRecordsTheEnvironmentsDeployedCommitNotTheCheckoutsHead() throws Exception {
        Path config = project.resolve(".specweave/config.json");
        Files.writeString(project.resolve("smoke.sh"), "mkdir -p r\n"
                + "echo '<testsuite tests=\"1\"><testcase name=\"a\"/></testsuite>' > r/TEST-a.xml\n");
        Files.writeString(config, Files.readString(config).replace("\"deployment\": {", "\"deployment\": {"
                + " \"testSuites\": { \"smoke\": { \"command\": [\"sh\", \"smoke.sh\"], \"reports\": \"r/*.xml\" } },"));
        assertThat(run("sync", "0001", "--environment", "qa", "--deployed", "--commit", "aaa1110", "--no-health-check")
                .exitCode()).isZero();

        // The checkout's HEAD is another commit, as on a laptop that has moved on.
        for (List<String> git : List.of(List.of("git", "init", "-q"), List.of("git", "-c", "user.name=t", "-c",
                "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "later work"))) {
            assertThat(new ProcessBuilder(git).directory(project.toFile()).inheritIO().start().waitFor()).isZero();
        }

        CliHarness.Run test = run("test", "0001", "--environment", "qa", "--suite", "smoke");

        assertThat(test.exitCode()).as(test.out() + test.err()).isZero();
        assertThat(qa().path("testResults").path("commit").asText()).isEqualTo("aaa1110");
    }

    @Test
    void aRollbackIsAFailedDeploymentAndItsRecoveryInDoraNotAnotherChange() throws Exception {
        JsonNode before = Json.mapper().readTree(run("dora", "--json").out());
        assertThat(run("sync", "0001", "--environment", "prod", "--deployed", "--commit", "aaa1110",
                "--no-health-check").exitCode()).isZero();
        assertThat(run("sync", "0001", "--environment", "prod", "--deployed", "--commit", "bbb2220",
                "--no-health-check").exitCode()).isZero();
        CliHarness.Run rollback = run("rollback", "0001", "--environment", "prod", "--no-health-check",
                "--reason", "checkout errors");
        assertThat(rollback.exitCode()).as(rollback.err()).isZero();

        JsonNode after = Json.mapper().readTree(run("dora", "--json").out());

        // Two changes went out; restoring aaa1110 is the recovery, not a third.
        assertThat(after.path("deployments").asInt() - before.path("deployments").asInt()).as(after.toString())
                .isEqualTo(2);
        assertThat(after.path("failures").asInt() - before.path("failures").asInt()).isEqualTo(1);
        assertThat(Json.mapper().readTree(Files.readString(project.resolve(
                ".specweave/increments/0001-user-login/metadata.json"))).path("deployments").path("prod")
                .path("rollbackReason").asText()).isEqualTo("checkout errors");
    }

    @Test
    void theFlagFileKeepsItsCommentsAndATypoIsRefusedNamingTheKnownFlags() throws Exception {
        Path flags = project.resolve(".specweave/config/feature-flags.json");
        Files.createDirectories(flags.getParent());
        String text = "{\n  // checkout rewrite, owner: team-web\n  \"qa\": { \"newCheckout\": false },\n"
                + "  \"prod\": { \"newCheckout\": false }\n}\n";
        Files.writeString(flags, text);

        CliHarness.Run typo = run("feature-flag", "enable", "newChekout", "--environment", "qa");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("newChekout", "newCheckout", "--create");
        assertThat(Files.readString(flags)).isEqualTo(text);

        assertThat(run("feature-flag", "enable", "newCheckout", "--environment", "qa").exitCode()).isZero();
        assertThat(Files.readString(flags)).isEqualTo(text.replace("\"qa\": { \"newCheckout\": false }",
                "\"qa\": { \"newCheckout\": true }"));
    }
}
