package io.specweave.deploy.app;

import io.specweave.deploy.model.DeploymentRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.testing.TestProject;
import io.specweave.deploy.tracker.TrackingRef;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncServiceTest {

    @TempDir
    Path dir;

    TestProject project;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    SyncService service;

    @BeforeEach
    void setUp() {
        project = TestProject.in(dir).localProfiles("dev", "qa", "prod")
                .increment("0018-oauth", "OAuth", "{\n  \"id\": \"0018-oauth\",\n  \"status\": \"active\",\n  \"owner\": {\"team\": \"id\"}\n}\n");
        service = new SyncService(new TrackerFactory(new Credentials(Map.of())), clock);
    }

    private SyncRequest request(String profile, String commit, String run) {
        return new SyncRequest("0018", profile, null, null, SyncRequest.Outcome.DEPLOYED, commit, "main", null, "ci",
                run, null, false);
    }

    @Test
    void recordsADeploymentWithEverythingTheRunKnows() {
        CiContext ci = new CiContext("github-actions", "abc", "main", null, "octocat", "https://gh/run/1", null);
        SyncResult result = service.sync(project.open(), new SyncRequest("active", null, "qa", "local",
                SyncRequest.Outcome.DEPLOYED, null, null, null, null, null, null, false), ci);
        assertThat(result.environment()).isEqualTo("qa");
        assertThat(result.newDeployment()).isTrue();
        assertThat(result.metadataChanged()).isTrue();
        JsonNode qa = read().path("deployments").path("qa");
        assertThat(qa.path("profile").asText()).isEqualTo("local-qa");
        assertThat(qa.path("status").asText()).isEqualTo("deployed");
        assertThat(qa.path("deployedAt").asText()).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(qa.path("deployedBy").asText()).isEqualTo("octocat");
        assertThat(qa.path("commit").asText()).isEqualTo("abc");
        assertThat(qa.path("deploymentUrl").asText()).isEqualTo("https://qa.example.test");
        assertThat(qa.path("runUrl").asText()).isEqualTo("https://gh/run/1");
        assertThat(read().path("owner").path("team").asText()).isEqualTo("id");
    }

    @Test
    void rerunOfTheSameDeploymentChangesNothing() {
        service.sync(project.open(), request("local-dev", "c1", "r1"), CiContext.none());
        String first = project.read(".specweave/increments/0018-oauth/metadata.json");
        clock.advance(3600);
        SyncResult again = service.sync(project.open(), request("local-dev", "c1", "r1"), CiContext.none());
        assertThat(again.newDeployment()).isFalse();
        assertThat(again.metadataChanged()).isFalse();
        assertThat(project.read(".specweave/increments/0018-oauth/metadata.json")).isEqualTo(first);
    }

    @Test
    void aNewDeploymentMovesTheCurrentRecordIntoHistory() {
        service.sync(project.open(), request("local-dev", "c1", "r1"), CiContext.none());
        clock.advance(60);
        service.sync(project.open(), request("local-dev", "c2", "r2"), CiContext.none());
        clock.advance(60);
        SyncResult third = service.sync(project.open(), request("local-dev", "c3", "r3"), CiContext.none());
        assertThat(third.record().history()).extracting(DeploymentRecord::commit).containsExactly("c1", "c2");
        JsonNode dev = read().path("deployments").path("dev");
        assertThat(dev.path("commit").asText()).isEqualTo("c3");
        assertThat(dev.path("history")).hasSize(2);
        assertThat(dev.path("history").get(0).has("history")).isFalse();
        assertThat(dev.path("history").get(1).path("deployedAt").asText()).isEqualTo("2026-11-27T10:01:00Z");
    }

    @Test
    void inProgressThenDeployedIsOneDeploymentStampedWhenItFinished() {
        SyncRequest started = new SyncRequest("0018", "local-prod", null, null, SyncRequest.Outcome.IN_PROGRESS, "c1",
                null, null, null, "r1", null, false);
        service.sync(project.open(), started, CiContext.none());
        clock.advance(300);
        SyncResult done = service.sync(project.open(), request("local-prod", "c1", "r1"), CiContext.none());
        assertThat(done.newDeployment()).isFalse();
        assertThat(done.record().status()).isEqualTo("deployed");
        assertThat(done.record().deployedAt()).isEqualTo("2026-11-27T10:05:00Z");
        assertThat(done.record().history()).isEmpty();
    }

    @Test
    void dryRunWritesNothing() {
        String before = project.read(".specweave/increments/0018-oauth/metadata.json");
        SyncRequest dry = new SyncRequest("0018", "local-qa", null, null, SyncRequest.Outcome.DEPLOYED, "c9", null,
                null, null, null, null, true);
        SyncResult result = service.sync(project.open(), dry, CiContext.none());
        assertThat(result.dryRun()).isTrue();
        assertThat(result.metadataChanged()).isTrue();
        assertThat(result.record().commit()).isEqualTo("c9");
        assertThat(project.read(".specweave/increments/0018-oauth/metadata.json")).isEqualTo(before);
    }

    @Test
    void providerWordMustMatchTheProfile() {
        SyncRequest wrong = new SyncRequest("0018", "local-qa", null, "github", SyncRequest.Outcome.DEPLOYED, null,
                null, null, null, null, null, false);
        assertThatThrownBy(() -> service.sync(project.open(), wrong, CiContext.none()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("uses provider \"local\", not \"github\"");
    }

    @Test
    void trackerFailureStillRecordsTheDeploymentAndReportsIt() {
        List<String> calls = new ArrayList<>();
        TrackerFactory failing = new TrackerFactory(new Credentials(Map.of())).register(Provider.LOCAL, (p, c) -> r -> {
            calls.add(r.environment());
            throw new OperationFailedException("tracker down");
        });
        SyncService withFailingTracker = new SyncService(failing, clock);
        assertThatThrownBy(() -> withFailingTracker.sync(project.open(), request("local-qa", "c1", "r1"), CiContext.none()))
                .isInstanceOf(OperationFailedException.class).hasMessageContaining("tracker down")
                .hasMessageContaining("the deployment is recorded");
        assertThat(calls).containsExactly("qa");
        assertThat(read().path("deployments").path("qa").path("commit").asText()).isEqualTo("c1");
    }

    @Test
    void trackingLinkIsStoredAndKeptForTheNextDeployment() {
        TrackerFactory github = new TrackerFactory(new Credentials(Map.of())).register(Provider.LOCAL,
                (p, c) -> r -> new TrackingRef(Provider.GITHUB, 57, null, "https://github.com/o/r/issues/57", true, true, null));
        SyncService s = new SyncService(github, clock);
        s.sync(project.open(), request("local-qa", "c1", "r1"), CiContext.none());
        JsonNode qa = read().path("deployments").path("qa");
        assertThat(qa.path("issueNumber").asInt()).isEqualTo(57);
        assertThat(qa.path("issueUrl").asText()).isEqualTo("https://github.com/o/r/issues/57");
        SyncResult next = service.sync(project.open(), request("local-qa", "c2", "r2"), CiContext.none());
        assertThat(next.record().issueNumber()).isEqualTo(57);
    }

    private JsonNode read() {
        try {
            return Json.mapper().readTree(project.read(".specweave/increments/0018-oauth/metadata.json"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A clock tests move forward by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
