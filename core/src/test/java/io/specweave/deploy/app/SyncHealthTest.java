package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.TestProjects;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.DeploymentStatus;
import io.specweave.deploy.model.HealthStatus;
import io.specweave.deploy.testing.HealthServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health check after a finished deployment, and {@code health} re-checking it, against a loopback service. */
class SyncHealthTest {

    @TempDir
    Path dir;

    HealthServer server;
    final TestOperations run = TestOperations.at("2026-11-27T10:00:00Z");

    @BeforeEach
    void start() {
        server = HealthServer.start(200);
        TestProjects.create(dir, server.url(), null);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ChangeOutcome<?> sync(boolean healthCheck) {
        return run.operations().sync(TestOperations.request(dir).environment("prod").commit("abc1234").branch("main")
                .tag("v1.5.0").deployedBy("release-bot").healthCheck(healthCheck).build());
    }

    private String metadata() {
        return TestProjects.read(dir.resolve(".specweave/increments/0018-oauth-google/metadata.json"));
    }

    @Test
    void healthyDeploymentRecordsStatusCodeLatencyAndTime() {
        ChangeOutcome<?> result = sync(true);

        assertThat(result.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        DeploymentRecord r = result.record();
        assertThat(r.healthStatus()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(r.healthHttpStatus()).isEqualTo(200);
        assertThat(r.healthLatencyMs()).isNotNull();
        assertThat(r.healthMessage()).isNull();
        assertThat(r.lastChecked()).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(metadata()).contains("\"healthStatus\": \"healthy\"", "\"healthHttpStatus\": 200",
                "\"lastChecked\": \"2026-11-27T10:00:00Z\"");
    }

    /** Changed with the application layer: an unhealthy sync is the outcome RECORDED_UNHEALTHY, not an exception. */
    @Test
    void unhealthyDeploymentIsStillRecordedAndTheSyncFailsWithTheReason() {
        server.status(503);

        ChangeOutcome<?> result = sync(true);

        assertThat(result.result()).isEqualTo(ChangeOutcome.Result.RECORDED_UNHEALTHY);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.problem().toString()).isEqualTo("0018-oauth-google is recorded as deployed to prod, but the "
                + "environment is unhealthy: HTTP 503 from " + server.url() + "/health, expected any 2xx (GET "
                + server.url() + "/health, 2 attempts); the record says healthStatus: unhealthy");
        assertThat(result.record().status()).isEqualTo(DeploymentStatus.DEPLOYED);
        assertThat(metadata()).contains("\"status\": \"deployed\"", "\"healthStatus\": \"unhealthy\"",
                "\"healthHttpStatus\": 503");
        assertThat(run.waits()).as("the retry waited the profile's interval").hasSize(1);
    }

    @Test
    void noHealthCheckLeavesHealthUnrecorded() {
        server.status(503);

        ChangeOutcome<?> result = sync(false);

        assertThat(result.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(result.record().healthStatus()).isNull();
        assertThat(server.calls()).isZero();
        assertThat(metadata()).doesNotContain("healthStatus");
    }

    @Test
    void healthCommandRechecksAndUpdatesTheRecordInPlace() {
        sync(true);
        server.status(500);

        ChangeOutcome<Void> outcome = run.operations().health(TestOperations.request(dir).environment("prod").build());

        assertThat(outcome.health().status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(outcome.result()).isEqualTo(ChangeOutcome.Result.RECORDED_UNHEALTHY);
        assertThat(outcome.record().healthHttpStatus()).isEqualTo(500);
        assertThat(outcome.record().history()).isEmpty();
        assertThat(metadata()).contains("\"healthStatus\": \"unhealthy\"", "\"healthHttpStatus\": 500",
                "\"commit\": \"abc1234\"").doesNotContain("\"history\"");
    }

    @Test
    void aRecordedUrlThatIsNoHttpUrlIsBadInputNamingTheFileAndTheFieldAndNothingIsWritten() throws IOException {
        sync(true);
        Path file = dir.resolve(".specweave/increments/0018-oauth-google/metadata.json");
        String recorded = metadata();
        int checks = server.calls();
        // Hand-edited, or written by another tool: the field is the user's to fix, not a "health check URL".
        // One with user info is read without it (CredentialInRecordedUrlTest): it is checked, not refused.
        for (String bad : List.of("ftp://x", "not a url", "https:///no-host")) {
            Files.writeString(file, recorded.replace("\"deploymentUrl\": \"" + server.url() + "\"",
                    "\"deploymentUrl\": \"" + bad + "\""));
            String edited = metadata();

            for (boolean dryRun : List.of(false, true)) {
                assertThatThrownBy(() -> run.operations().health(TestOperations.request(dir).environment("prod")
                        .dryRun(dryRun).build())).as(bad).isInstanceOf(BadInputException.class)
                        .hasMessageContaining("0018-oauth-google/metadata.json: deployments.prod.deploymentUrl: "
                                + "expected ")
                        .hasMessageNotContaining("health check URL");
            }
            assertThat(metadata()).isEqualTo(edited);
        }
        assertThat(server.calls()).isEqualTo(checks);
    }

    private ChangeOutcome<?> failedReRun() {
        return run.operations().sync(TestOperations.request(dir).environment("prod").commit("abc1234").branch("main")
                .tag("v1.5.0").deployedBy("release-bot").outcome(Request.Outcome.FAILED).build());
    }

    @Test
    void aFailedReRunOfADeploymentCheckedHealthyKeepsNoHealthOfTheEarlierAttemptAndOneCheckedSinceStays() {
        sync(true);
        assertThat(sync(false).record().healthStatus()).as("a re-run that ends the same keeps its check")
                .isEqualTo(HealthStatus.HEALTHY);

        ChangeOutcome<?> failed = failedReRun();

        assertThat(failed.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        DeploymentRecord r = failed.record();
        assertThat(r.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(r.healthStatus()).isNull();
        assertThat(r.healthHttpStatus()).isNull();
        assertThat(r.healthLatencyMs()).isNull();
        assertThat(r.lastChecked()).isNull();
        assertThat(r.history()).as("overwritten in place, as a re-run is").isEmpty();
        assertThat(metadata()).contains("\"status\": \"failed\"", "\"commit\": \"abc1234\"")
                .doesNotContain("healthStatus", "healthHttpStatus", "healthLatencyMs", "lastChecked", "\"history\"");

        // A check of the failed attempt itself is its own: the next failed re-run keeps it.
        server.status(503);
        run.advance(java.time.Duration.ofMinutes(5));
        run.operations().health(TestOperations.request(dir).environment("prod").build());
        assertThat(failedReRun().record().healthStatus()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(metadata()).contains("\"healthStatus\": \"unhealthy\"", "\"lastChecked\": \"2026-11-27T10:05:00Z\"");
    }

    @Test
    void aDryRunOfTheHealthCommandChecksNothingAndWritesNothing() {
        sync(true);
        String before = metadata();
        int calls = server.calls();

        ChangeOutcome<Void> outcome = run.operations().health(TestOperations.request(dir).environment("prod")
                .dryRun(true).build());

        assertThat(outcome.result()).isEqualTo(ChangeOutcome.Result.DRY_RUN);
        assertThat(outcome.health()).isNull();
        assertThat(server.calls()).isEqualTo(calls);
        assertThat(metadata()).isEqualTo(before);
    }
}
