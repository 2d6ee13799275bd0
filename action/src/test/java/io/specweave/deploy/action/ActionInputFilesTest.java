package io.specweave.deploy.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Action reads JSON inputs and {@code @FILE} values by core's one rule, and says so in its own words. */
class ActionInputFilesTest {

    @TempDir
    Path temp;

    @Test
    void metricsAtFileIsReadFromTheWorkingDirectory() throws IOException {
        ActionWorkspace ws = new ActionWorkspace(temp).input("increment", "0002").input("profile", "local-qa")
                .input("metrics", "@reports/prod-metrics.json");
        Files.createDirectories(ws.workspace.resolve("reports"));
        Files.writeString(ws.workspace.resolve("reports/prod-metrics.json"), "{\"errorRate\": 0.1, \"errorRate\": 0.2}");

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        JsonNode deployment = Json.mapper().readTree(ws.outputs().get("deployment"));
        assertThat(deployment.path("metrics").toString()).isEqualTo("{\"errorRate\":0.2}");
    }

    @Test
    void metricsAtMissingFileIsAnErrorNamingTheInputAndWritesNothing() throws IOException {
        ActionWorkspace ws = new ActionWorkspace(temp).input("increment", "0002").input("profile", "local-qa")
                .input("metrics", "@reports/prod-metrics.json");
        Map<String, String> before = ActionWorkspace.snapshot(ws.workspace);

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).contains("::error").contains("metrics")
                .contains("`metrics: @reports/prod-metrics.json`: no such file ");
        assertThat(ActionWorkspace.snapshot(ws.workspace)).isEqualTo(before);
    }

    @Test
    void aCommentInConfigIsAnErrorInPlainWordsAndWritesNothing() throws IOException {
        ActionWorkspace ws = new ActionWorkspace(temp).input("increment", "0002").input("profile", "local-qa");
        Path config = ws.workspace.resolve(".specweave/config.json");
        Files.writeString(config, Files.readString(config).replace("\"version\": \"1.0\",", "\"version\": \"1.0\", /* v */"));
        Map<String, String> before = ActionWorkspace.snapshot(ws.workspace);

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).contains("::error")
                .contains("not valid JSON at line 2, column 21: comments are not allowed in config.json (JSON has none); "
                        + "remove the /* */ comment")
                .doesNotContain("ALLOW_COMMENTS");
        assertThat(ActionWorkspace.snapshot(ws.workspace)).isEqualTo(before);
    }
}
