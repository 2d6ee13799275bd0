package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.TestProjects;
import io.specweave.deploy.metrics.CanaryReport;
import io.specweave.deploy.metrics.Recommendation;
import io.specweave.deploy.model.HealthStatus;
import io.specweave.deploy.testing.HealthServer;
import io.specweave.deploy.testing.TestProject;
import io.specweave.deploy.tracker.TrackingRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupt (a Jenkins abort interrupts the step's thread, on the agent too) is a stop request,
 * as Ctrl-C and SIGTERM are, in every operation: the wait ends, what was seen is recorded in
 * metadata.json and sent to the tracker, and the caller gets its interrupt back afterwards.
 */
class InterruptAsStopTest {

    @TempDir
    Path dir;

    final List<TrackingRequest> tracked = new ArrayList<>();
    final TestOperations run = TestOperations.at("2026-11-27T10:00:00Z").recordingTrackers(tracked);
    HealthServer service;

    @AfterEach
    void stop() {
        Thread.interrupted();
        if (service != null) {
            service.close();
        }
    }

    /** A sleeper interrupted at its {@code n}th wait, as a thread waiting there would be. */
    private static io.specweave.deploy.http.Sleeper interruptedAt(int n) {
        AtomicInteger waits = new AtomicInteger();
        return d -> {
            if (waits.incrementAndGet() == n) {
                throw new InterruptedException("aborted");
            }
        };
    }

    @Test
    void anInterruptDuringASyncsHealthWaitRecordsTheDeploymentWithWhatTheCheckSaw() {
        service = HealthServer.start(503);
        TestProjects.create(dir, service.url(), null);
        run.sleeper(interruptedAt(1));

        ChangeOutcome<?> outcome = run.operations().sync(TestOperations.request(dir).environment("prod")
                .commit("abc1234").outcome(Request.Outcome.DEPLOYED).build());

        assertThat(Thread.interrupted()).as("the caller gets the interrupt back").isTrue();
        assertThat(outcome.result()).isEqualTo(ChangeOutcome.Result.RECORDED_UNHEALTHY);
        assertThat(service.calls()).as("no attempt after the interrupt").isEqualTo(1);
        JsonNode prod = TestOperations.deployment(dir, "0018-oauth-google", "prod");
        assertThat(prod.path("status").asText()).isEqualTo("deployed");
        assertThat(prod.path("commit").asText()).isEqualTo("abc1234");
        assertThat(prod.path("healthStatus").asText()).isEqualTo(HealthStatus.UNHEALTHY.raw());
        assertThat(prod.path("healthMessage").asText()).endsWith("; stopped before attempt 2 of 2 (the run was asked "
                + "to stop)");
        assertThat(tracked).as("the tracking item is updated as well").hasSize(1);
        assertThat(tracked.get(0).recordCopyNode().path("commit").asText()).isEqualTo("abc1234");
    }

    @Test
    void anInterruptDuringACanaryAnalysisRecordsWhatItMeasuredAndHolds() {
        TestProject project = TestProject.in(dir).localProfiles("prod").increment("0018-oauth", "OAuth",
                "{\"id\": \"0018-oauth\", \"deployments\": {\"prod\": {\"profile\": \"local-prod\", "
                        + "\"status\": \"deployed\", \"commit\": \"c1\", \"canary\": {\"increment\": \"0018-oauth\", "
                        + "\"commit\": \"c2\", \"stableCommit\": \"c1\", \"weight\": 10, \"status\": \"running\"}}}}\n");
        project.file("canary.json", "{\"canary\": {\"requestRate\": 12.5, \"errorRate\": 0.2, \"p50LatencyMs\": 45, "
                + "\"p95LatencyMs\": 120, \"requests\": 750}, \"stable\": {\"requestRate\": 112.5, "
                + "\"errorRate\": 0.15, \"p50LatencyMs\": 42, \"p95LatencyMs\": 110, \"requests\": 6750}}");
        run.sleeper(interruptedAt(2));

        ChangeOutcome<?> outcome = run.operations().monitor(TestOperations.request(dir).environment("prod")
                .canary(true).metricsFile("canary.json").duration(Duration.ofMinutes(5))
                .interval(Duration.ofMinutes(1)).build());

        assertThat(Thread.interrupted()).as("the caller gets the interrupt back").isTrue();
        CanaryReport report = (CanaryReport) outcome.detail();
        assertThat(report.measurements()).as("no measurement after the interrupt").hasSize(2);
        assertThat(report.recommendation()).isEqualTo(Recommendation.HOLD);
        assertThat(outcome.exitCode()).isEqualTo(1);
        JsonNode analysis = TestOperations.deployment(dir, "0018-oauth", "prod").path("canary").path("lastAnalysis");
        assertThat(analysis.path("recommendation").asText()).isEqualTo(Recommendation.HOLD.label());
        assertThat(analysis.path("measurements").asInt()).isEqualTo(2);
        assertThat(analysis.path("reason").asText()).startsWith("stopped after 2 of 6 measurements");
        assertThat(tracked).hasSize(1);
    }

    @Test
    void aRecordIsWrittenWhenTheThreadIsAlreadyInterrupted() {
        TestProjects.create(dir, null, null);
        // An interrupt that arrived during a request leaves the flag set; a file channel would close on it.
        Thread.currentThread().interrupt();

        ChangeOutcome<?> outcome = run.operations().sync(TestOperations.request(dir).environment("qa")
                .commit("abc1234").outcome(Request.Outcome.DEPLOYED).build());

        assertThat(Thread.interrupted()).as("the flag is kept for the caller").isTrue();
        assertThat(outcome.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(TestOperations.deployment(dir, "0018-oauth-google", "qa").path("commit").asText())
                .isEqualTo("abc1234");
    }
}
