package io.specweave.deploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import hudson.AbortException;
import io.specweave.deploy.app.Host;
import io.specweave.deploy.app.Operations;
import io.specweave.deploy.app.TrackerFactory;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent side of specweaveSync, on a copy of examples/demo with its local profiles. */
class OperationCallableTest {

    /** The build log the step writes to. */
    private final Fakes.Log log = new Fakes.Log();

    private static final Map<String, String> JENKINS_RUN = Map.of(
            "JENKINS_URL", "https://ci.example/",
            "BUILD_URL", "https://ci.example/job/shop/42/",
            "GIT_COMMIT", "9b1d5f0c2e4a6b8d0f1a3c5e7092b4d6f8a0c2e4",
            "BRANCH_NAME", "main",
            "BUILD_USER_EMAIL", "dev@example.com");

    @TempDir
    Path project;

    @Test
    void recordsTheDeploymentFromTheRunsEnvironmentAndReturnsTheSummary() throws Exception {
        Demo.copyTo(project);
        SpecweaveSyncStep step = Steps.sync("local-qa");

        Map<String, Object> result = step.callable(JENKINS_RUN, null, null, log).invoke(project.toFile(), null).values();

        JsonNode qa = Demo.deployment(project, "qa");
        assertThat(qa.path("profile").asText()).isEqualTo("local-qa");
        assertThat(qa.path("status").asText()).isEqualTo("deployed");
        assertThat(qa.path("commit").asText()).isEqualTo("9b1d5f0c2e4a6b8d0f1a3c5e7092b4d6f8a0c2e4");
        assertThat(qa.path("branch").asText()).isEqualTo("main");
        assertThat(qa.path("deployedBy").asText()).isEqualTo("dev@example.com");
        assertThat(qa.path("runUrl").asText()).isEqualTo("https://ci.example/job/shop/42/");
        assertThat(qa.path("deploymentUrl").asText()).isEqualTo("https://qa.demo-shop.example");
        assertThat(result).containsEntry("increment", Demo.INCREMENT)
                .containsEntry("environment", "qa")
                .containsEntry("profile", "local-qa")
                .containsEntry("provider", "local")
                .containsEntry("status", "deployed")
                .containsEntry("deployedAt", qa.path("deployedAt").asText())
                .containsEntry("newDeployment", true)
                .containsEntry("metadataChanged", true)
                .containsEntry("dryRun", false)
                .containsEntry("warnings", List.of());
    }

    @Test
    void parametersWinOverTheRunsEnvironment() throws Exception {
        Demo.copyTo(project);
        SpecweaveSyncStep step = Steps.sync(null);
        step.setEnvironment("prod");
        step.setIncrement("0002");
        step.setTag("v1.5.0");
        step.setCommit("1111111111111111111111111111111111111111");
        step.setDeployedBy("release-bot");

        step.callable(JENKINS_RUN, null, null, log).invoke(project.toFile(), null);

        JsonNode prod = Demo.deployment(project, "prod");
        assertThat(prod.path("profile").asText()).isEqualTo("local-prod");
        assertThat(prod.path("commit").asText()).isEqualTo("1111111111111111111111111111111111111111");
        assertThat(prod.path("tag").asText()).isEqualTo("v1.5.0");
        assertThat(prod.path("deployedBy").asText()).isEqualTo("release-bot");
        assertThat(prod.path("runUrl").asText()).isEqualTo("https://ci.example/job/shop/42/");
    }

    @Test
    void deployedAtIsTheCoreClocksTime() {
        Demo.copyTo(project);
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:15:00Z"), ZoneOffset.UTC);

        Map<String, Object> result = Steps.sync("local-dev").callable(JENKINS_RUN, null, null, log).run(project,
                new Operations(Host.of(JENKINS_RUN, clock, TrackerFactory::standard, null, null))).values();

        assertThat(result).containsEntry("deployedAt", "2026-11-27T10:15:00Z");
        assertThat(Demo.deployment(project, "dev").path("deployedAt").asText()).isEqualTo("2026-11-27T10:15:00Z");
    }

    @Test
    void aRerunOfTheSameBuildChangesNothing() throws Exception {
        Demo.copyTo(project);
        OperationCallable callable = Steps.sync("local-qa").callable(JENKINS_RUN, null, null, log);
        callable.invoke(project.toFile(), null);
        String before = Demo.metadata(project, Demo.INCREMENT).toString();

        Map<String, Object> again = callable.invoke(project.toFile(), null).values();

        assertThat(again).containsEntry("newDeployment", false).containsEntry("metadataChanged", false);
        assertThat(Demo.metadata(project, Demo.INCREMENT).toString()).isEqualTo(before);
    }

    @Test
    void anAgentRunningAsRootLeavesWhatItWroteToTheWorkspacesOwner() throws Exception {
        Demo.copyTo(project);
        Path probe = Files.createTempFile(project, "uid", "");
        org.junit.jupiter.api.Assumptions.assumeTrue(Integer.valueOf(0).equals(Files.getAttribute(probe, "unix:uid")),
                "changing owners needs root, as an agent container's user may be");
        Files.delete(probe);
        try (java.util.stream.Stream<Path> all = Files.walk(project)) {
            for (Path p : all.toList()) {
                Files.setAttribute(p, "unix:uid", 1000, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
        }

        Steps.sync("local-qa").callable(JENKINS_RUN, null, null, log).invoke(project.toFile(), null);

        assertThat(Demo.deployment(project, "qa").path("status").asText()).isEqualTo("deployed");
        try (java.util.stream.Stream<Path> all = Files.walk(project.resolve(".specweave"))) {
            assertThat(all.toList()).allSatisfy(p -> assertThat(Files.getAttribute(p, "unix:uid",
                    java.nio.file.LinkOption.NOFOLLOW_LINKS)).as(p.toString()).isEqualTo(1000));
        }
    }

    @Test
    void aDryRunWritesNothing() throws Exception {
        Demo.copyTo(project);
        String before = Demo.metadata(project, Demo.INCREMENT).toString();
        SpecweaveSyncStep step = Steps.sync("local-uat");
        step.setDryRun(true);

        Map<String, Object> result = step.callable(JENKINS_RUN, null, null, log).invoke(project.toFile(), null).values();

        assertThat(result).containsEntry("dryRun", true).containsEntry("metadataChanged", true)
                .containsEntry("environment", "uat");
        assertThat(Demo.metadata(project, Demo.INCREMENT).toString()).isEqualTo(before);
    }

    @Test
    void anUnknownProfileAbortsWithCoresMessageNamingTheConfigFile() {
        Demo.copyTo(project);

        assertThatThrownBy(() -> Steps.sync("github-qa").callable(JENKINS_RUN, null, null, log)
                .invoke(project.toFile(), null))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessageContaining("config.json")
                .hasMessageContaining("no profile named \"github-qa\"")
                .hasMessageContaining("local-qa");
    }

    @Test
    void aMissingTokenSaysTheStepsCredentialsIdGivesItToo() {
        Demo.copyTo(project);
        Demo.editConfig(project, "\"dev\": {\n        \"provider\": \"local\",", "\"dev\": {\n        \"profile\": \"demo-shop\",");

        assertThatThrownBy(() -> Steps.sync("demo-shop").callable(JENKINS_RUN, null, null, log)
                .invoke(project.toFile(), null))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessageContaining("no GitHub token for profile \"demo-shop\" (demo-shop/demo-shop): set GITHUB_TOKEN")
                .hasMessageEndingWith("; or give the step credentialsId: a \"Secret text\" (the token) or \"Username "
                        + "with password\" (Jira e-mail and API token) credential");
    }

    @Test
    void aFolderWithoutSpecweaveAbortsNamingWhatIsMissing(@TempDir Path empty) {
        assertThatThrownBy(() -> Steps.sync(null).callable(JENKINS_RUN, null, null, log).invoke(empty.toFile(), null))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessageContaining(".specweave");
    }

    @Test
    void theCredentialsSecretNeverReachesAnAbortMessage() throws Exception {
        Demo.copyTo(project);
        String secret = "ghp-not-a-profile";
        OperationCallable asValue = Steps.sync(secret).callable(JENKINS_RUN, StepCredential.token("gh", secret), null, log);
        // A file's words are no step parameter: the message quoting them is masked instead.
        Path config = project.resolve(".specweave/config.json");
        String demo = Files.readString(config);
        Files.writeString(config, demo.replaceFirst("\"provider\": \"local\"", "\"provider\": \"" + secret + "\""));
        OperationCallable inAFile = Steps.sync("local-dev").callable(JENKINS_RUN, StepCredential.token("gh", secret),
                null, log);

        assertThatThrownBy(() -> asValue.invoke(project.toFile(), null))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessageStartingWith("profile: holds the value of the tracker credential the run was given")
                .hasMessageNotContaining(secret);
        assertThatThrownBy(() -> inAFile.invoke(project.toFile(), null))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessageContaining("\"****\"")
                .hasMessageNotContaining(secret);
    }

    @Test
    void aCommitThatIsNoHexObjectNameAndARunUrlThatIsNoHttpUrlAbortTheStepNamingTheirParameters() throws Exception {
        Demo.copyTo(project);
        String before = Files.readString(project.resolve(".specweave/increments/" + Demo.INCREMENT + "/metadata.json"));
        SpecweaveSyncStep ref = Steps.sync("local-qa");
        ref.setCommit("refs/heads/main");
        SpecweaveSyncStep script = Steps.sync("local-qa");
        script.setRunUrl("javascript:alert(1)");

        assertThatThrownBy(() -> ref.callable(JENKINS_RUN, null, null, log).invoke(project.toFile(), null))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessageStartingWith("commit: expected a commit's hex object name (7 to 40 hex digits, or 64 in a "
                        + "SHA-256 repository)");
        assertThatThrownBy(() -> script.callable(JENKINS_RUN, null, null, log).invoke(project.toFile(), null))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessageStartingWith("runUrl: expected an absolute http(s) URL");
        assertThat(Files.readString(project.resolve(".specweave/increments/" + Demo.INCREMENT + "/metadata.json")))
                .isEqualTo(before);
    }

    @Test
    void theReturnedMapHoldsOnlyValuesThePipelineSandboxCanRead() throws Exception {
        Demo.copyTo(project);

        Map<String, Object> result = Steps.sync("local-dev").callable(JENKINS_RUN, null, null, log)
                .invoke(project.toFile(), null).values();

        SandboxValues.assertPlain(result);
    }

    @Test
    void testResultsAndCoverageAreRecordedAndTheMapCarriesTheTestSummary() throws Exception {
        Demo.copyTo(project);
        Path reports = Files.createDirectories(project.resolve("target/surefire-reports"));
        Files.writeString(reports.resolve("TEST-a.xml"), "<testsuite name=\"a\" tests=\"2\"><testcase name=\"x\"/>"
                + "<testcase name=\"y\"><skipped/></testcase></testsuite>");
        Files.writeString(reports.resolve("TEST-b.xml"), "<testsuite name=\"b\" tests=\"1\"><testcase name=\"z\">"
                + "<failure message=\"boom\"/></testcase></testsuite>");
        Files.writeString(project.resolve("jacoco.xml"), "<report name=\"shop\"><counter type=\"LINE\" missed=\"1\" "
                + "covered=\"3\"/></report>");
        SpecweaveSyncStep step = Steps.sync("local-qa");
        step.setTestResults("target/surefire-reports/*.xml");
        step.setCoverage("jacoco.xml");

        OperationCallable.Result synced = step.callable(JENKINS_RUN, null, null, log).invoke(project.toFile(), null);
        Map<String, Object> result = synced.values();

        JsonNode qa = Demo.deployment(project, "qa");
        assertThat(qa.path("testResults").path("total").asInt()).isEqualTo(3);
        assertThat(qa.path("coverage").asDouble()).isEqualTo(75.0);
        assertThat(result.get("testResults")).isEqualTo(Map.of("total", 3, "passed", 1, "failed", 1, "skipped", 1,
                "errors", 0));
        assertThat(log.text()).contains("  tests:    1/3 passed, 1 failed, 0 errors, 1 skipped",
                "  coverage: 75% of lines");
        SandboxValues.assertPlain(result);
    }

    @Test
    void aGlobMatchingNoReportAbortsNamingIt() {
        Demo.copyTo(project);
        SpecweaveSyncStep step = Steps.sync("local-qa");
        step.setTestResults("nowhere/*.xml");

        assertThatThrownBy(() -> step.callable(JENKINS_RUN, null, null, log).invoke(project.toFile(), null))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessageContaining("nowhere/*.xml");
    }

    @Test
    void theHealthCheckRunsByDefaultAndAnUnhealthyEnvironmentIsRecordedThenAborts() throws Exception {
        Demo.copyTo(project);
        Demo.editConfig(project, "\"provider\": \"local\",",
                "\"provider\": \"local\", \"healthCheck\": {\"retries\": 0, \"intervalSeconds\": 0},");
        AtomicInteger status = new AtomicInteger(200);
        HttpServer server = healthAnswering(status);
        try {
            SpecweaveSyncStep step = new SpecweaveSyncStep();
            step.setProfile("local-qa");
            step.setDeploymentUrl("http://127.0.0.1:" + server.getAddress().getPort());

            OperationCallable.Result healthy = step.callable(JENKINS_RUN, null, null, log).invoke(project.toFile(), null);
            assertThat(healthy.values()).containsEntry("healthStatus", "healthy");
            assertThat(healthy.failure()).isNull();

            status.set(503);
            step.setCommit("2222222222222222222222222222222222222222");
            OperationCallable.Result unhealthy = step.callable(JENKINS_RUN, null, null, log).invoke(project.toFile(), null);
            // The build fails with this reason after the log lines (SpecweaveStepExecution).
            assertThat(unhealthy.failure()).contains("unhealthy");
            assertThat(unhealthy.values()).containsEntry("healthStatus", "unhealthy");
            assertThat(Demo.deployment(project, "qa").path("healthStatus").asText()).isEqualTo("unhealthy");
            assertThat(Demo.deployment(project, "qa").path("commit").asText()).startsWith("2222222");
        } finally {
            server.stop(0);
        }
    }

    /**
     * Aborting a build interrupts the step's thread (remoting cancels the agent's call the same way):
     * during a health check's wait that is a stop, as Ctrl-C is for the CLI, so the deployment that
     * happened is recorded with what the check saw, and the thread still ends interrupted.
     */
    @Test
    void anAbortDuringTheHealthChecksWaitRecordsTheDeploymentWithWhatTheCheckSaw() throws Exception {
        Demo.copyTo(project);
        Demo.editConfig(project, "\"provider\": \"local\",",
                "\"provider\": \"local\", \"healthCheck\": {\"retries\": 5, \"intervalSeconds\": 60},");
        HttpServer server = healthAnswering(new AtomicInteger(503));
        try {
            SpecweaveSyncStep step = Steps.sync("local-qa");
            step.setHealthCheck(true);
            step.setDeploymentUrl("http://127.0.0.1:" + server.getAddress().getPort());
            OperationCallable callable = step.callable(JENKINS_RUN, null, null, log);
            AtomicReference<OperationCallable.Result> result = new AtomicReference<>();
            AtomicBoolean endedInterrupted = new AtomicBoolean();
            Thread agent = new Thread(() -> {
                try {
                    result.set(callable.invoke(project.toFile(), null));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                endedInterrupted.set(Thread.currentThread().isInterrupted());
            });
            agent.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!log.text().contains("retrying in 60 s, attempt 2 of 6") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            agent.interrupt();
            agent.join(TimeUnit.SECONDS.toMillis(20));

            assertThat(agent.isAlive()).as("the wait ended at the abort").isFalse();
            assertThat(endedInterrupted).as("the thread still ends interrupted").isTrue();
            assertThat(result.get().failure()).contains("unhealthy");
            JsonNode qa = Demo.deployment(project, "qa");
            assertThat(qa.path("status").asText()).isEqualTo("deployed");
            assertThat(qa.path("healthStatus").asText()).isEqualTo("unhealthy");
            assertThat(qa.path("healthMessage").asText()).endsWith("stopped before attempt 2 of 6 (the run was asked "
                    + "to stop)");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void forceRecordsPastARefusedGate() throws Exception {
        Demo.copyTo(project);
        Demo.editConfig(project, "\"deployment\": {",
                "\"deployment\": {\"promotion\": {\"requirePrevious\": true},");
        SpecweaveSyncStep step = Steps.sync("local-prod");
        OperationCallable.Result refused = step.callable(JENKINS_RUN, null, null, log).invoke(project.toFile(), null);
        assertThat(refused.failure()).contains("prod").contains("requirePrevious");
        assertThat(Demo.deployment(project, "prod").isMissingNode()).as("nothing written").isTrue();

        step.setForce(true);
        step.callable(JENKINS_RUN, null, null, log).invoke(project.toFile(), null);

        assertThat(Demo.deployment(project, "prod").path("forced").asBoolean()).isTrue();
    }

    /** A loopback service whose /health answers {@code status}'s current value. */
    private static HttpServer healthAnswering(AtomicInteger status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        return server;
    }
}
