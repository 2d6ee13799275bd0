package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.dora.DoraReport;
import io.specweave.deploy.model.Approval;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.DeploymentStatus;
import io.specweave.deploy.model.HealthStatus;
import io.specweave.deploy.status.EnvironmentStatus;
import io.specweave.deploy.testing.HealthServer;
import io.specweave.deploy.testing.TestProject;
import io.specweave.deploy.tracker.TrackingRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rollback}: what is restored, what history and DORA see, and when there is nothing to go back to. */
class RollbackOperationTest {

    static final String METADATA = ".specweave/increments/0018-oauth/metadata.json";

    @TempDir
    Path dir;

    HealthServer service;
    TestProject project;
    final List<TrackingRequest> tracked = new ArrayList<>();
    final TestOperations run = TestOperations.at("2026-11-01T10:00:00Z").recordingTrackers(tracked);

    @BeforeEach
    void setUp() {
        service = HealthServer.start(200);
        project = TestProject.in(dir).config("{\"sync\": {\"profiles\": {"
                + "\"local-qa\": {\"provider\": \"local\", \"environment\": \"qa\"}, "
                + "\"local-prod\": {\"provider\": \"local\", \"environment\": \"prod\", \"deploymentUrl\": \""
                + service.url() + "\", \"healthCheck\": {\"intervalSeconds\": 0}}}}}")
                .increment("0018-oauth", "OAuth", "{\"id\": \"0018-oauth\"}\n");
    }

    @AfterEach
    void stop() {
        service.close();
    }

    /** A deployment recorded without its health check, as a job that checks health elsewhere records it. */
    private void deploy(String commit, String at) {
        run.now(at).ci(CiContext.none());
        run.operations().sync(TestOperations.request(dir).profile("local-prod").commit(commit).branch("main")
                .deployedBy("ci-bot").runUrl("https://ci.example/runs/" + commit).healthCheck(false).build());
    }

    @SuppressWarnings("unchecked")
    private ChangeOutcome<RollbackDetail> rollback(String at) {
        run.now(at).ci(new CiContext("none", null, null, null, "oncall", null, null));
        return (ChangeOutcome<RollbackDetail>) run.operations().rollback(TestOperations.request(dir)
                .profile("local-prod").reason("error rate up").build());
    }

    @Test
    void aRecordedUrlOfTheVersionToGoBackToThatIsNoHttpUrlIsBadInputNamingItsHistoryEntry() throws Exception {
        deploy("c100000", "2026-11-01T10:00:00Z");
        deploy("c200000", "2026-11-10T10:00:00Z");
        Path file = dir.resolve(METADATA);
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode)
                io.specweave.deploy.Json.mapper().readTree(project.read(METADATA));
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.path("deployments").path("prod").path("history").get(0))
                .put("deploymentUrl", "ftp://x");
        java.nio.file.Files.writeString(file, root.toPrettyString());
        String before = project.read(METADATA);

        assertThatThrownBy(() -> rollback("2026-11-10T10:45:00Z")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("0018-oauth/metadata.json: deployments.prod.history[0].deploymentUrl: expected an "
                        + "absolute http(s) URL");
        assertThat(project.read(METADATA)).isEqualTo(before);

        // A person's note ahead of it in the list: the field is named where the file has it.
        ((com.fasterxml.jackson.databind.node.ArrayNode) root.path("deployments").path("prod").path("history"))
                .insert(0, "migrated from the old pipeline");
        java.nio.file.Files.writeString(file, root.toPrettyString());
        assertThatThrownBy(() -> rollback("2026-11-10T10:45:00Z"))
                .hasMessageContaining("deployments.prod.history[1].deploymentUrl: expected an absolute http(s) URL");
    }

    @Test
    void rollbackRestoresThePreviousCommitInStatusAndFeedsTheDoraFigures() {
        deploy("c100000", "2026-11-01T10:00:00Z");
        deploy("c200000", "2026-11-10T10:00:00Z");

        ChangeOutcome<RollbackDetail> result = rollback("2026-11-10T10:45:00Z");

        assertThat(result.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(result.detail().rolledBackFrom()).isEqualTo("c200000");
        assertThat(result.detail().restoredCommit()).isEqualTo("c100000");
        assertThat(result.health().status()).isEqualTo(HealthStatus.HEALTHY);
        StatusOutcome status = run.operations().status(TestOperations.request(dir).dora(false).build());
        EnvironmentStatus prod = status.pipeline().environments().stream()
                .filter(e -> e.environment().equals("prod")).findFirst().orElseThrow();
        assertThat(prod.state()).isEqualTo("deployed");
        assertThat(prod.record().commit()).isEqualTo("c100000");
        assertThat(prod.record().deployedAt()).isEqualTo("2026-11-10T10:45:00Z");
        assertThat(prod.record().deployedBy()).isEqualTo("oncall");
        assertThat(prod.record().healthStatus()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(prod.record().history()).extracting(DeploymentRecord::commit, DeploymentRecord::status)
                .containsExactly(tuple("c100000", DeploymentStatus.DEPLOYED), tuple("c200000", DeploymentStatus.ROLLED_BACK));
        assertThat(project.read(METADATA)).contains("\"rolledBackFrom\": \"c200000\"", "rollback: c200000 rolled back to c100000");

        // DORA by hand, as the issue defines it over prod records and their history:
        // 3 prod deployments (c100000, c200000, c100000 again), 1 of them rolled back -> change failure rate 1/3;
        // recovery from the rolled-back c200000 (10:00) to the next deployed and healthy one (10:45) -> 45 min.
        List<DeploymentRecord> all = new ArrayList<>(prod.record().history());
        all.add(prod.record());
        long failures = all.stream().filter(r -> DeploymentStatus.FAILED.equals(r.status())
                || DeploymentStatus.ROLLED_BACK.equals(r.status())).count();
        assertThat(failures * 3).isEqualTo(all.size());
        DeploymentRecord failed = all.stream().filter(r -> DeploymentStatus.ROLLED_BACK.equals(r.status()))
                .findFirst().orElseThrow();
        DeploymentRecord recovered = all.stream().filter(r -> DeploymentStatus.DEPLOYED.equals(r.status())
                && HealthStatus.HEALTHY.equals(r.healthStatus())
                && r.deployedAtInstant().isAfter(failed.deployedAtInstant())).findFirst().orElseThrow();
        assertThat(Duration.between(failed.deployedAtInstant(), recovered.deployedAtInstant()))
                .isEqualTo(Duration.ofMinutes(45));
        // ...and the DORA report computes the same from the file.
        run.now("2026-11-12T00:00:00Z");
        DoraReport dora = run.operations().dora(Request.builder(dir).window("30d").build());
        assertThat(dora.environment()).isEqualTo("prod");
        // The rollback put an earlier version back: the failed change's recovery, not a change of its own.
        assertThat(dora.deployments()).isEqualTo(2);
        assertThat(dora.failures()).isEqualTo(1);
        assertThat(dora.changeFailureRate().value()).isEqualTo(50.0);
        assertThat(dora.failedDeploymentRecoveryTime().value()).isEqualTo(0.75);
        assertThat(dora.failedDeploymentRecoveryTime().display()).isEqualTo("45m");

        TrackingRequest comment = tracked.get(tracked.size() - 1);
        assertThat(comment.newDeployment()).isFalse();
        assertThat(comment.note()).startsWith("Rolled back prod from commit c200000 to commit c100000 (first deployed "
                + "2026-11-01T10:00:00Z). Reason: error rate up.");
        assertThat(comment.record().commit()).as("the item shows the restored version").isEqualTo("c100000");
    }

    @Test
    void anApprovalTheRolledBackDeploymentTookIsNotPendingAgainOnTheRestoredRecord() {
        project.config("{\"sync\": {\"profiles\": {\"local-prod\": {\"provider\": \"local\", \"environment\": "
                + "\"prod\"}}}, \"deployment\": {\"promotion\": {\"requireApproval\": [\"prod\"]}}}");
        approve("a1", "c100000", "2026-11-01T09:00:00Z");
        deploy("c100000", "2026-11-01T10:00:00Z");
        approve("b1", "c200000", "2026-11-09T09:00:00Z");
        approve("c1", "c300000", "2026-11-09T09:30:00Z");
        deploy("c200000", "2026-11-10T10:00:00Z");

        ChangeOutcome<RollbackDetail> rolledBack = rollback("2026-11-10T10:45:00Z");

        assertThat(rolledBack.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(rolledBack.record().approvals()).as("its own, and the one still pending for c300000")
                .extracting(Approval::approvedBy).containsExactly("a1", "c1");
        run.now("2026-11-10T11:00:00Z");
        ChangeOutcome<?> again = run.operations().sync(TestOperations.request(dir).profile("local-prod")
                .commit("c200000").runUrl("https://ci.example/runs/again").healthCheck(false).build());
        assertThat(again.result()).as("b1's approval was taken by the deployment that was rolled back")
                .isEqualTo(ChangeOutcome.Result.REFUSED);
        assertThat(again.problem().toString()).contains("requireApproval");
        ChangeOutcome<?> next = run.operations().sync(TestOperations.request(dir).profile("local-prod")
                .commit("c300000").runUrl("https://ci.example/runs/next").healthCheck(false).build());
        assertThat(next.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
    }

    private void approve(String by, String commit, String at) {
        run.now(at).ci(CiContext.none());
        run.operations().approve(TestOperations.request(dir).profile("local-prod").approvedBy(by).commit(commit)
                .build());
    }

    @Test
    void aRollbackOfTheEnvironmentEndsTheCanaryBesideTheVersionItTakesOut() {
        deploy("c100000", "2026-11-01T10:00:00Z");
        deploy("c200000", "2026-11-02T10:00:00Z");
        run.now("2026-11-02T11:00:00Z");
        run.operations().deploy(TestOperations.request(dir).profile("local-prod").canaryWeight(25).commit("c300000")
                .healthCheck(false).build());

        ChangeOutcome<RollbackDetail> rolledBack = rollback("2026-11-02T12:00:00Z");

        assertThat(rolledBack.record().commit()).isEqualTo("c100000");
        assertThat(rolledBack.warnings()).contains("the canary of commit c300000 (25 % of prod) ended: replaced by a "
                + "rollback to the version of commit c100000");
        JsonNode prod = TestOperations.deployment(dir, "0018-oauth", "prod");
        assertThat(prod.path("canary").path("status").asText()).isEqualTo("abandoned");
        assertThat(prod.path("canary").path("weight").asInt()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNamedCommitIsTheEarlierVersionToGoBackToOrTheCurrentOneToTakeOut() {
        deploy("c100000", "2026-11-01T10:00:00Z");
        deploy("c200000", "2026-11-02T10:00:00Z");
        deploy("c300000", "2026-11-03T10:00:00Z");
        String before = project.read(METADATA);

        assertThatThrownBy(() -> run.operations().rollback(TestOperations.request(dir).profile("local-prod")
                .commit("1234567").build())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("0018-oauth: prod runs commit c300000 and has no earlier deployment of commit "
                        + "1234567 that ran to roll back to (earlier deployments: c200000, c100000)");
        assertThat(project.read(METADATA)).isEqualTo(before);

        run.now("2026-11-03T11:00:00Z");
        ChangeOutcome<RollbackDetail> toFirst = (ChangeOutcome<RollbackDetail>) run.operations().rollback(
                TestOperations.request(dir).profile("local-prod").commit("c100000").healthCheck(false).build());
        assertThat(toFirst.detail().restoredCommit()).isEqualTo("c100000");

        deploy("c400000", "2026-11-04T10:00:00Z");
        run.now("2026-11-04T11:00:00Z");
        ChangeOutcome<RollbackDetail> takenOut = (ChangeOutcome<RollbackDetail>) run.operations().rollback(
                TestOperations.request(dir).profile("local-prod").commit("c400000").healthCheck(false).build());
        assertThat(takenOut.detail().rolledBackFrom()).isEqualTo("c400000");
        assertThat(takenOut.detail().restoredCommit()).isEqualTo("c100000");
    }

    @Test
    void aSecondRollbackGoesFurtherBackPastTheRolledBackEntries() {
        deploy("c100000", "2026-11-01T10:00:00Z");
        deploy("c200000", "2026-11-02T10:00:00Z");
        deploy("c300000", "2026-11-03T10:00:00Z");
        rollback("2026-11-03T11:00:00Z");

        ChangeOutcome<RollbackDetail> second = rollback("2026-11-03T12:00:00Z");

        assertThat(second.detail().rolledBackFrom()).isEqualTo("c200000");
        assertThat(second.detail().restoredCommit()).isEqualTo("c100000");
        assertThat(second.record().commit()).isEqualTo("c100000");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReRunOfTheRunThatRolledBackRollsBackNothingMore() {
        deploy("c100000", "2026-11-01T10:00:00Z");
        deploy("c200000", "2026-11-02T10:00:00Z");
        deploy("c300000", "2026-11-03T10:00:00Z");
        run.now("2026-11-03T11:00:00Z").ci(new CiContext("none", null, null, null, "oncall", null, null));
        Request rollback = TestOperations.request(dir).profile("local-prod").runUrl("https://ci.example/runs/200")
                .build();
        run.operations().rollback(rollback);
        String once = TestOperations.metadata(dir, "0018-oauth").toString();

        ChangeOutcome<RollbackDetail> again = (ChangeOutcome<RollbackDetail>) run.operations().rollback(rollback);

        assertThat(again.exitCode()).isZero();
        assertThat(again.metadataChanged()).isFalse();
        assertThat(again.detail().restoredCommit()).isEqualTo("c200000");
        assertThat(TestOperations.metadata(dir, "0018-oauth").toString()).isEqualTo(once);
    }

    @Test
    void aLaterSyncClearsTheRollbackNote() {
        deploy("c100000", "2026-11-01T10:00:00Z");
        deploy("c200000", "2026-11-02T10:00:00Z");
        rollback("2026-11-02T11:00:00Z");
        deploy("c300000", "2026-11-04T10:00:00Z");

        String text = project.read(METADATA);
        int current = text.lastIndexOf("\"history\"");
        assertThat(text.substring(0, text.indexOf("\"history\""))).doesNotContain("rolledBackFrom");
        assertThat(text.substring(current)).contains("rolledBackFrom");
    }

    @Test
    void anUnhealthyRestoredVersionIsRecordedAndFailsTheRun() {
        deploy("c100000", "2026-11-01T10:00:00Z");
        deploy("c200000", "2026-11-02T10:00:00Z");
        service.status(503);

        ChangeOutcome<RollbackDetail> result = rollback("2026-11-02T11:00:00Z");

        assertThat(result.result()).isEqualTo(ChangeOutcome.Result.RECORDED_UNHEALTHY);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.problem().toString()).contains("the restored version is unhealthy");
        assertThat(TestOperations.deployment(dir, "0018-oauth", "prod").path("commit").asText()).isEqualTo("c100000");
        assertThat(TestOperations.deployment(dir, "0018-oauth", "prod").path("healthStatus").asText())
                .isEqualTo("unhealthy");
    }

    @Test
    void nothingToRollBackToIsAFailureNothingRecordedIsBadInput() {
        assertThatThrownBy(() -> rollback("2026-11-01T11:00:00Z")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no deployment to prod");
        deploy("c100000", "2026-11-01T10:00:00Z");
        String before = project.read(METADATA);
        int calls = tracked.size();

        assertThatThrownBy(() -> rollback("2026-11-01T11:00:00Z")).isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("no earlier deployment of another commit than c100000");
        assertThat(project.read(METADATA)).isEqualTo(before);
        assertThat(tracked).hasSize(calls);
    }
}
