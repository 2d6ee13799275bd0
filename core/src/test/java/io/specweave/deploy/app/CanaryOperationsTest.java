package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.TestProjects;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.model.CanaryState;
import io.specweave.deploy.report.OutcomeText;
import io.specweave.deploy.testing.HealthServer;
import io.specweave.deploy.testing.TestProject;
import io.specweave.deploy.tracker.TrackingRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Canary steps through {@code deploy} with a weight, promotion at 100 %, and {@code rollback} of the canary. */
class CanaryOperationsTest {

    @TempDir
    Path dir;

    TestProject project;
    final List<TrackingRequest> tracked = new ArrayList<>();
    final TestOperations run = TestOperations.at("2026-11-27T12:00:00Z").recordingTrackers(tracked);

    @BeforeEach
    void setUp() {
        project = TestProject.in(dir).localProfiles("qa", "prod").increment("0018-oauth", "OAuth",
                "{\"id\": \"0018-oauth\", \"deployments\": {\"prod\": {\"profile\": \"local-prod\", "
                        + "\"status\": \"deployed\", \"deployedAt\": \"2026-11-20T09:00:00Z\", \"commit\": \"c100000\", "
                        + "\"healthStatus\": \"healthy\"}}}\n");
    }

    @SuppressWarnings("unchecked")
    private ChangeOutcome<CanaryDetail> step(int weight, String commit) {
        return (ChangeOutcome<CanaryDetail>) run.operations().deploy(TestOperations.request(dir).environment("prod")
                .canaryWeight(weight).commit(commit).deployedBy("ci-bot").build());
    }

    @SuppressWarnings("unchecked")
    private ChangeOutcome<CanaryDetail> abandon() {
        return (ChangeOutcome<CanaryDetail>) run.operations().rollback(TestOperations.request(dir).environment("prod")
                .canary(true).build());
    }

    private JsonNode prod() {
        return TestOperations.deployment(dir, "0018-oauth", "prod");
    }

    @Test
    void theStableVersionOfACanaryIsTheOneServingNotAFailedAttemptAfterIt() {
        run.operations().sync(TestOperations.request(dir).environment("prod").commit("f200000")
                .outcome(Request.Outcome.FAILED).runUrl("https://ci.example/runs/2").healthCheck(false).build());

        ChangeOutcome<CanaryDetail> started = step(10, "c300000");

        assertThat(started.detail().canary().stableCommit()).isEqualTo("c100000");
        assertThat(prod().path("canary").path("stableCommit").asText()).isEqualTo("c100000");
        assertThat(started.note()).contains("stable c100000 gets 90 %");
    }

    @Test
    void aPromotedCanaryTakesOverTheApprovalGivenAheadForItsCommit() {
        run.operations().approve(TestOperations.request(dir).environment("prod").approvedBy("jane").commit("c200000").build());
        step(10, "c200000");
        step(100, "c200000");

        assertThat(prod().path("commit").asText()).isEqualTo("c200000");
        assertThat(prod().path("approvals").findValuesAsText("approvedBy")).containsExactly("jane");
    }

    @Test
    void aReRunOfAStepOrOfThePromotionAddsNothingAndSucceeds() {
        step(10, "c200000");
        Path file = dir.resolve(".specweave/increments/0018-oauth/metadata.json");
        String atTen = TestProjects.read(file);

        ChangeOutcome<CanaryDetail> again = step(10, "c200000");

        assertThat(again.exitCode()).isZero();
        assertThat(again.metadataChanged()).isFalse();
        assertThat(TestProjects.read(file)).isEqualTo(atTen);
        assertThat(prod().path("canary").path("steps")).hasSize(1);
        assertThat(new OutcomeText(true).render(again)).contains("metadata.json unchanged (the canary is at this step "
                + "already)");

        step(100, "c200000");
        String promoted = TestProjects.read(file);
        ChangeOutcome<CanaryDetail> promotedAgain = step(100, "c200000");

        assertThat(promotedAgain.exitCode()).as("a retried promotion is done, not bad input").isZero();
        assertThat(promotedAgain.detail().promoted()).isTrue();
        assertThat(TestProjects.read(file)).isEqualTo(promoted);
        assertThatThrownBy(() -> step(10, "c200000")).as("a new canary of the stable commit still is")
                .isInstanceOf(BadInputException.class).hasMessageContaining("already the stable version");
    }

    @SuppressWarnings("unchecked")
    private ChangeOutcome<CanaryDetail> stepIn(String runUrl, int weight) {
        run.ci(new CiContext("github-actions", "c200000", "main", null, "ci-bot", runUrl, null));
        return (ChangeOutcome<CanaryDetail>) run.operations().deploy(TestOperations.request(dir).environment("prod")
                .canaryWeight(weight).build());
    }

    @Test
    void aCanaryWhoseStepsAreNoListIsTheUsersAndTheMessageNamesTheField() {
        Path file = dir.resolve(".specweave/increments/0018-oauth/metadata.json");
        String hand = TestProjects.read(file).replaceFirst("\"healthStatus\": \"healthy\"",
                "\"healthStatus\": \"healthy\", \"canary\": {\"status\": \"running\", \"steps\": \"see flagger\"}");
        TestProjects.write(file, hand);

        assertThatThrownBy(() -> step(10, "c200000")).isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("metadata.json: deployments.prod.canary.steps: expected a list, got \"see flagger\"; "
                        + "make it a list (or remove it) so this change can be recorded");
        assertThat(TestProjects.read(file)).isEqualTo(hand);
    }

    @Test
    void aRetriedJobOfAnEarlierStepMovesTheCanaryNeitherBackNorOnAgain() {
        Path file = dir.resolve(".specweave/increments/0018-oauth/metadata.json");
        stepIn("https://ci.example/runs/5", 10);
        stepIn("https://ci.example/runs/6", 25);
        String atTwentyFive = TestProjects.read(file);

        ChangeOutcome<CanaryDetail> tenAgain = stepIn("https://ci.example/runs/5", 10);

        assertThat(tenAgain.exitCode()).isZero();
        assertThat(tenAgain.detail().retriedStep()).isEqualTo(10);
        assertThat(TestProjects.read(file)).as("still at 25 %").isEqualTo(atTwentyFive);
        assertThat(new OutcomeText(true).render(tenAgain)).contains("metadata.json unchanged (this run took a 10 % "
                + "canary step already; the canary, of commit c200000, is at 25 % since)");

        run.ci(new CiContext("none", null, null, null, "oncall", "https://ci.example/runs/7", null));
        abandon();
        String abandoned = TestProjects.read(file);
        ChangeOutcome<CanaryDetail> twentyFiveAgain = stepIn("https://ci.example/runs/6", 25);

        assertThat(twentyFiveAgain.exitCode()).isZero();
        assertThat(TestProjects.read(file)).as("the rolled-back canary stays abandoned").isEqualTo(abandoned);
        assertThat(prod().path("canary").path("status").asText()).isEqualTo("abandoned");
        assertThat(new OutcomeText(true).render(twentyFiveAgain)).contains("the canary, of commit c200000, was rolled back since");
        assertThat(tracked).as("nothing told for a retry").filteredOn(t -> t.note() != null)
                .extracting(TrackingRequest::note).hasSize(3).last().asString().contains("rolled back to 0 %");
        assertThat(stepIn("https://ci.example/runs/8", 10).detail().canary().status())
                .as("a new run starts a new canary").isEqualTo("running");
    }

    @Test
    void aRunThatRolledACanaryBackStepsTheNewOneItStarts() {
        stepIn("https://ci.example/runs/2", 10);
        run.ci(new CiContext("github-actions", "c300000", "main", null, "ci-bot", "https://ci.example/runs/3", null));
        abandon();
        run.operations().deploy(TestOperations.request(dir).environment("prod").canaryWeight(10).build());

        ChangeOutcome<?> next = run.operations().deploy(TestOperations.request(dir).environment("prod").canaryWeight(25)
                .build());

        assertThat(next.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(prod().path("canary").path("weight").asInt()).isEqualTo(25);
        assertThat(prod().path("canary").path("earlierRuns")).extracting(com.fasterxml.jackson.databind.JsonNode::asText)
                .containsExactly("https://ci.example/runs/2");
    }

    @Test
    void aReRunOfEveryJobOfARunWhoseCanaryWasRolledBackStartsNoStepItDidNotTake() {
        Path file = dir.resolve(".specweave/increments/0018-oauth/metadata.json");
        stepIn("https://ci.example/runs/5", 10);
        run.ci(new CiContext("none", null, null, null, "oncall", "https://ci.example/runs/7", null));
        abandon();
        String abandoned = TestProjects.read(file);

        ChangeOutcome<CanaryDetail> later = stepIn("https://ci.example/runs/5", 50);

        assertThat(later.exitCode()).isZero();
        assertThat(later.detail().retriedStep()).isEqualTo(50);
        assertThat(TestProjects.read(file)).isEqualTo(abandoned);
    }

    @Test
    void aRetriedJobOfAnEarlierCanaryReplacedSinceStartsItNoMore() {
        Path file = dir.resolve(".specweave/increments/0018-oauth/metadata.json");
        stepIn("https://ci.example/runs/2", 10);
        run.ci(new CiContext("none", null, null, null, "oncall", "https://ci.example/runs/3", null));
        abandon();
        run.ci(new CiContext("github-actions", "c300000", "main", null, "ci-bot", "https://ci.example/runs/4", null));
        run.operations().deploy(TestOperations.request(dir).environment("prod").canaryWeight(10).build());
        run.operations().deploy(TestOperations.request(dir).environment("prod").canaryWeight(100).build());
        String promoted = TestProjects.read(file);

        ChangeOutcome<CanaryDetail> retried = stepIn("https://ci.example/runs/2", 10);

        assertThat(retried.exitCode()).isZero();
        assertThat(retried.detail().retriedStep()).isEqualTo(10);
        assertThat(TestProjects.read(file)).as("c300000 stays stable, c200000 gets no traffic").isEqualTo(promoted);
        assertThat(new OutcomeText(true).render(retried)).contains("the canary, of commit c300000, was promoted since");
        assertThat(prod().path("canary").path("earlierRuns")).extracting(com.fasterxml.jackson.databind.JsonNode::asText)
                .containsExactly("https://ci.example/runs/2", "https://ci.example/runs/3");
    }

    @Test
    void aFullDeploymentEndsTheCanaryRunningBesideTheOldVersion() {
        step(20, "c200000");

        ChangeOutcome<?> full = run.operations().deploy(TestOperations.request(dir).environment("prod").commit("c300000")
                .healthCheck(false).build());

        assertThat(full.exitCode()).isZero();
        assertThat(prod().path("commit").asText()).isEqualTo("c300000");
        JsonNode canary = prod().path("canary");
        assertThat(canary.path("status").asText()).isEqualTo(CanaryState.ABANDONED);
        assertThat(canary.path("weight").asInt()).isZero();
        assertThat(canary.path("rollbackReason").asText()).isEqualTo("replaced by a full deployment of commit c300000");
        assertThat(full.warnings()).contains("the canary of commit c200000 (20 % of prod) ended: replaced by a full "
                + "deployment of commit c300000");

        step(10, "c400000");
        run.operations().deploy(TestOperations.request(dir).environment("prod").commit("c400000").healthCheck(false)
                .build());
        assertThat(prod().path("canary").path("status").asText()).as("its own commit deployed in full")
                .isEqualTo(CanaryState.PROMOTED);
    }

    @Test
    void aCanaryOfAnotherKindIsTheUsersAndANewCanaryOverItIsRefused() {
        Path file = dir.resolve(".specweave/increments/0018-oauth/metadata.json");
        String hand = TestProjects.read(file).replace("\"healthStatus\": \"healthy\"",
                "\"healthStatus\": \"healthy\", \"canary\": \"managed by flagger\"");
        TestProjects.write(file, hand);

        assertThatThrownBy(() -> step(10, "c200000")).isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("metadata.json: deployments.prod.canary: expected an object, got \"managed by "
                        + "flagger\"; make it an object (or remove it) so this change can be recorded");
        assertThat(TestProjects.read(file)).isEqualTo(hand);
        assertThat(tracked).isEmpty();
    }

    @Test
    void theNextStepKeepsEveryStepEntryAsWrittenAndReadsAWeightSpelledAnotherWay() throws Exception {
        step(10, "c200000");
        Path file = dir.resolve(".specweave/increments/0018-oauth/metadata.json");
        // A person's notes in the list: a text entry, a key of their own, a step under another key, Weight in capitals.
        ObjectNode root = (ObjectNode) Json.mapper().readTree(TestProjects.read(file));
        ArrayNode list = (ArrayNode) root.with("deployments").with("prod").with("canary").get("steps");
        ((ObjectNode) list.get(0)).put("approvedBy", "ops-lead");
        list.insert(0, "manual 5% on friday");
        list.insert(1, Json.mapper().readTree("{\"percentage\": 5, \"at\": \"2026-11-27T11:00:00Z\"}"));
        list.insert(2, Json.mapper().readTree("{\"Weight\": 7, \"at\": \"2026-11-27T11:30:00Z\"}"));
        TestProjects.write(file, Json.mapper().writeValueAsString(root));
        JsonNode written = prod().path("canary").path("steps").deepCopy();
        assertThat(written).hasSize(4);
        assertThat(written.get(3).path("approvedBy").asText()).isEqualTo("ops-lead");
        run.advance(Duration.ofMinutes(10));

        step(25, "c200000");

        JsonNode steps = prod().path("canary").path("steps");
        assertThat(steps).hasSize(5);
        for (int i = 0; i < 4; i++) {
            assertThat(steps.get(i)).as("entry " + i + " as written").isEqualTo(written.get(i));
        }
        assertThat(steps.get(4).path("weight").asInt()).isEqualTo(25);
        assertThat(steps.get(1).has("weight")).as("a percentage is not misread as a weight of 0").isFalse();
        assertThat(CanaryState.read(prod()).steps()).extracting(CanaryState.Step::weight)
                .containsExactly(null, 7, 10, 25);
        assertThat(io.specweave.deploy.model.RecordFacts.canary(CanaryState.read(prod()), null))
                .endsWith("steps 7 % at 2026-11-27T11:30:00Z, 10 % at 2026-11-27T12:00:00Z, 25 % at 2026-11-27T12:10:00Z");
    }

    @Test
    void theRunningDeploymentsOwnApprovalNamingNoCommitApprovesNoCanary() {
        project.config("{\"sync\": {\"profiles\": {\"local-prod\": {\"provider\": \"local\", "
                + "\"environment\": \"prod\"}}}, \"deployment\": {\"promotion\": {\"requireApproval\": [\"prod\"]}}}");
        // As SpecWeave writes an approval: no commit, given before the deployment it approved.
        Path file = dir.resolve(".specweave/increments/0018-oauth/metadata.json");
        TestProjects.write(file, TestProjects.read(file).replace("\"healthStatus\": \"healthy\"",
                "\"healthStatus\": \"healthy\", \"approvals\": [{\"approvedBy\": \"jane\", "
                        + "\"approvedAt\": \"2026-11-20T08:00:00Z\"}]"));

        assertThat(step(10, "c200000").result()).isEqualTo(ChangeOutcome.Result.REFUSED);
        assertThat(step(100, "c200000").result()).isEqualTo(ChangeOutcome.Result.REFUSED);
        assertThat(prod().path("commit").asText()).isEqualTo("c100000");

        run.operations().approve(TestOperations.request(dir).environment("prod").approvedBy("maria").commit("c200000")
                .build());
        assertThat(step(10, "c200000").result()).as("an approval of its own commit").isEqualTo(
                ChangeOutcome.Result.RECORDED);
    }

    @Test
    void aCanaryPromotedPastARefusingGateIsRecordedForced() {
        project.config("{\"sync\": {\"profiles\": {\"local-prod\": {\"provider\": \"local\", "
                + "\"environment\": \"prod\"}}}, \"deployment\": {\"promotion\": {\"requireApproval\": [\"prod\"]}}}");
        assertThat(step(10, "c200000").result()).isEqualTo(ChangeOutcome.Result.REFUSED);
        run.operations().deploy(TestOperations.request(dir).environment("prod").canaryWeight(10).commit("c200000")
                .force(true).build());
        assertThat(prod().path("commit").asText()).as("stable until promoted").isEqualTo("c100000");
        assertThat(prod().path("canary").path("steps").get(0).path("forced").asBoolean())
                .as("the step taken past the gate says so").isTrue();
        assertThat(io.specweave.deploy.model.RecordFacts.canary(CanaryState.read(prod()), null))
                .endsWith("steps 10 % at 2026-11-27T12:00:00Z (forced)");

        run.operations().deploy(TestOperations.request(dir).environment("prod").canaryWeight(100).commit("c200000")
                .force(true).build());

        assertThat(prod().path("commit").asText()).isEqualTo("c200000");
        assertThat(prod().path("forced").asBoolean()).isTrue();
        assertThat(prod().path("canary").path("steps")).extracting(s -> s.path("forced").asBoolean())
                .containsExactly(true, true);
    }

    @Test
    void aCanaryAtAllTrafficIsHealthCheckedAsAPlainDeploymentAndAStepBelowIsNot() {
        try (HealthServer prod = HealthServer.start(503)) {
            project.config("{\"sync\": {\"profiles\": {\"local-prod\": {\"provider\": \"local\", "
                    + "\"environment\": \"prod\", \"deploymentUrl\": \"" + prod.url() + "\", "
                    + "\"healthCheck\": {\"retries\": 0}}}}}");

            ChangeOutcome<CanaryDetail> whole = step(100, "c200000");

            assertThat(whole.result()).isEqualTo(ChangeOutcome.Result.RECORDED_UNHEALTHY);
            assertThat(whole.exitCode()).isEqualTo(1);
            assertThat(prod().path("commit").asText()).as("recorded all the same").isEqualTo("c200000");
            assertThat(prod().path("healthStatus").asText()).isEqualTo("unhealthy");
            assertThat(prod().path("healthHttpStatus").asInt()).isEqualTo(503);
            assertThat(new OutcomeText(true).render(whole)).contains("health: ");

            int calls = prod.calls();
            step(10, "c300000");
            assertThat(prod.calls()).as("one request says nothing of a canary beside the stable version")
                    .isEqualTo(calls);

            ChangeOutcome<CanaryDetail> promoted = step(100, "c300000");
            assertThat(promoted.result()).as("promoted, it serves all traffic: checked as the straight one is")
                    .isEqualTo(ChangeOutcome.Result.RECORDED_UNHEALTHY);
            assertThat(prod.calls()).isGreaterThan(calls);
        }
    }

    @Test
    void stepsAreRecordedWithTheirTimesAndOneHundredMakesTheCanaryStable() {
        step(10, "c200000");
        run.advance(Duration.ofMinutes(10));
        step(25, null);
        run.advance(Duration.ofMinutes(10));
        step(50, "c200000");

        JsonNode running = prod();
        assertThat(running.path("commit").asText()).as("stable untouched while the canary runs").isEqualTo("c100000");
        assertThat(running.path("canary").path("weight").asInt()).isEqualTo(50);
        assertThat(running.path("canary").path("steps").findValues("forced")).as("no gate refused").isEmpty();
        assertThat(running.path("canary").path("stableCommit").asText()).isEqualTo("c100000");
        assertThat(running.path("canary").path("steps")).extracting(s -> s.path("weight").asInt() + "@"
                + s.path("at").asText())
                .containsExactly("10@2026-11-27T12:00:00Z", "25@2026-11-27T12:10:00Z", "50@2026-11-27T12:20:00Z");
        assertThat(tracked).allMatch(r -> !r.newDeployment());
        assertThat(tracked.get(0).note()).isEqualTo("Canary commit c200000 gets 10 % of prod traffic; stable c100000 gets 90 %.");
        assertThat(tracked.get(2).recordCopyNode().path("canary").path("weight").asInt())
                .as("the item's record copy carries the canary").isEqualTo(50);

        run.advance(Duration.ofMinutes(10));
        // Unchecked: nothing answers at this profile's URL (the check of a promotion has its own test).
        @SuppressWarnings("unchecked")
        ChangeOutcome<CanaryDetail> promoted = (ChangeOutcome<CanaryDetail>) run.operations().deploy(
                TestOperations.request(dir).environment("prod").canaryWeight(100).deployedBy("ci-bot")
                        .healthCheck(false).build());

        assertThat(promoted.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(promoted.detail().promoted()).isTrue();
        JsonNode prod = prod();
        assertThat(prod.path("commit").asText()).isEqualTo("c200000");
        assertThat(prod.path("status").asText()).isEqualTo("deployed");
        assertThat(prod.path("deployedAt").asText()).isEqualTo("2026-11-27T12:30:00Z");
        assertThat(prod.path("canary").path("status").asText()).isEqualTo("promoted");
        assertThat(prod.path("canary").path("promotedAt").asText()).isEqualTo("2026-11-27T12:30:00Z");
        assertThat(prod.path("history")).hasSize(1);
        assertThat(prod.path("history").get(0).path("commit").asText()).isEqualTo("c100000");
        assertThat(prod.path("history").get(0).has("canary")).isFalse();
        assertThat(tracked.get(tracked.size() - 1).newDeployment()).isTrue();
    }

    @Test
    void rollbackOfTheCanarySetsZeroAndAbandonsItStableStays() {
        step(10, "c200000");
        run.advance(Duration.ofMinutes(1));

        ChangeOutcome<CanaryDetail> abandoned = abandon();

        assertThat(abandoned.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(abandoned.detail().canary().status()).isEqualTo(CanaryState.ABANDONED);
        JsonNode prod = prod();
        assertThat(prod.path("canary").path("weight").asInt()).isZero();
        assertThat(prod.path("canary").path("abandonedAt").asText()).isEqualTo("2026-11-27T12:01:00Z");
        assertThat(prod.path("commit").asText()).isEqualTo("c100000");
        assertThat(prod.has("history")).isFalse();
        assertThatThrownBy(this::abandon).isInstanceOf(BadInputException.class)
                .hasMessageContaining("the last one was abandoned");
    }

    @Test
    void aReRunOfTheJobThatRolledTheCanaryBackSucceedsAndAnotherRunIsStillRefused() {
        String run1 = "https://github.com/acme/shop/actions/runs/101";
        run.operations().deploy(TestOperations.request(dir).environment("prod").canaryWeight(10).commit("c200000")
                .runUrl("https://github.com/acme/shop/actions/runs/100").build());
        run.operations().rollback(TestOperations.request(dir).environment("prod").canary(true).runUrl(run1).build());
        Path file = dir.resolve(".specweave/increments/0018-oauth/metadata.json");
        String abandoned = TestProjects.read(file);
        int told = tracked.size();
        run.advance(Duration.ofMinutes(3));

        @SuppressWarnings("unchecked")
        ChangeOutcome<CanaryDetail> again = (ChangeOutcome<CanaryDetail>) run.operations().rollback(
                TestOperations.request(dir).environment("prod").canary(true).runUrl(run1).build());

        assertThat(again.exitCode()).isZero();
        assertThat(again.metadataChanged()).isFalse();
        assertThat(TestProjects.read(file)).isEqualTo(abandoned);
        assertThat(tracked.subList(told, tracked.size())).as("no second comment on the item")
                .allMatch(t -> t.note() == null && !t.newDeployment());
        assertThat(new OutcomeText(true).render(again)).contains("metadata.json unchanged (this run's rollback of the "
                + "canary is recorded already)");
        assertThatThrownBy(() -> run.operations().rollback(TestOperations.request(dir).environment("prod").canary(true)
                .runUrl("https://github.com/acme/shop/actions/runs/102").build()))
                .as("another run").isInstanceOf(BadInputException.class)
                .hasMessageContaining("no canary runs in prod (the last one was abandoned)");
        assertThatThrownBy(this::abandon).as("a run no URL names").isInstanceOf(BadInputException.class)
                .hasMessageContaining("the last one was abandoned");
    }

    @Test
    void aCanaryRolledBackWithAReasonKeepsItUntilTheNextCanary() throws java.io.IOException {
        step(10, "c200000");
        // The finished canary's own keys (an analysis, a team's note) stay with it, not with the next one.
        Path file = dir.resolve(".specweave/increments/0018-oauth/metadata.json");
        Files.writeString(file, Files.readString(file).replace("\"canary\": {", "\"canary\": {\"teamNote\": \"x\", "));
        run.operations().rollback(TestOperations.request(dir).environment("prod").canary(true)
                .reason(" p95 doubled ").build());

        assertThat(prod().path("canary").path("rollbackReason").asText()).isEqualTo("p95 doubled");
        assertThat(prod().path("canary").path("teamNote").asText()).isEqualTo("x");
        assertThat(tracked.get(tracked.size() - 1).note()).isEqualTo("Canary commit c200000 rolled back to 0 % in prod "
                + "and abandoned (p95 doubled); stable c100000 serves all traffic.");

        step(10, "c300000");

        assertThat(prod().path("canary").path("commit").asText()).isEqualTo("c300000");
        assertThat(prod().path("canary").has("rollbackReason")).isFalse();
        assertThat(prod().path("canary").has("teamNote")).isFalse();
    }

    @Test
    void aCanaryBeforeAnyRecordedDeploymentSaysWhatTakesTheRestOfTheTraffic() {
        TestProject.in(dir).increment("0019-first", "First", "{\"id\": \"0019-first\"}\n");

        ChangeOutcome<?> started = run.operations().deploy(TestOperations.request(dir).increment("0019")
                .environment("prod").canaryWeight(10).commit("c900000").build());
        ChangeOutcome<?> abandoned = run.operations().rollback(TestOperations.request(dir).increment("0019")
                .environment("prod").canary(true).build());

        // Users see the canary: the environment's item shows it, with no full deployment yet, and is updated.
        assertThat(started.trackingId()).isNotNull();
        assertThat(abandoned.trackingId()).isEqualTo(started.trackingId());
        List<TrackingRequest> first = tracked.stream().filter(t -> t.increment().id().equals("0019-first")).toList();
        assertThat(first).hasSize(2);
        assertThat(io.specweave.deploy.tracker.ItemContent.of(first.get(0)).facts()).anySatisfy(f -> {
            assertThat(f.label()).isEqualTo("Status");
            assertThat(f.value()).isEqualTo("no full deployment yet");
        }).anySatisfy(f -> assertThat(f.label()).isEqualTo("Canary"));
        assertThat(List.of(started.note(), abandoned.note())).containsExactly(
                "Canary commit c900000 gets 10 % of prod traffic; the version already running (no deployment recorded) "
                        + "gets 90 %.",
                "Canary commit c900000 rolled back to 0 % in prod and abandoned; the version already running (no "
                        + "deployment recorded) serves all traffic.");
    }

    @Test
    void aSecondCanaryWhileOneRunsAndBadWeightsAreBadInput() {
        step(10, "c200000");
        assertThatThrownBy(() -> step(25, "c300000")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("a canary of commit c200000 runs at 10 % in prod");
        assertThatThrownBy(() -> step(0, null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("1 to 100");
        assertThatThrownBy(() -> step(101, null)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("canary: expected the canary's share of traffic in percent, 1 to 100")
                .hasMessageContaining("`rollback 0018, environment prod, canary`");
    }

    @Test
    void monitoringACanaryWhereSlotsRunSaysWhatWorksThere() {
        run.operations().deploy(TestOperations.request(dir).environment("prod").slot("blue").commit("c200000")
                .healthCheck(false).build());

        assertThatThrownBy(() -> run.operations().monitor(TestOperations.request(dir).environment("prod").canary(true)
                .prometheusUrl("http://127.0.0.1:9/prom").build()))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("prod runs blue-green slots (live: blue): no canary of 0018-oauth runs there, "
                        + "and one would be refused; to try a new version, deploy it to the idle slot, test it there "
                        + "and swap (`deploy 0018, environment prod, slot green`)")
                .hasMessageNotContaining("canary 10");
    }

    @Test
    void anUnreachablePrometheusIsNamedWithoutItsCredentialsAndWhy() throws java.io.IOException {
        step(10, "c200000");
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://metrics:s3cret-pw@127.0.0.1:" + port + "/prom";

        assertThatThrownBy(() -> run.operations().monitor(TestOperations.request(dir).environment("prod").canary(true)
                .prometheusUrl(url).build()))
                .isInstanceOf(io.specweave.deploy.OperationFailedException.class)
                .hasMessageStartingWith("Prometheus at http://127.0.0.1:" + port + "/prom could not be reached: ")
                .hasMessageEndingWith(": connection refused (nothing answers at that host and port)")
                .hasMessageNotContaining("s3cret-pw").hasMessageNotContaining("metrics:");
        assertThat(prod().path("canary").has("lastAnalysis")).as("nothing measured, nothing recorded").isFalse();
    }

    @Test
    void theStableCommitCannotBeItsOwnCanary() {
        assertThatThrownBy(() -> step(10, "c100000")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("already the stable version");
    }

    @Test
    void aPipelineOfANewerCommitDoesNotMoveTheRunningCanary() {
        step(10, "c200000");
        run.ci(new CiContext("github-actions", "c300000", "main", null, "octocat", null, null));

        assertThatThrownBy(() -> step(25, null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("a canary of commit c200000 runs at 10 % in prod");
        assertThat(prod().path("canary").path("weight").asInt()).isEqualTo(10);
    }
}
