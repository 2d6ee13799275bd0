package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.testing.TestProject;
import io.specweave.deploy.tracker.TrackingRef;
import io.specweave.deploy.tracker.TrackingRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanaryServiceTest {

    @TempDir
    Path dir;

    TestProject project;
    Instant now = Instant.parse("2026-11-27T12:00:00Z");
    List<TrackingRequest> tracked = new ArrayList<>();
    CanaryService service;

    @BeforeEach
    void setUp() {
        project = TestProject.in(dir).localProfiles("qa", "prod").increment("0018-oauth", "OAuth",
                "{\"id\": \"0018-oauth\", \"deployments\": {\"prod\": {\"profile\": \"local-prod\", "
                        + "\"status\": \"deployed\", \"deployedAt\": \"2026-11-20T09:00:00Z\", \"commit\": \"c1\", "
                        + "\"healthStatus\": \"healthy\"}}}\n");
        TrackerFactory trackers = new TrackerFactory(new Credentials(Map.of())).register(Provider.LOCAL,
                (profile, creds) -> request -> {
                    tracked.add(request);
                    return new TrackingRef(Provider.LOCAL, null, "0018-oauth/prod", null, false, true, null);
                });
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        service = new CanaryService(trackers, clock);
    }

    private CanaryResult step(int weight, String commit) {
        EnvironmentTarget target = EnvironmentTarget.resolve(project.open().config(), null, "prod", null);
        return service.step(project.open(), new DeployRequest("0018", null, "prod", null, weight, commit, null, null,
                "ci-bot", null, null), target, CiContext.none());
    }

    private JsonNode prod() throws Exception {
        return Json.mapper().readTree(project.read(".specweave/increments/0018-oauth/metadata.json"))
                .path("deployments").path("prod");
    }

    @Test
    void stepsAreRecordedWithTheirTimesAndOneHundredMakesTheCanaryStable() throws Exception {
        step(10, "c2");
        now = now.plusSeconds(600);
        step(25, null);
        now = now.plusSeconds(600);
        step(50, "c2");
        JsonNode running = prod();
        assertThat(running.path("commit").asText()).as("stable untouched while the canary runs").isEqualTo("c1");
        assertThat(running.path("canary").path("weight").asInt()).isEqualTo(50);
        assertThat(running.path("canary").path("stableCommit").asText()).isEqualTo("c1");
        assertThat(running.path("canary").path("steps")).extracting(s -> s.path("weight").asInt() + "@" + s.path("at").asText())
                .containsExactly("10@2026-11-27T12:00:00Z", "25@2026-11-27T12:10:00Z", "50@2026-11-27T12:20:00Z");
        assertThat(tracked).allMatch(r -> !r.newDeployment());
        assertThat(tracked.get(0).note()).isEqualTo("Canary commit c2 gets 10 % of prod traffic; stable c1 gets 90 %.");

        now = now.plusSeconds(600);
        CanaryResult promoted = step(100, null);
        assertThat(promoted.promoted()).isTrue();
        JsonNode prod = prod();
        assertThat(prod.path("commit").asText()).isEqualTo("c2");
        assertThat(prod.path("status").asText()).isEqualTo("deployed");
        assertThat(prod.path("deployedAt").asText()).isEqualTo("2026-11-27T12:30:00Z");
        assertThat(prod.path("canary").path("status").asText()).isEqualTo("promoted");
        assertThat(prod.path("canary").path("promotedAt").asText()).isEqualTo("2026-11-27T12:30:00Z");
        assertThat(prod.path("history")).hasSize(1);
        assertThat(prod.path("history").get(0).path("commit").asText()).isEqualTo("c1");
        assertThat(prod.path("history").get(0).has("canary")).isFalse();
        assertThat(tracked.get(tracked.size() - 1).newDeployment()).isTrue();
    }

    @Test
    void rollbackOfTheCanarySetsZeroAndAbandonsItStableStays() throws Exception {
        step(10, "c2");
        now = now.plusSeconds(60);
        CanaryResult abandoned = service.abandon(project.open(), "0018",
                EnvironmentTarget.resolve(project.open().config(), null, "prod", null), CiContext.none());
        assertThat(abandoned.canary().status()).isEqualTo("abandoned");
        JsonNode prod = prod();
        assertThat(prod.path("canary").path("weight").asInt()).isZero();
        assertThat(prod.path("canary").path("abandonedAt").asText()).isEqualTo("2026-11-27T12:01:00Z");
        assertThat(prod.path("commit").asText()).isEqualTo("c1");
        assertThat(prod.has("history")).isFalse();
        assertThatThrownBy(() -> service.abandon(project.open(), "0018",
                EnvironmentTarget.resolve(project.open().config(), null, "prod", null), CiContext.none()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("the last one was abandoned");
    }

    @Test
    void aSecondCanaryWhileOneRunsAndBadWeightsAreBadInput() {
        step(10, "c2");
        assertThatThrownBy(() -> step(25, "c3")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("a canary of commit c2 runs at 10 % in prod");
        assertThatThrownBy(() -> step(0, null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("1 to 100");
        assertThatThrownBy(() -> step(101, null)).isInstanceOf(BadInputException.class);
    }

    @Test
    void theStableCommitCannotBeItsOwnCanary() {
        assertThatThrownBy(() -> step(10, "c1")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("already the stable version");
    }

    @Test
    void aPipelineOfANewerCommitDoesNotMoveTheRunningCanary() {
        step(10, "c2");
        EnvironmentTarget target = EnvironmentTarget.resolve(project.open().config(), null, "prod", null);
        CiContext newerRun = new CiContext("github-actions", "c3", "main", null, "octocat", null, null);
        assertThatThrownBy(() -> service.step(project.open(), new DeployRequest("0018", null, "prod", null, 25, null,
                null, null, null, null, null), target, newerRun)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("a canary of commit c2 runs at 10 % in prod");
    }
}
