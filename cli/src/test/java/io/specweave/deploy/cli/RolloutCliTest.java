package io.specweave.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.specweave.deploy.Json;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy --slot/--canary, swap-slots, rollback, monitor --canary and feature-flag as a user runs them. */
class RolloutCliTest {

    @TempDir
    Path dir;

    Path project;
    HttpServer green;
    AtomicInteger greenStatus = new AtomicInteger(200);

    @BeforeEach
    void setUp() throws Exception {
        project = CliHarness.copyDemo(dir.resolve("demo"));
        Path config = project.resolve(".specweave/config.json");
        Files.writeString(config, Files.readString(config).replace("\"deploymentUrl\": \"https://demo-shop.example\"",
                "\"deploymentUrl\": \"https://demo-shop.example\", \"healthCheck\": {\"retries\": 2, "
                        + "\"intervalSeconds\": 0}"));
        green = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        green.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(greenStatus.get(), 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("ok".getBytes());
            }
        });
        green.start();
    }

    @AfterEach
    void stop() {
        green.stop(0);
    }

    private CliHarness.Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--dir");
        all.add(project.toString());
        return CliHarness.inProcess(Map.of("NO_COLOR", "1"), all.toArray(String[]::new));
    }

    private JsonNode prodStatus() throws Exception {
        JsonNode status = Json.mapper().readTree(run("status", "0003", "--json", "--deployments").out());
        for (JsonNode env : status.path("environments")) {
            if (env.path("environment").asText().equals("prod")) {
                return env;
            }
        }
        throw new AssertionError("no prod in " + status);
    }

    @Test
    void aDeploymentToAnUnhealthySlotIsRecordedAndExitsOne() throws Exception {
        String greenUrl = "http://127.0.0.1:" + green.getAddress().getPort();
        greenStatus.set(503);

        CliHarness.Run toGreen = run("deploy", "0003", "--environment", "prod-green", "--commit", "bbb2220",
                "--deployment-url", greenUrl);

        assertThat(toGreen.exitCode()).isEqualTo(1);
        assertThat(toGreen.err()).contains("0003-oauth-google is recorded as deployed to slot green of prod, but slot "
                + "green of prod is unhealthy: HTTP 503");
        JsonNode slot = prodStatus().path("slots").path("green");
        assertThat(slot.path("commit").asText()).isEqualTo("bbb2220");
        assertThat(slot.path("healthStatus").asText()).isEqualTo("unhealthy");

        CliHarness.Run unchecked = run("deploy", "0003", "--environment", "prod-green", "--commit", "bbb2230",
                "--deployment-url", greenUrl, "--no-health-check");
        assertThat(unchecked.exitCode()).as(unchecked.err()).isZero();
    }

    @Test
    void blueGreenDeploySwapAndRollback() throws Exception {
        String greenUrl = "http://127.0.0.1:" + green.getAddress().getPort();
        CliHarness.Run blue = run("deploy", "0003", "--environment", "prod-blue", "--commit", "aaa1110");
        assertThat(blue.exitCode()).as(blue.err()).isZero();
        assertThat(blue.out()).contains("Deployed 0003-oauth-google to slot blue of prod (live)");
        CliHarness.Run toGreen = run("deploy", "0003", "--environment", "prod", "--slot", "green", "--commit",
                "bbb2220", "--deployment-url", greenUrl);
        assertThat(toGreen.exitCode()).as(toGreen.err()).isZero();
        assertThat(toGreen.out()).contains("(idle; blue stays live)");

        CliHarness.Run canary = run("deploy", "0003", "--environment", "prod", "--canary", "10", "--commit", "ccc3330");
        assertThat(canary.exitCode()).as("a canary beside the live slot").isEqualTo(2);
        assertThat(canary.err()).contains("prod runs blue-green slots (live: blue): a canary beside it would record a "
                + "version no slot runs; deploy the new version to the idle slot and swap (`specweave-deploy deploy "
                + "0003 --environment prod --slot green`)");

        greenStatus.set(503);
        CliHarness.Run refused = run("swap-slots", "0003", "--environment", "prod");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("slot green of prod is unhealthy (HTTP 503", "--force");
        assertThat(prodStatus().path("commit").asText()).isEqualTo("aaa1110");

        greenStatus.set(200);
        CliHarness.Run swap = run("swap-slots", "0003", "--environment", "prod", "--json");
        assertThat(swap.exitCode()).as(swap.err()).isZero();
        assertThat(Json.mapper().readTree(swap.out()).path("live").asText()).isEqualTo("green");
        assertThat(prodStatus().path("commit").asText()).isEqualTo("bbb2220");

        CliHarness.Run rollback = run("rollback", "0003", "--environment", "prod", "--no-health-check",
                "--reason", "checkout errors");
        assertThat(rollback.exitCode()).as(rollback.err()).isZero();
        assertThat(rollback.out()).contains("commit aaa1110 is current again (was bbb2220)",
                "slot blue is live again, green is idle");
        JsonNode prod = prodStatus();
        assertThat(prod.path("commit").asText()).isEqualTo("aaa1110");
        assertThat(prod.path("state").asText()).isEqualTo("deployed");
        JsonNode history = prod.path("history");
        assertThat(history.get(history.size() - 1).path("status").asText()).isEqualTo("rolled_back");
    }

    @Test
    void canaryStepsAndMonitorGateOnTheRecommendation() throws Exception {
        assertThat(run("deploy", "0001", "--environment", "prod", "--canary", "10", "--commit", "ccc3330").exitCode())
                .isZero();
        Path good = dir.resolve("good.json");
        Files.writeString(good, "{\"canary\": {\"requestRate\": 12.5, \"errorRate\": 0.2, \"p50LatencyMs\": 45, "
                + "\"p95LatencyMs\": 120, \"requests\": 750}, \"stable\": {\"requestRate\": 112.5, "
                + "\"errorRate\": 0.15, \"p50LatencyMs\": 42, \"p95LatencyMs\": 110, \"requests\": 6750}}");
        CliHarness.Run safe = run("monitor", "0001", "--environment", "prod", "--canary", "--metrics-file",
                good.toString());
        assertThat(safe.exitCode()).as(safe.out() + safe.err()).isZero();
        assertThat(safe.out()).contains("Canary Deployment Monitoring: 0001-user-login in prod",
                "Traffic split: canary 10 % (commit ccc3330) | stable 90 %", "Requests/s", "Success rate",
                "99.80 %", "Recommendation: [ok] SAFE TO INCREASE CANARY");

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, Files.readString(good).replace("\"errorRate\": 0.2,", "\"errorRate\": 8,"));
        CliHarness.Run rollBack = run("monitor", "0001", "--environment", "prod", "--canary", "--metrics-file",
                bad.toString(), "--json");
        assertThat(rollBack.exitCode()).isEqualTo(1);
        assertThat(Json.mapper().readTree(rollBack.out()).path("recommendation").asText()).isEqualTo("ROLL BACK");

        Path empty = dir.resolve("nan.json");
        Files.writeString(empty, "{\"canary\": {\"errorRate\": \"NaN\"}, \"stable\": {}}");
        CliHarness.Run hold = run("monitor", "0001", "--environment", "prod", "--canary", "--metrics-file",
                empty.toString());
        assertThat(hold.exitCode()).isEqualTo(1);
        assertThat(hold.out()).contains("HOLD", "inconclusive");

        assertThat(run("deploy", "0001", "--environment", "prod", "--canary", "50").exitCode()).isZero();
        // Promoted, the canary serves all traffic and is checked; nothing answers at this project's URL.
        assertThat(run("deploy", "0001", "--environment", "prod", "--canary", "100", "--no-health-check").exitCode())
                .isZero();
        JsonNode metadata = Json.mapper().readTree(project.resolve(
                ".specweave/increments/0001-user-login/metadata.json").toFile());
        JsonNode prod = metadata.path("deployments").path("prod");
        assertThat(prod.path("commit").asText()).isEqualTo("ccc3330");
        assertThat(prod.path("canary").path("steps")).extracting(s -> s.path("weight").asInt())
                .containsExactly(10, 50, 100);
        assertThat(prod.path("canary").path("lastAnalysis").path("recommendation").asText()).isEqualTo("HOLD");
    }

    @Test
    void monitorWithoutCanaryOrMetricsSourceAndMixedRolloutsAreBadInput() {
        CliHarness.Run noCanary = run("monitor", "0001", "--environment", "prod", "--metrics-file", "m.json");
        assertThat(noCanary.exitCode()).isEqualTo(2);
        assertThat(noCanary.err()).contains("--metrics-file", "are for --canary");
        run("deploy", "0001", "--environment", "prod", "--canary", "10", "--commit", "ccc3330");
        CliHarness.Run noSource = run("monitor", "0001", "--environment", "prod", "--canary");
        assertThat(noSource.exitCode()).isEqualTo(2);
        assertThat(noSource.err()).contains("deployment.environments.prod.metrics.prometheusUrl", "--metrics-file");
        assertThat(run("deploy", "0001", "--environment", "prod", "--slot", "blue", "--canary", "10").exitCode())
                .isEqualTo(2);
        assertThat(run("monitor", "0001", "--environment", "prod", "--canary", "--metrics-file", "x.json",
                "--interval", "soon", "--duration", "1m").exitCode()).isEqualTo(2);
    }

    @Test
    void featureFlagsAcrossEnvironments() throws Exception {
        CliHarness.Run typo = run("feature-flag", "enable", "newCheckout", "--environment", "qa");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("newCheckout", "--create");
        assertThat(run("feature-flag", "enable", "newCheckout", "--environment", "qa", "--create").exitCode()).isZero();
        assertThat(run("feature-flag", "enable", "newCheckout", "--environment", "dev").exitCode()).isZero();
        CliHarness.Run off = run("feature-flag", "disable", "newCheckout", "--environment", "prod", "--increment",
                "0001");
        assertThat(off.exitCode()).as(off.err()).isZero();
        assertThat(off.out()).contains("recorded in 0001-user-login (deployments.prod.flagChanges)");
        CliHarness.Run matrix = run("feature-flag", "list");
        assertThat(matrix.out()).isEqualTo("flag         dev  qa   staging  uat  prod\n"
                + "newCheckout  on   on   -        -    off\n");
        CliHarness.Run one = run("feature-flag", "list", "--environment", "qa", "--json");
        assertThat(Json.mapper().readTree(one.out())).isEqualTo(Json.mapper().readTree("{\"qa\": {\"newCheckout\": true}}"));
        CliHarness.Run flagd = run("feature-flag", "export", "--environment", "qa", "--format", "flagd");
        assertThat(Json.mapper().readTree(flagd.out()).path("flags").path("newCheckout").path("defaultVariant").asText())
                .isEqualTo("on");
        assertThat(run("feature-flag", "export", "--environment", "prod").out()).isEqualTo("FEATURE_NEW_CHECKOUT=false\n");
        assertThat(run("feature-flag", "enable", "x", "--environment", "perf").exitCode()).isEqualTo(2);
        assertThat(run("feature-flag").exitCode()).isEqualTo(2);
    }

    /** The last of a key given twice, which is the one that counts, after a flag. */
    private static final String MAYBE = "dev.a: expected true, false or an object with a boolean \"enabled\", got "
            + "\"maybe\"";

    @Test
    void listExportAndEnableRefuseAValueMeantAsAFlagInTheSameWords() throws Exception {
        Path flags = project.resolve(".specweave/config/feature-flags.json");
        Files.createDirectories(flags.getParent());
        Map<String, String> files = Map.of(
                "{\"dev\": {\"a\": null}}", "dev.a: expected true, false or an object with a boolean \"enabled\", got null",
                "{\"dev\": \"on\"}", "dev: expected an object of flags such as {\"newCheckout\": true}, got \"on\"",
                "{\"dev\": {\"a\": {\"enabled\": \"on\"}}}", "dev.a.enabled: expected true or false, got \"on\"",
                "{\"dev\": {\"a\": true, \"a\": \"maybe\"}}", MAYBE,
                "{\"dev\": {\"a\": true}, \"dev\": {\"a\": \"maybe\"}}", MAYBE);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(flags, file.getKey());
            String expected = "/.specweave/config/feature-flags.json: " + file.getValue();
            for (String[] args : List.of(new String[] {"list"}, new String[] {"list", "--json"},
                    new String[] {"export", "-e", "dev", "--format", "env"}, new String[] {"enable", "a", "-e", "dev"},
                    new String[] {"disable", "a", "-e", "dev"})) {
                List<String> command = new ArrayList<>(List.of("feature-flag"));
                command.addAll(List.of(args));
                CliHarness.Run run = run(command.toArray(String[]::new));
                assertThat(run.exitCode()).as(file.getKey() + " " + command).isEqualTo(2);
                assertThat(run.err()).as(file.getKey() + " " + command).contains(expected);
                assertThat(run.out()).isEmpty();
            }
            assertThat(Files.readString(flags)).isEqualTo(file.getKey());
        }
    }

    @Test
    void flagNamesThatDifferOnlyInCaseEachGetARowAsTheyEachGetAnExportLine() throws Exception {
        Path flags = project.resolve(".specweave/config/feature-flags.json");
        Files.createDirectories(flags.getParent());
        Files.writeString(flags, "{\"dev\": {\"ab\": true, \"aB\": false, \"z\": true}, \"qa\": {\"AB\": false}}");

        assertThat(run("feature-flag", "list").out()).isEqualTo("flag  dev  qa   staging  uat  prod\n"
                + "AB    -    off  -        -    -\n"
                + "aB    off  -    -        -    -\n"
                + "ab    on   -    -        -    -\n"
                + "z     on   -    -        -    -\n");
        assertThat(Json.mapper().readTree(run("feature-flag", "list", "--json").out()))
                .isEqualTo(Json.mapper().readTree("{\"dev\": {\"aB\": false, \"ab\": true, \"z\": true}, "
                        + "\"qa\": {\"AB\": false}, \"staging\": {}, \"uat\": {}, \"prod\": {}}"));
        assertThat(run("feature-flag", "list", "-e", "dev").out()).isEqualTo("aB  off\nab  on\nz   on\n");
        assertThat(run("feature-flag", "export", "-e", "dev").out())
                .isEqualTo("FEATURE_AB=true\nFEATURE_A_B=false\nFEATURE_Z=true\n");
    }

    @Test
    void anEnvExportRefusesAFlagNameWithNoAsciiSpellingAndJsonKeepsIt() throws Exception {
        Path flags = project.resolve(".specweave/config/feature-flags.json");
        Files.createDirectories(flags.getParent());
        Files.writeString(flags, "{\"dev\": {\"日本\": true}}");

        CliHarness.Run env = run("feature-flag", "export", "-e", "dev", "--format", "env");

        assertThat(env.exitCode()).isEqualTo(2);
        assertThat(env.out()).isEmpty();
        assertThat(env.err()).contains("dev.日本: cannot be exported as an environment variable: 日, 本 have no ASCII "
                + "spelling", "export with --format json or --format flagd", "or rename the flag");
        CliHarness.Run json = run("feature-flag", "export", "-e", "dev", "--format", "json");
        assertThat(json.exitCode()).isZero();
        assertThat(Json.mapper().readTree(json.out())).isEqualTo(Json.mapper().readTree("{\"日本\": true}"));
    }
}
