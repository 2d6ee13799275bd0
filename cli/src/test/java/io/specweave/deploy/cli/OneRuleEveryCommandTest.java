package io.specweave.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.testing.HealthServer;
import io.specweave.deploy.testing.SharedItems;
import io.specweave.deploy.testing.TestProject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules that used to differ per command, through the command line: every command that records a
 * deployment checks health; every change refreshes from the tracking item first, so a job that starts
 * from a fresh checkout (no metadata.json of earlier jobs) keeps what they recorded; every command takes
 * ENV-SLOT; text and JSON say the same; every command warns of what SpecWeave cannot read in the config.
 * Each "job" is a fresh copy of the project without records, sharing only the tracker's items.
 */
class OneRuleEveryCommandTest {

    private static final String INCREMENT = "0018-oauth-google";

    @TempDir
    Path root;

    HealthServer service;
    final SharedItems items = new SharedItems();
    int jobs;
    String out;
    String err;

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
        Path job = job();
        service.status(503);

        assertThat(run(job, "deploy", "0018", "--environment", "qa", "--commit", "c100000")).as(err).isEqualTo(1);
        assertThat(err).contains("error: " + INCREMENT + " is recorded as deployed to qa, but the environment is "
                + "unhealthy: HTTP 503");
        assertThat(deployments(job).path("qa").path("healthStatus").asText()).isEqualTo("unhealthy");

        assertThat(run(job, "deploy", "0018", "--environment", "qa", "--commit", "c200000", "--no-health-check"))
                .as(err).isZero();
    }

    @Test
    void deployToAllEnvironmentsChecksEachAndStopsAtTheFirstUnhealthyOne() {
        Path job = job();
        service.status(503);

        assertThat(run(job, "deploy", "0018", "--all-environments", "--commit", "c100000")).isEqualTo(1);

        assertThat(err).contains("stopped at qa").contains("not recorded: prod");
        assertThat(deployments(job).path("qa").path("healthStatus").asText()).isEqualTo("unhealthy");
        assertThat(deployments(job).has("prod")).isFalse();
    }

    @Test
    void aCanaryFromAFreshCheckoutKeepsTheStableRecordOnTheItem() {
        assertThat(run(job(), "sync", "0018", "--environment", "prod", "--deployed", "--commit", "c100000")).as(err).isZero();

        assertThat(run(job(), "deploy", "0018", "--environment", "prod", "--canary", "50", "--commit", "c200000"))
                .as(err).isZero();

        assertThat(items.copyAt(INCREMENT, "prod", "/commit")).isEqualTo("c100000");
        assertThat(items.copyAt(INCREMENT, "prod", "/canary/weight")).isEqualTo("50");
        assertThat(items.copyAt(INCREMENT, "prod", "/canary/commit")).isEqualTo("c200000");
        assertThat(run(job(), "status", "0018", "--refresh")).as(err).isZero();
        assertThat(out).contains("PROD: deployed").contains("Canary").doesNotContain("PROD: not deployed yet");
    }

    @Test
    void aSlotFromAFreshCheckoutKeepsTheLiveSlotAndSwapAndRollbackReadTheItem() {
        assertThat(run(job(), "deploy", "0018", "--environment", "prod-blue", "--commit", "c100000")).as(err).isZero();

        assertThat(run(job(), "deploy", "0018", "--environment", "prod", "--slot", "green", "--commit", "c200000"))
                .as(err).isZero();
        assertThat(items.copyAt(INCREMENT, "prod", "/slots/live")).isEqualTo("blue");
        assertThat(items.copyAt(INCREMENT, "prod", "/slots/blue/commit")).isEqualTo("c100000");
        assertThat(items.copyAt(INCREMENT, "prod", "/slots/green/commit")).isEqualTo("c200000");

        assertThat(run(job(), "swap-slots", "0018", "--environment", "prod")).as(err).isZero();
        assertThat(items.copyAt(INCREMENT, "prod", "/slots/live")).isEqualTo("green");
        assertThat(items.copyAt(INCREMENT, "prod", "/commit")).isEqualTo("c200000");

        assertThat(run(job(), "rollback", "0018", "--environment", "prod")).as(err).isZero();
        assertThat(items.copyAt(INCREMENT, "prod", "/slots/live")).isEqualTo("blue");
        assertThat(items.copyAt(INCREMENT, "prod", "/commit")).isEqualTo("c100000");
    }

    @Test
    void aRollbackFromAFreshCheckoutRestoresThePreviousCommitFromTheItem() {
        assertThat(run(job(), "sync", "0018", "--environment", "prod", "--deployed", "--commit", "c100000")).as(err).isZero();
        assertThat(run(job(), "sync", "0018", "--environment", "prod", "--deployed", "--commit", "c200000")).as(err).isZero();

        assertThat(run(job(), "rollback", "0018", "--environment", "prod")).as(err).isZero();

        assertThat(out).contains("commit c100000 is current again (was c200000)");
        assertThat(items.copyAt(INCREMENT, "prod", "/commit")).isEqualTo("c100000");
    }

    @Test
    void healthTakesEnvSlotAsDeployAndTestDo() {
        Path job = job();
        assertThat(run(job, "deploy", "0018", "--environment", "prod-green", "--commit", "c100000")).as(err).isZero();

        assertThat(run(job, "health", "0018", "--environment", "prod-green")).as(err).isZero();

        assertThat(out).contains(INCREMENT + " → prod (slot green): healthy");
    }

    @Test
    void textStatusShowsACanaryThatHasNoEarlierRecord() {
        Path job = job();
        assertThat(run(job, "deploy", "0018", "--environment", "prod", "--canary", "10", "--commit", "c100000"))
                .as(err).isZero();

        assertThat(run(job, "status", "0018")).isZero();

        assertThat(out).doesNotContain("PROD: not deployed yet").contains("Canary:").contains("10 %");
    }

    @Test
    void theTrackingIdIsTheSameInSyncAndStatusJson() throws IOException {
        Path job = job();
        assertThat(run(job, "sync", "0018", "--environment", "qa", "--deployed", "--commit", "c100000", "--json"))
                .as(err).isZero();
        String synced = Json.mapper().readTree(out).path("trackingId").asText();

        assertThat(run(job, "status", "0018", "--json")).isZero();

        JsonNode qa = null;
        for (JsonNode env : Json.mapper().readTree(out).path("environments")) {
            qa = env.path("environment").asText().equals("qa") ? env : qa;
        }
        assertThat(synced).isEqualTo("1");
        assertThat(qa).isNotNull();
        assertThat(qa.path("trackingId").asText()).isEqualTo(synced);
    }

    /** A fresh checkout: config and spec, no records. */
    @Test
    void everyCommandThatChangesAnEnvironmentTakesDryRunAndWritesNothingAnywhere() throws IOException {
        Path job = job();
        assertThat(run(job, "deploy", "0018", "--environment", "qa", "--commit", "c100000")).as(err).isZero();
        assertThat(run(job, "deploy", "0018", "--environment", "qa", "--commit", "c200000")).as(err).isZero();
        assertThat(run(job, "deploy", "0018", "--environment", "prod-blue", "--commit", "c100000")).as(err).isZero();
        assertThat(run(job, "deploy", "0018", "--environment", "prod-green", "--commit", "c200000")).as(err).isZero();
        String records = files(job);
        String items = this.items.copy(INCREMENT, "qa").orElseThrow().toString()
                + this.items.copy(INCREMENT, "prod").orElseThrow();

        String[][] dryRuns = {
            {"sync", "0018", "--environment", "qa", "--deployed", "--commit", "c300000"},
            {"deploy", "0018", "--environment", "qa", "--commit", "c300000"},
            {"deploy", "0018", "--environment", "prod-blue", "--commit", "c300000"},
            {"swap-slots", "0018", "--environment", "prod"},
            {"rollback", "0018", "--environment", "qa"},
            {"approve", "0018", "--environment", "prod", "--by", "lead"},
            {"feature-flag", "enable", "newCheckout", "--environment", "qa", "--create"}};
        for (String[] command : dryRuns) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--dry-run";

            assertThat(run(job, args)).as(String.join(" ", args) + ": " + err).isZero();
            assertThat(out).as(String.join(" ", args)).containsAnyOf("Would ", "Dry run");
        }

        assertThat(files(job)).isEqualTo(records);
        assertThat(this.items.copy(INCREMENT, "qa").orElseThrow().toString()
                + this.items.copy(INCREMENT, "prod").orElseThrow()).isEqualTo(items);
        assertThat(run(job, "deploy", "0018", "--all-environments", "--commit", "c300000", "--dry-run")).isEqualTo(2);
        assertThat(err).contains("--dry-run cannot show --all-environments");
    }

    @Test
    void everyCommandWarnsOfATrailingCommaInTheConfigWhichSpecweaveRefusesWithWhereItIs() throws IOException {
        Path job = job();
        Path file = job.resolve(".specweave/config.json");
        String config = java.nio.file.Files.readString(file).replace("\"reports\": \"r/*.xml\" }",
                "\"reports\": \"r/*.xml\", }");
        java.nio.file.Files.writeString(file, config);
        int comma = config.indexOf(", }");
        String warning = file.toAbsolutePath().normalize() + ": a trailing comma at line "
                + config.substring(0, comma).lines().count() + ", column " + (comma - config.lastIndexOf('\n', comma))
                + ": SpecWeave reads this file with JSON.parse, which refuses it; remove the comma";

        String[][] commands = {
            {"deploy", "0018", "--all-environments", "--commit", "c100000"},
            {"sync", "0018", "--environment", "qa", "--deployed", "--commit", "c200000"},
            {"deploy", "0018", "--environment", "prod-blue", "--commit", "c200000"},
            {"deploy", "0018", "--environment", "prod-green", "--commit", "c300000"},
            {"health", "0018", "--environment", "prod-green"},
            {"test", "0018", "--environment", "qa", "--suite", "smoke"},
            {"approve", "0018", "--environment", "prod", "--by", "lead"},
            {"swap-slots", "0018", "--environment", "prod"},
            {"rollback", "0018", "--environment", "prod"},
            {"monitor", "0018", "--environment", "qa"},
            {"feature-flag", "enable", "newCheckout", "--environment", "qa", "--create"},
            {"feature-flag", "disable", "newCheckout", "--environment", "qa", "--increment", "0018"},
            {"feature-flag", "list"},
            {"feature-flag", "export", "--environment", "qa"},
            {"status", "0018"},
            {"status"},
            {"dora"}};
        for (String[] command : commands) {
            assertThat(run(job, command)).as(String.join(" ", command) + ": " + err).isZero();
            assertThat(out + err).as(String.join(" ", command)).contains("warning: " + warning);
            // Once, also where every environment's outcome is shown.
            assertThat((out + err).split(java.util.regex.Pattern.quote(warning), -1)).as(String.join(" ", command))
                    .hasSize(2);
        }

        assertThat(run(job, "sync", "0018", "--environment", "qa", "--deployed", "--commit", "c400000", "--json"))
                .as(err).isZero();
        assertThat(Json.mapper().readTree(out).path("warnings")).extracting(JsonNode::asText).containsExactly(warning);
        assertThat(run(job, "status", "0018", "--json")).isZero();
        assertThat(err).contains("warning: " + warning);
        assertThat(Json.mapper().readTree(out).path("environments")).isNotEmpty();
    }

    /** Every file of the project with its content: what a dry run must leave as it was. */
    private static String files(Path job) throws IOException {
        StringBuilder all = new StringBuilder();
        try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(job)) {
            for (Path p : paths.sorted().toList()) {
                all.append(job.relativize(p)).append('\n');
                if (java.nio.file.Files.isRegularFile(p)) {
                    all.append(java.nio.file.Files.readString(p)).append('\n');
                }
            }
        }
        return all.toString();
    }

    private Path job() {
        return TestProject.freshCheckout(root.resolve("job-" + (++jobs)), service.url());
    }

    private int run(Path dir, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--dir", dir.toString()));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CliRuntime runtime = new CliRuntime(Map.of("GITHUB_TOKEN", "fake-token", "NO_COLOR", "1"),
                new PrintWriter(o, true), new PrintWriter(e, true), Clock.systemUTC(), items.trackers());
        int code = SpecweaveDeploy.run(runtime, all.toArray(String[]::new));
        out = o.toString();
        err = e.toString();
        return code;
    }

    private static JsonNode deployments(Path job) {
        try {
            return Json.mapper().readTree(job.resolve(".specweave/increments/" + INCREMENT + "/metadata.json").toFile())
                    .path("deployments");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
