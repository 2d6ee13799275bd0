package io.specweave.deploy.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.testing.HealthServer;
import io.specweave.deploy.testing.SharedItems;
import io.specweave.deploy.testing.TestProject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules that used to differ per command, through the Action: a plain deploy checks health; every
 * change refreshes from the tracking item first, so a job on a fresh checkout keeps what earlier jobs
 * recorded; every command takes ENV-SLOT; the log's status and the outputs say what JSON says; every
 * state-changing command commits its record back. Each job is a fresh workspace sharing only the
 * tracker's items (and, for commit-back, the repository).
 */
class ActionOneRuleTest {

    private static final String INCREMENT = "0018-oauth-google";

    @TempDir
    Path temp;

    HealthServer service;
    final SharedItems items = new SharedItems();
    int jobs;

    @BeforeEach
    void startService() {
        service = HealthServer.start(200);
    }

    @AfterEach
    void stopService() {
        service.close();
    }

    @Test
    void aPlainDeployChecksHealthAsSyncDoes() {
        ActionWorkspace ws = job().input("command", "deploy").input("environment", "qa").input("commit", "c100000")
                .input("health-check", "true");
        service.status(503);

        ActionWorkspace.Run run = ws.run(items.trackers());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).contains("::error title=SpecWeave Deploy::" + INCREMENT + " is recorded as deployed "
                + "to qa, but the environment is unhealthy: HTTP 503");
        assertThat(ws.outputs()).containsEntry("health-status", "unhealthy");
    }

    @Test
    void aSlotDeployChecksTheSlotsHealthAndSkipsItWhenAskedTo() {
        service.status(503);

        ActionWorkspace ws = job().input("command", "deploy").input("environment", "prod-green").input("commit", "c100000")
                .input("health-check", "true");
        ActionWorkspace.Run run = ws.run(items.trackers());

        assertThat(run.exitCode()).as(run.stdout()).isEqualTo(1);
        assertThat(run.stdout()).contains("::error title=SpecWeave Deploy::" + INCREMENT + " is recorded as deployed "
                + "to slot green of prod, but slot green of prod is unhealthy: HTTP 503");
        assertThat(ws.outputs()).containsEntry("health-status", "unhealthy");
        assertThat(items.copyAt(INCREMENT, "prod", "/slots/green/healthStatus")).isEqualTo("unhealthy");

        assertThat(job().input("command", "deploy").input("environment", "prod-green").input("commit", "c200000")
                .input("health-check", "false").run(items.trackers()).exitCode()).isZero();
    }

    @Test
    void aCanaryFromAFreshCheckoutKeepsTheStableRecordOnTheItem() {
        assertThat(job().input("environment", "prod").input("commit", "c100000").run(items.trackers()).exitCode()).isZero();

        ActionWorkspace.Run canary = job().input("command", "deploy").input("environment", "prod")
                .input("canary", "50").input("commit", "c200000").run(items.trackers());

        assertThat(canary.exitCode()).as(canary.stdout()).isZero();
        assertThat(items.copyAt(INCREMENT, "prod", "/commit")).isEqualTo("c100000");
        assertThat(items.copyAt(INCREMENT, "prod", "/canary/weight")).isEqualTo("50");
        ActionWorkspace.Run status = job().input("command", "status").input("refresh", "true").run(items.trackers());
        assertThat(status.stdout()).contains("[x] PROD: deployed").contains("Canary:");
    }

    @Test
    void aSlotFromAFreshCheckoutKeepsTheLiveSlotAndSwapAndRollbackReadTheItem() {
        assertThat(job().input("command", "deploy").input("environment", "prod-blue").input("commit", "c100000")
                .run(items.trackers()).exitCode()).isZero();

        assertThat(job().input("command", "deploy").input("environment", "prod").input("slot", "green")
                .input("commit", "c200000").run(items.trackers()).exitCode()).isZero();
        assertThat(items.copyAt(INCREMENT, "prod", "/slots/live")).isEqualTo("blue");
        assertThat(items.copyAt(INCREMENT, "prod", "/slots/blue/commit")).isEqualTo("c100000");

        assertThat(job().input("command", "swap-slots").input("environment", "prod").run(items.trackers()).exitCode())
                .isZero();
        assertThat(items.copyAt(INCREMENT, "prod", "/slots/live")).isEqualTo("green");

        ActionWorkspace.Run rollback = job().input("command", "rollback").input("environment", "prod")
                .run(items.trackers());
        assertThat(rollback.exitCode()).as(rollback.stdout()).isZero();
        assertThat(items.copyAt(INCREMENT, "prod", "/slots/live")).isEqualTo("blue");
        assertThat(items.copyAt(INCREMENT, "prod", "/commit")).isEqualTo("c100000");
    }

    @Test
    void healthTakesEnvSlot() {
        ActionWorkspace ws = job();
        assertThat(ws.input("command", "deploy").input("environment", "prod-green").input("commit", "c100000")
                .run(items.trackers()).exitCode()).isZero();

        ActionWorkspace.Run health = ws.step("health").input("increment", "0018").input("github-token", "fake-token")
                .input("environment", "prod-green").run(items.trackers());

        assertThat(health.exitCode()).as(health.stdout()).isZero();
        assertThat(health.stdout()).contains(INCREMENT + " → prod (slot green): healthy");
    }

    @Test
    void theTrackingIdOutputIsTheStatusOutputsTrackingId() throws IOException {
        ActionWorkspace ws = job().input("environment", "qa").input("commit", "c100000");

        assertThat(ws.run(items.trackers()).exitCode()).isZero();

        String trackingId = ws.outputs().get("tracking-id");
        JsonNode qa = null;
        for (JsonNode env : Json.mapper().readTree(ws.outputs().get("status")).path("environments")) {
            qa = env.path("environment").asText().equals("qa") ? env : qa;
        }
        assertThat(trackingId).isEqualTo("1");
        assertThat(qa).isNotNull();
        assertThat(qa.path("trackingId").asText()).isEqualTo(trackingId);
        assertThat(ws.summaryText()).contains("#1");
    }

    @Test
    void everyStateChangingCommandCommitsItsRecordBack() {
        Path origin = temp.resolve("origin.git");
        Git.run(temp, "init", "-q", "--bare", origin.toString());
        ActionWorkspace seed = job();
        Git.run(seed.workspace, "init", "-q");
        Git.run(seed.workspace, "add", "-A");
        Git.run(seed.workspace, "commit", "-q", "-m", "project");
        Git.run(seed.workspace, "push", "-q", origin.toString(), "HEAD:refs/heads/main");
        List<List<String>> steps = List.of(
                List.of("command", "deploy", "environment", "prod-blue", "commit", "c100000"),
                List.of("command", "deploy", "environment", "prod", "slot", "green", "commit", "c200000"),
                List.of("command", "swap-slots", "environment", "prod"),
                List.of("command", "rollback", "environment", "prod"),
                List.of("command", "deploy", "environment", "qa", "canary", "20", "commit", "c300000"),
                List.of("command", "approve", "environment", "prod", "approved-by", "jane.doe"),
                List.of("command", "test", "environment", "prod", "suite", "smoke"));

        for (List<String> step : steps) {
            ActionWorkspace ws = new ActionWorkspace(temp.resolve("clone-" + (++jobs)), false);
            try {
                Files.delete(ws.workspace);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Git.run(temp, "clone", "-q", "--branch", "main", origin.toString(), ws.workspace.toString());
            ws.input("increment", "0018").input("commit-metadata", "true").input("github-token", "fake-token");
            for (int i = 0; i < step.size(); i += 2) {
                ws.input(step.get(i), step.get(i + 1));
            }
            ActionWorkspace.Run run = ws.run(items.trackers());
            assertThat(run.exitCode()).as(step + "\n" + run.stdout()).isZero();
            assertThat(run.stdout()).as(String.valueOf(step)).contains("::notice title=SpecWeave Deploy::Committed "
                    + INCREMENT + "/metadata.json to main");
        }

        assertThat(Git.run(origin, "log", "--format=%s", "main").lines().filter(s -> s.endsWith("[ci skip]")))
                .hasSize(steps.size());
        String metadata = Git.run(origin, "show", "main:.specweave/increments/" + INCREMENT + "/metadata.json");
        assertThat(metadata).contains("\"approvedBy\": \"jane.doe\"").contains("\"canary\"").contains("\"slots\"")
                .contains("\"testResults\"");
    }

    @Test
    void aTrailingCommaInTheConfigIsAWarningInEveryKindOfResult() throws IOException {
        ActionWorkspace ws = job();
        Path file = ws.workspace.resolve(".specweave/config.json");
        Files.writeString(file, Files.readString(file).replaceFirst("\"retries\": 0\\}", "\"retries\": 0,}"));
        String warning = "::warning title=SpecWeave Deploy::" + file.toAbsolutePath().normalize()
                + ": a trailing comma at line 2, column ";

        for (String command : List.of("sync", "status", "dora", "feature-flag")) {
            ActionWorkspace step = switch (command) {
                case "sync" -> ws.step(command).input("increment", "0018").input("github-token", "fake-token")
                        .input("environment", "qa").input("commit", "c100000");
                case "status" -> ws.step(command).input("increment", "0018");
                case "feature-flag" -> ws.step(command).input("action", "list").input("environment", "qa");
                default -> ws.step(command);
            };
            ActionWorkspace.Run run = step.run(items.trackers());

            assertThat(run.exitCode()).as(command + ": " + run.stdout()).isZero();
            assertThat(run.stdout()).as(command).contains(warning)
                    .contains(": SpecWeave reads this file with JSON.parse, which refuses it; remove the comma");
        }
    }

    /** A fresh workspace: config and spec, no records; the tracker's token as the github-token input. */
    private ActionWorkspace job() {
        ActionWorkspace ws = new ActionWorkspace(temp.resolve("job-" + (++jobs)), false);
        TestProject.freshCheckout(ws.workspace, service.url());
        return ws.input("increment", "0018").input("github-token", "fake-token");
    }
}
