package io.specweave.deploy.app;

import io.specweave.deploy.flags.FlagMatrix;
import io.specweave.deploy.model.FlagChange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.testing.TestProject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureFlagServiceTest {

    static final String FLAGS = ".specweave/config/feature-flags.json";

    @TempDir
    Path dir;

    TestProject project;
    FeatureFlagService service = new FeatureFlagService(Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"),
            ZoneOffset.UTC));
    CiContext ci = new CiContext("none", null, null, null, "lee", null, null);

    @BeforeEach
    void setUp() {
        project = TestProject.in(dir).localProfiles("dev", "qa", "prod")
                .increment("0018-oauth", "OAuth", "{\"id\": \"0018-oauth\", \"deployments\": {\"qa\": "
                        + "{\"profile\": \"local-qa\", \"status\": \"deployed\", \"commit\": \"c1\"}}}\n")
                .file(FLAGS, """
                        {
                          "$schema": "./flags.schema.json",
                          "version": 3,
                          "prod": { "newCheckout": false, "darkMode": { "enabled": true, "owner": "ui-team" }, "note": "frozen" },
                          "dev": { "newCheckout": true },
                          "_comment": { "why": "kept by the team" }
                        }
                        """);
    }

    private JsonNode file() throws Exception {
        return Json.mapper().readTree(project.read(FLAGS));
    }

    @Test
    void aRoundTripKeepsEveryKeyItDoesNotOwn() throws Exception {
        FlagChange change = service.set(project.open(), "newCheckout", true, "prod", null, ci);
        assertThat(change.changed()).isTrue();
        assertThat(change.previous()).isFalse();
        service.set(project.open(), "darkMode", false, "prod", null, ci);
        JsonNode root = file();
        assertThat(root.path("$schema").asText()).isEqualTo("./flags.schema.json");
        assertThat(root.path("version").asInt()).isEqualTo(3);
        assertThat(root.path("_comment").path("why").asText()).isEqualTo("kept by the team");
        assertThat(root.path("prod").path("note").asText()).isEqualTo("frozen");
        assertThat(root.path("prod").path("newCheckout").asBoolean()).isTrue();
        assertThat(root.path("prod").path("darkMode").path("enabled").asBoolean()).isFalse();
        assertThat(root.path("prod").path("darkMode").path("owner").asText()).isEqualTo("ui-team");
        assertThat(project.read(FLAGS)).endsWith("}\n");
        assertThat(dir.resolve(".specweave/config").toFile().list()).containsExactly("feature-flags.json");
    }

    @Test
    void settingTheSameValueAgainChangesNothing() {
        String before = project.read(FLAGS);
        FlagChange change = service.set(project.open(), "newCheckout", true, "dev", null, ci);
        assertThat(change.changed()).isFalse();
        assertThat(project.read(FLAGS)).isEqualTo(before);
    }

    @Test
    void aChangeWithAnIncrementIsRecordedInItsHistory() throws Exception {
        service.set(project.open(), "newCheckout", true, "qa", "0018", ci);
        service.set(project.open(), "newCheckout", false, "qa", "0018", ci);
        JsonNode changes = Json.mapper().readTree(project.read(".specweave/increments/0018-oauth/metadata.json"))
                .path("deployments").path("qa").path("flagChanges");
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).path("flag").asText()).isEqualTo("newCheckout");
        assertThat(changes.get(0).path("enabled").asBoolean()).isTrue();
        assertThat(changes.get(0).has("previous")).isFalse();
        assertThat(changes.get(0).path("by").asText()).isEqualTo("lee");
        assertThat(changes.get(1).path("previous").asBoolean()).isTrue();
        assertThat(changes.get(1).path("at").asText()).isEqualTo("2026-11-27T12:00:00Z");
    }

    @Test
    void anIncrementWithoutADeploymentThereIsRefusedBeforeAnythingIsWritten() {
        String before = project.read(FLAGS);
        assertThatThrownBy(() -> service.set(project.open(), "newCheckout", true, "prod", "0018", ci))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no deployment to prod");
        assertThat(project.read(FLAGS)).isEqualTo(before);
    }

    @Test
    void unknownEnvironmentsAndBadFlagNamesAreBadInput() {
        assertThatThrownBy(() -> service.set(project.open(), "x", true, "perf", null, ci))
                .isInstanceOf(BadInputException.class).hasMessageContaining("known: dev, qa, prod");
        assertThatThrownBy(() -> service.set(project.open(), "../x", true, "qa", null, ci))
                .isInstanceOf(BadInputException.class).hasMessageContaining("flag \"../x\"");
        assertThatThrownBy(() -> service.set(project.open(), "note", true, "prod", null, ci))
                .isInstanceOf(BadInputException.class).hasMessageContaining("prod.note: expected true, false");
    }

    @Test
    void theMatrixListsEveryFlagInEveryEnvironmentInPipelineOrder() {
        FlagMatrix matrix = service.matrix(project.open());
        assertThat(matrix.environments()).containsExactly("dev", "qa", "prod");
        assertThat(matrix.flags()).containsExactly("darkMode", "newCheckout");
        assertThat(matrix.value("dev", "newCheckout")).isTrue();
        assertThat(matrix.value("qa", "newCheckout")).isNull();
        assertThat(matrix.value("prod", "darkMode")).isTrue();
    }

    @Test
    void exportsForTheApplication() throws Exception {
        assertThat(service.export(project.open(), "prod", "env"))
                .isEqualTo("FEATURE_NEW_CHECKOUT=false\nFEATURE_DARK_MODE=true\n");
        assertThat(Json.mapper().readTree(service.export(project.open(), "prod", "json")))
                .isEqualTo(Json.mapper().readTree("{\"newCheckout\": false, \"darkMode\": true}"));
        JsonNode flagd = Json.mapper().readTree(service.export(project.open(), "prod", "flagd"));
        assertThat(flagd).isEqualTo(Json.mapper().readTree("""
                {"$schema": "https://flagd.dev/schema/v0/flags.json", "flags": {
                  "newCheckout": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off"},
                  "darkMode": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on"}}}
                """));
        assertThat(service.export(project.open(), "qa", "env")).isEmpty();
        assertThatThrownBy(() -> service.export(project.open(), "qa", "yaml")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("expected one of env, json, flagd");
    }

    @Test
    void aMissingFileIsCreatedOnTheFirstChange() throws Exception {
        java.nio.file.Files.delete(dir.resolve(FLAGS));
        service.set(project.open(), "search", true, "dev", null, ci);
        assertThat(file()).isEqualTo(Json.mapper().readTree("{\"dev\": {\"search\": true}}"));
    }

    @Test
    void concurrentChangesAreSerializedNoneIsLost() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<FlagChange>> done = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String flag = "flag" + i;
                done.add(pool.submit(() -> service.set(project.open(), flag, true, "qa", null, ci)));
            }
            for (var f : done) {
                assertThat(f.get().changed()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(file().path("qa")).hasSize(12);
        assertThat(file().path("$schema").asText()).isEqualTo("./flags.schema.json");
    }
}
