package io.specweave.deploy.app;

import io.specweave.deploy.model.Approval;
import io.specweave.deploy.model.ChangeRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.TestProjects;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalServiceTest {

    @TempDir
    Path dir;

    private ApprovalService at(String time) {
        return new ApprovalService(Clock.fixed(Instant.parse(time), ZoneOffset.UTC));
    }

    private String metadata() {
        return TestProjects.read(dir.resolve(".specweave/increments/0018-oauth-google/metadata.json"));
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
        Project project = Project.open(dir);

        at("2026-11-21T09:00:00Z").approve(project, new ApprovalService.Request("0018", "local-staging", null,
                "maria.qa", "QA Lead", null, null, null));
        ApprovalService.Outcome second = at("2026-11-21T10:00:00Z").approve(project,
                new ApprovalService.Request("0018", "local-staging", null, "jane.doe", "Release Manager", "ok", null,
                        "{\"errorRate\": 0.1}"));

        assertThat(second.record().approvals()).hasSize(2);
        assertThat(Approval.from(second.record().approvals().get(0)))
                .isEqualTo(new Approval("maria.qa", "QA Lead", "2026-11-21T09:00:00Z", null));
        assertThat(second.record().metrics().path("errorRate").asDouble()).isEqualTo(0.1);
        assertThat(metadata()).contains("\"signoff\": {", "\"custom\": [", "\"approvedBy\": \"jane.doe\"");
    }

    @Test
    void changeRequestAloneIsRecordedBeforeAnyDeployment() {
        TestProjects.create(dir, null, null);

        ApprovalService.Outcome outcome = at("2026-11-21T09:00:00Z").approve(Project.open(dir),
                new ApprovalService.Request("0018", null, "prod", null, null, null,
                        "id=CHG1,url=https://itsm.example/CHG1,window=2026-11-22T22:00:00Z/PT2H", null));

        assertThat(outcome.approval()).isNull();
        assertThat(outcome.record().status()).isNull();
        assertThat(ChangeRequest.from(outcome.record().changeRequest()).interval()[1])
                .isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(metadata()).contains("\"prod\": {", "\"profile\": \"local-prod\"", "\"id\": \"CHG1\"")
                .doesNotContain("\"status\": \"deployed\"");
    }

    @Test
    void nothingToRecordOrBadMetricsIsBadInput() {
        TestProjects.create(dir, null, null);
        Project project = Project.open(dir);

        assertThatThrownBy(() -> at("2026-11-21T09:00:00Z").approve(project,
                new ApprovalService.Request("0018", null, "prod", null, null, null, null, null)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("expected --by NAME");
        assertThatThrownBy(() -> at("2026-11-21T09:00:00Z").approve(project,
                new ApprovalService.Request("0018", null, "prod", "jane", null, null, null, "[1, 2]")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--metrics: expected a JSON object such as {\"errorRate\": 0.2, \"p95LatencyMs\": 180}, "
                        + "got an array");
    }
}
