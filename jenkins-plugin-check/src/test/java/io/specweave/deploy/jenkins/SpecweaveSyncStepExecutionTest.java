package io.specweave.deploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole step as Pipeline runs it, with Jenkins' context objects stood in by fakes. */
class SpecweaveSyncStepExecutionTest {

    @TempDir
    Path workspace;

    private final Fakes.Log log = new Fakes.Log();

    @Test
    void recordsTheDeploymentLogsItAndReturnsTheMap() throws Exception {
        Demo.copyTo(workspace);
        SpecweaveSyncStep step = Steps.sync("local-staging");

        Map<String, Object> result = run(step, new Fakes.FakeRun(null), new EnvVars(Map.of(
                "BUILD_URL", "https://ci.example/job/shop/9/", "GIT_COMMIT", "abcdef0123456789")));

        assertThat(result).containsEntry("environment", "staging").containsEntry("status", "deployed");
        assertThat(Demo.deployment(workspace, "staging").path("commit").asText()).isEqualTo("abcdef0123456789");
        assertThat(log.text()).contains("[specweaveSync] Recorded " + Demo.INCREMENT
                + " → staging (deployed, profile local-staging, local)");
    }

    @Test
    void theUserWhoStartedTheBuildIsWhoDeployedWhenNoPluginSaysOtherwise() throws Exception {
        Demo.copyTo(workspace);

        run(Steps.sync("local-dev"), new Fakes.FakeRun("alice"),
                new EnvVars(Map.of("BUILD_URL", "https://ci.example/job/shop/10/", "GIT_COMMIT", "abc")));

        assertThat(Demo.deployment(workspace, "dev").path("deployedBy").asText()).isEqualTo("alice");
    }

    @Test
    void buildUserVariablesWinOverTheStartedByCause() throws Exception {
        Demo.copyTo(workspace);

        run(Steps.sync("local-dev"), new Fakes.FakeRun("alice"), new EnvVars(Map.of(
                "BUILD_URL", "https://ci.example/job/shop/11/", "GIT_COMMIT", "abc",
                "BUILD_USER_EMAIL", "bob@example.com")));

        assertThat(Demo.deployment(workspace, "dev").path("deployedBy").asText()).isEqualTo("bob@example.com");
    }

    @Test
    void workingDirectoryPointsAtTheProjectInsideTheWorkspace() throws Exception {
        Path app = Files.createDirectories(workspace.resolve("services/shop"));
        Demo.copyTo(app);
        SpecweaveSyncStep step = Steps.sync("local-qa");
        step.setWorkingDirectory("services/shop");

        run(step, new Fakes.FakeRun(null), new EnvVars(Map.of("GIT_COMMIT", "abc")));

        assertThat(Demo.deployment(app, "qa").path("status").asText()).isEqualTo("deployed");
    }

    @Test
    void aRerunSaysSoInTheLog() throws Exception {
        Demo.copyTo(workspace);
        EnvVars env = new EnvVars(Map.of("BUILD_URL", "https://ci.example/job/shop/12/", "GIT_COMMIT", "abc"));
        run(Steps.sync("local-qa"), new Fakes.FakeRun(null), env);

        run(Steps.sync("local-qa"), new Fakes.FakeRun(null), env);

        assertThat(log.text()).contains("[specweaveSync] Re-synced " + Demo.INCREMENT)
                .contains("[specweaveSync]   metadata.json unchanged (same deployment)");
    }

    @Test
    void badConfigurationAbortsTheBuildWithOneClearLine() throws Exception {
        Demo.copyTo(workspace);
        Files.writeString(workspace.resolve(".specweave/config.json"), "{ \"sync\": { \"profiles\": [] } }");

        assertThatThrownBy(() -> run(Steps.sync(null), new Fakes.FakeRun(null), new EnvVars()))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessageContaining("config.json")
                .hasMessageContaining("sync.profiles");
    }

    @Test
    void aDryRunSaysWhatWouldBeRecordedAndWritesNothing() throws Exception {
        Demo.copyTo(workspace);
        String before = Demo.metadata(workspace, Demo.INCREMENT).toString();
        SpecweaveSyncStep step = Steps.sync("local-prod");
        step.setDryRun(true);

        Map<String, Object> result = run(step, new Fakes.FakeRun(null), new EnvVars(Map.of("GIT_COMMIT", "abc")));

        assertThat(result).containsEntry("dryRun", true).containsEntry("environment", "prod");
        assertThat(log.text()).contains("[specweaveSync] Would record " + Demo.INCREMENT + " → prod");
        assertThat(Demo.metadata(workspace, Demo.INCREMENT).toString()).isEqualTo(before);
    }

    @Test
    void aFailedSyncLogsWhatWasRecordedThenFailsTheBuildWithTheReason() throws Exception {
        Demo.copyTo(workspace);
        Demo.editConfig(workspace, "\"deployment\": {",
                "\"deployment\": {\"promotion\": {\"requirePrevious\": true},");

        assertThatThrownBy(() -> run(Steps.sync("local-prod"), new Fakes.FakeRun(null),
                new EnvVars(Map.of("GIT_COMMIT", "abc"))))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessageContaining("requirePrevious");
        assertThat(log.text()).contains("[specweaveSync] ");
        assertThat(Demo.deployment(workspace, "prod").isMissingNode()).isTrue();
    }

    @Test
    void healthChecksOnTheAgentGoThroughJenkinsProxy() throws Exception {
        Demo.copyTo(workspace);
        Path config = workspace.resolve(".specweave/config.json");
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) io.specweave.deploy.Json.mapper()
                .readTree(Files.readString(config));
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.path("deployment").path("environments").path("staging"))
                .putObject("healthCheck").put("retries", 0);
        Files.writeString(config, io.specweave.deploy.Json.pretty(root));
        SpecweaveSyncStep step = Steps.sync("local-staging");
        step.setHealthCheck(true);
        try (io.specweave.deploy.testing.TestProxy proxy = io.specweave.deploy.testing.TestProxy.open()) {
            jenkins.model.Jenkins.get().proxy = new hudson.ProxyConfiguration("127.0.0.1", proxy.port(), null, null,
                    "*.internal.example");
            assertThatThrownBy(() -> run(step, new Fakes.FakeRun(null), new EnvVars(Map.of("GIT_COMMIT", "abc"))))
                    .isInstanceOf(AbortException.class).hasMessageContaining("unreachable");

            // the demo's https URL was asked for as a tunnel through the proxy (which cannot reach it)
            assertThat(proxy.asked()).extracting(io.specweave.deploy.testing.TestProxy.Asked::target)
                    .contains("staging.demo-shop.example:443");
        } finally {
            jenkins.model.Jenkins.get().proxy = null;
        }
    }

    @Test
    void aHealthChecksWaitReachesTheBuildLogWhileTheStepStillRuns() throws Exception {
        Demo.copyTo(workspace);
        try (io.specweave.deploy.testing.HealthServer health = io.specweave.deploy.testing.HealthServer.start(200)) {
            health.failNext(1);
            Path config = workspace.resolve(".specweave/config.json");
            var root = (com.fasterxml.jackson.databind.node.ObjectNode) io.specweave.deploy.Json.mapper()
                    .readTree(Files.readString(config));
            var staging = (com.fasterxml.jackson.databind.node.ObjectNode) root.path("deployment")
                    .path("environments").path("staging");
            staging.put("deploymentUrl", health.url());
            staging.putObject("healthCheck").put("retries", 1).put("intervalSeconds", 0.2);
            Files.writeString(config, io.specweave.deploy.Json.pretty(root));
            SpecweaveSyncStep step = Steps.sync("local-staging");
            step.setHealthCheck(true);
            // Each line with how many health checks the service had seen when the step wrote it.
            java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.io.PrintStream logger = new java.io.PrintStream(java.io.OutputStream.nullOutputStream()) {
                @Override
                public void println(String line) {
                    lines.add(health.calls() + " " + line);
                }
            };

            Map<String, Object> result = run(step, new Fakes.FakeRun(null), new EnvVars(Map.of("GIT_COMMIT", "abc")),
                    () -> logger);

            assertThat(result).containsEntry("healthStatus", "healthy");
            assertThat(health.calls()).isEqualTo(2);
            assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("1 [specweaveSync] health ")
                    .contains("retrying in 200 ms, attempt 2 of 2"));
            assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("2 [specweaveSync] Recorded "));
        }
    }

    private Map<String, Object> run(SpecweaveSyncStep step, Run<?, ?> run, EnvVars env) throws Exception {
        return run(step, run, env, log);
    }

    private Map<String, Object> run(SpecweaveSyncStep step, Run<?, ?> run, EnvVars env, TaskListener listener)
            throws Exception {
        Fakes.Context context = new Fakes.Context()
                .with(Run.class, run)
                .with(FilePath.class, new FilePath(workspace.toFile()))
                .with(TaskListener.class, listener)
                .with(EnvVars.class, env);
        return new SpecweaveStepExecution(step, context).run();
    }
}
