package io.specweave.deploy.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry point as the container runs it: its own JVM, only the runner's environment, exit code. */
class GitHubActionProcessTest {

    @TempDir
    Path temp;

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result launch(ActionWorkspace ws) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                GitHubActionMain.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ws.workspace.toFile());
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        env.clear();
        env.put("PATH", path == null ? "/usr/bin:/bin" : path);
        env.putAll(ws.env);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] err;
        byte[] out = process.getInputStream().readAllBytes();
        err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void aSyncInItsOwnProcessWritesOutputsAndSummaryAndExitsZero() throws Exception {
        String token = "ghs_ProcessSecret777";
        // The process gets the step's env as it is: the demo's hosts are fake, so no health check.
        ActionWorkspace ws = new ActionWorkspace(temp).input("increment", "0002").input("environment", "uat")
                .input("github-token", token).input("health-check", "false");

        Result result = launch(ws);

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(result.stdout().lines().findFirst()).contains("::add-mask::" + token);
        assertThat(result.stdout().substring(result.stdout().indexOf('\n'))).doesNotContain(token);
        assertThat(result.stderr()).doesNotContain(token);
        Map<String, String> outputs = ws.outputs();
        assertThat(ActionWorkspace.SYNC_OUTPUTS).containsAll(outputs.keySet());
        assertThat(outputs).containsEntry("increment", "0002-password-reset")
                .containsEntry("environment", "uat")
                .containsEntry("profile", "local-uat")
                .containsEntry("tracking-id", "0002-password-reset/uat");
        JsonNode deployment = Json.mapper().readTree(outputs.get("deployment"));
        assertThat(deployment.path("deployedBy").asText()).isEqualTo("octocat");
        assertThat(Json.mapper().readTree(outputs.get("status")).path("environments").get(3).path("state").asText())
                .isEqualTo("deployed");
        assertThat(ws.summaryText()).contains("class env3 current").contains("| **uat** ⬅ |");
        assertThat(ws.metadata("0002-password-reset")).contains("\"uat\": {");
    }

    @Test
    void badInputInItsOwnProcessExitsTwoWithAnErrorAnnotation() throws Exception {
        ActionWorkspace ws = new ActionWorkspace(temp).input("deployed", "maybe");

        Result result = launch(ws);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).contains("::error title=Input deployed::input \"deployed\": expected true");
        assertThat(ActionWorkspace.read(ws.output)).isEmpty();
    }
}
