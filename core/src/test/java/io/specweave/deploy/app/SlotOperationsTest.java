package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Input;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.TestProjects;
import io.specweave.deploy.model.HealthStatus;
import io.specweave.deploy.report.OutcomeText;
import io.specweave.deploy.report.TextStatusRenderer;
import io.specweave.deploy.testing.HealthServer;
import io.specweave.deploy.testing.TestProject;
import io.specweave.deploy.tracker.TrackingRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blue-green slots: deploying to one, swapping after a health check of the idle one, rolling back. */
class SlotOperationsTest {

    static final String METADATA = ".specweave/increments/0018-oauth/metadata.json";

    @TempDir
    Path dir;

    HealthServer blue;
    HealthServer green;
    TestProject project;
    final List<TrackingRequest> tracked = new ArrayList<>();
    final TestOperations run = TestOperations.at("2026-11-27T12:00:00Z").recordingTrackers(tracked);

    @BeforeEach
    void setUp() {
        blue = HealthServer.start(200);
        green = HealthServer.start(200);
        project = TestProject.in(dir).config("{\"sync\": {\"profiles\": {\"local-prod\": {\"provider\": \"local\", "
                + "\"environment\": \"prod\", \"deploymentUrl\": \"https://myapp.example\", "
                + "\"healthCheck\": {\"retries\": 2, \"intervalSeconds\": 0}, "
                + "\"slots\": {\"blue\": {\"url\": \"" + blue.url() + "\"}, \"green\": {\"url\": \"" + green.url()
                + "\"}}}}}}")
                .increment("0018-oauth", "OAuth", "{\"id\": \"0018-oauth\", \"owner\": \"team-a\"}\n");
    }

    @AfterEach
    void stop() {
        blue.close();
        green.close();
    }

    private Target target(String environment, String slot) {
        return Target.resolve(project.open().config(), TestOperations.request(dir).environment(environment).slot(slot)
                .build());
    }

    @SuppressWarnings("unchecked")
    private ChangeOutcome<SlotDetail> deploy(String environment, String slot, String commit) {
        return (ChangeOutcome<SlotDetail>) run.operations().deploy(TestOperations.request(dir).environment(environment)
                .slot(slot).commit(commit).branch("main").deployedBy("ci-bot").build());
    }

    private ChangeOutcome<SlotDetail> swap(boolean force) {
        return run.operations().swap(TestOperations.request(dir).environment("prod").force(force).build());
    }

    private JsonNode prod() {
        return TestOperations.deployment(dir, "0018-oauth", "prod");
    }

    private ChangeOutcome<?> canary(int weight, String commit) {
        return run.operations().deploy(TestOperations.request(dir).environment("prod").canaryWeight(weight).commit(commit)
                .branch("main").deployedBy("ci-bot").healthCheck(false).build());
    }

    @Test
    void aCanaryInAnEnvironmentRunningSlotsIsRefusedBeforeAnythingIsWrittenAsAFullDeploymentIs() {
        assertThat(deploy("prod", "blue", "b100000").result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        Path file = dir.resolve(METADATA);
        String before = TestProjects.read(file);
        int requests = tracked.size();

        for (int weight : new int[] {10, 100}) {
            assertThatThrownBy(() -> canary(weight, "c200000"))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("prod runs blue-green slots (live: blue): a canary beside it would record a "
                            + "version no slot runs; deploy the new version to the idle slot and swap (`deploy 0018, "
                            + "environment prod, slot green`)");
        }
        assertThat(TestProjects.read(file)).isEqualTo(before);
        assertThat(tracked).as("the tracker was not asked").hasSize(requests);
    }

    @Test
    void aFirstSlotGoingLiveEndsTheCanaryBesideTheOldVersionAsAFullDeploymentDoes() {
        assertThat(canary(10, "c300000").result()).isEqualTo(ChangeOutcome.Result.RECORDED);

        ChangeOutcome<SlotDetail> live = deploy("prod", "blue", "d400000");

        assertThat(live.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(live.warnings()).contains("the canary of commit c300000 (10 % of prod) ended: replaced by slot blue "
                + "going live of commit d400000");
        assertThat(prod().path("canary").path("status").asText()).isEqualTo("abandoned");
        assertThat(prod().path("canary").path("weight").asInt()).isZero();
        assertThat(prod().path("commit").asText()).isEqualTo("d400000");
    }

    @Test
    void aSwapEndsACanaryRecordedBesideTheLiveSlotBeforeCanariesWereRefusedThere() {
        deploy("prod", "blue", "b100000");
        deploy("prod", "green", "b200000");
        Path file = dir.resolve(METADATA);
        TestProjects.write(file, TestProjects.read(file).replaceFirst("\"slots\": \\{", "\"canary\": {\"commit\": "
                + "\"c300000\", \"stableCommit\": \"b100000\", \"weight\": 20, \"status\": \"running\", "
                + "\"startedAt\": \"2026-11-01T09:00:00Z\", \"steps\": [{\"weight\": 20, \"at\": "
                + "\"2026-11-01T09:00:00Z\"}]}, \"slots\": {"));

        ChangeOutcome<SlotDetail> swapped = swap(true);

        assertThat(swapped.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(swapped.warnings()).contains("the canary of commit c300000 (20 % of prod) ended: replaced by slot "
                + "green going live of commit b200000");
        assertThat(prod().path("canary").path("status").asText()).isEqualTo("abandoned");
        assertThat(prod().path("canary").path("weight").asInt()).isZero();
        assertThat(prod().path("commit").asText()).isEqualTo("b200000");
    }

    @Test
    void rolloutStateOfAnotherKindIsTheUsersAndARolloutOverItIsRefusedBeforeAnythingIsWritten() {
        assertThat(deploy("prod", "blue", "b100000").result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        Path file = dir.resolve(".specweave/increments/0018-oauth/metadata.json");
        String hand = TestProjects.read(file).replaceFirst("\"slots\": \\{", "\"slots\": \"managed by argo\", \"was\": {");
        TestProjects.write(file, hand);
        int requests = tracked.size();

        assertThatThrownBy(() -> deploy("prod", "green", "e100000"))
                .isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("metadata.json: deployments.prod.slots: expected an object, got \"managed by argo\"; "
                        + "make it an object (or remove it) so this change can be recorded");
        assertThat(TestProjects.read(file)).isEqualTo(hand);
        assertThat(tracked).as("the tracker was not asked").hasSize(requests);
    }

    @Test
    void aNewVersionOnASlotKeepsTheAddressTheSlotWasGivenWhenTheProfileHasNone() {
        project.config("{\"sync\": {\"profiles\": {\"local-prod\": {\"provider\": \"local\", "
                + "\"environment\": \"prod\", \"healthCheck\": {\"retries\": 0}}}}}");
        run.operations().deploy(TestOperations.request(dir).environment("prod").slot("blue").commit("b100000")
                .deploymentUrl(blue.url()).build());
        int checks = blue.calls();

        ChangeOutcome<SlotDetail> again = deploy("prod", "blue", "b200000");

        assertThat(again.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(prod().path("slots").path("blue").path("commit").asText()).isEqualTo("b200000");
        assertThat(prod().path("slots").path("blue").path("url").asText()).isEqualTo(blue.url());
        assertThat(blue.calls()).as("checked at the address it keeps").isGreaterThan(checks);
    }

    /** The profile's config with the gate {@code requireApproval} on prod. */
    private void requireApprovalForProd() {
        Path config = dir.resolve(".specweave/config.json");
        TestProjects.write(config, TestProjects.read(config).replaceFirst("^\\{",
                "{\"deployment\": {\"promotion\": {\"requireApproval\": [\"prod\"]}}, "));
    }

    @Test
    void aRetriedDeploymentOfTheLiveSlotPassesTheGateItPassed() {
        requireApprovalForProd();
        // Given ahead, naming no commit, as SpecWeave writes it: the first deployment takes it.
        TestProjects.write(dir.resolve(METADATA), "{\"id\": \"0018-oauth\", \"deployments\": {\"prod\": {"
                + "\"approvals\": [{\"approvedBy\": \"jane\", \"approvedAt\": \"2026-11-27T11:00:00Z\"}]}}}\n");
        run.ci(new io.specweave.deploy.ci.CiContext("github-actions", "b100000", "main", null, "ci-bot",
                "https://ci.example/runs/1", null));
        ChangeOutcome<?> first = run.operations().deploy(TestOperations.request(dir).environment("prod").slot("blue")
                .build());
        assertThat(first.result()).isEqualTo(ChangeOutcome.Result.RECORDED);

        ChangeOutcome<?> retried = run.operations().deploy(TestOperations.request(dir).environment("prod").slot("blue")
                .build());

        assertThat(retried.result()).as("its own approval, naming no commit, still approves it")
                .isEqualTo(ChangeOutcome.Result.RECORDED);
    }

    @Test
    void theRunningDeploymentsOwnApprovalNamingNoCommitApprovesNoSlotGoingLive() {
        requireApprovalForProd();
        // A plain deployment before slots, approved as SpecWeave writes it: no commit.
        TestProjects.write(dir.resolve(METADATA), "{\"id\": \"0018-oauth\", \"deployments\": {\"prod\": {"
                + "\"status\": \"deployed\", \"deployedAt\": \"2026-11-20T09:00:00Z\", \"commit\": \"c100000\", "
                + "\"approvals\": [{\"approvedBy\": \"jane\", \"approvedAt\": \"2026-11-20T08:00:00Z\"}]}}}\n");

        assertThat(deploy("prod", "blue", "b200000").result()).as("the first slot goes live: gated")
                .isEqualTo(ChangeOutcome.Result.REFUSED);
        assertThat(prod().path("commit").asText()).isEqualTo("c100000");
    }

    @Test
    void aSlotOfAnotherKindIsTheUsersAndTheSameBadInputWhateverTheGatesSay() {
        assertThat(deploy("prod", "blue", "b100000").result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        requireApprovalForProd();
        Path file = dir.resolve(".specweave/increments/0018-oauth/metadata.json");
        String slot = TestProjects.read(file).replaceFirst("\"slots\": \\{", "\"slots\": {\"green\": \"managed by argo\", ");
        TestProjects.write(file, slot);

        assertThatThrownBy(() -> deploy("prod", "green", "e100000")).isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("metadata.json: deployments.prod.slots.green: expected an object, got \"managed by "
                        + "argo\"; make it an object (or remove it) so this change can be recorded");
        assertThatThrownBy(() -> swap(true)).as("a swap to it").isInstanceOf(BadInputException.class)
                .hasMessageContaining("deployments.prod.slots.green: expected an object");
        assertThatThrownBy(() -> run.operations().health(TestOperations.request(dir).environment("prod-green")
                .build())).as("a check of it").hasMessageContaining("deployments.prod.slots.green: expected an object");
        assertThat(TestProjects.read(file)).isEqualTo(slot);

        String all = TestProjects.read(file).replaceFirst("\"slots\": \\{", "\"slots\": \"managed by argo\", \"was\": {");
        TestProjects.write(file, all);
        assertThatThrownBy(() -> deploy("prod", "green", "e100000")).as("refused as bad input before any gate")
                .isInstanceOf(BadInputException.class).hasMessageContaining("deployments.prod.slots: expected an object");
        assertThatThrownBy(() -> swap(false)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("deployments.prod.slots: expected an object");
        assertThat(TestProjects.read(file)).isEqualTo(all);
    }

    /** As a sync does: an approval given ahead for a commit waits on every record until that commit goes live. */
    @Test
    void anApprovalGivenAheadSurvivesASlotGoingLiveAndPassesTheSwapOfItsCommit() {
        project.config("{\"sync\": {\"profiles\": {\"local-prod\": {\"provider\": \"local\", "
                + "\"environment\": \"prod\", \"slots\": {\"blue\": {\"url\": \"" + blue.url() + "\"}, "
                + "\"green\": {\"url\": \"" + green.url() + "\"}}}}}, "
                + "\"deployment\": {\"promotion\": {\"requireApproval\": [\"prod\"]}}}");
        run.operations().approve(TestOperations.request(dir).environment("prod").approvedBy("jane").commit("c100000").build());
        run.operations().deploy(TestOperations.request(dir).environment("prod").slot("blue").commit("c000000")
                .force(true).build());
        assertThat(prod().path("commit").asText()).isEqualTo("c000000");
        assertThat(prod().path("approvals").findValuesAsText("commit")).containsExactly("c100000");

        deploy("prod", "green", "c100000");
        ChangeOutcome<SlotDetail> swapped = swap(false);

        assertThat(swapped.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(prod().path("commit").asText()).isEqualTo("c100000");
        assertThat(prod().path("approvals").findValuesAsText("approvedBy")).containsExactly("jane");
        assertThat(prod().path("forced").isMissingNode()).isTrue();
    }

    @Test
    void aReRunOfASwapThatWentThroughPutsNothingBackAndACommitNoSlotRunsIsRefused() {
        deploy("prod-blue", null, "c100000");
        deploy("prod-green", null, "c200000");
        ChangeOutcome<SlotDetail> first = run.operations().swap(TestOperations.request(dir).environment("prod")
                .commit("c200000").build());
        assertThat(first.detail().liveChanged()).isTrue();
        Path file = dir.resolve(".specweave/increments/0018-oauth/metadata.json");
        String swapped = TestProjects.read(file);

        ChangeOutcome<SlotDetail> again = run.operations().swap(TestOperations.request(dir).environment("prod")
                .commit("c200000").build());

        assertThat(again.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(again.detail().liveChanged()).isFalse();
        assertThat(again.metadataChanged()).isFalse();
        assertThat(TestProjects.read(file)).isEqualTo(swapped);
        assertThat(prod().path("slots").path("live").asText()).isEqualTo("green");
        assertThat(new OutcomeText(true).render(again)).startsWith("Nothing to swap in prod for 0018-oauth: slot green "
                + "is live with this run's commit already");
        assertThatThrownBy(() -> run.operations().swap(TestOperations.request(dir).environment("prod").commit("c300000")
                .build())).isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.input())
                        .isEqualTo(Input.COMMIT))
                .hasMessageContaining("slot blue of prod runs commit c100000, not c3");
        assertThat(TestProjects.read(file)).isEqualTo(swapped);
    }

    @Test
    void aReRunOfASlotDeploymentKeepsWhatWasRecordedOfItAndAddsNoHistory() {
        deploy("prod", "blue", "c100000");
        deploy("prod", "green", "c200000");
        Path file = dir.resolve(".specweave/increments/0018-oauth/metadata.json");
        // What a test of the idle slot recorded on it.
        TestProjects.write(file, TestProjects.read(file).replaceFirst("(\"green\": \\{)",
                "$1 \"testResults\": {\"total\": 3, \"passed\": 3, \"failed\": 0, \"errors\": 0, \"skipped\": 0},"));
        JsonNode before = prod();
        run.advance(java.time.Duration.ofMinutes(5));

        ChangeOutcome<SlotDetail> live = deploy("prod", "blue", "c100000");
        ChangeOutcome<SlotDetail> idle = deploy("prod", "green", "c200000");

        assertThat(live.exitCode()).isZero();
        assertThat(idle.exitCode()).isZero();
        assertThat(prod().path("history").size()).isEqualTo(before.path("history").size());
        assertThat(prod().path("deployedAt")).isEqualTo(before.path("deployedAt"));
        assertThat(prod().path("slots").path("green").path("deployedAt")).isEqualTo(before.path("slots").path("green")
                .path("deployedAt"));
        assertThat(prod().path("slots").path("green").path("testResults").path("passed").asInt()).isEqualTo(3);
    }

    @Test
    void aReRunOfASlotDeploymentThatBringsTheUrlTheSlotLacksRecordsAndChecksIt() {
        project.config("{\"sync\": {\"profiles\": {\"local-staging\": {\"provider\": \"local\", "
                + "\"environment\": \"staging\", \"healthCheck\": {\"retries\": 0}}}}}");
        deploy("staging", "blue", "c100000");
        deploy("staging", "green", "c200000");
        assertThatThrownBy(() -> run.operations().swap(TestOperations.request(dir).environment("staging").build()))
                .isInstanceOf(OperationFailedException.class).hasMessageContaining("it has no URL");
        JsonNode before = TestOperations.deployment(dir, "0018-oauth", "staging");
        int checks = green.calls();
        run.advance(java.time.Duration.ofMinutes(5));

        // As the swap's refusal advises: the same deployment again, with the slot's URL.
        ChangeOutcome<?> again = run.operations().deploy(TestOperations.request(dir).environment("staging")
                .slot("green").commit("c200000").branch("main").deployedBy("ci-bot").deploymentUrl(green.url())
                .build());

        assertThat(again.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(again.metadataChanged()).isTrue();
        assertThat(green.calls()).as("the URL given is checked").isGreaterThan(checks);
        JsonNode staging = TestOperations.deployment(dir, "0018-oauth", "staging");
        assertThat(staging.path("slots").path("green").path("url").asText()).isEqualTo(green.url());
        assertThat(staging.path("slots").path("green").path("healthStatus").asText()).isEqualTo("healthy");
        assertThat(staging.path("slots").path("green").path("deployedAt"))
                .as("still the one deployment").isEqualTo(before.path("slots").path("green").path("deployedAt"));
        assertThat(staging.path("history")).isEqualTo(before.path("history"));
        assertThat(tracked.get(tracked.size() - 1).note()).isEqualTo("Recorded " + green.url()
                + " as the URL of slot green of staging.");

        ChangeOutcome<SlotDetail> swapped = run.operations().swap(TestOperations.request(dir).environment("staging")
                .build());
        assertThat(swapped.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(TestOperations.deployment(dir, "0018-oauth", "staging").path("slots").path("live").asText())
                .isEqualTo("green");
    }

    @Test
    void theUrlADeploymentToASlotRecordedIsTheOneItsSwapChecks() {
        try (HealthServer other = HealthServer.start(200)) {
            deploy("prod", "blue", "c100000");
            green.status(404);
            run.operations().deploy(TestOperations.request(dir).environment("prod").slot("green").commit("c200000")
                    .deploymentUrl(other.url()).healthCheck(false).build());
            int checks = other.calls();

            ChangeOutcome<SlotDetail> swapped = swap(false);

            assertThat(swapped.result()).as("the recorded URL answers 200").isEqualTo(ChangeOutcome.Result.RECORDED);
            assertThat(other.calls()).isGreaterThan(checks);
        }
    }

    @Test
    void aRecordedSlotUrlThatIsNoHttpUrlIsBadInputNamingTheFileAndTheSlotsFieldAndNothingIsWritten()
            throws java.io.IOException {
        deploy("prod-blue", null, "c100000");
        deploy("prod-green", null, "c200000");
        Path file = dir.resolve(METADATA);
        java.nio.file.Files.writeString(file, project.read(METADATA).replace("\"url\": \"" + green.url() + "\"",
                "\"url\": \"ftp://green.example.com\""));
        String before = project.read(METADATA);
        int trackerCalls = tracked.size();

        assertThatThrownBy(() -> swap(false)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("0018-oauth/metadata.json: deployments.prod.slots.green.url: expected an "
                        + "absolute http(s) URL");
        assertThatThrownBy(() -> run.operations().health(TestOperations.request(dir).environment("prod-green")
                .build())).hasMessageContaining("metadata.json: deployments.prod.slots.green.url: expected");
        assertThat(project.read(METADATA)).isEqualTo(before);
        assertThat(tracked).hasSize(trackerCalls);
    }

    @Test
    void aCheckOfTheLiveSlotIsTheEnvironmentsHealth() {
        deploy("prod", "blue", "c100000");
        assertThat(prod().path("healthStatus").asText()).isEqualTo("healthy");
        blue.status(503);

        ChangeOutcome<Void> checked = run.operations().health(TestOperations.request(dir).environment("prod-blue")
                .build());

        assertThat(checked.exitCode()).isEqualTo(1);
        assertThat(prod().path("slots").path("blue").path("healthStatus").asText()).isEqualTo("unhealthy");
        assertThat(prod().path("healthStatus").asText()).as("blue serves prod").isEqualTo("unhealthy");
        assertThat(prod().path("healthHttpStatus").asInt()).isEqualTo(503);
    }

    @Test
    void aDeploymentToAnEnvironmentRunningSlotsIsRefusedUnlessItNamesTheSlot() {
        deploy("prod-blue", null, "c100000");
        Path file = dir.resolve(".specweave/increments/0018-oauth/metadata.json");
        String before = TestProjects.read(file);

        assertThatThrownBy(() -> run.operations().deploy(TestOperations.request(dir).environment("prod").commit("c200000")
                .healthCheck(false).build())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("prod runs blue-green slots (live: blue); record the deployment to its slot "
                        + "(`deploy 0018, environment prod, slot green`)");
        assertThat(TestProjects.read(file)).isEqualTo(before);
    }

    @Test
    void aDeploymentThatFailedOrRunsIsRefusedThereTooAsItWouldReplaceTheLiveSlotsRecord() {
        deploy("prod-blue", null, "c100000");
        Path file = dir.resolve(METADATA);
        String before = TestProjects.read(file);

        assertThatThrownBy(() -> run.operations().sync(TestOperations.request(dir).environment("prod").commit("e500000")
                .outcome(Request.Outcome.FAILED).healthCheck(false).build())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("prod runs blue-green slots (live: blue): a deployment that failed recorded "
                        + "beside them would replace the record of the live slot, which still serves; one to the idle "
                        + "slot changes nothing users see; record the slot once a deployment to it succeeds "
                        + "(`deploy 0018, environment prod, slot green`)");
        assertThatThrownBy(() -> run.operations().sync(TestOperations.request(dir).environment("prod").commit("e500000")
                .outcome(Request.Outcome.IN_PROGRESS).healthCheck(false).build())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("a deployment in progress recorded beside them would replace the record of the "
                        + "live slot, which still serves; record the deployment to its slot when it finishes");
        assertThat(TestProjects.read(file)).isEqualTo(before);
        assertThat(prod().path("commit").asText()).isEqualTo("c100000");
    }

    @Test
    void aSwapForcedPastARefusingGateSaysSoInTheRecordAsADeployDoes() {
        project.config("{\"sync\": {\"profiles\": {\"local-prod\": {\"provider\": \"local\", "
                + "\"environment\": \"prod\", \"slots\": {\"blue\": {\"url\": \"" + blue.url() + "\"}, "
                + "\"green\": {\"url\": \"" + green.url() + "\"}}}}}, "
                + "\"deployment\": {\"promotion\": {\"requireApproval\": [\"prod\"]}}}");
        run.operations().deploy(TestOperations.request(dir).environment("prod").slot("blue").commit("c000000")
                .force(true).build());
        ChangeOutcome<SlotDetail> idle = deploy("prod", "green", "c100000");
        assertThat(io.specweave.deploy.report.OutcomeJson.of(idle, io.specweave.deploy.Message.Spelling.DOMAIN)
                .has("forced")).as("the idle slot's deployment forced nothing; the live record's mark is blue's")
                .isFalse();

        ChangeOutcome<SlotDetail> swapped = swap(true);
        assertThat(io.specweave.deploy.report.OutcomeJson.of(swapped, io.specweave.deploy.Message.Spelling.DOMAIN)
                .path("forced").asBoolean()).isTrue();

        assertThat(swapped.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(swapped.warnings()).anyMatch(w -> w.startsWith("forced past gate requireApproval"));
        assertThat(prod().path("commit").asText()).isEqualTo("c100000");
        assertThat(prod().path("healthStatus").asText()).as("the slot was healthy").isEqualTo("healthy");
        assertThat(prod().path("forced").asBoolean()).isTrue();
        assertThat(prod().path("note").asText()).endsWith(", forced");
    }

    @Test
    void aRollbackToAVersionNoSlotRunsAnyMoreIsRefusedWithHowToGetItBack() {
        deploy("prod-blue", null, "aaaa111");
        deploy("prod-green", null, "cccc333");
        deploy("prod-blue", null, "eeee555"); // the live slot deployed over: aaaa111 runs nowhere now
        String before = TestProjects.read(dir.resolve(".specweave/increments/0018-oauth/metadata.json"));

        assertThatThrownBy(() -> run.operations().rollback(TestOperations.request(dir).profile("local-prod").build()))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("prod runs blue-green slots, and neither runs commit aaaa111 (live blue: eeee555, "
                        + "idle green: cccc333): a rollback would record a version nothing serves; deploy it to the "
                        + "idle slot and swap (`deploy 0018, environment prod, slot green, commit aaaa111`, then "
                        + "`swap-slots 0018, environment prod`)");
        assertThat(TestProjects.read(dir.resolve(".specweave/increments/0018-oauth/metadata.json"))).isEqualTo(before);
    }

    @Test
    void aSlotWithoutAUrlToCheckNamesTheSettingOnce(@TempDir Path other) {
        TestProject.in(other).config("{\"sync\": {\"profiles\": {\"local-prod\": {\"provider\": \"local\", "
                + "\"environment\": \"prod\", \"slots\": {\"blue\": {}, \"green\": {}}}}}}")
                .increment("0018-oauth", "OAuth", "{\"id\": \"0018-oauth\"}\n");
        assertThat(run.operations().deploy(TestOperations.request(other).environment("prod-blue").commit("c100000").build())
                .result()).isEqualTo(ChangeOutcome.Result.RECORDED);

        assertThatThrownBy(() -> run.operations().health(TestOperations.request(other).environment("prod-blue").build()))
                .isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("config.json: sync.profiles.local-prod.slots.blue.url: expected the slot's URL to "
                        + "check, but neither the profile nor the slot has one")
                .satisfies(e -> assertThat(e.getMessage().split("config\\.json", -1)).hasSize(2));
    }

    @Test
    void environmentWithSlotSuffixMeansTheEnvironmentsSlot() {
        Target t = target("prod-green", null);
        assertThat(t.environment()).isEqualTo("prod");
        assertThat(t.slot()).isEqualTo("green");
        assertThat(t.describe()).isEqualTo("prod (slot green)");
        assertThat(target("prod", "blue").slot()).isEqualTo("blue");
        assertThatThrownBy(() -> target("prod-purple", null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("slot \"purple\": expected one of blue, green");
        assertThatThrownBy(() -> target("prod-green", "blue")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("environment prod-green names slot \"green\" but slot says \"blue\"; give one "
                        + "of them");
    }

    @Test
    void deployTakesASlotOrACanaryAndRollbackTakesNoSlot() {
        String before = project.read(METADATA);
        assertThatThrownBy(() -> run.operations().deploy(TestOperations.request(dir).environment("prod").slot("green")
                .canaryWeight(10).commit("c100000").build()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("slot and canary are two ways to roll out; give one of them");
        assertThatThrownBy(() -> run.operations().deploy(TestOperations.request(dir).environment("prod-green")
                .canaryWeight(10).commit("c100000").build()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("a canary is not deployed to a slot")
                .hasMessageContaining("give environment prod");
        assertThatThrownBy(() -> run.operations().rollback(TestOperations.request(dir).environment("prod-blue")
                .build()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("not on one slot");
        assertThat(project.read(METADATA)).isEqualTo(before);
        assertThat(tracked).isEmpty();
    }

    @Test
    void firstSlotGoesLiveTheOtherWaitsIdle() {
        ChangeOutcome<SlotDetail> first = deploy("prod-blue", null, "c100000");
        assertThat(first.detail().liveChanged()).isTrue();

        ChangeOutcome<SlotDetail> second = deploy("prod", "green", "c200000");

        assertThat(second.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(second.detail().liveChanged()).isFalse();
        assertThat(second.detail().live()).isEqualTo("blue");
        JsonNode prod = prod();
        assertThat(prod.path("commit").asText()).isEqualTo("c100000");
        assertThat(prod.path("slots").path("live").asText()).isEqualTo("blue");
        assertThat(prod.path("slots").path("green").path("commit").asText()).isEqualTo("c200000");
        assertThat(prod.path("slots").path("green").path("url").asText()).isEqualTo(green.url());
        assertThat(prod.path("slots").path("green").path("deployedAt").asText()).isEqualTo("2026-11-27T12:00:00Z");
        assertThat(tracked.get(1).note()).contains("idle slot green", "slot blue stays live");
        assertThat(tracked.get(1).newDeployment()).isFalse();
        assertThat(tracked.get(1).recordCopyNode().path("slots").path("green").path("commit").asText())
                .as("the item's record copy carries the slots").isEqualTo("c200000");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSlotDeploymentChecksTheSlotsUrlAndAnUnhealthySlotIsRecordedThenFails() {
        deploy("prod-blue", null, "c100000");
        assertThat(prod().path("healthStatus").asText()).as("the first slot is live: its check is the environment's")
                .isEqualTo("healthy");
        assertThat(prod().path("slots").path("blue").path("healthHttpStatus").asInt()).isEqualTo(200);
        green.status(503);

        ChangeOutcome<SlotDetail> idle = deploy("prod", "green", "c200000");

        assertThat(idle.result()).isEqualTo(ChangeOutcome.Result.RECORDED_UNHEALTHY);
        assertThat(idle.exitCode()).isEqualTo(1);
        assertThat(idle.problem().toString()).contains("is recorded as deployed to slot green of prod, but slot green "
                + "of prod is unhealthy").contains("GET " + green.url());
        JsonNode slot = prod().path("slots").path("green");
        assertThat(slot.path("commit").asText()).isEqualTo("c200000");
        assertThat(slot.path("healthStatus").asText()).isEqualTo("unhealthy");
        assertThat(slot.path("healthHttpStatus").asInt()).isEqualTo(503);
        assertThat(slot.path("healthMessage").asText()).contains("HTTP 503");
        assertThat(prod().path("healthStatus").asText()).as("blue still serves, as it was").isEqualTo("healthy");
        assertThat(prod().path("commit").asText()).isEqualTo("c100000");

        int calls = green.calls();
        ChangeOutcome<SlotDetail> unchecked = (ChangeOutcome<SlotDetail>) (ChangeOutcome<?>) run.operations().deploy(
                TestOperations.request(dir).environment("prod-green").commit("c300000").healthCheck(false).build());
        assertThat(unchecked.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(green.calls()).as("health check off: the slot is not asked").isEqualTo(calls);
        assertThat(prod().path("slots").path("green").has("healthStatus"))
                .as("a new deployment to the slot drops what the check of the earlier one saw").isFalse();
    }

    /** Changed with the application layer: the refusal is the outcome REFUSED (exit 1), not an exception. */
    @Test
    void swapIsRefusedWhenTheIdleSlotIsUnhealthyAndNothingChanges() {
        deploy("prod-blue", null, "c100000");
        deploy("prod-green", null, "c200000");
        green.status(503);
        String before = project.read(METADATA);
        int trackerCalls = tracked.size();
        int checks = green.calls();

        ChangeOutcome<SlotDetail> swap = swap(false);

        assertThat(swap.result()).isEqualTo(ChangeOutcome.Result.REFUSED);
        assertThat(swap.exitCode()).isEqualTo(1);
        assertThat(swap.problem().toString())
                .contains("slot green of prod is unhealthy (HTTP 503")
                .contains("after 3 attempts")
                .contains("nothing was changed. Fix it, or pass force to go ahead anyway");
        assertThat(green.calls() - checks).isEqualTo(3);
        assertThat(project.read(METADATA)).isEqualTo(before);
        assertThat(tracked).hasSize(trackerCalls);

        // A dry run makes the same check, and is refused the same way: it must not promise a swap.
        ChangeOutcome<SlotDetail> dryRun = run.operations().swap(TestOperations.request(dir).environment("prod")
                .dryRun(true).build());
        assertThat(dryRun.result()).isEqualTo(ChangeOutcome.Result.REFUSED);
        assertThat(dryRun.problem().toString()).contains("slot green of prod is unhealthy (HTTP 503");
        assertThat(project.read(METADATA)).isEqualTo(before);
        green.status(200);
        ChangeOutcome<SlotDetail> healthy = run.operations().swap(TestOperations.request(dir).environment("prod")
                .dryRun(true).build());
        assertThat(new OutcomeText(true).render(healthy)).startsWith("Would swap slots of prod for 0018-oauth: green is "
                + "live, blue is idle");
        assertThat(project.read(METADATA)).isEqualTo(before);
    }

    @Test
    void swapToAHealthySlotMakesItLiveAndRecordsTheSwapInHistory() {
        deploy("prod-blue", null, "c100000");
        deploy("prod-green", null, "c200000");

        ChangeOutcome<SlotDetail> swap = swap(false);

        assertThat(swap.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(swap.detail().live()).isEqualTo("green");
        assertThat(swap.detail().idle()).isEqualTo("blue");
        assertThat(swap.health().healthy()).isTrue();
        JsonNode prod = prod();
        assertThat(prod.path("commit").asText()).isEqualTo("c200000");
        assertThat(prod.path("status").asText()).isEqualTo("deployed");
        assertThat(prod.path("healthStatus").asText()).isEqualTo("healthy");
        assertThat(prod.path("healthHttpStatus").asInt()).isEqualTo(200);
        assertThat(prod.has("healthMessage")).isFalse();
        assertThat(prod.path("slots").path("green").path("healthHttpStatus").asInt()).isEqualTo(200);
        assertThat(prod.path("note").asText()).isEqualTo("swap-slots: green is live (was blue)");
        assertThat(prod.path("slots").path("live").asText()).isEqualTo("green");
        assertThat(prod.path("slots").path("previousLive").asText()).isEqualTo("blue");
        assertThat(prod.path("history")).hasSize(1);
        JsonNode earlier = prod.path("history").get(0);
        assertThat(earlier.path("commit").asText()).isEqualTo("c100000");
        assertThat(earlier.path("slot").asText()).isEqualTo("blue");
        assertThat(earlier.has("slots")).isFalse();
        TrackingRequest last = tracked.get(tracked.size() - 1);
        assertThat(last.note()).startsWith("Swapped slots in prod: green (commit c200000) is live, blue (commit c100000) is idle.");
        assertThat(last.record().commit()).isEqualTo("c200000");
        assertThat(last.newDeployment()).isFalse();
    }

    @Test
    void forceSwapsAnUnhealthySlotAndSaysSo() {
        deploy("prod-blue", null, "c100000");
        deploy("prod-green", null, "c200000");
        green.status(500);

        ChangeOutcome<SlotDetail> swap = swap(true);

        assertThat(swap.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(swap.detail().live()).isEqualTo("green");
        assertThat(prod().path("forced").asBoolean()).isTrue();
        assertThat(swap.warnings()).as("said as a gate forced past is").singleElement().asString()
                .startsWith("slot green of prod is unhealthy (HTTP 500").endsWith("; forced past the health check");
        assertThat(prod().path("healthStatus").asText()).isEqualTo("unhealthy");
        // The live record and the slot keep what the check saw, as a sync's record does.
        assertThat(prod().path("healthHttpStatus").asInt()).isEqualTo(500);
        assertThat(prod().path("healthMessage").asText()).contains("HTTP 500");
        JsonNode slot = prod().path("slots").path("green");
        assertThat(slot.path("healthStatus").asText()).isEqualTo("unhealthy");
        assertThat(slot.path("healthHttpStatus").asInt()).isEqualTo(500);
        assertThat(slot.path("healthMessage").asText()).isEqualTo(prod().path("healthMessage").asText());
        assertThat(slot.path("lastChecked").asText()).isEqualTo(prod().path("lastChecked").asText());
        assertThat(prod().path("note").asText()).endsWith(", forced");
        // No gate refused it: the view says what forcing can mean, not that gates were passed over.
        assertThat(new TextStatusRenderer(true).render(new StatusService(project.open())
                .status("0018")).lines()).anyMatch(l -> l.endsWith("by ci-bot (forced: past a refusing gate or an "
                        + "unhealthy check)")).noneMatch(l -> l.contains("promotion gates"));
    }

    @Test
    void swapToTheSlotNamedAndNotToTheLiveOne() {
        deploy("prod-blue", null, "c100000");
        deploy("prod-green", null, "c200000");

        assertThatThrownBy(() -> run.operations().swap(TestOperations.request(dir).environment("prod-blue").build()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("slot blue of prod is already live; swap-slots makes the idle slot (green) live");
        int greenCalls = green.calls();
        int blueCalls = blue.calls();
        ChangeOutcome<SlotDetail> swap = run.operations().swap(TestOperations.request(dir).environment("prod-green")
                .build());
        assertThat(swap.detail().live()).isEqualTo("green");
        assertThat(green.calls()).isEqualTo(greenCalls + 1);
        assertThat(blue.calls()).isEqualTo(blueCalls);
    }

    @Test
    @SuppressWarnings("unchecked")
    void rollbackWithSlotsMakesThePreviouslyLiveSlotLiveAgain() throws Exception {
        deploy("prod-blue", null, "c100000");
        deploy("prod-green", null, "c200000");
        swap(false);

        ChangeOutcome<RollbackDetail> result = (ChangeOutcome<RollbackDetail>) run.operations().rollback(
                TestOperations.request(dir).profile("local-prod").reason("errors up").build());

        assertThat(result.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(result.detail().live()).isEqualTo("blue");
        assertThat(result.detail().idle()).isEqualTo("green");
        assertThat(result.health().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.health().url()).as("the slot made live again is checked").startsWith(blue.url());
        JsonNode prod = prod();
        assertThat(prod.path("commit").asText()).isEqualTo("c100000");
        assertThat(prod.path("rolledBackFrom").asText()).isEqualTo("c200000");
        assertThat(prod.path("slots").path("live").asText()).isEqualTo("blue");
        assertThat(prod.path("slots").path("previousLive").asText()).isEqualTo("green");
        JsonNode history = prod.path("history");
        assertThat(history.get(history.size() - 1).path("status").asText()).isEqualTo("rolled_back");
        assertThat(history.get(history.size() - 1).path("commit").asText()).isEqualTo("c200000");
        assertThat(TestOperations.metadata(dir, "0018-oauth").path("owner").asText()).isEqualTo("team-a");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCheckOfARollbackIsRecordedOnTheSlotMadeLiveAgainToo() {
        deploy("prod-blue", null, "c100000");
        deploy("prod-green", null, "c200000");
        swap(false);
        blue.status(503);

        ChangeOutcome<RollbackDetail> result = (ChangeOutcome<RollbackDetail>) run.operations().rollback(
                TestOperations.request(dir).profile("local-prod").build());

        assertThat(result.result()).isEqualTo(ChangeOutcome.Result.RECORDED_UNHEALTHY);
        assertThat(prod().path("healthStatus").asText()).isEqualTo("unhealthy");
        assertThat(prod().path("slots").path("blue").path("healthStatus").asText()).as("the slot says what the "
                + "environment says").isEqualTo("unhealthy");
        assertThat(prod().path("slots").path("blue").path("healthHttpStatus").asInt()).isEqualTo(503);
    }
}
