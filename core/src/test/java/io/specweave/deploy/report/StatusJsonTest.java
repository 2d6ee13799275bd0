package io.specweave.deploy.report;

import io.specweave.deploy.status.EnvironmentStatus;
import io.specweave.deploy.status.PipelineStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.Message;
import io.specweave.deploy.TestProjects;
import io.specweave.deploy.app.Project;
import io.specweave.deploy.app.StatusOutcome;
import io.specweave.deploy.app.StatusService;
import io.specweave.deploy.model.DeploymentRecord;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusJsonTest {

    private static PipelineStatus withHistory() {
        DeploymentRecord earlier = DeploymentRecord.builder().status(io.specweave.deploy.model.DeploymentStatus.of("deployed")).commit("aaa").build();
        DeploymentRecord current = DeploymentRecord.builder().status(io.specweave.deploy.model.DeploymentStatus.of("deployed")).commit("bbb")
                .history(List.of(earlier)).build();
        return new PipelineStatus("0018-x", null, null, List.of(new EnvironmentStatus("qa", "deployed", "local-qa",
                "local", null, null, current)), null, null, List.of());
    }

    @Test
    void earlierDeploymentsAreLeftOutUnlessAskedFor() {
        ObjectNode without = StatusJson.of(withHistory(), false);
        ObjectNode with = StatusJson.of(withHistory(), true);

        assertThat(without.path("environments").get(0).has("history")).isFalse();
        assertThat(without.path("environments").get(0).path("commit").asText()).isEqualTo("bbb");
        assertThat(with.path("environments").get(0).path("history").get(0).path("commit").asText()).isEqualTo("aaa");
        assertThat(without.path("id").asText()).isEqualTo("0018-x");
    }

    @Test
    void aLaterEnvironmentsOlderDeploymentIsAStageThatCameEarlierNotANegativeTime(@TempDir Path dir) {
        TestProjects.create(dir, null, null);
        // dev was redeployed after qa got its version: qa's current deployment is the older one.
        TestProjects.write(dir.resolve(".specweave/increments/0018-oauth-google/metadata.json"), """
                {"id": "0018-oauth-google", "deployments": {
                  "dev": {"status": "deployed", "deployedAt": "2026-11-21T12:00:00Z"},
                  "qa": {"status": "deployed", "deployedAt": "2026-11-21T10:00:00Z"}}}
                """);

        PipelineStatus status = new StatusService(Project.open(dir)).status("0018");

        assertThat(status.stages()).singleElement().satisfies(stage -> {
            assertThat(stage.seconds()).as("the data keeps the sign").isEqualTo(-7200);
            assertThat(stage.duration()).isEqualTo("2h earlier");
        });
        assertThat(status.pipelineDuration()).isEqualTo("2h");
    }

    @Test
    void theListAndOneIncrementGiveAnEnvironmentTheSameState(@TempDir Path dir) throws Exception {
        TestProjects.create(dir, null, null);
        TestProjects.write(dir.resolve(".specweave/increments/0018-oauth-google/metadata.json"), """
                {"id": "0018-oauth-google", "status": "active", "deployments": {
                  "dev": {"status": "deployed", "deployedAt": "2026-11-20T10:00:00Z", "healthStatus": "unhealthy"},
                  "qa": {"status": "deployed", "deployedAt": "2026-11-21T10:00:00Z", "healthStatus": "degraded"},
                  "staging": {"status": "Deployed", "deployedAt": "2026-11-22T10:00:00Z", "healthStatus": "unreachable"},
                  "prod": {"approvals": [{"approvedBy": "jane", "approvedAt": "2026-11-23T10:00:00Z"}]}}}
                """);
        Project project = Project.open(dir);
        Rendering json = new Rendering(Rendering.Format.JSON, new Terminal(true, false, false), Message.Spelling.DOMAIN);

        JsonNode one = Json.mapper().readTree(json.status(new StatusOutcome(new StatusService(project).status("0018"),
                null, null, null, null), false).body());
        JsonNode list = Json.mapper().readTree(json.increments(new StatusOutcome(null, new StatusService(project).list(),
                null, null, null)).body());

        Map<String, String> states = new LinkedHashMap<>();
        one.path("environments").forEach(e -> states.put(e.path("environment").asText(), e.path("state").asText()));
        assertThat(states).containsExactly(Map.entry("dev", "deployed"), Map.entry("qa", "deployed"),
                Map.entry("staging", "deployed"), Map.entry("prod", "not_deployed"));
        assertThat(Json.mapper().convertValue(list.get(0).path("environments"), Map.class)).isEqualTo(states);
        assertThat(list.get(0).path("healthStatus")).isEqualTo(Json.mapper().readTree(
                "{\"dev\": \"unhealthy\", \"qa\": \"degraded\", \"staging\": \"unreachable\"}"));
        // The overview still marks the deployments whose last check failed, as the single view does.
        assertThat(new TextStatusRenderer(true).renderList(new StatusService(project).list()))
                .contains("0018-oauth-google  active  [u]  [x]  [u]      [ ]   OAuth login with Google");
    }

    @Test
    void anEnvironmentShowsItsEntryAsStoredWithTheKeysTheToolDoesNotOwn(@TempDir Path dir) throws Exception {
        TestProjects.create(dir, null, null);
        TestProjects.write(dir.resolve(".specweave/increments/0018-oauth-google/metadata.json"), """
                {"id": "0018-oauth-google", "status": "active", "deployments": {
                  "qa": {"status": "deployed", "deployedAt": "2026-11-21T10:00:00Z", "commit": "bbb",
                    "owner": "team-payments", "commit_sha": "bbb222", "approvals": "none yet",
                    "rollbackReason": "smoke tests failed", "runbook": {"url": "https://wiki.example/qa"},
                    "slots": {"live": "blue", "router": "nginx", "blue": {"url": "https://blue.example", "commit": "bbb",
                      "region": "eu-1"}},
                    "canary": {"commit": "ccc", "weight": 0, "status": "abandoned", "rollbackReason": "error spike",
                      "lastAnalysis": {"verdict": "ROLL_BACK"}, "steps": [{"weight": 10, "at": "2026-11-21T11:00:00Z"}]},
                    "history": [{"status": "deployed", "commit": "aaa", "ticket": "OPS-7"}, "an old note",
                      {"status": "rolled-back", "commit": "999", "reason": "bad migration"}]}}}
                """);
        StatusService service = new StatusService(Project.open(dir));
        ObjectNode stored = (ObjectNode) Json.mapper().readTree(TestProjects.read(
                dir.resolve(".specweave/increments/0018-oauth-google/metadata.json"))).path("deployments").path("qa");

        JsonNode qa = StatusJson.of(service.status("0018"), false).path("environments").get(1);
        JsonNode withHistory = StatusJson.of(service.status("0018"), true).path("environments").get(1);

        assertThat(qa.path("environment").asText()).isEqualTo("qa");
        // As the outcome's deployment output shows the entry: everything but its history, as stored.
        stored.deepCopy().without("history").fields().forEachRemaining(e -> assertThat(qa.get(e.getKey())).as(e.getKey())
                .isEqualTo(e.getValue()));
        assertThat(qa.has("history")).isFalse();
        // Each earlier deployment too, with its own keys (what is not an entry is not one of them).
        assertThat(withHistory.path("history")).hasSize(2);
        assertThat(withHistory.path("history").get(0)).isEqualTo(stored.path("history").get(0));
        assertThat(withHistory.path("history").get(1)).isEqualTo(stored.path("history").get(2));
        assertThat(withHistory.path("owner").asText()).isEqualTo("team-payments");
    }
}
