package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Input;
import io.specweave.deploy.TestProjects;
import io.specweave.deploy.model.Approval;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code approve}: approvals, change requests and metrics for an environment's (next) deployment. */
class ApproveOperationTest {

    @TempDir
    Path dir;

    final TestOperations run = TestOperations.at("2026-11-21T09:00:00Z");

    private String metadata() {
        return TestProjects.read(dir.resolve(".specweave/increments/0018-oauth-google/metadata.json"));
    }

    private ChangeOutcome<Approval> approve(String at, Request.Builder request) {
        run.now(at);
        return run.operations().approve(request.build());
    }

    @Test
    void approvalsAreAppendedWithTimeAndOtherKeysKept() {
        TestProjects.create(dir, null, null);
        TestProjects.write(dir.resolve(".specweave/increments/0018-oauth-google/metadata.json"), """
                {
                  "id": "0018-oauth-google",
                  "status": "active",
                  "deployments": {
                    "uat": { "profile": "local-staging", "status": "deployed", "deployedAt": "2026-11-20T10:00:00Z",
                      "signoff": { "kept": true } }
                  },
                  "custom": [1, 2]
                }
                """);

        approve("2026-11-21T09:00:00Z", TestOperations.request(dir).profile("local-staging").approvedBy("maria.qa")
                .role("QA Lead").commit("9b1d5f0"));
        ChangeOutcome<Approval> second = approve("2026-11-21T10:00:00Z", TestOperations.request(dir)
                .profile("local-staging").approvedBy("jane.doe").role("Release Manager").notes("ok").commit("9b1d5f0")
                .metrics("{\"errorRate\": 0.1}"));

        assertThat(second.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(second.detail()).isEqualTo(Approval.of("jane.doe", "Release Manager", "2026-11-21T10:00:00Z", "ok",
                "9b1d5f0"));
        assertThat(second.record().approvals()).containsExactly(
                Approval.of("maria.qa", "QA Lead", "2026-11-21T09:00:00Z", null, "9b1d5f0"),
                Approval.of("jane.doe", "Release Manager", "2026-11-21T10:00:00Z", "ok", "9b1d5f0"));
        assertThat(second.record().metrics().path("errorRate").asDouble()).isEqualTo(0.1);
        assertThat(second.note()).isEqualTo("Approved commit 9b1d5f0 by jane.doe (Release Manager): ok. Recorded metrics.");
        assertThat(metadata()).contains("\"signoff\": {", "\"custom\": [", "\"approvedBy\": \"jane.doe\"");
    }

    @Test
    void entriesOfApprovalsThatAreNoObjectsAreKeptAsWrittenAndApproveNothing() {
        TestProjects.create(dir, null, "\"promotion\": {\"requireApproval\": [\"prod\"]}");
        TestProjects.write(dir.resolve(".specweave/increments/0018-oauth-google/metadata.json"), """
                {"id": "0018-oauth-google", "status": "active", "deployments": {"prod": {
                  "status": "deployed", "deployedAt": "2026-11-20T10:00:00Z", "commit": "1111111",
                  "approvals": ["jane (in chat)", 42, null, ["x"], {"role": "nobody named"}]}}}""");

        ChangeOutcome<?> refused = run.operations().sync(TestOperations.request(dir).environment("prod")
                .commit("1111111").runUrl("https://ci.example/runs/2").healthCheck(false).build());
        approve("2026-11-21T09:00:00Z", TestOperations.request(dir).environment("prod").approvedBy("maria")
                .commit("2222222"));

        assertThat(refused.result()).as("an entry that names nobody approves nothing")
                .isEqualTo(ChangeOutcome.Result.REFUSED);
        assertThat(TestOperations.deployment(dir, "0018-oauth-google", "prod").path("approvals").toString())
                .isEqualTo("[\"jane (in chat)\",42,null,[\"x\"],{\"role\":\"nobody named\"},{\"approvedBy\":"
                        + "\"maria\",\"commit\":\"2222222\",\"approvedAt\":\"2026-11-21T09:00:00Z\"}]");
    }

    @Test
    void anEntryOfThePreviousEnvironmentThatIsNoRecordHoldsNoCommitToApprove() {
        TestProjects.create(dir, null, null);
        TestProjects.write(dir.resolve(".specweave/increments/0018-oauth-google/metadata.json"), """
                {"id": "0018-oauth-google", "status": "active", "deployments": {
                  "dev": {"status": "deployed", "deployedAt": "2026-11-20T10:00:00Z", "commit": "1111111"},
                  "qa": "pending"}}""");
        String before = metadata();

        assertThatThrownBy(() -> approve("2026-11-21T09:00:00Z", TestOperations.request(dir).environment("staging")
                .approvedBy("jane"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("approve: cannot tell which deployment to staging this approves: staging has no "
                        + "recorded deployment and qa has no recorded deployment; name the commit with commit");
        assertThat(metadata()).isEqualTo(before);
    }

    @Test
    void theSameApprovalGivenAgainIsTheOneAlreadyThere() {
        TestProjects.create(dir, null, null);
        approve("2026-11-21T09:00:00Z", TestOperations.request(dir).profile("local-staging").approvedBy("jane")
                .role("RM").commit("9b1d5f0"));
        String once = metadata();

        ChangeOutcome<Approval> again = approve("2026-11-21T09:05:00Z", TestOperations.request(dir)
                .profile("local-staging").approvedBy("jane").role("RM").commit("9b1d5f0"));

        assertThat(again.record().approvals()).containsExactly(Approval.of("jane", "RM", "2026-11-21T09:00:00Z", null,
                "9b1d5f0"));
        assertThat(again.detail().approvedAt()).as("reported as kept").isEqualTo("2026-11-21T09:00:00Z");
        assertThat(metadata()).isEqualTo(once);
        ChangeOutcome<Approval> otherRole = approve("2026-11-21T09:10:00Z", TestOperations.request(dir)
                .profile("local-staging").approvedBy("jane").role("CAB").commit("9b1d5f0"));
        assertThat(otherRole.record().approvals()).hasSize(2);
    }

    @Test
    void changeRequestAloneIsRecordedBeforeAnyDeployment() {
        TestProjects.create(dir, null, null);
        List<io.specweave.deploy.tracker.TrackingRequest> tracked = new ArrayList<>();
        run.recordingTrackers(tracked);

        ChangeOutcome<Approval> outcome = approve("2026-11-21T09:00:00Z", TestOperations.request(dir)
                .environment("prod").changeRequest("id=CHG1,url=https://itsm.example/CHG1,window=2026-11-22T22:00:00Z/PT2H"));

        assertThat(outcome.detail()).as("no approval given").isNull();
        assertThat(outcome.record().status()).isNull();
        assertThat(outcome.record().changeRequest().interval()[1]).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(tracked).as("the item comes with the environment's first deployment").isEmpty();
        assertThat(metadata()).contains("\"prod\": {", "\"profile\": \"local-prod\"", "\"id\": \"CHG1\"")
                .doesNotContain("\"status\": \"deployed\"");
    }

    /** Its url is recorded and shown as a link as a deployment URL is: the same rule, for approve and sync. */
    @Test
    void aChangeRequestUrlHoldingACredentialIsRefusedWithoutRepeatingIt() {
        TestProjects.create(dir, null, null);
        String before = metadata();

        assertThatThrownBy(() -> approve("2026-11-21T09:00:00Z", TestOperations.request(dir).environment("prod")
                .changeRequest("id=C9,url=https://user:s3cret@itsm.example.com/C9")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("change-request: url: expected a URL without user info (user:password@), got "
                        + "https://itsm.example.com/C9 with user info; the URL is recorded in metadata.json and on "
                        + "the tracking items")
                .satisfies(e -> assertThat(((BadInputException) e).input()).isEqualTo(Input.CHANGE_REQUEST));
        assertThatThrownBy(() -> approve("2026-11-21T09:00:00Z", TestOperations.request(dir).environment("prod")
                .changeRequest("id=C9,url=https://itsm.example.com/C9?token=abc123")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("change-request: url: expected a URL without a credential in its query, got "
                        + "https://itsm.example.com/C9?… with a \"token\" parameter")
                .hasMessageNotContaining("abc123");
        assertThatThrownBy(() -> run.operations().sync(TestOperations.request(dir).profile("local-prod")
                .commit("9b1d5f0").healthCheck(false)
                .changeRequest("id=C9,url=https://user:s3cret@itsm.example.com/C9?token=abc123").build()))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("change-request: url: ")
                .hasMessageNotContaining("s3cret").hasMessageNotContaining("abc123");
        // Text that is no key=value list is not repeated either when it holds a URL.
        assertThatThrownBy(() -> approve("2026-11-21T09:00:00Z", TestOperations.request(dir).environment("prod")
                .changeRequest("https://user:s3cret@itsm.example.com/C9?token=abc123")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("change-request: a part holding a URL (not repeated here) is not key=value")
                .hasMessageNotContaining("s3cret")
                .hasMessageNotContaining("abc123");
        // Nor when it follows the id without "url=", where it would join the id.
        assertThatThrownBy(() -> approve("2026-11-21T09:00:00Z", TestOperations.request(dir).environment("prod")
                .changeRequest("id=C9,https://user:s3cret@itsm.example.com/C9")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("change-request: id holds a URL (not repeated here); give the URL as url=")
                .hasMessageNotContaining("s3cret");
        // Nor when it joins the time or the window, whose refusals quote them.
        for (String joined : List.of("id=C9,approvedAt=2026-11-27T09:00:00Z,https://u:s3cret@itsm.example.com/C9",
                "id=C9,window=2026-11-28T00:00:00Z/PT4H,https://itsm.example.com/C9?token=s3cret")) {
            assertThatThrownBy(() -> approve("2026-11-21T09:00:00Z", TestOperations.request(dir).environment("prod")
                    .changeRequest(joined)))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("holds a URL (not repeated here)")
                    .hasMessageNotContaining("s3cret");
        }
        assertThat(metadata()).isEqualTo(before);
    }

    @Test
    void metricsAfterAChangeRequestSayMetricsWereRecordedNotTheChangeRequest() {
        TestProjects.create(dir, null, null);
        approve("2026-11-21T09:00:00Z", TestOperations.request(dir).environment("prod").changeRequest("id=CHG1"));

        ChangeOutcome<Approval> metrics = approve("2026-11-21T10:00:00Z", TestOperations.request(dir)
                .environment("prod").metrics("{\"errorRate\": 0.1}"));

        assertThat(metrics.record().changeRequest().id()).as("kept").isEqualTo("CHG1");
        assertThat(new io.specweave.deploy.report.OutcomeText(true).headline(metrics))
                .isEqualTo("Recorded metrics for 0018-oauth-google → prod");
    }

    @Test
    void nothingToRecordOrBadMetricsIsBadInput() {
        TestProjects.create(dir, null, null);
        String before = metadata();

        assertThatThrownBy(() -> approve("2026-11-21T09:00:00Z", TestOperations.request(dir).environment("prod")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("expected approved-by NAME")
                .satisfies(e -> assertThat(((BadInputException) e).message().inputs()).containsExactly(
                        Input.APPROVED_BY, Input.ROLE, Input.NOTES, Input.CHANGE_REQUEST, Input.METRICS));
        assertThatThrownBy(() -> approve("2026-11-21T09:00:00Z", TestOperations.request(dir).environment("prod")
                .approvedBy("jane").metrics("[1, 2]")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("metrics: expected a JSON object such as {\"errorRate\": 0.2, \"p95LatencyMs\": 180}, "
                        + "got an array");
        assertThat(metadata()).isEqualTo(before);
    }

    /** New with the application layer: approvals belong to the environment, so a slot is refused by name. */
    @Test
    void anApprovalOfOneSlotIsRefusedSayingWhy() {
        TestProjects.create(dir, null, null);
        Path config = dir.resolve(".specweave/config.json");
        TestProjects.write(config, TestProjects.read(config).replace("\"environment\": \"prod\"",
                "\"environment\": \"prod\", \"slots\": {\"blue\": {}, \"green\": {}}"));
        String before = metadata();

        assertThatThrownBy(() -> approve("2026-11-21T09:00:00Z", TestOperations.request(dir).environment("prod-green")
                .approvedBy("jane")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("approve works on the environment (prod), not on one slot: approvals belong to the "
                        + "environment's deployments; give environment prod");
        assertThat(metadata()).isEqualTo(before);
    }
}
