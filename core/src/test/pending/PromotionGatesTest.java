package io.specweave.deploy.app;

import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.model.Approval;
import io.specweave.deploy.model.ChangeRequest;
import io.specweave.deploy.model.DeploymentRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.TestProjects;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.health.HealthChecker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromotionGatesTest {

    private static final String A = "aaaaaaa1111111111111111111111111111111111";
    private static final String B = "bbbbbbb2222222222222222222222222222222222";

    @TempDir
    Path dir;

    private Project project(String promotion) {
        TestProjects.create(dir, null, promotion == null ? null : "\"promotion\": " + promotion);
        return Project.open(dir);
    }

    private SyncResult sync(Project project, String environment, String commit, String at, boolean force,
            SyncRequest.Attachments results) {
        SyncService service = new SyncService(new TrackerFactory(new Credentials(Map.of())),
                Clock.fixed(Instant.parse(at), ZoneOffset.UTC), new HealthChecker(d -> { }, Clock.systemUTC()));
        SyncRequest request = new SyncRequest("0018", null, environment, null, SyncRequest.Outcome.DEPLOYED, commit,
                "main", null, "ci-bot", "https://ci.example/runs/" + at.hashCode(), null, false, List.of(), results,
                true, force);
        return service.sync(project, request, CiContext.none());
    }

    private SyncResult sync(Project project, String environment, String commit, String at) {
        return sync(project, environment, commit, at, false, null);
    }

    private String metadata() {
        return TestProjects.read(dir.resolve(".specweave/increments/0018-oauth-google/metadata.json"));
    }

    @Test
    void requirePreviousRefusesWhenThePreviousEnvironmentHasNoDeploymentAndWritesNothing() {
        Project project = project("{\"requirePrevious\": true}");
        sync(project, "dev", A, "2026-11-20T10:00:00Z");
        String before = metadata();

        assertThatThrownBy(() -> sync(project, "staging", A, "2026-11-20T11:00:00Z"))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("promotion to staging refused for 0018-oauth-google (deployment.promotion in ")
                .hasMessageContaining("requirePrevious: qa (the environment before staging) has no deployment; "
                        + "missing: a healthy deployment to qa of commit " + A)
                .hasMessageContaining("pass --force");
        assertThat(metadata()).isEqualTo(before);
    }

    @Test
    void requirePreviousPassesOverPipelineEnvironmentsNobodyDeploysTo() {
        TestProjects.create(dir, null, "\"pipeline\": [\"dev\", \"qa\", \"staging\", \"uat\", \"prod\"], "
                + "\"promotion\": {\"requirePrevious\": true}");
        Project project = Project.open(dir);
        sync(project, "dev", A, "2026-11-20T10:00:00Z");
        sync(project, "qa", A, "2026-11-20T11:00:00Z");
        sync(project, "staging", A, "2026-11-20T12:00:00Z");

        assertThat(sync(project, "prod", A, "2026-11-20T13:00:00Z").record().forced()).isNull();
    }

    @Test
    void requirePreviousRefusesAnotherCommitUnlessAllowed() {
        Project strict = project("{\"requirePrevious\": true}");
        sync(strict, "dev", A, "2026-11-20T10:00:00Z");

        assertThatThrownBy(() -> sync(strict, "qa", B, "2026-11-20T11:00:00Z"))
                .hasMessageContaining("requirePrevious: dev runs commit " + A + ", not " + B);

        Project lenient = project("{\"requirePrevious\": true, \"allowDifferentCommit\": true}");
        sync(lenient, "dev", A, "2026-11-20T10:00:00Z");
        assertThat(sync(lenient, "qa", B, "2026-11-20T11:00:00Z").record().status()).isEqualTo("deployed");
    }

    @Test
    void requirePreviousRefusesWhenThePreviousEnvironmentIsUnhealthy() {
        Project project = project("{\"requirePrevious\": [\"qa\"]}");
        sync(project, "dev", A, "2026-11-20T10:00:00Z");
        project.metadata(project.increments().resolve("0018")).update(doc -> {
            DeploymentRecord dev = Deployments.get(doc, "dev").orElseThrow();
            Deployments.put(doc, "dev", dev.toBuilder().healthStatus("unhealthy")
                    .lastChecked("2026-11-20T10:05:00Z").build(), false);
            return null;
        });

        assertThatThrownBy(() -> sync(project, "qa", A, "2026-11-20T11:00:00Z"))
                .hasMessageContaining("requirePrevious: dev is unhealthy (checked 2026-11-20T10:05:00Z)");
    }

    @Test
    void requireApprovalRefusesWithoutAndTakesTheApprovalGivenBeforeTheDeployment() {
        Project project = project("{\"requireApproval\": [\"prod\"]}");

        assertThatThrownBy(() -> sync(project, "prod", A, "2026-11-21T10:00:00Z"))
                .hasMessageContaining("requireApproval: a deployment to prod needs an approval; missing: an approval: "
                        + "run `specweave-deploy approve <increment> --environment prod --by NAME --role ROLE` first");

        new ApprovalService(Clock.fixed(Instant.parse("2026-11-21T09:30:00Z"), ZoneOffset.UTC)).approve(project,
                new ApprovalService.Request("0018", null, "prod", "jane.doe", "Release Manager", "CAB ok", null, null));
        SyncResult done = sync(project, "prod", A, "2026-11-21T10:00:00Z");

        assertThat(done.record().approvals()).hasSize(1);
        assertThat(Approval.from(done.record().approvals().get(0)))
                .isEqualTo(new Approval("jane.doe", "Release Manager", "2026-11-21T09:30:00Z", "CAB ok"));
        assertThat(done.record().forced()).isNull();

        // The next prod deployment needs a new approval: the first one belongs to the first deployment.
        assertThatThrownBy(() -> sync(project, "prod", B, "2026-11-22T10:00:00Z"))
                .hasMessageContaining("requireApproval");
    }

    @Test
    void requireTestsPassedRefusesMissingAndFailingResults(@TempDir Path reports) {
        Project project = project("{\"requireTestsPassed\": [\"qa\"]}");
        TestProjects.write(dir.resolve("reports/failing/TEST-a.xml"),
                "<testsuite tests=\"3\"><testcase name=\"a\"/><testcase name=\"b\"><failure/></testcase>"
                        + "<testcase name=\"c\"/></testsuite>");
        TestProjects.write(dir.resolve("reports/passing/TEST-a.xml"),
                "<testsuite tests=\"2\"><testcase name=\"a\"/><testcase name=\"b\"/></testsuite>");

        assertThatThrownBy(() -> sync(project, "qa", A, "2026-11-20T11:00:00Z"))
                .hasMessageContaining("requireTestsPassed: a deployment to qa needs passing test results; missing: "
                        + "test results: pass --test-results GLOB (JUnit XML)");
        assertThatThrownBy(() -> sync(project, "qa", A, "2026-11-20T11:00:00Z", false,
                new SyncRequest.Attachments("reports/failing/*.xml", null, null, null, null)))
                .hasMessageContaining("requireTestsPassed: tests did not pass: 1 failed, 0 errors, 2/3 passed; "
                        + "missing: a test run without failures or errors");

        SyncResult done = sync(project, "qa", A, "2026-11-20T11:00:00Z", false,
                new SyncRequest.Attachments("reports/passing/*.xml", null, null, null, null));
        assertThat(done.record().testResults().toString())
                .isEqualTo("{\"total\":2,\"passed\":2,\"failed\":0,\"skipped\":0,\"errors\":0}");
    }

    @Test
    void changeWindowRefusesOutsideTheRecordedWindowAndAllowsInside() {
        Project project = project("{\"changeWindow\": [\"prod\"]}");
        String change = "id=CHG0031337,url=https://itsm.example/change/CHG0031337,approvedAt=2026-11-27T09:00:00Z,"
                + "window=2026-11-28T22:00:00Z/2026-11-29T02:00:00Z";

        assertThatThrownBy(() -> sync(project, "prod", A, "2026-11-28T21:00:00Z"))
                .hasMessageContaining("changeWindow: a deployment to prod must happen inside an approved change "
                        + "window, and none is recorded");
        assertThatThrownBy(() -> sync(project, "prod", A, "2026-11-28T21:00:00Z", false,
                new SyncRequest.Attachments(null, null, null, null, change)))
                .hasMessageContaining("changeWindow: it is 2026-11-28T21:00:00Z, outside change CHG0031337's window "
                        + "2026-11-28T22:00:00Z to 2026-11-29T02:00:00Z");

        SyncResult inside = sync(project, "prod", A, "2026-11-28T23:00:00Z", false,
                new SyncRequest.Attachments(null, null, null, null, change));
        assertThat(inside.record().changeRequest().path("id").asText()).isEqualTo("CHG0031337");
        assertThat(inside.record().changeRequest().path("window").asText())
                .isEqualTo("2026-11-28T22:00:00Z/2026-11-29T02:00:00Z");
    }

    @Test
    void changeRequestRecordedWithApproveBeforehandOpensTheWindow() {
        Project project = project("{\"changeWindow\": [\"prod\"]}");
        new ApprovalService(Clock.fixed(Instant.parse("2026-11-27T09:00:00Z"), ZoneOffset.UTC)).approve(project,
                new ApprovalService.Request("0018", null, "prod", null, null, null,
                        "id=CHG7,window=2026-11-28T22:00:00Z/PT4H", null));

        assertThat(sync(project, "prod", A, "2026-11-29T01:59:00Z").record().changeRequest().path("id").asText())
                .isEqualTo("CHG7");
    }

    @Test
    void forceRecordsAnywayMarkedForcedAndKeepsTheMarkInHistory() {
        Project project = project("{\"requirePrevious\": true, \"requireApproval\": [\"prod\"]}");

        SyncResult forced = sync(project, "prod", A, "2026-11-20T10:00:00Z", true, null);

        assertThat(forced.record().forced()).isTrue();
        assertThat(forced.warnings()).containsExactly(
                "forced past gate requirePrevious: staging (the environment before prod) has no deployment; missing: "
                        + "a healthy deployment to staging of commit " + A,
                "forced past gate requireApproval: a deployment to prod needs an approval; missing: an approval: run "
                        + "`specweave-deploy approve <increment> --environment prod --by NAME --role ROLE` first");
        assertThat(metadata()).contains("\"forced\": true");

        SyncResult next = sync(project, "prod", B, "2026-11-21T10:00:00Z", true, null);
        assertThat(next.record().history()).hasSize(1);
        assertThat(next.record().history().get(0).forced()).isTrue();
        assertThat(next.record().history().get(0).commit()).isEqualTo(A);
    }

    @Test
    void aFailedDeploymentIsRecordedWhateverTheGatesSay() {
        Project project = project("{\"requirePrevious\": true, \"requireApproval\": [\"prod\"]}");
        SyncService service = new SyncService(new TrackerFactory(new Credentials(Map.of())), Clock.systemUTC());
        SyncRequest failed = new SyncRequest("0018", null, "prod", null, SyncRequest.Outcome.FAILED, A, null, null,
                null, null, null, false);

        assertThat(service.sync(project, failed, CiContext.none()).record().status()).isEqualTo("failed");
    }

    @Test
    void badPromotionConfigNamesTheField() {
        Project project = project("{\"requireApproval\": \"prod\", \"requireTestsPassed\": [1]}");
        assertThatThrownBy(() -> sync(project, "dev", A, "2026-11-20T10:00:00Z"))
                .isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("deployment.promotion.requireTestsPassed[0]: expected an environment name such "
                        + "as \"prod\", got 1");
    }

    @Test
    void badChangeRequestSaysWhatIsExpected() {
        assertThatThrownBy(() -> ChangeRequest.parse("id=CHG1,window=tomorrow"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("window \"tomorrow\" is not an ISO-8601 interval; expected START/END");
        assertThatThrownBy(() -> ChangeRequest.parse("ticket=CHG1")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown key \"ticket\"");
    }
}
