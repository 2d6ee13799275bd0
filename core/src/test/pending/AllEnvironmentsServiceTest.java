package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.testing.TestProject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy --all-environments through five local profiles, and stopped by a gate in the middle. */
class AllEnvironmentsServiceTest {

    private static final String COMMIT = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";

    @TempDir
    Path dir;

    TestProject project;

    private Project project(String promotion) {
        project = TestProject.in(dir).config("""
                {"sync": {"profiles": {
                   "local-prod": {"provider": "local", "environment": "prod"},
                   "local-dev": {"provider": "local", "environment": "dev"},
                   "local-qa": {"provider": "local", "environment": "qa"},
                   "local-staging": {"provider": "local", "environment": "staging"},
                   "local-uat": {"provider": "local", "environment": "uat"}}},
                 "deployment": {"pipeline": ["dev", "qa", "staging", "uat", "preview", "prod"]%s}}
                """.formatted(promotion == null ? "" : ", \"promotion\": " + promotion))
                .increment("0018-oauth-google", "OAuth", "{\"id\": \"0018-oauth-google\", \"status\": \"active\"}\n");
        return project.open();
    }

    private AllEnvironmentsResult deploy(Project p, boolean force) {
        SyncService sync = new SyncService(new TrackerFactory(new Credentials(Map.of())),
                Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC));
        SyncRequest template = new SyncRequest("0018", null, null, null, SyncRequest.Outcome.DEPLOYED, COMMIT, "main",
                "v1.4.0", "release-bot", "https://ci.example/runs/7", null, false, List.of(),
                SyncRequest.Attachments.NONE, false, force);
        return new AllEnvironmentsService(sync).deploy(p, template, CiContext.none());
    }

    private JsonNode deployments() throws Exception {
        return Json.mapper().readTree(project.read(".specweave/increments/0018-oauth-google/metadata.json"))
                .path("deployments");
    }

    @Test
    void recordsTheSameCommitInEveryEnvironmentInPipelineOrder() throws Exception {
        AllEnvironmentsResult result = deploy(project("{\"requirePrevious\": true}"), false);

        assertThat(result.complete()).isTrue();
        assertThat(result.recorded()).extracting(SyncResult::environment)
                .containsExactly("dev", "qa", "staging", "uat", "prod");
        assertThat(result.recorded()).extracting(r -> r.profile().name())
                .containsExactly("local-dev", "local-qa", "local-staging", "local-uat", "local-prod");
        JsonNode deployments = deployments();
        assertThat(deployments.fieldNames()).toIterable().containsExactly("dev", "qa", "staging", "uat", "prod");
        deployments.forEach(d -> {
            assertThat(d.path("commit").asText()).isEqualTo(COMMIT);
            assertThat(d.path("status").asText()).isEqualTo("deployed");
            assertThat(d.path("tag").asText()).isEqualTo("v1.4.0");
            assertThat(d.has("forced")).isFalse();
        });
    }

    @Test
    void aRefusedGateStopsTheRunThereAndTheRestIsNotRecorded() throws Exception {
        AllEnvironmentsResult result = deploy(project("{\"requirePrevious\": true, \"requireApproval\": [\"uat\"]}"),
                false);

        assertThat(result.complete()).isFalse();
        assertThat(result.recorded()).extracting(SyncResult::environment).containsExactly("dev", "qa", "staging");
        assertThat(result.stoppedAt()).isEqualTo("uat");
        assertThat(result.reason()).contains("promotion to uat refused", "requireApproval");
        assertThat(result.notRecorded()).containsExactly("uat", "prod");
        assertThat(deployments().fieldNames()).toIterable().containsExactly("dev", "qa", "staging");
    }

    @Test
    void forceRecordsPastTheRefusedGateAndSaysSo() throws Exception {
        AllEnvironmentsResult result = deploy(project("{\"requireApproval\": [\"uat\"]}"), true);

        assertThat(result.complete()).isTrue();
        assertThat(deployments().path("uat").path("forced").asBoolean()).isTrue();
        assertThat(deployments().path("prod").has("forced")).isFalse();
    }

    @Test
    void anEnvironmentWithTwoProfilesAndNoDefaultIsRefusedBeforeAnythingIsRecorded() {
        TestProject.in(dir).config("""
                {"sync": {"profiles": {"a": {"provider": "local", "environment": "dev"},
                  "b": {"provider": "local", "environment": "dev"}, "c": {"provider": "local", "environment": "qa"}}}}
                """).increment("0018-oauth-google", "OAuth", null);
        assertThatThrownBy(() -> deploy(Project.open(dir), false)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("2 profiles have \"environment\": \"dev\" (a, b)");
        assertThat(dir.resolve(".specweave/increments/0018-oauth-google/metadata.json")).doesNotExist();
    }
}
