package io.specweave.deploy.app;

import io.specweave.deploy.health.HttpSlotHealthCheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.testing.HealthServer;
import io.specweave.deploy.testing.TestProject;
import io.specweave.deploy.tracker.TrackingRef;
import io.specweave.deploy.tracker.TrackingRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlotServiceTest {

    @TempDir
    Path dir;

    HealthServer blue;
    HealthServer green;
    TestProject project;
    List<TrackingRequest> tracked = new ArrayList<>();
    Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
    SlotService service;

    @BeforeEach
    void setUp() {
        blue = HealthServer.start(200);
        green = HealthServer.start(200);
        project = TestProject.in(dir).config("{\"sync\": {\"profiles\": {\"local-prod\": {\"provider\": \"local\", "
                + "\"environment\": \"prod\", \"deploymentUrl\": \"https://myapp.example\", "
                + "\"healthCheck\": {\"retries\": 2, \"intervalSeconds\": 0}, "
                + "\"slots\": {\"blue\": {\"url\": \"" + blue.url() + "\"}, \"green\": {\"url\": \"" + green.url()
                + "\"}}}}}}")
                .increment("0018-oauth", "OAuth", "{\"id\": \"0018-oauth\", \"owner\": \"team-a\"}\n");
        TrackerFactory trackers = new TrackerFactory(new Credentials(Map.of())).register(Provider.LOCAL,
                (profile, creds) -> request -> {
                    tracked.add(request);
                    return new TrackingRef(Provider.LOCAL, null, "0018-oauth/prod", null, false, true, null);
                });
        service = new SlotService(trackers, new HttpSlotHealthCheck(d -> { }), clock);
    }

    @AfterEach
    void stop() {
        blue.close();
        green.close();
    }

    private EnvironmentTarget target(String environment, String slot) {
        return EnvironmentTarget.resolve(project.open().config(), null, environment, slot);
    }

    private SlotResult deploy(String environment, String slot, String commit) {
        return service.deploy(project.open(), new DeployRequest("0018", null, environment, slot, null, commit, "main",
                null, "ci-bot", null, null), target(environment, slot), CiContext.none());
    }

    private JsonNode prod() throws Exception {
        return Json.mapper().readTree(project.read(".specweave/increments/0018-oauth/metadata.json"))
                .path("deployments").path("prod");
    }

    @Test
    void environmentWithSlotSuffixMeansTheEnvironmentsSlot() {
        EnvironmentTarget t = target("prod-green", null);
        assertThat(t.environment()).isEqualTo("prod");
        assertThat(t.slot()).isEqualTo("green");
        assertThat(target("prod", "blue").slot()).isEqualTo("blue");
        assertThatThrownBy(() -> target("prod-purple", null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("slot \"purple\": expected one of blue, green");
        assertThatThrownBy(() -> target("prod-green", "blue")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("pass one of them");
    }

    @Test
    void deployTakesASlotOrACanaryAndRollbackTakesNoSlot() {
        var config = project.open().config();
        assertThat(EnvironmentTarget.forDeploy(config, null, "prod", null, 10).slot()).isNull();
        assertThat(EnvironmentTarget.forDeploy(config, null, "prod", "green", null).slot()).isEqualTo("green");
        assertThatThrownBy(() -> EnvironmentTarget.forDeploy(config, null, "prod", "green", 10))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--slot and --canary");
        assertThatThrownBy(() -> EnvironmentTarget.forDeploy(config, null, "prod-green", null, 10))
                .isInstanceOf(BadInputException.class).hasMessageContaining("a canary is not deployed to a slot")
                .hasMessageContaining("pass --environment prod");
        assertThat(EnvironmentTarget.forRollback(config, null, "prod").environment()).isEqualTo("prod");
        assertThatThrownBy(() -> EnvironmentTarget.forRollback(config, null, "prod-blue"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("not on one slot");
    }

    @Test
    void firstSlotGoesLiveTheOtherWaitsIdle() throws Exception {
        SlotResult first = deploy("prod-blue", null, "c1");
        assertThat(first.liveChanged()).isTrue();
        SlotResult second = deploy("prod", "green", "c2");
        assertThat(second.liveChanged()).isFalse();
        assertThat(second.live()).isEqualTo("blue");
        JsonNode prod = prod();
        assertThat(prod.path("commit").asText()).isEqualTo("c1");
        assertThat(prod.path("slots").path("live").asText()).isEqualTo("blue");
        assertThat(prod.path("slots").path("green").path("commit").asText()).isEqualTo("c2");
        assertThat(prod.path("slots").path("green").path("url").asText()).isEqualTo(green.url());
        assertThat(prod.path("slots").path("green").path("deployedAt").asText()).isEqualTo("2026-11-27T12:00:00Z");
        assertThat(tracked.get(1).note()).contains("idle slot green", "slot blue stays live");
        assertThat(tracked.get(1).newDeployment()).isFalse();
    }

    @Test
    void swapIsRefusedWhenTheIdleSlotIsUnhealthyAndNothingChanges() {
        deploy("prod-blue", null, "c1");
        deploy("prod-green", null, "c2");
        green.status(503);
        String before = project.read(".specweave/increments/0018-oauth/metadata.json");
        int trackerCalls = tracked.size();
        assertThatThrownBy(() -> service.swap(project.open(), "0018", target("prod", null), false, CiContext.none()))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("slot green of prod is unhealthy (HTTP 503")
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("blue stays live");
        assertThat(green.calls()).isEqualTo(3);
        assertThat(project.read(".specweave/increments/0018-oauth/metadata.json")).isEqualTo(before);
        assertThat(tracked).hasSize(trackerCalls);
    }

    @Test
    void swapToAHealthySlotMakesItLiveAndRecordsTheSwapInHistory() throws Exception {
        deploy("prod-blue", null, "c1");
        deploy("prod-green", null, "c2");
        SlotResult swap = service.swap(project.open(), "0018", target("prod", null), false, CiContext.none());
        assertThat(swap.live()).isEqualTo("green");
        assertThat(swap.idle()).isEqualTo("blue");
        assertThat(swap.health().healthy()).isTrue();
        JsonNode prod = prod();
        assertThat(prod.path("commit").asText()).isEqualTo("c2");
        assertThat(prod.path("status").asText()).isEqualTo("deployed");
        assertThat(prod.path("healthStatus").asText()).isEqualTo("healthy");
        assertThat(prod.path("note").asText()).isEqualTo("swap-slots: green is live (was blue)");
        assertThat(prod.path("slots").path("live").asText()).isEqualTo("green");
        assertThat(prod.path("slots").path("previousLive").asText()).isEqualTo("blue");
        assertThat(prod.path("history")).hasSize(1);
        JsonNode earlier = prod.path("history").get(0);
        assertThat(earlier.path("commit").asText()).isEqualTo("c1");
        assertThat(earlier.path("slot").asText()).isEqualTo("blue");
        assertThat(earlier.has("slots")).isFalse();
        TrackingRequest last = tracked.get(tracked.size() - 1);
        assertThat(last.note()).startsWith("Swapped slots in prod: green (commit c2) is live, blue (commit c1) is idle.");
        assertThat(last.record().commit()).isEqualTo("c2");
    }

    @Test
    void forceSwapsAnUnhealthySlotAndSaysSo() throws Exception {
        deploy("prod-blue", null, "c1");
        deploy("prod-green", null, "c2");
        green.status(500);
        SlotResult swap = service.swap(project.open(), "0018", target("prod", null), true, CiContext.none());
        assertThat(swap.live()).isEqualTo("green");
        assertThat(prod().path("forced").asBoolean()).isTrue();
        assertThat(prod().path("healthStatus").asText()).isEqualTo("unhealthy");
        assertThat(prod().path("note").asText()).endsWith(", forced");
    }

    @Test
    void rollbackWithSlotsMakesThePreviouslyLiveSlotLiveAgain() throws Exception {
        deploy("prod-blue", null, "c1");
        deploy("prod-green", null, "c2");
        service.swap(project.open(), "0018", target("prod", null), false, CiContext.none());
        Project opened = project.open();
        var result = new RollbackService(new TrackerFactory(new Credentials(Map.of())), new HttpSlotHealthCheck(d -> { }),
                clock).rollback(opened, "0018", opened.config().profile("local-prod"), "errors up", CiContext.none());
        assertThat(result.live()).isEqualTo("blue");
        assertThat(result.idle()).isEqualTo("green");
        assertThat(result.healthStatus()).isEqualTo("healthy");
        JsonNode prod = prod();
        assertThat(prod.path("commit").asText()).isEqualTo("c1");
        assertThat(prod.path("rolledBackFrom").asText()).isEqualTo("c2");
        assertThat(prod.path("slots").path("live").asText()).isEqualTo("blue");
        assertThat(prod.path("slots").path("previousLive").asText()).isEqualTo("green");
        JsonNode history = prod.path("history");
        assertThat(history.get(history.size() - 1).path("status").asText()).isEqualTo("rolled_back");
        assertThat(history.get(history.size() - 1).path("commit").asText()).isEqualTo("c2");
        assertThat(Json.mapper().readTree(project.read(".specweave/increments/0018-oauth/metadata.json"))
                .path("owner").asText()).isEqualTo("team-a");
    }
}
