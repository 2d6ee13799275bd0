package io.specweave.deploy.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.specweave.deploy.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Action's inputs and commands beyond a plain sync, run in-process on a copy of examples/demo. */
class ActionCommandsTest {

    private static final String INCREMENT = "0002-password-reset";

    @TempDir
    Path temp;

    HttpServer server;
    final AtomicInteger healthStatus = new AtomicInteger(200);
    String serverUrl;

    @BeforeEach
    void startHealthServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            byte[] body = "ok".getBytes();
            exchange.sendResponseHeaders(healthStatus.get(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        serverUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopHealthServer() {
        server.stop(0);
    }

    /** The demo, with no retries between health attempts so an unhealthy answer is final at once. */
    private ActionWorkspace workspace() throws IOException {
        ActionWorkspace ws = new ActionWorkspace(temp).input("increment", "0002");
        Path config = ws.workspace.resolve(".specweave/config.json");
        Files.writeString(config, Files.readString(config).replace("\"provider\": \"local\",",
                "\"provider\": \"local\", \"healthCheck\": {\"retries\": 0, \"intervalSeconds\": 0, "
                        + "\"timeoutSeconds\": 5},"));
        return ws;
    }

    private static JsonNode json(String text) throws IOException {
        return Json.mapper().readTree(text);
    }

    private static JsonNode deployments(ActionWorkspace ws) throws IOException {
        return json(ws.metadata(INCREMENT)).path("deployments");
    }

    /** Empties the runner's output and summary files between two runs of one workspace. */
    private static void clearFiles(ActionWorkspace ws) throws IOException {
        Files.writeString(ws.output, "");
        Files.writeString(ws.summary, "");
    }

    @Test
    void syncAttachesTestResultsCoverageLoadTestsMetricsAndAChangeRequest() throws IOException {
        ActionWorkspace ws = workspace().input("profile", "local-qa")
                .input("test-results", "reports/**/*.xml").input("coverage", "coverage/jacoco.xml")
                .input("load-test-results", "k6.json").input("metrics", "{\"errorRate\": 0.1}")
                .input("change-request", "id=CHG-7,url=https://itsm.example/CHG-7");
        Path reports = Files.createDirectories(ws.workspace.resolve("reports/unit"));
        Files.writeString(reports.resolve("TEST-shop.xml"), "<testsuite name=\"shop\" tests=\"3\">"
                + "<testcase name=\"a\"/><testcase name=\"b\"/><testcase name=\"c\"><failure message=\"x\"/></testcase>"
                + "</testsuite>");
        Files.createDirectories(ws.workspace.resolve("coverage"));
        Files.writeString(ws.workspace.resolve("coverage/jacoco.xml"), "<report name=\"shop\">"
                + "<counter type=\"LINE\" missed=\"20\" covered=\"80\"/></report>");
        Files.writeString(ws.workspace.resolve("k6.json"), "{\"metrics\": {\"http_reqs\": {\"count\": 1000, "
                + "\"rate\": 250.5}, \"http_req_duration\": {\"avg\": 12.5, \"p(95)\": 30.1}, "
                + "\"http_req_failed\": {\"value\": 0.002}}}");

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        JsonNode deployment = json(ws.outputs().get("deployment"));
        assertThat(deployment.path("testResults").path("total").asInt()).isEqualTo(3);
        assertThat(deployment.path("testResults").path("failed").asInt()).isEqualTo(1);
        assertThat(deployment.path("coverage").asDouble()).isEqualTo(80.0);
        assertThat(deployment.path("loadTestResults").path("maxRPS").asDouble()).isEqualTo(250.5);
        assertThat(deployment.path("metrics").path("errorRate").asDouble()).isEqualTo(0.1);
        assertThat(deployment.path("changeRequest").path("id").asText()).isEqualTo("CHG-7");
    }

    @Test
    void aMissingOrBrokenResultFileIsBadInputTitledWithItsInput() throws IOException {
        ActionWorkspace ws = workspace().input("profile", "local-qa").input("coverage", "nowhere/jacoco.xml");

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).contains("::error title=Input coverage::").contains("nowhere/jacoco.xml: no such file");

        Files.writeString(ws.workspace.resolve("k6.json"), "{\"metrics\": 3");
        ActionWorkspace.Run k6 = ws.step("sync").input("profile", "local-qa").input("load-test-results", "k6.json").run();
        assertThat(k6.exitCode()).isEqualTo(2);
        assertThat(k6.stdout()).contains("::error title=Input load-test-results::", "k6.json: not valid JSON");

        Files.writeString(ws.workspace.resolve("junit.xml"), "<testsuite");
        ActionWorkspace.Run junit = ws.step("sync").input("profile", "local-qa").input("test-results", "junit.xml").run();
        assertThat(junit.exitCode()).isEqualTo(2);
        assertThat(junit.stdout()).contains("::error title=Input test-results::", "junit.xml: not well-formed XML");
    }

    @Test
    void healthCheckTrueChecksTheDeploymentUrlAndSetsHealthStatus() throws IOException {
        ActionWorkspace ws = workspace().input("profile", "local-qa").input("health-check", "true")
                .input("deployment-url", serverUrl);

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(ws.outputs()).containsEntry("health-status", "healthy");
        assertThat(json(ws.outputs().get("deployment")).path("healthHttpStatus").asInt()).isEqualTo(200);

        // A deployment that has only started is not checked: the output stays empty, not the last check's.
        clearFiles(ws);
        ActionWorkspace.Run started = ws.input("deployed", "in-progress").run();
        assertThat(started.exitCode()).as(started.stdout()).isZero();
        assertThat(ws.outputs().get("health-status")).isNullOrEmpty();
    }

    @Test
    void anUnhealthySyncIsRecordedWithItsOutputsAndThenFailsWithExitOne() throws IOException {
        healthStatus.set(503);
        ActionWorkspace ws = workspace().input("profile", "local-qa").input("health-check", "true")
                .input("deployment-url", serverUrl);

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(ws.outputs()).containsEntry("health-status", "unhealthy").containsEntry("environment", "qa");
        assertThat(run.stdout()).contains("::error title=SpecWeave Deploy::");
        assertThat(deployments(ws).path("qa").path("status").asText()).isEqualTo("deployed");
    }

    @Test
    void healthCheckOtherThanTrueOrFalseIsBadInputNamingIt() {
        ActionWorkspace.Run run = new ActionWorkspace(temp).input("health-check", "maybe").run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).contains("::error title=Input health-check::input \"health-check\": expected true "
                + "or false, got \"maybe\"");
    }

    @Test
    void forceRecordsPastARefusedGate() throws IOException {
        ActionWorkspace ws = workspace().input("profile", "local-prod");
        Path config = ws.workspace.resolve(".specweave/config.json");
        Files.writeString(config, Files.readString(config).replace("\"deployment\": {",
                "\"deployment\": {\"promotion\": {\"requirePrevious\": true},"));
        ActionWorkspace.Run refused = ws.run();
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(deployments(ws).has("prod")).isFalse();
        clearFiles(ws);

        ActionWorkspace.Run forced = ws.input("force", "true").run();

        assertThat(forced.exitCode()).as(forced.stdout()).isZero();
        assertThat(deployments(ws).path("prod").path("status").asText()).isEqualTo("deployed");
        assertThat(deployments(ws).path("prod").path("forced").asBoolean()).isTrue();
    }

    @Test
    void issueKeysAreSplitOnCommasSpacesAndNewLines() {
        var lines = ActionInput.parse(java.util.Map.of("INPUT_ISSUE-KEYS", "PROD-12, PROD-13\nPROD-14"))
                .request.dir(java.nio.file.Path.of(".")).build();
        assertThat(lines.issueKeys()).containsExactly("PROD-12", "PROD-13", "PROD-14");
        var sync = ActionInput.parse(java.util.Map.of("INPUT_ISSUE-KEYS", "PROD-12,PROD-13",
                "INPUT_TEST-RESULTS", "build/*.xml", "INPUT_HEALTH-CHECK", "false", "INPUT_FORCE", "true"))
                .request.dir(java.nio.file.Path.of(".")).build();
        assertThat(sync.issueKeys()).containsExactly("PROD-12", "PROD-13");
        assertThat(sync.testResults()).isEqualTo("build/*.xml");
        assertThat(sync.healthCheck()).isFalse();
        assertThat(sync.force()).isTrue();
    }

    @Test
    void refreshReadsTheTrackingItemsFirstAndSaysSo() throws IOException {
        ActionWorkspace ws = workspace().input("command", "status").input("refresh", "true");

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(run.stdout()).contains("::group::Refreshed " + INCREMENT + " from its tracking items");
        assertThat(ws.outputs()).containsKey("status");
    }

    @Test
    void healthRechecksARecordedEnvironmentAndFailsWhenUnhealthy() throws IOException {
        ActionWorkspace ws = workspace().input("profile", "local-qa").input("deployment-url", serverUrl);
        assertThat(ws.run().exitCode()).isZero();
        clearFiles(ws);
        ws.step("health").input("profile", "local-qa");

        ActionWorkspace.Run healthy = ws.run();
        assertThat(healthy.exitCode()).as(healthy.stdout()).isZero();
        assertThat(ws.outputs()).containsEntry("health-status", "healthy").containsEntry("environment", "qa")
                .containsEntry("profile", "local-qa").containsKeys("deployment", "status");

        clearFiles(ws);
        healthStatus.set(500);
        ActionWorkspace.Run unhealthy = ws.run();
        assertThat(unhealthy.exitCode()).isEqualTo(1);
        assertThat(ws.outputs()).containsEntry("health-status", "unhealthy");
        assertThat(unhealthy.stdout()).contains("::error title=SpecWeave Deploy::" + INCREMENT + " is recorded in qa, but qa is "
                + "unhealthy: HTTP 500");
        assertThat(deployments(ws).path("qa").path("healthHttpStatus").asInt()).isEqualTo(500);
    }

    @Test
    void anInputTheCommandWouldIgnoreIsABadInputAndNothingIsWritten() throws IOException {
        ActionWorkspace ws = workspace().input("profile", "local-qa");
        assertThat(ws.run().exitCode()).isZero();
        String recorded = ws.metadata(INCREMENT);

        ActionWorkspace.Run dryRun = ws.step("health").input("increment", "0002").input("profile", "local-qa")
                .input("dry-run", "true").run();
        ActionWorkspace.Run otherUrl = ws.step("health").input("increment", "0002").input("profile", "local-qa")
                .input("deployment-url", serverUrl).run();
        // health-check's default (true) asks nothing; turned off, it asks for what health cannot do.
        ActionWorkspace.Run noCheck = ws.step("health").input("increment", "0002").input("profile", "local-qa")
                .input("health-check", "false").run();

        assertThat(dryRun.exitCode()).as(dryRun.stdout()).isEqualTo(2);
        assertThat(dryRun.stdout()).contains("::error title=Input dry-run::input \"dry-run\": not read by command "
                + "health (only by sync, approve, deploy, swap-slots, rollback, feature-flag); remove it from this step");
        assertThat(otherUrl.exitCode()).isEqualTo(2);
        assertThat(otherUrl.stdout()).contains("::error title=Input deployment-url::input \"deployment-url\": not "
                + "read by command health (only by sync, deploy)");
        assertThat(noCheck.exitCode()).isEqualTo(2);
        assertThat(noCheck.stdout()).contains("::error title=Input health-check::input \"health-check\": command "
                + "health checks health whatever this says, so false cannot skip it");
        assertThat(ws.metadata(INCREMENT)).isEqualTo(recorded);
    }

    @Test
    void healthCheckTurnedOffOnAStepThatChecksNoHealthAsksNothingAndRuns() throws IOException {
        ActionWorkspace ws = workspace().input("profile", "local-qa");
        assertThat(ws.run().exitCode()).isZero();

        // One workflow's env block turns the check off for every step, approve and status too.
        ActionWorkspace.Run approve = ws.step("approve").input("increment", "0002").input("environment", "qa")
                .input("approved-by", "jane").input("health-check", "false").run();
        ActionWorkspace.Run status = ws.step("status").input("increment", "0002").input("health-check", "false").run();

        assertThat(approve.exitCode()).as(approve.stdout()).isZero();
        assertThat(deployments(ws).path("qa").path("approvals").path(0).path("approvedBy").asText()).isEqualTo("jane");
        assertThat(status.exitCode()).as(status.stdout()).isZero();
        assertThat(status.stdout()).doesNotContain("::error");
    }

    @Test
    void aValueHoldingTheGithubTokenIsRefusedAsTheInputItCameInNeverShown() throws IOException {
        String token = "ghp_LEAKME0000000000";
        ActionWorkspace ws = workspace().input("github-token", token).input("environment", "qa");
        String before = ws.metadata(INCREMENT);

        ActionWorkspace.Run url = ws.input("deployment-url", "https://qa.example.com/" + token + "/").run();
        ActionWorkspace.Run by = ws.step("sync").input("increment", "0002").input("github-token", token)
                .input("environment", "qa").input("deployed-by", "x " + token).run();

        assertThat(url.exitCode()).as(url.stdout()).isEqualTo(2);
        assertThat(url.stdout()).contains("::error title=Input deployment-url::input \"deployment-url\": holds the "
                + "value of `github-token` (GITHUB_TOKEN), a credential");
        assertThat(by.exitCode()).isEqualTo(2);
        assertThat(by.stdout()).contains("::error title=Input deployed-by::input \"deployed-by\": holds the value of "
                + "`github-token` (GITHUB_TOKEN)");
        for (ActionWorkspace.Run run : java.util.List.of(url, by)) {
            assertThat(run.lines()).filteredOn(line -> line.contains(token)).as("only the runner's mask")
                    .allMatch(line -> line.startsWith("::add-mask::"));
        }
        assertThat(ws.summaryText()).doesNotContain(token);
        assertThat(ws.metadata(INCREMENT)).isEqualTo(before);
    }

    @Test
    void aCommitThatIsNoHexObjectNameAndARunUrlThatIsNoHttpUrlAreBadInputsOfTheirInputs() throws IOException {
        ActionWorkspace ws = workspace().input("environment", "qa");
        String before = ws.metadata(INCREMENT);

        // ${{ github.ref }} where ${{ github.sha }} was meant.
        ActionWorkspace.Run ref = ws.input("commit", "refs/heads/main").run();
        ActionWorkspace.Run script = ws.step("sync").input("increment", "0002").input("environment", "qa")
                .input("run-url", "javascript:alert(1)").run();

        assertThat(ref.exitCode()).as(ref.stdout()).isEqualTo(2);
        assertThat(ref.stdout()).contains("::error title=Input commit::input \"commit\": expected a commit's hex "
                + "object name (7 to 40 hex digits, or 64 in a SHA-256 repository), such as the CI's commit SHA, got "
                + "\"refs/heads/main\"");
        assertThat(script.exitCode()).isEqualTo(2);
        assertThat(script.stdout()).contains("::error title=Input run-url::input \"run-url\": expected an absolute "
                + "http(s) URL");
        assertThat(ws.metadata(INCREMENT)).isEqualTo(before);
        assertThat(ws.step("sync").input("increment", "0002").input("environment", "qa").run().exitCode())
                .as("GITHUB_SHA, the run's own commit, needs no input").isZero();
    }

    @Test
    void approveAppendsAnApprovalWithRoleAndNotes() throws IOException {
        ActionWorkspace ws = workspace().input("command", "approve").input("environment", "prod")
                .input("approved-by", "jane.doe").input("role", "Release Manager").input("notes", "CAB ok");

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        JsonNode approval = deployments(ws).path("prod").path("approvals").get(0);
        assertThat(approval.path("approvedBy").asText()).isEqualTo("jane.doe");
        assertThat(approval.path("role").asText()).isEqualTo("Release Manager");
        assertThat(approval.path("notes").asText()).isEqualTo("CAB ok");
        assertThat(ws.outputs()).containsEntry("environment", "prod").containsEntry("increment", INCREMENT);
        assertThat(run.stdout()).contains("::notice title=SpecWeave Deploy::Approved " + INCREMENT
                + " → prod by jane.doe (Release Manager)");
    }

    @Test
    void doraOutputsTheReportAsJsonAndCountsANewProdDeployment() throws IOException {
        // dora reads every increment: the step names none.
        ActionWorkspace ws = workspace().step("dora").input("window", "12w");
        assertThat(ws.run().exitCode()).isZero();
        int before = json(ws.outputs().get("dora")).path("deployments").asInt();
        assertThat(ws.step("sync").input("increment", "0002").input("profile", "local-prod").run().exitCode())
                .isZero();
        clearFiles(ws);

        ActionWorkspace.Run run = ws.step("dora").input("window", "12w").run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        JsonNode dora = json(ws.outputs().get("dora"));
        assertThat(dora.path("window").asText()).isEqualTo("12w");
        assertThat(dora.path("environment").asText()).isEqualTo("prod");
        assertThat(dora.path("deployments").asInt()).as(dora.toString()).isEqualTo(before + 1);
        assertThat(ActionWorkspace.read(ws.output)).containsPattern("(?m)^dora<<ghadelimiter_");
        assertThat(ws.summaryText()).contains("DORA");
    }

    @Test
    void aBadWindowIsBadInputNamingIt() {
        ActionWorkspace.Run run = new ActionWorkspace(temp).input("command", "dora").input("window", "soon").run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).contains("::error title=Input window::`window: \"soon\"`: expected a positive number of days, weeks or hours");
    }

    @Test
    void deployToSlotsThenSwapSlots() throws IOException {
        ActionWorkspace ws = workspace().input("command", "deploy").input("environment", "prod")
                .input("slot", "blue").input("commit", "aaa1111");
        assertThat(ws.run().exitCode()).isZero();
        clearFiles(ws);
        ActionWorkspace.Run green = ws.input("slot", "green").input("commit", "bbb2222")
                .input("deployment-url", serverUrl).run();
        assertThat(green.exitCode()).as(green.stdout()).isZero();
        assertThat(green.stdout()).contains("Deployed " + INCREMENT + " to slot green of prod (idle; blue stays live)");
        // The summary's headline names the commit deployed to the idle slot, not the live one.
        assertThat(ws.summaryText().lines().filter(l -> l.startsWith("✅")).findFirst().orElseThrow())
                .contains("commit `bbb2222`").doesNotContain("aaa1111");
        assertThat(ws.outputs()).containsEntry("environment", "prod").containsEntry("profile", "local-prod");
        assertThat(deployments(ws).path("prod").path("slots").path("live").asText()).isEqualTo("blue");
        clearFiles(ws);

        ActionWorkspace.Run swap = ws.step("swap-slots").input("environment", "prod").run();

        assertThat(swap.exitCode()).as(swap.stdout()).isZero();
        assertThat(swap.stdout()).contains("Swapped slots of prod for " + INCREMENT + ": green is live, blue is idle");
        assertThat(deployments(ws).path("prod").path("slots").path("live").asText()).isEqualTo("green");
        assertThat(json(ws.outputs().get("deployment")).path("commit").asText()).isEqualTo("bbb2222");

        ActionWorkspace.Run canary = ws.step("deploy").input("environment", "prod").input("canary", "10")
                .input("commit", "ccc3333").run();
        assertThat(canary.exitCode()).as("a canary beside the live slot").isEqualTo(2);
        assertThat(canary.stdout()).contains("prod runs blue-green slots (live: green): a canary beside it would record "
                + "a version no slot runs; deploy the new version to the idle slot and swap");
        assertThat(deployments(ws).path("prod").has("canary")).isFalse();
    }

    @Test
    void deployToEveryEnvironmentRecordsTheCommitInPipelineOrderAndSummarisesIt() throws IOException {
        ActionWorkspace ws = workspace().input("command", "deploy").input("all-environments", "true")
                .input("environment", "").input("commit", "abc1234").input("health-check", "false");

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(run.stdout()).contains("::group::" + INCREMENT + " → every environment: deploy")
                .contains("::notice title=SpecWeave Deploy::Recorded " + INCREMENT
                        + " (commit abc1234) in dev, qa, staging, uat, prod");
        JsonNode deployments = deployments(ws);
        assertThat(deployments.fieldNames()).toIterable().contains("dev", "qa", "staging", "uat", "prod");
        deployments.forEach(d -> assertThat(d.path("commit").asText()).isEqualTo("abc1234"));
        assertThat(ws.outputs()).containsEntry("increment", INCREMENT);
        assertThat(json(ws.outputs().get("status")).path("environments").findValuesAsText("state"))
                .containsOnly("deployed");
        assertThat(ws.summaryText()).contains("→ every environment", "✅ Recorded", "- ✅ ", "```mermaid");
    }

    @Test
    void deployToEveryEnvironmentStopsAtARefusedGateAndFailsSayingWhere() throws IOException {
        ActionWorkspace ws = workspace().input("command", "deploy").input("all-environments", "true")
                .input("environment", "").input("commit", "abc1234").input("health-check", "false");
        Path config = ws.workspace.resolve(".specweave/config.json");
        Files.writeString(config, Files.readString(config).replace("\"deployment\": {",
                "\"deployment\": {\"promotion\": {\"requireApproval\": [\"uat\"]},"));

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).contains("::error title=SpecWeave Deploy::stopped at uat: ");
        assertThat(deployments(ws).path("staging").path("commit").asText()).isEqualTo("abc1234");
        assertThat(deployments(ws).path("uat").path("commit").asText()).isNotEqualTo("abc1234");
        assertThat(ws.summaryText()).contains("❌ Recorded " + INCREMENT + " (commit abc1234) in dev, qa, staging",
                "- ⏭️ uat: not recorded", "> [!CAUTION]");
    }

    @Test
    void deployToEveryEnvironmentWithAnEnvironmentIsBadInputNamingTheActionsInputs() throws IOException {
        ActionWorkspace.Run run = workspace().input("command", "deploy").input("all-environments", "true")
                .input("environment", "qa").run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).contains("::error title=Input all-environments::`all-environments: true` records "
                + "every environment", "leave out the `environment` input", "the `canary` input and");
    }

    @Test
    void swapSlotsRefusesAnUnhealthyIdleSlotUnlessForced() throws IOException {
        healthStatus.set(503);
        ActionWorkspace ws = workspace().input("command", "deploy").input("environment", "prod-blue");
        assertThat(ws.run().exitCode()).isZero();
        ws.input("environment", "prod-green").input("commit", "ccc3333").input("deployment-url", serverUrl);
        assertThat(ws.run().exitCode()).isZero();
        ws.input("command", "swap-slots").input("environment", "prod").input("deployment-url", "");

        ActionWorkspace.Run refused = ws.run();
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(deployments(ws).path("prod").path("slots").path("live").asText()).isEqualTo("blue");

        ActionWorkspace.Run forced = ws.input("force", "true").run();
        assertThat(forced.exitCode()).as(forced.stdout()).isZero();
        assertThat(deployments(ws).path("prod").path("slots").path("live").asText()).isEqualTo("green");
    }

    @Test
    void deployACanaryStepThenRollItBack() throws IOException {
        ActionWorkspace ws = workspace().input("command", "deploy").input("environment", "prod").input("canary", "10");

        ActionWorkspace.Run step = ws.run();

        assertThat(step.exitCode()).as(step.stdout()).isZero();
        assertThat(step.stdout()).contains("Canary of " + INCREMENT + " in prod: 10 %");
        JsonNode canary = deployments(ws).path("prod").path("canary");
        assertThat(canary.path("weight").asInt()).isEqualTo(10);
        assertThat(canary.path("status").asText()).isEqualTo("running");
        // Users see the canary: the environment's tracking item shows it from its first step.
        assertThat(ws.outputs().get("tracking-id")).isEqualTo(INCREMENT + "/prod");
        // The canary's own health is what monitor checks: the step checked nothing.
        assertThat(ws.outputs().get("health-status")).isNullOrEmpty();
        // A first canary has no full deployment yet: the output is the environment as recorded.
        assertThat(json(ws.outputs().get("deployment")).path("canary").path("weight").asInt()).isEqualTo(10);
        assertThat(ws.summaryText()).contains("✅ Canary of " + INCREMENT + " in prod: 10 %");
        clearFiles(ws);

        ActionWorkspace.Run back = ws.input("command", "rollback").input("canary", "true").run();

        assertThat(back.exitCode()).as(back.stdout()).isZero();
        canary = deployments(ws).path("prod").path("canary");
        assertThat(canary.path("weight").asInt()).isZero();
        assertThat(canary.path("status").asText()).isEqualTo("abandoned");
    }

    @Test
    void aCanaryThatIsNotANumberIsBadInputNamingIt() throws IOException {
        ActionWorkspace.Run run = workspace().input("command", "deploy").input("environment", "prod")
                .input("canary", "abc").run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).contains("::error title=Input canary::input \"canary\": expected a whole number, got \"abc\"");
    }

    @Test
    void aSlotAndACanaryTogetherAreBadInputNamingTheInputs() throws IOException {
        ActionWorkspace.Run run = workspace().input("command", "deploy").input("environment", "prod")
                .input("slot", "green").input("canary", "10").run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).contains("::error title=Input slot::the `slot` input and the `canary` input are two ways to roll "
                + "out; give one of them");
    }

    @Test
    void refusalsOfAValueAreTitledWithTheInputThatGaveIt() throws IOException {
        ActionWorkspace ws = workspace();
        ActionWorkspace.Run slot = ws.step("deploy").input("increment", "0002").input("environment", "prod")
                .input("slot", "purple").run();
        assertThat(slot.exitCode()).isEqualTo(2);
        assertThat(slot.stdout()).contains("::error title=Input slot::slot \"purple\": expected one of blue, green");

        ActionWorkspace.Run envSlot = ws.step("deploy").input("increment", "0002").input("environment", "prod-purple")
                .run();
        assertThat(envSlot.exitCode()).isEqualTo(2);
        assertThat(envSlot.stdout()).contains("::error title=Input environment::slot \"purple\"");

        assertThat(ws.step("deploy").input("increment", "0002").input("environment", "prod").input("canary", "10")
                .input("commit", "c0ffee1").run().exitCode()).isZero();
        Files.writeString(ws.workspace.resolve("metrics.json"), "{\"canary\": ");
        ActionWorkspace.Run metrics = ws.step("monitor").input("increment", "0002").input("environment", "prod")
                .input("canary", "true").input("metrics-file", "metrics.json").run();
        assertThat(metrics.exitCode()).isEqualTo(2);
        assertThat(metrics.stdout()).contains("::error title=Input metrics-file::", "metrics.json: not valid JSON");

        assertThat(ws.step("rollback").input("increment", "0002").input("environment", "prod").input("canary", "true")
                .run().exitCode()).isZero();
        assertThat(ws.step("sync").input("increment", "0002").input("environment", "prod").input("force", "true")
                .run().exitCode()).isZero();
        ActionWorkspace.Run stable = ws.step("deploy").input("increment", "0002").input("environment", "prod")
                .input("canary", "10").run();
        assertThat(stable.exitCode()).isEqualTo(2);
        assertThat(stable.stdout()).contains("::error title=Input canary::commit ", "is already the stable version of "
                + "prod; a canary needs a different commit");
    }

    @Test
    void twoActiveIncrementsAndABranchOfNeitherAreTitledWithTheIncrementInput() throws IOException {
        ActionWorkspace ws = workspace();
        Path other = ws.workspace.resolve(".specweave/increments/0003-oauth-google/metadata.json");
        Files.writeString(other, Files.readString(other).replace("\"status\": \"planning\"", "\"status\": \"active\""));
        Files.writeString(ws.workspace.resolve(".specweave/state/active-increment.json"),
                "{\"ids\": [\"0002-password-reset\", \"0003-oauth-google\"]}");

        ActionWorkspace.Run run = ws.step("sync").input("environment", "qa").run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).contains("::error title=Input increment::2 increments are active");
    }

    @Test
    void rollbackPutsThePreviousCommitBack() throws IOException {
        ActionWorkspace ws = workspace().input("profile", "local-prod").input("commit", "1111111");
        assertThat(ws.run().exitCode()).isZero();
        assertThat(ws.input("commit", "2222222").run().exitCode()).isZero();
        clearFiles(ws);

        ActionWorkspace.Run run = ws.input("command", "rollback").input("commit", "").input("reason", "checkout broken")
                .run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(run.stdout()).contains("Rolled back " + INCREMENT + " in prod: commit 1111111 is current again "
                + "(was 2222222)");
        JsonNode deployment = json(ws.outputs().get("deployment"));
        assertThat(deployment.path("commit").asText()).isEqualTo("1111111");
        assertThat(deployment.path("rolledBackFrom").asText()).isEqualTo("2222222");
        assertThat(deployment.path("rollbackReason").asText()).isEqualTo("checkout broken");
        assertThat(deployment.has("history")).isFalse();
        assertThat(ws.metadata(INCREMENT)).contains("rolled_back").contains("checkout broken");
    }

    @Test
    void featureFlagsEnableListAndExport() throws IOException {
        // increment: active (the runner's default) means "no increment": the change is not recorded in one.
        ActionWorkspace ws = workspace().input("command", "feature-flag").input("action", "enable")
                .input("flag", "newCheckout").input("environment", "qa").input("increment", "active");

        ActionWorkspace.Run typo = ws.run();
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.stdout()).contains("::error title=Input flag::", "`create-flag: true`");
        clearFiles(ws);

        ActionWorkspace.Run enable = ws.input("create-flag", "true").run();
        assertThat(enable.exitCode()).as(enable.stdout()).isZero();
        assertThat(enable.stdout()).contains("::notice title=SpecWeave Deploy::Feature flag newCheckout is on in qa");
        assertThat(ActionWorkspace.read(ws.workspace.resolve(".specweave/config/feature-flags.json")))
                .contains("newCheckout");

        clearFiles(ws);
        ActionWorkspace.Run list = ws.step("feature-flag").input("action", "list").input("environment", "qa").run();
        assertThat(list.exitCode()).as(list.stdout()).isZero();
        assertThat(ws.summaryText()).contains("| flag |").contains("| newCheckout |");

        clearFiles(ws);
        ActionWorkspace.Run export = ws.step("feature-flag").input("action", "export").input("environment", "qa")
                .input("format", "json").run();
        assertThat(export.exitCode()).as(export.stdout()).isZero();
        assertThat(export.stdout()).contains("::group::Feature flags of qa\n{").contains("\"newCheckout\"");
        assertThat(ws.outputs()).containsEntry("environment", "qa");
    }

    @Test
    void aFlagActionRefusesTheInputsItWouldIgnoreButNotTheRunnersDefaults() throws IOException {
        ActionWorkspace ws = workspace();
        Map<String, String> before = ActionWorkspace.snapshot(ws.workspace);

        ActionWorkspace.Run listWithFlag = ws.step("feature-flag").input("action", "list").input("flag", "newCheckout")
                .run();
        assertThat(listWithFlag.exitCode()).isEqualTo(2);
        assertThat(listWithFlag.stdout()).contains("::error title=Input flag::input \"flag\": not read by "
                + "feature-flag list (only by feature-flag enable, disable); remove it from this step");

        ActionWorkspace.Run listAsJson = ws.step("feature-flag").input("action", "list").input("format", "json").run();
        assertThat(listAsJson.exitCode()).isEqualTo(2);
        assertThat(listAsJson.stdout()).contains("::error title=Input format::", "(only by feature-flag export)");

        ActionWorkspace.Run exportCreating = ws.step("feature-flag").input("action", "export")
                .input("environment", "qa").input("create-flag", "true").run();
        assertThat(exportCreating.exitCode()).isEqualTo(2);
        assertThat(exportCreating.stdout()).contains("::error title=Input create-flag::");
        assertThat(ActionWorkspace.snapshot(ws.workspace)).isEqualTo(before);

        // increment: active and format: env are what the runner passes when the workflow says nothing.
        ActionWorkspace.Run enable = ws.step("feature-flag").input("action", "enable").input("flag", "newCheckout")
                .input("environment", "qa").input("create-flag", "true").run();
        assertThat(enable.exitCode()).as(enable.stdout()).isZero();
    }

    @Test
    void aFeatureFlagChangeNamingAnIncrementIsRecordedInItsHistory() throws IOException {
        ActionWorkspace ws = workspace().input("profile", "local-qa");
        assertThat(ws.run().exitCode()).isZero();

        ActionWorkspace.Run run = ws.step("feature-flag").input("increment", "0002").input("action", "disable")
                .input("flag", "newCheckout").input("environment", "qa").input("create-flag", "true").run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(deployments(ws).path("qa").path("flagChanges").toString()).contains("newCheckout");
    }

    @Test
    void featureFlagWithoutOrWithAnUnknownActionIsBadInputNamingIt() {
        ActionWorkspace.Run missing = new ActionWorkspace(temp).input("command", "feature-flag").run();
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stdout()).contains("::error title=Input action::no flag action given: the `action` input is "
                + "enable, disable, list or export");

        ActionWorkspace.Run unknown = new ActionWorkspace(temp.resolve("other")).input("command", "feature-flag")
                .input("action", "toggle").run();
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stdout()).contains("::error title=Input action::input \"action\": expected enable, "
                + "disable, list or export, got \"toggle\"");
    }
}
