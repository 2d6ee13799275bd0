package io.specweave.deploy.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.Secret;
import io.specweave.deploy.app.TrackerFactory;
import io.specweave.deploy.tracker.TrackingRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubActionMainTest {

    @TempDir
    Path temp;

    @Test
    void syncRecordsTheDeploymentAndWritesEveryOutput() throws IOException {
        ActionWorkspace ws = new ActionWorkspace(temp).input("increment", "0002").input("profile", "local-qa");

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        Map<String, String> outputs = ws.outputs();
        // Outputs a run has no value for are not written: the runner reads them as ''.
        assertThat(ActionWorkspace.SYNC_OUTPUTS).containsAll(outputs.keySet());
        String raw = ActionWorkspace.read(ws.output);
        assertThat(raw).contains("environment=qa\n").containsPattern("(?m)^deployment<<ghadelimiter_[0-9a-f-]+$")
                .containsPattern("(?m)^status<<ghadelimiter_[0-9a-f-]+$");
        assertThat(outputs).containsEntry("increment", "0002-password-reset")
                .containsEntry("environment", "qa")
                .containsEntry("profile", "local-qa")
                .containsEntry("tracking-id", "0002-password-reset/qa")
                .doesNotContainKeys("tracking-url", "health-status", "deployment-id");
        JsonNode deployment = Json.mapper().readTree(outputs.get("deployment"));
        assertThat(deployment.path("status").asText()).isEqualTo("deployed");
        assertThat(deployment.path("commit").asText()).isEqualTo(ActionWorkspace.SHA);
        assertThat(deployment.path("branch").asText()).isEqualTo("main");
        assertThat(deployment.path("deployedBy").asText()).isEqualTo("octocat");
        assertThat(deployment.path("runUrl").asText()).isEqualTo("https://github.com/demo-shop/demo-shop/actions/runs/4242");
        assertThat(deployment.path("deploymentUrl").asText()).isEqualTo("https://qa.demo-shop.example");
        assertThat(deployment.path("deployedAt").asText()).isEqualTo("2026-11-27T10:15:00Z");
        JsonNode status = Json.mapper().readTree(outputs.get("status"));
        assertThat(status.path("id").asText()).isEqualTo("0002-password-reset");
        List<String> states = new ArrayList<>();
        status.path("environments").forEach(e -> states.add(e.path("environment").asText() + ":" + e.path("state").asText()));
        assertThat(states).containsExactly("dev:not_deployed", "qa:deployed", "staging:not_deployed",
                "uat:not_deployed", "prod:not_deployed");

        assertThat(ws.metadata("0002-password-reset")).contains("\"qa\": {").contains(ActionWorkspace.SHA)
                .contains("\"note\": \"kept as is by specweave-deploy\"");
        assertThat(run.stdout()).contains("::notice title=SpecWeave Deploy::Recorded 0002-password-reset → qa (deployed")
                .contains("::group::0002-password-reset → qa: sync").contains("::endgroup::");
    }

    @Test
    void summaryShowsThePipelineWithThisEnvironmentHighlighted() {
        ActionWorkspace ws = new ActionWorkspace(temp).input("increment", "0002").input("environment", "staging");

        assertThat(ws.run().exitCode()).isZero();

        String summary = ws.summaryText();
        assertThat(summary).startsWith("## SpecWeave Deploy: 0002-password-reset → staging")
                .contains("```mermaid\nflowchart LR\n")
                .contains("env0 --> env1").contains("env3 --> env4")
                .contains("class env2 deployed").contains("class env2 current").contains("class env0 pending")
                .contains("| **staging** ⬅ | ✅ deployed | 2026-11-27T10:15:00Z | octocat | `9b1d5f0c2e4a` main |")
                .contains("[https://staging.demo-shop.example](https://staging.demo-shop.example)")
                .contains("lives only in this run's workspace")
                .contains("`commit-metadata: true`");
        assertThat(summary.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(1024 * 1024);
        assertThat(ws.outputs()).containsEntry("profile", "local-staging");
    }

    @Test
    void secretInputsAreMaskedBeforeAnyOtherOutputAndNeverShownUnmasked() throws IOException {
        String token = "fake-token-TopSecretToken0123456789";
        String jira = "jira-api-SECRET-987";
        String pat = "jira-pat-SECRET-654";
        String ado = "ado-pat-SECRET-321\nsecond-line-SECRET";
        ActionWorkspace ws = new ActionWorkspace(temp).input("increment", "0002").input("profile", "local-dev")
                .input("github-token", token).input("jira-email", "me@example.com").input("jira-api-token", jira)
                .input("jira-pat", pat).input("azure-devops-pat", ado)
                .input("deployment-url", "https://dev.demo-shop.example/?t=" + token);

        String before = ws.metadata("0002-password-reset");

        ActionWorkspace.Run run = ws.run();

        // A value holding a credential is refused, so the token is neither recorded nor shown.
        assertThat(run.exitCode()).as(run.stdout()).isEqualTo(2);
        List<String> lines = run.lines();
        int masks = 0;
        while (masks < lines.size() && lines.get(masks).startsWith("::add-mask::")) {
            masks++;
        }
        assertThat(lines.subList(0, masks)).contains("::add-mask::" + token, "::add-mask::" + jira,
                "::add-mask::" + pat, "::add-mask::ado-pat-SECRET-321%0Asecond-line-SECRET",
                "::add-mask::second-line-SECRET");
        assertThat(lines.subList(masks, lines.size())).noneMatch(l -> l.startsWith("::add-mask::"));
        assertThat(lines.subList(0, masks)).noneMatch(l -> l.contains("me@example.com"));
        List<String> everything = new ArrayList<>(lines.subList(masks, lines.size()));
        everything.add(ActionWorkspace.read(ws.output));
        everything.add(ws.summaryText());
        assertThat(String.join("\n", everything)).doesNotContain(token).doesNotContain(jira).doesNotContain(pat)
                .doesNotContain("ado-pat-SECRET-321").doesNotContain("second-line-SECRET")
                .contains("::error title=Input deployment-url::input \"deployment-url\": holds the value of "
                        + "`github-token` (GITHUB_TOKEN), a credential");
        assertThat(ws.metadata("0002-password-reset")).isEqualTo(before);
    }

    @Test
    void deployedInProgressRecordsAStartedDeployment() throws IOException {
        ActionWorkspace ws = new ActionWorkspace(temp).input("increment", "0002").input("deployed", "in-progress");

        assertThat(ws.run().exitCode()).isZero();

        assertThat(Json.mapper().readTree(ws.outputs().get("deployment")).path("status").asText())
                .isEqualTo("in_progress");
        assertThat(ws.summaryText()).contains("class env0 progress")
                .contains("🔄 Recorded 0002-password-reset → dev (in_progress").doesNotContain("✅ Recorded");
    }

    @Test
    void secretsStayMaskedWhenTheRunFails() {
        String token = "ghp_FailingRunToken42";
        ActionWorkspace ws = new ActionWorkspace(temp).input("github-token", token).input("deployed", "maybe");

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.lines().get(0)).isEqualTo("::add-mask::" + token);
        assertThat(run.stdout().substring(run.stdout().indexOf('\n'))).doesNotContain(token);
    }

    @Test
    void credentialInputsReachTheTrackerAndWinOverTheProcessEnvironment() throws IOException {
        ActionWorkspace ws = new ActionWorkspace(temp).input("increment", "0002").input("profile", "github-qa")
                .input("github-token", "from-input").input("jira-email", "me@example.com")
                .input("jira-api-token", "jira-token").input("azure-devops-pat", "ado-token");
        ws.env.put("GITHUB_TOKEN", "from-process-env");
        ws.env.put("JIRA_PAT", "jira-pat-from-env");
        addProfile(ws, "github-qa", "github", "qa");
        AtomicReference<Credentials> seen = new AtomicReference<>();

        ActionWorkspace.Run run = ws.run(credentials -> {
            seen.set(credentials);
            return new TrackerFactory(credentials).register(Provider.GITHUB, (profile, creds) -> request ->
                    new TrackingRef(Provider.GITHUB, 57, null, "https://github.com/demo-shop/qa/issues/57", true, true,
                            List.of()));
        });

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        Credentials credentials = seen.get();
        assertThat(credentials.find(List.of("GITHUB_TOKEN")).map(Secret::reveal)).contains("from-input");
        assertThat(credentials.find(List.of("JIRA_EMAIL")).map(Secret::reveal)).contains("me@example.com");
        assertThat(credentials.find(List.of("JIRA_API_TOKEN")).map(Secret::reveal)).contains("jira-token");
        assertThat(credentials.find(List.of("AZURE_DEVOPS_PAT")).map(Secret::reveal)).contains("ado-token");
        assertThat(credentials.find(List.of("JIRA_PAT")).map(Secret::reveal)).contains("jira-pat-from-env");
        assertThat(ws.outputs()).containsEntry("tracking-id", "57")
                .containsEntry("tracking-url", "https://github.com/demo-shop/qa/issues/57");
        assertThat(ws.summaryText()).contains("[#57](https://github.com/demo-shop/qa/issues/57)");
    }

    @Test
    void aMissingTokenIsNamedAsTheInputThatGivesIt() throws IOException {
        ActionWorkspace ws = new ActionWorkspace(temp).input("increment", "0002").input("profile", "github-qa")
                .input("github-token", "");
        addProfile(ws, "github-qa", "github", "qa");

        // The real trackers: GitHub's asks for its token before it sends anything.
        ActionWorkspace.Run run = ws.run(TrackerFactory::standard);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).contains("::error title=Input github-token::no GitHub token for profile \"github-qa\" "
                + "(demo-shop/qa): set `github-token` (GITHUB_TOKEN) or GH_TOKEN to a token with issues: write on "
                + "demo-shop/qa");
    }


    @Test
    void aRefreshThatFindsNoTokenNamesTheInputThatGivesIt() throws IOException {
        ActionWorkspace ws = new ActionWorkspace(temp).input("increment", "0002").input("profile", "local-dev")
                .input("refresh", "true").input("github-token", "");
        addProfile(ws, "github-qa", "github", "qa");

        ActionWorkspace.Run run = ws.run(TrackerFactory::standard);

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        String said = "qa (github-qa): not reachable from here: no GitHub token for profile \"github-qa\" (demo-shop/qa): "
                + "set `github-token` (GITHUB_TOKEN) or GH_TOKEN";
        assertThat(run.stdout()).contains("refreshed: " + said);
        assertThat(ws.summaryText()).contains("Read before deciding:", "- " + said);
    }
    @Test
    void aTokenGithubRejectsIsNamedAsTheInputThatGivesIt() throws IOException {
        com.sun.net.httpserver.HttpServer github = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        github.createContext("/", exchange -> {
            byte[] body = "{\"message\": \"Bad credentials\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        github.start();
        try {
            ActionWorkspace ws = new ActionWorkspace(temp).input("increment", "0002").input("profile", "github-qa")
                    .input("github-token", "ghp_rejected0000000000");
            ws.env.put("GITHUB_API_URL", "http://127.0.0.1:" + github.getAddress().getPort());
            addProfile(ws, "github-qa", "github", "qa");

            ActionWorkspace.Run run = ws.run(TrackerFactory::standard);

            assertThat(run.exitCode()).as(run.stdout()).isEqualTo(1);
            assertThat(run.stdout()).contains("GitHub rejected the token in `github-token` (GITHUB_TOKEN) (HTTP 401",
                    "set `github-token` (GITHUB_TOKEN) to a token with issues: write on demo-shop/qa");
        } finally {
            github.stop(0);
        }
    }

    @Test
    void theGithubDeploymentTheTrackerRecordedIsTheDeploymentIdOutput() throws IOException {
        ActionWorkspace ws = new ActionWorkspace(temp).input("increment", "0002").input("profile", "github-qa");
        addProfile(ws, "github-qa", "github", "qa");

        ActionWorkspace.Run run = ws.run(credentials -> new TrackerFactory(credentials).register(Provider.GITHUB,
                (profile, creds) -> request -> new TrackingRef(Provider.GITHUB, 57, null,
                        "https://github.com/demo-shop/qa/issues/57", true, true, List.of(), 1_234_567_890_123L)));

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(ws.outputs()).containsEntry("deployment-id", "1234567890123").containsEntry("tracking-id", "57");
    }

    @Test
    void aFailingTrackerIsAnErrorWithExitCodeOneAndTheRecordIsKept() throws IOException {
        ActionWorkspace ws = new ActionWorkspace(temp).input("increment", "0002").input("profile", "github-qa");
        addProfile(ws, "github-qa", "github", "qa");

        ActionWorkspace.Run run = ws.run(credentials -> new TrackerFactory(credentials).register(Provider.GITHUB,
                (profile, creds) -> request -> {
                    throw new OperationFailedException("GitHub answered 502 Bad Gateway for demo-shop/qa");
                }));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).contains("::error title=SpecWeave Deploy::GitHub answered 502 Bad Gateway");
        assertThat(ws.metadata("0002-password-reset")).contains("\"qa\": {");
        assertThat(ws.summaryText()).contains("⚠️ Recorded 0002-password-reset → qa").contains("> [!CAUTION]")
                .contains("502 Bad Gateway").doesNotContain("could not be read")
                // The item did not get this record: only the workspace has it.
                .contains("the record lives only in this run's workspace").doesNotContain("and on the tracking item");
    }

    @Test
    void anUnexpectedErrorExitsOneAndShowsItsStackTraceOnlyInDebugRuns() throws IOException {
        ActionWorkspace ws = new ActionWorkspace(temp).input("increment", "0002").input("profile", "github-qa");
        addProfile(ws, "github-qa", "github", "qa");
        ws.env.put("RUNNER_DEBUG", "1");

        // A bug of ours, before any tracker runs (a tracker's own is a recorded tracker failure).
        ActionWorkspace.Run run = ws.run(credentials -> {
            throw new IllegalStateException("tracker bug");
        });

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).contains("::error title=SpecWeave Deploy::unexpected IllegalStateException: tracker bug")
                .contains("::group::Stack trace").contains("at io.specweave.deploy.app.Operations.sync");
        assertThat(ws.summaryText()).contains("unexpected IllegalStateException: tracker bug");
    }

    @Test
    void anUnknownCommandIsABadInputNamingTheInput() {
        ActionWorkspace.Run run = new ActionWorkspace(temp).input("command", "launch-rockets").run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).contains("::error title=Input command::input \"command\": unknown command "
                + "\"launch-rockets\"; expected one of sync, status");
    }

    @Test
    void deployedMaybeIsABadInputNamingTheInput() {
        ActionWorkspace ws = new ActionWorkspace(temp).input("deployed", "maybe");

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).contains("::error title=Input deployed::input \"deployed\": expected true");
        assertThat(ws.metadata("0002-password-reset")).doesNotContain("deployments");
    }

    @Test
    void aBooleanInputOtherThanTrueOrFalseIsABadInput() {
        ActionWorkspace.Run run = new ActionWorkspace(temp).input("commit-metadata", "yes").run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).contains("::error title=Input commit-metadata::input \"commit-metadata\": "
                + "expected true or false, got \"yes\"");
    }

    @Test
    void noEnvironmentIsABadInputNamingTheInputsAndSpecweavesDefaultProfileDoesNotChooseOne() throws IOException {
        ActionWorkspace ws = new ActionWorkspace(temp).input("environment", "");
        Path config = ws.workspace.resolve(".specweave/config.json");
        // sync.defaultProfile is where SpecWeave syncs its own issues: never a deployment's environment
        Files.writeString(config, Files.readString(config).replace("\"enabled\": true,",
                "\"enabled\": true, \"defaultProfile\": \"demo-shop\","));

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).contains("::error title=Input profile::")
                .contains("no environment chosen: pass the `environment` input or the `profile` input")
                .doesNotContain("--profile");
    }

    @Test
    void aBrokenProfileThisStepDoesNotUseIsIgnoredAndSaidInTheStepDebugLog() throws IOException {
        // The debug run passes the step's env as it is: the demo's hosts are fake, so no health check.
        ActionWorkspace ws = new ActionWorkspace(temp).input("environment", "qa").input("health-check", "false");
        Path config = ws.workspace.resolve(".specweave/config.json");
        Files.writeString(config, Files.readString(config).replace("\"profiles\": {",
                "\"profiles\": {\"half-done\": {\"provider\": \"gitlab\", \"environment\": \"perf\"},"));

        ActionWorkspace.Run quiet = ws.run();
        ActionWorkspace.Run debug = ws.input("environment", "dev").run(withRunnerDebug(ws), ActionWorkspace.Trackers::standard);

        assertThat(quiet.exitCode()).as(quiet.stdout()).isZero();
        assertThat(quiet.stdout()).doesNotContain("half-done");
        assertThat(debug.exitCode()).as(debug.stdout()).isZero();
        assertThat(debug.stdout()).contains("::debug::sync.profiles.half-done: ignored unless a command uses it: ");
        // The step runs the sync, then reads the pipeline after it: the notes are told once.
        assertThat(debug.stdout().split("half-done: ignored", -1)).hasSize(2);
    }

    private static Map<String, String> withRunnerDebug(ActionWorkspace ws) {
        Map<String, String> env = new java.util.HashMap<>(ws.env);
        env.put("RUNNER_DEBUG", "1");
        return env;
    }

    @Test
    void anUnknownIncrementIsABadInputOfTheIncrementInput() {
        ActionWorkspace.Run run = new ActionWorkspace(temp).input("increment", "0099").input("profile", "local-qa").run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).contains("::error title=Input increment::increment \"0099\": no such increment in ");
    }

    @Test
    void anUnknownProfileIsABadInputListingTheKnownOnes() {
        ActionWorkspace.Run run = new ActionWorkspace(temp).input("profile", "jira-moon").run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).contains("::error title=Input profile::")
                .contains("no profile named \"jira-moon\"").contains("known profiles: local-dev");
    }

    /** The runner passes an input left out as an empty one: that is the default, not a refusal as the CLI's --dir "". */
    @Test
    void anEmptyWorkingDirectoryIsTheWorkspace() {
        ActionWorkspace ws = new ActionWorkspace(temp).input("increment", "0002").input("environment", "qa")
                .input("working-directory", "");

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(ws.metadata("0002-password-reset")).contains("\"qa\": {");
    }

    @Test
    void aWorkingDirectoryWithoutSpecweaveIsABadInput() throws IOException {
        ActionWorkspace ws = new ActionWorkspace(temp).input("working-directory", "services/api");
        Files.createDirectories(ws.workspace.resolve("services/api"));

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).contains("::error title=Input working-directory::")
                .contains("services/api: no .specweave folder here; run in the project root or pass the "
                        + "`working-directory` input");
    }

    @Test
    void aWorkingDirectoryThatDoesNotExistIsABadInputAndNothingIsWritten() throws IOException {
        ActionWorkspace ws = new ActionWorkspace(temp).input("working-directory", "services/missing");

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).contains("::error title=Input working-directory::")
                .contains("services/missing: no .specweave folder here");
        assertThat(ws.workspace.resolve("services")).doesNotExist();
    }

    @Test
    void aWorkingDirectoryOutsideTheWorkspaceIsABadInput() throws IOException {
        // A project beside the workspace, which a step must not write to.
        ActionWorkspace.copyTree(ActionWorkspace.DEMO, temp.resolve("elsewhere"));
        ActionWorkspace ws = new ActionWorkspace(temp).input("profile", "local-qa");
        // A link in the workspace that leads out of it is outside too.
        java.nio.file.Files.createSymbolicLink(ws.workspace.resolve("link"), temp.resolve("elsewhere"));
        for (String outside : List.of("../elsewhere", temp.resolve("elsewhere").toString(), "link")) {
            ActionWorkspace.Run run = ws.input("working-directory", outside).run();

            assertThat(run.exitCode()).as(outside).isEqualTo(2);
            assertThat(run.stdout()).contains("::error title=Input working-directory::input \"working-directory\": "
                    + "expected a folder inside the workspace, got \"" + outside + "\"");
        }
        assertThat(temp.resolve("elsewhere/.specweave/increments/0002-password-reset/metadata.json"))
                .content().doesNotContain("\"qa\": {");
    }

    @Test
    void outputsThatCannotBeWrittenFailTheStepSayingSoAfterTheRecord() throws IOException {
        ActionWorkspace ws = new ActionWorkspace(temp).input("increment", "0002").input("profile", "local-qa");
        // A folder where the runner's file should be: appending to it fails for any user, root too.
        Path output = temp.resolve("not-a-file");
        Files.createDirectories(output);
        ws.env.put("GITHUB_OUTPUT", output.toString());

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).contains("::error title=SpecWeave Deploy::the step's outputs were not written "
                + "(GITHUB_OUTPUT): cannot append to " + output).contains("what the step recorded stays recorded")
                .doesNotContain("unexpected");
        assertThat(ws.metadata("0002-password-reset")).contains("\"qa\": {");
        assertThat(ws.summaryText()).contains("Recorded 0002-password-reset → qa");
    }

    @Test
    void workingDirectoryPointsAtAProjectInsideTheWorkspace() throws IOException {
        ActionWorkspace ws = new ActionWorkspace(temp, false).input("working-directory", "apps/shop")
                .input("increment", "3").input("profile", "local-prod").input("tag", "v2.0.0");
        ActionWorkspace.copyTree(ActionWorkspace.DEMO, ws.workspace.resolve("apps/shop"));

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(ws.outputs()).containsEntry("increment", "0003-oauth-google").containsEntry("environment", "prod");
        assertThat(ActionWorkspace.read(ws.workspace.resolve(
                "apps/shop/.specweave/increments/0003-oauth-google/metadata.json"))).contains("\"tag\": \"v2.0.0\"");
    }

    @Test
    void dryRunWritesNoMetadataButStillReportsWhatWouldBeRecorded() throws IOException {
        ActionWorkspace ws = new ActionWorkspace(temp).input("increment", "0002").input("dry-run", "true");
        String before = ws.metadata("0002-password-reset");

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).isZero();
        assertThat(ws.metadata("0002-password-reset")).isEqualTo(before);
        assertThat(Json.mapper().readTree(ws.outputs().get("deployment")).path("status").asText()).isEqualTo("deployed");
        assertThat(run.stdout()).contains("Would record 0002-password-reset → dev");
        assertThat(ws.summaryText()).contains("Dry run: nothing was written");
    }

    @Test
    void deployedFalseRecordsAFailedDeployment() throws IOException {
        ActionWorkspace ws = new ActionWorkspace(temp).input("increment", "0002").input("deployed", "false");

        assertThat(ws.run().exitCode()).isZero();

        assertThat(Json.mapper().readTree(ws.outputs().get("deployment")).path("status").asText()).isEqualTo("failed");
        assertThat(ws.summaryText()).contains("❌ Recorded 0002-password-reset → dev (failed, profile local-dev, local)");
    }

    @Test
    void statusCommandOutputsThePipelineWithoutWriting() throws IOException {
        ActionWorkspace first = new ActionWorkspace(temp).input("increment", "0002").input("profile", "local-dev");
        assertThat(first.run().exitCode()).isZero();
        String metadata = first.metadata("0002-password-reset");
        Files.writeString(first.output, "");
        Files.writeString(first.summary, "");

        ActionWorkspace.Run run = first.input("command", "status").input("profile", "").run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(first.metadata("0002-password-reset")).isEqualTo(metadata);
        Map<String, String> outputs = first.outputs();
        assertThat(outputs).containsEntry("increment", "0002-password-reset");
        assertThat(Json.mapper().readTree(outputs.get("status")).path("environments").get(0).path("state").asText())
                .isEqualTo("deployed");
        assertThat(first.summaryText()).contains("```mermaid").contains("class env0 deployed");
    }

    @Test
    void aLineBreakInARecordedValueStartsNoWorkflowCommand() throws IOException {
        // A committed metadata.json is anyone's text: its values must not command the runner.
        ActionWorkspace ws = new ActionWorkspace(temp).input("increment", "0002").input("profile", "local-qa")
                .input("deployed-by", "octocat");
        assertThat(ws.run().exitCode()).isZero();
        Path metadata = ws.workspace.resolve(".specweave/increments/0002-password-reset/metadata.json");
        Files.writeString(metadata, Files.readString(metadata).replace("\"octocat\"",
                "\"octocat\\n::warning::forged\\n::stop-commands::x\\n  ##[error]forged too\""));

        ActionWorkspace.Run run = ws.step("status").input("increment", "0002").run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(run.stdout()).doesNotContainPattern("(?m)^\\s*::(warning|stop-commands::x)")
                .doesNotContainPattern("(?m)^\\s*##\\[error]")
                .contains("octocat\\n::warning::forged\\n::stop-commands::x\\n  ##[error]forged too");
    }

    @Test
    void aCommitInputOverSeveralLinesIsABadInputAndNothingIsWritten() {
        ActionWorkspace ws = new ActionWorkspace(temp).input("increment", "0002").input("profile", "local-qa")
                .input("commit", "9b1d5f0\n::warning::forged");

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).contains("::error title=Input commit::input \"commit\": expected one line of text")
                .doesNotContainPattern("(?m)^::warning");
        assertThat(ws.metadata("0002-password-reset")).doesNotContain("\"qa\": {");
    }

    @Test
    void writtenFilesGetTheOwnerOfTheSpecweaveFolder() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(isRoot(), "changing owners needs root, as in the container");
        ActionWorkspace ws = new ActionWorkspace(temp).input("increment", "0002");
        try (Stream<Path> all = Files.walk(ws.workspace)) {
            for (Path p : all.toList()) {
                Files.setAttribute(p, "unix:uid", 1001);
                Files.setAttribute(p, "unix:gid", 121);
            }
        }

        assertThat(ws.run().exitCode()).isZero();

        try (Stream<Path> all = Files.walk(ws.workspace.resolve(".specweave"))) {
            assertThat(all.toList()).isNotEmpty().allSatisfy(p -> {
                assertThat(Files.getAttribute(p, "unix:uid")).as(p.toString()).isEqualTo(1001);
                assertThat(Files.getAttribute(p, "unix:gid")).as(p.toString()).isEqualTo(121);
            });
        }
    }

    static boolean isRoot() {
        try {
            Path probe = Files.createTempFile("owner", ".probe");
            try {
                return (Integer) Files.getAttribute(probe, "unix:uid") == 0;
            } finally {
                Files.delete(probe);
            }
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void addProfile(ActionWorkspace ws, String name, String provider, String environment)
            throws IOException {
        // A SpecWeave profile, bound to the environment in deployment.environments.
        Path config = ws.workspace.resolve(".specweave/config.json");
        ObjectNode root = (ObjectNode) io.specweave.deploy.Json.mapper().readTree(config.toFile());
        ObjectNode profile = ((ObjectNode) root.path("sync").path("profiles")).putObject(name).put("provider", provider)
                .put("displayName", environment);
        profile.putObject("config").put("owner", "demo-shop").put("repo", "qa");
        profile.putObject("timeRange").put("default", "1M").put("max", "6M");
        ((ObjectNode) root.path("deployment").path("environments")).putObject(environment).put("profile", name);
        Files.writeString(config, io.specweave.deploy.Json.pretty(root));
    }
}
