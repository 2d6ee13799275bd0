package io.specweave.deploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.app.Host;
import io.specweave.deploy.app.Operations;
import io.specweave.deploy.app.Request;
import io.specweave.deploy.report.OutcomeJson;
import io.specweave.deploy.report.StatusJson;
import io.specweave.deploy.status.PipelineStatus;
import io.specweave.deploy.testing.SharedItems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecweaveStatusStepTest {

    @TempDir
    Path workspace;

    private final Fakes.Log log = new Fakes.Log();

    @BeforeEach
    void deployToDevAndQa() throws Exception {
        Demo.copyTo(workspace);
        Map<String, String> run = Map.of("BUILD_URL", "https://ci.example/job/shop/3/", "GIT_COMMIT", "abc1230");
        Steps.sync("local-dev").callable(run, null, null, new Fakes.Log()).invoke(workspace.toFile(), null);
        Steps.sync("local-qa").callable(run, null, null, new Fakes.Log()).invoke(workspace.toFile(), null);
    }

    @Test
    void printsTheStatusTableAndReturnsTheSameDataAsAMap() throws Exception {
        Map<String, Object> status = run(Steps.status(null), new EnvVars());

        assertThat(log.text()).startsWith("Deployment Status: " + Demo.INCREMENT)
                .contains("✅ DEV: deployed").contains("✅ QA: deployed").contains("⏳ PROD: not deployed");
        assertThat(status).containsEntry("id", Demo.INCREMENT).containsEntry("status", "active");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> environments = (List<Map<String, Object>>) status.get("environments");
        assertThat(environments).extracting(e -> e.get("environment"))
                .containsExactly("dev", "qa", "staging", "uat", "prod");
        assertThat(environments.get(1)).containsEntry("state", "deployed").containsEntry("profile", "local-qa")
                .containsEntry("commit", "abc1230").containsEntry("runUrl", "https://ci.example/job/shop/3/");
        assertThat(environments.get(4)).containsEntry("state", "not_deployed");
        SandboxValues.assertPlain(status);
    }

    @Test
    void whatTheStatusPassedOverIsAWarningInTheLogAndTheMap() throws Exception {
        Path metadata = workspace.resolve(".specweave/increments/" + Demo.INCREMENT + "/metadata.json");
        java.nio.file.Files.writeString(metadata, java.nio.file.Files.readString(metadata)
                .replaceFirst("\"deployments\": \\{", "\"deployments\": {\"uat\": \"pending\", "));

        Map<String, Object> status = run(Steps.status(null), new EnvVars());

        assertThat(log.text()).contains("warning: ").contains("deployments.uat: expected an object (a deployment record), "
                + "got \"pending\"; shown as not deployed");
        assertThat(status.get("warnings")).asList().singleElement().asString().contains("deployments.uat");
        SandboxValues.assertPlain(status);
    }

    @Test
    void aCanaryWithoutAnEarlierRecordIsShownNotTakenForNothing() throws Exception {
        new Operations(Host.system(Map.of(), null, null)).deploy(Request.builder(workspace).environment("prod")
                .canaryWeight(10).commit("c900000").healthCheck(false).build());

        Map<String, Object> status = run(Steps.status(null), new EnvVars(Map.of("NO_COLOR", "1")));

        assertThat(log.text()).doesNotContain("PROD: not deployed yet").contains("Canary:").contains("10 %");
        @SuppressWarnings("unchecked")
        Map<String, Object> prod = ((List<Map<String, Object>>) status.get("environments")).get(4);
        assertThat(prod).containsKey("canary");
    }

    @Test
    void slotsAreShapedAsMetadataJsonHasThemAndAsTheCliAndTheActionShowThem() throws Exception {
        new Operations(Host.system(Map.of(), null, null)).deploy(Request.builder(workspace).environment("prod")
                .slot("green").deploymentUrl("https://green.shop.example").commit("c900000").healthCheck(false).build());

        Map<String, Object> status = run(Steps.status(null), new EnvVars());

        @SuppressWarnings("unchecked")
        Map<String, Object> prod = ((List<Map<String, Object>>) status.get("environments")).get(4);
        @SuppressWarnings("unchecked")
        Map<String, Object> slots = (Map<String, Object>) prod.get("slots");
        assertThat(slots).containsKey("green").doesNotContainKey("slots");
        PipelineStatus pipeline = new Operations(Host.system(Map.of(), null, null)).status(Request.builder(workspace)
                .dora(false).build()).pipeline();
        assertThat(status).isEqualTo(OutcomeJson.plain(StatusJson.of(pipeline, true)));
    }

    @Test
    void theSyncMapAndTheStatusMapNameTheTrackingItemAlike() throws Exception {
        // uat's issues are on GitHub (a stand-in shared by the jobs) instead of local.
        Path config = workspace.resolve(".specweave/config.json");
        ObjectNode root = (ObjectNode) Json.mapper().readTree(config.toFile());
        ObjectNode profiles = (ObjectNode) root.path("sync").path("profiles");
        ObjectNode github = profiles.putObject("github-uat").put("provider", "github").put("displayName", "UAT");
        github.putObject("config").put("owner", "acme").put("repo", "deploys");
        github.putObject("timeRange").put("default", "1M").put("max", "6M");
        ((ObjectNode) root.path("deployment").path("environments")).putObject("uat").put("profile", "github-uat");
        Files.writeString(config, Json.pretty(root));
        SharedItems items = new SharedItems();
        SpecweaveSyncStep step = Steps.sync("github-uat");
        step.setHealthCheck(false);

        Map<String, Object> synced = step.callable(Map.of(), null, null, log).run(workspace, new Operations(Host.of(
                Map.of("GITHUB_TOKEN", "fake-token"), Clock.systemUTC(), items.trackers(), null, null))).values();
        Map<String, Object> status = run(Steps.status(null), new EnvVars());

        @SuppressWarnings("unchecked")
        Map<String, Object> uat = ((List<Map<String, Object>>) status.get("environments")).stream()
                .filter(e -> "uat".equals(e.get("environment"))).findFirst().orElseThrow();
        assertThat(synced).containsEntry("trackingId", "1");
        assertThat(uat).containsEntry("trackingId", "1");
        assertThat(log.text()).contains("Tracking: github #1");
    }

    @Test
    void noColorOrPlainGivesAsciiMarks() throws Exception {
        run(Steps.status("0002"), new EnvVars(Map.of("NO_COLOR", "1")));
        SpecweaveStatusStep plain = Steps.status("0002");
        plain.setPlain(true);
        run(plain, new EnvVars());

        assertThat(log.text()).contains("[x] QA: deployed").doesNotContain("✅");
    }

    @Test
    void withTwoActiveIncrementsTheDefaultIsTheOneOfTheRunsBranch() throws Exception {
        Path oauth = workspace.resolve(".specweave/increments/0003-oauth-google/metadata.json");
        Files.writeString(oauth, Files.readString(oauth).replace("\"status\": \"planning\"", "\"status\": \"active\""));
        Files.writeString(workspace.resolve(".specweave/state/active-increment.json"),
                "{\"ids\": [\"" + Demo.INCREMENT + "\", \"0003-oauth-google\"]}");

        Map<String, Object> status = run(Steps.status(null), new EnvVars(Map.of("JENKINS_URL", "https://ci.example/",
                "BRANCH_NAME", "sw/0003-oauth-google")));

        assertThat(status).containsEntry("id", "0003-oauth-google");
        assertThat(log.text()).startsWith("Deployment Status: 0003-oauth-google");
    }

    @Test
    void anUnknownIncrementAbortsWithCoresMessage() {
        assertThatThrownBy(() -> run(Steps.status("0099"), new EnvVars()))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessageContaining("0099");
    }

    @Test
    void theDescriptorNamesTheStep() {
        SpecweaveStatusStep.DescriptorImpl descriptor = new SpecweaveStatusStep.DescriptorImpl();

        assertThat(descriptor.getFunctionName()).isEqualTo("specweaveStatus");
        assertThat(Set.<Class<?>>copyOf(descriptor.getRequiredContext()))
                .isEqualTo(Set.of(Run.class, FilePath.class, TaskListener.class, EnvVars.class));
        assertThat(Steps.status(" ").getIncrement()).isEqualTo("active");
    }

    private Map<String, Object> run(SpecweaveStatusStep step, EnvVars env) throws Exception {
        Fakes.Context context = new Fakes.Context()
                .with(Run.class, new Fakes.FakeRun(null))
                .with(FilePath.class, new FilePath(workspace.toFile()))
                .with(TaskListener.class, log)
                .with(EnvVars.class, env);
        return new SpecweaveStepExecution(step, context).run();
    }
}
