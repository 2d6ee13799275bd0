package io.specweave.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.specweave.deploy.testing.OriginServer;
import io.specweave.deploy.testing.OriginServer.Answer;
import io.specweave.deploy.testing.TestProject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the network rules look like at the terminal: exit codes, stderr lines, no secret printed. */
class NetworkCommandTest {

    private static final String INCREMENT = "0018-oauth-google";

    @TempDir
    Path dir;

    private Path project(String profile) {
        return TestProject.in(dir).config("{ \"sync\": { \"profiles\": { " + profile + " } },"
                + " \"deployment\": { \"pipeline\": [\"qa\"] } }")
                .increment(INCREMENT, "Sign in with Google", "{ \"id\": \"" + INCREMENT + "\", \"status\": \"active\" }\n")
                .dir();
    }

    private static CliHarness.Run run(Path project, Map<String, String> env, String... args) {
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--dir", project.toString())).toArray(String[]::new);
        return CliHarness.inProcess(env, all);
    }

    private String metadata(Path project) throws IOException {
        Path file = project.resolve(".specweave/increments/" + INCREMENT + "/metadata.json");
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void eachHealthRetryIsOneLineOnStderr() {
        AtomicInteger calls = new AtomicInteger();
        try (OriginServer service = OriginServer.http("127.0.0.1",
                r -> calls.incrementAndGet() == 1 ? Answer.of(503, "starting") : Answer.of(200, "{}"))) {
            Path project = project("\"local-qa\": {\"provider\": \"local\", \"environment\": \"qa\", \"deploymentUrl\": \""
                    + service.url("") + "\", \"healthCheck\": {\"retries\": 2, \"intervalSeconds\": 1}}");

            CliHarness.Run result = run(project, Map.of("NO_COLOR", "1"), "deploy", "0018", "--environment", "qa",
                    "--commit", "c100000");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.err()).contains("health " + service.url("/health")
                    + " answered HTTP 503: retrying in 1 s, attempt 2 of 3");
            assertThat(result.out()).doesNotContain("retrying");
        }
    }

    @Test
    void trackerRedirectedToAnotherOriginFailsWithExitOneAndSendsNothingThere() throws IOException {
        try (OriginServer elsewhere = OriginServer.http("127.0.0.2", r -> Answer.of(200, "{}"));
                OriginServer jira = OriginServer.http("127.0.0.1", r -> Answer.redirect(307, elsewhere.url(r.path())))) {
            Path project = project("\"jira-qa\": {\"provider\": \"jira\", \"environment\": \"qa\", \"config\": "
                    + "{\"baseUrl\": \"" + jira.url("") + "\", \"project\": \"QA\", \"flavor\": \"datacenter\"}}");

            CliHarness.Run result = run(project, Map.of("JIRA_PAT", "jira-pat-secret-77", "NO_COLOR", "1"), "sync",
                    "0018", "--environment", "qa", "--commit", "c100000", "--no-health-check");

            assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
            assertThat(result.err()).contains("another origin").contains("config.domain or config.baseUrl")
                    .doesNotContain("jira-pat-secret-77");
            assertThat(elsewhere.received()).isEmpty();
        }
    }

    @Test
    void deploymentUrlWithUserInfoIsBadInputAndNothingIsWritten() throws IOException {
        Path project = project("\"local-qa\": {\"provider\": \"local\", \"environment\": \"qa\"}");
        String before = metadata(project);

        CliHarness.Run result = run(project, Map.of("NO_COLOR", "1"), "sync", "0018", "--environment", "qa",
                "--commit", "c100000", "--deployment-url", "https://ops:hunter22@qa.example.com");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--deployment-url").contains("user info").doesNotContain("hunter22");
        assertThat(metadata(project)).isEqualTo(before);
    }

    @Test
    void deploymentUrlWithAnotherSchemeIsBadInput() throws IOException {
        Path project = project("\"local-qa\": {\"provider\": \"local\", \"environment\": \"qa\"}");
        String before = metadata(project);
        CliHarness.Run result = run(project, Map.of("NO_COLOR", "1"), "sync", "0018", "--environment", "qa",
                "--commit", "c100000", "--deployment-url", "file:///etc/passwd");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--deployment-url").contains("file: URL");
        assertThat(metadata(project)).isEqualTo(before);
    }

    @Test
    void configuredDeploymentUrlWithUserInfoIsBadInputNamingTheSetting() {
        Path project = project("\"local-qa\": {\"provider\": \"local\", \"environment\": \"qa\", "
                + "\"deploymentUrl\": \"https://ops:hunter22@qa.example.com\"}");
        CliHarness.Run result = run(project, Map.of("NO_COLOR", "1"), "sync", "0018", "--environment", "qa",
                "--commit", "c100000");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("sync.profiles.local-qa.deploymentUrl").contains("user info")
                .doesNotContain("hunter22");
    }
}
