package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Command;
import io.specweave.deploy.Input;
import io.specweave.deploy.Json;
import io.specweave.deploy.Message;
import io.specweave.deploy.TestProjects;
import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.model.Approval;
import io.specweave.deploy.model.ChangeRequest;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.DeploymentStatus;
import io.specweave.deploy.model.HealthStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promotion gates as every deployment meets them. Changed with the application layer: a refused
 * gate is the outcome REFUSED (exit 1, nothing written) with the reason among its problems, not an
 * exception; messages name inputs in domain words ({@code force}, not a command-line option).
 */
class PromotionGatesTest {

    private static final String A = "aaaaaaa111111111111111111111111111111111";
    private static final String B = "bbbbbbb222222222222222222222222222222222";

    /** A front end's spelling that shows where inputs are: {@code [name=value]}. */
    static final Message.Spelling BRACKETS = new Message.Spelling() {
        @Override
        public String input(Input input, String value) {
            return "[" + input.word() + (value == null ? "" : "=" + value) + "]";
        }

        @Override
        public String command(Command command, java.util.List<Message.Arg> args) {
            StringBuilder s = new StringBuilder(command.word());
            args.forEach(a -> s.append(' ').append(input(a.input(), a.value())));
            return s.toString();
        }
    };

    @TempDir
    Path dir;

    final TestOperations run = TestOperations.at("2026-11-20T10:00:00Z");

    private Project project(String promotion) {
        TestProjects.create(dir, null, promotion == null ? null : "\"promotion\": " + promotion);
        return Project.open(dir);
    }

    private ChangeOutcome<?> sync(String environment, String commit, String at, boolean force, String testResults,
            String changeRequest) {
        run.now(at);
        return run.operations().sync(TestOperations.request(dir).environment(environment).commit(commit)
                .branch("main").deployedBy("ci-bot").runUrl("https://ci.example/runs/" + at.hashCode()).force(force)
                .testResults(testResults).changeRequest(changeRequest).build());
    }

    private ChangeOutcome<?> sync(String environment, String commit, String at) {
        return sync(environment, commit, at, false, null, null);
    }

    private ChangeOutcome<Approval> approve(String at, String by, String role, String notes, String changeRequest) {
        run.now(at);
        return run.operations().approve(TestOperations.request(dir).environment("prod").approvedBy(by).role(role)
                .notes(notes).changeRequest(changeRequest).commit(by == null ? null : A).build());
    }

    private String metadata() {
        return TestProjects.read(dir.resolve(".specweave/increments/0018-oauth-google/metadata.json"));
    }

    private static String refusal(ChangeOutcome<?> outcome) {
        assertThat(outcome.result()).isEqualTo(ChangeOutcome.Result.REFUSED);
        assertThat(outcome.exitCode()).isEqualTo(1);
        return outcome.problem().toString();
    }

    @Test
    void aCanaryStepOrASlotMeetsTheGatesAFullDeploymentMeets() {
        project("{\"requirePrevious\": true}");
        sync("dev", A, "2026-11-20T10:00:00Z");
        String before = metadata();

        ChangeOutcome<?> canary = run.operations().deploy(TestOperations.request(dir).environment("prod")
                .canaryWeight(10).commit(A).build());
        ChangeOutcome<?> slot = run.operations().deploy(TestOperations.request(dir).environment("prod").slot("blue")
                .commit(A).build());

        assertThat(refusal(canary)).contains("requirePrevious: staging (the environment before prod) has no deployment");
        assertThat(refusal(slot)).contains("requirePrevious: staging (the environment before prod) has no deployment");
        assertThat(metadata()).isEqualTo(before);
        ChangeOutcome<?> forced = run.operations().deploy(TestOperations.request(dir).environment("prod")
                .canaryWeight(10).commit(A).force(true).build());
        assertThat(forced.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(forced.warnings()).anyMatch(w -> w.startsWith("forced past gate requirePrevious"));
    }

    @Test
    void requirePreviousRefusesWhenThePreviousEnvironmentHasNoDeploymentAndWritesNothing() {
        project("{\"requirePrevious\": true}");
        sync("dev", A, "2026-11-20T10:00:00Z");
        String before = metadata();

        ChangeOutcome<?> refused = sync("staging", A, "2026-11-20T11:00:00Z");

        assertThat(refusal(refused))
                .contains("promotion to staging refused for 0018-oauth-google (deployment.promotion in ")
                .contains("requirePrevious: qa (the environment before staging) has no deployment; "
                        + "missing: a healthy deployment to qa of commit " + A)
                .contains("nothing was recorded; pass force to record it anyway")
                .doesNotContain("--force");
        assertThat(refused.problems().get(0).inputs()).containsExactly(Input.FORCE);
        assertThat(refused.problems().get(0).render(BRACKETS)).contains("pass [force] to record it anyway");
        assertThat(refused.refusals()).extracting(PromotionGates.Refusal::gate).containsExactly("requirePrevious");
        assertThat(refused.metadataChanged()).isFalse();
        assertThat(metadata()).isEqualTo(before);
    }

    @Test
    void requirePreviousPassesOverPipelineEnvironmentsNobodyDeploysTo() {
        TestProjects.create(dir, null, "\"pipeline\": [\"dev\", \"qa\", \"staging\", \"uat\", \"prod\"], "
                + "\"promotion\": {\"requirePrevious\": true}");
        sync("dev", A, "2026-11-20T10:00:00Z");
        sync("qa", A, "2026-11-20T11:00:00Z");
        sync("staging", A, "2026-11-20T12:00:00Z");

        ChangeOutcome<?> prod = sync("prod", A, "2026-11-20T13:00:00Z");

        assertThat(prod.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(prod.record().forced()).isNull();
    }

    @Test
    void anEnvironmentBesideTheDeclaredPipelineHasNoEnvironmentBeforeItAndIsNotProduction() {
        // A pull request's preview, bound beside the pipeline: config order puts it after prod.
        TestProjects.write(dir.resolve(".specweave/config.json"), """
                {"sync": {"profiles": {
                  "local-dev": {"provider": "local", "environment": "dev"},
                  "local-prod": {"provider": "local", "environment": "prod"},
                  "local-preview": {"provider": "local", "environment": "preview"}}},
                 "deployment": {"pipeline": ["dev", "prod"], "promotion": {"requirePrevious": true}}}
                """);
        TestProjects.increment(dir, "0018-oauth-google", "OAuth login with Google");

        ChangeOutcome<?> preview = sync("preview", A, "2026-11-20T10:00:00Z");
        ChangeOutcome<?> prod = sync("prod", A, "2026-11-20T11:00:00Z");

        assertThat(preview.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(preview.record().forced()).isNull();
        assertThat(refusal(prod)).contains("requirePrevious: dev (the environment before prod) has no deployment");
        assertThat(Project.open(dir).config().pipeline()).containsExactly("dev", "prod", "preview");
        assertThat(Project.open(dir).config().productionEnvironment()).isEqualTo("prod");
    }

    @Test
    void requirePreviousRefusesAnotherCommitUnlessAllowed() {
        project("{\"requirePrevious\": true}");
        sync("dev", A, "2026-11-20T10:00:00Z");
        assertThat(refusal(sync("qa", B, "2026-11-20T11:00:00Z")))
                .contains("requirePrevious: dev runs commit " + A + ", not " + B);

        project("{\"requirePrevious\": true, \"allowDifferentCommit\": true}");
        sync("dev", A, "2026-11-20T10:00:00Z");
        assertThat(sync("qa", B, "2026-11-20T11:00:00Z").record().status()).isEqualTo(DeploymentStatus.DEPLOYED);
    }

    @Test
    void requirePreviousTakesTheSameCommitInAnyOfGitsSpellings() {
        project("{\"requirePrevious\": true}");
        sync("dev", A.substring(0, 7), "2026-11-20T10:00:00Z");
        assertThat(sync("qa", A, "2026-11-20T11:00:00Z").result()).as("git rev-parse --short, then the CI's SHA")
                .isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(sync("staging", A.toUpperCase(java.util.Locale.ROOT), "2026-11-20T12:00:00Z").result())
                .isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(metadata()).as("recorded as git spells it").contains("\"commit\": \"" + A + "\"")
                .doesNotContain(A.toUpperCase(java.util.Locale.ROOT));
    }

    @Test
    void requirePreviousRefusesWhenThePreviousEnvironmentIsUnhealthy() {
        Project project = project("{\"requirePrevious\": [\"qa\"]}");
        sync("dev", A, "2026-11-20T10:00:00Z");
        project.metadata(project.increments().resolve("0018")).update(doc -> {
            DeploymentRecord dev = Deployments.get(doc, "dev").orElseThrow();
            Deployments.put(doc, "dev", dev.toBuilder().healthStatus(HealthStatus.UNHEALTHY)
                    .lastChecked("2026-11-20T10:05:00Z").build(), false);
            return null;
        });

        assertThat(refusal(sync("qa", A, "2026-11-20T11:00:00Z")))
                .contains("requirePrevious: dev is unhealthy (checked 2026-11-20T10:05:00Z)");
    }

    @Test
    void requireApprovalRefusesWithoutAndTakesTheApprovalGivenBeforeTheDeployment() {
        project("{\"requireApproval\": [\"prod\"]}");

        ChangeOutcome<?> refused = sync("prod", A, "2026-11-21T10:00:00Z");
        assertThat(refusal(refused)).contains("requireApproval: a deployment to prod needs an approval; missing: "
                + "an approval of commit " + A + ": run `approve 0018, environment prod, approved-by NAME, role ROLE, "
                + "commit " + A + "` first");
        // The suggested command keeps its inputs apart, for each front end to spell them its own way.
        assertThat(refused.refusals().get(0).missing().render(BRACKETS)).isEqualTo("an approval of commit " + A
                + ": run approve [increment=0018] [environment=prod] [approved-by=NAME] [role=ROLE] [commit=" + A + "] first");

        approve("2026-11-21T09:30:00Z", "jane.doe", "Release Manager", "CAB ok", null);
        ChangeOutcome<?> done = sync("prod", A, "2026-11-21T10:00:00Z");

        assertThat(done.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(done.record().approvals())
                .containsExactly(Approval.of("jane.doe", "Release Manager", "2026-11-21T09:30:00Z", "CAB ok", A));
        assertThat(done.record().forced()).isNull();
    }

    @Test
    void anApprovalApprovesItsCommitOnlyAndTheRefusalSaysWhichCommitWasApproved() {
        project("{\"requireApproval\": [\"prod\"]}");
        approve("2026-11-21T09:30:00Z", "jane.doe", "Release Manager", null, null);
        assertThat(sync("prod", A, "2026-11-21T10:00:00Z").result()).isEqualTo(ChangeOutcome.Result.RECORDED);

        // Approved for A, taken over by nothing else: the next deployment, of B, is nobody's approval.
        ChangeOutcome<?> next = sync("prod", B, "2026-11-22T10:00:00Z");

        assertThat(next.result()).isEqualTo(ChangeOutcome.Result.REFUSED);
        assertThat(refusal(next)).contains("requireApproval: nobody approved the deployment of commit " + B
                + " to prod (jane.doe approved commit " + A + ")");
        // A re-run of A's deployment keeps its approval.
        assertThat(sync("prod", A, "2026-11-22T11:00:00Z").result()).isEqualTo(ChangeOutcome.Result.RECORDED);
    }

    @Test
    void anApprovalOfACommitNotDeployedYetWaitsForItsDeploymentThroughOthers() {
        project("{\"requireApproval\": [\"prod\"]}");
        String c = "ccccccc333333333333333333333333333333333";
        run.now("2026-11-21T09:00:00Z");
        run.operations().approve(TestOperations.request(dir).environment("prod").approvedBy("jane").commit(A).build());
        run.operations().approve(TestOperations.request(dir).environment("prod").approvedBy("bob").commit(B).build());
        assertThat(sync("prod", B, "2026-11-21T10:00:00Z").result()).isEqualTo(ChangeOutcome.Result.RECORDED);

        // carol approves C; a hotfix of another commit goes first, past the gate
        run.now("2026-11-21T11:00:00Z");
        run.operations().approve(TestOperations.request(dir).environment("prod").approvedBy("carol").commit(c).build());
        run.now("2026-11-21T12:00:00Z");
        assertThat(run.operations().sync(TestOperations.request(dir).environment("prod").outcome(Request.Outcome.DEPLOYED)
                .commit("ddddddd4").branch("main").deployedBy("ci-bot").runUrl("https://ci.example/runs/9")
                .deploymentUrl("https://prod.example.test").healthCheck(false).force(true).build()).result())
                .isEqualTo(ChangeOutcome.Result.RECORDED);

        ChangeOutcome<?> approvedLongAgo = sync("prod", A, "2026-11-22T10:00:00Z");
        assertThat(approvedLongAgo.result()).as("jane's approval of A was kept").isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(approvedLongAgo.record().approvals()).extracting(Approval::approvedBy).contains("jane", "carol")
                .doesNotContain("bob");
        assertThat(sync("prod", c, "2026-11-22T11:00:00Z").result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(metadata()).as("bob's approval stays with B's deployment, in history").contains("\"bob\"");
    }

    @Test
    void requireTestsPassedRefusesMissingAndFailingResults() throws Exception {
        project("{\"requireTestsPassed\": [\"qa\"]}");
        TestProjects.write(dir.resolve("reports/failing/TEST-a.xml"),
                "<testsuite tests=\"3\"><testcase name=\"a\"/><testcase name=\"b\"><failure/></testcase>"
                        + "<testcase name=\"c\"/></testsuite>");
        TestProjects.write(dir.resolve("reports/passing/TEST-a.xml"),
                "<testsuite tests=\"2\"><testcase name=\"a\"/><testcase name=\"b\"/></testsuite>");

        assertThat(refusal(sync("qa", A, "2026-11-20T11:00:00Z")))
                .contains("requireTestsPassed: a deployment to qa needs passing test results; missing: "
                        + "test results: run a suite first (`test 0018, environment qa, suite NAME`), or record a "
                        + "JUnit XML report with `sync 0018, environment qa, test-results GLOB`");
        assertThat(refusal(sync("qa", A, "2026-11-20T11:00:00Z", false, "reports/failing/*.xml", null)))
                .contains("requireTestsPassed: tests did not pass: 1 failed, 0 errors, 2/3 passed; "
                        + "missing: a test run without failures or errors");

        ChangeOutcome<?> done = sync("qa", A, "2026-11-20T11:00:00Z", false, "reports/passing/*.xml", null);
        assertThat(done.record().testResults().toNode())
                .isEqualTo(Json.mapper().readTree("{\"total\":2,\"passed\":2,\"failed\":0,\"skipped\":0,\"errors\":0}"));
    }

    @Test
    void changeWindowRefusesOutsideTheRecordedWindowAndAllowsInside() {
        project("{\"changeWindow\": [\"prod\"]}");
        String change = "id=CHG0031337,url=https://itsm.example/change/CHG0031337,approvedAt=2026-11-27T09:00:00Z,"
                + "window=2026-11-28T22:00:00Z/2026-11-29T02:00:00Z";

        assertThat(refusal(sync("prod", A, "2026-11-28T21:00:00Z")))
                .contains("changeWindow: a deployment to prod must happen inside an approved change "
                        + "window, and none is recorded");
        assertThat(refusal(sync("prod", A, "2026-11-28T21:00:00Z", false, null, change)))
                .contains("changeWindow: it is 2026-11-28T21:00:00Z, outside change CHG0031337's window "
                        + "2026-11-28T22:00:00Z to 2026-11-29T02:00:00Z");

        ChangeOutcome<?> inside = sync("prod", A, "2026-11-28T23:00:00Z", false, null, change);
        assertThat(inside.record().changeRequest().id()).isEqualTo("CHG0031337");
        assertThat(inside.record().changeRequest().window()).isEqualTo("2026-11-28T22:00:00Z/2026-11-29T02:00:00Z");
    }

    @Test
    void changeRequestRecordedWithApproveBeforehandOpensTheWindow() {
        project("{\"changeWindow\": [\"prod\"]}");
        approve("2026-11-27T09:00:00Z", null, null, null, "id=CHG7,window=2026-11-28T22:00:00Z/PT4H");

        ChangeOutcome<?> inside = sync("prod", A, "2026-11-29T01:59:00Z");

        assertThat(inside.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(inside.record().changeRequest().id()).isEqualTo("CHG7");
    }

    @Test
    void aRefusalNamesTheSettingItsGateCameFromSpecweavesReleaseList() {
        project(null);
        Path config = dir.resolve(".specweave/config.json");
        TestProjects.write(config, TestProjects.read(config).replaceFirst("\\{", "{\"cicd\": {\"release\": "
                + "{\"environments\": [{\"name\": \"prod\", \"requiresApproval\": true}]}},"));

        assertThat(sync("prod", A, "2026-11-20T10:00:00Z").problem().toString())
                .contains("(cicd.release.environments[].requiresApproval in ").contains(".specweave/config.json)")
                .doesNotContain("deployment.promotion");
    }

    /** Registered with an approval of commit A, the change is A's: a hotfix in between neither uses nor takes it. */
    @Test
    void aChangeRequestRegisteredForACommitWaitsForThatCommitThroughAHotfix() {
        project("{\"requireApproval\": [\"prod\"], \"changeWindow\": [\"prod\"]}");
        approve("2026-11-27T09:00:00Z", "jane", "CAB", null, "id=CHG1,window=2026-11-28T00:00:00Z/PT48H");

        assertThat(refusal(sync("prod", "beef009", "2026-11-28T10:00:00Z"))).contains(
                "changeWindow: change CHG1 is registered for commit " + A + ", not beef009");
        run.now("2026-11-28T10:01:00Z");
        ChangeOutcome<Approval> replacing = run.operations().approve(TestOperations.request(dir).environment("prod")
                .commit("beef009").changeRequest("id=CHG9,window=2026-11-28T00:00:00Z/PT48H").dryRun(true).build());
        assertThat(replacing.warnings()).containsExactly("change request CHG1 (for commit " + A.substring(0, 12) + ", not deployed yet) is "
                + "replaced by CHG9; register it again before its commit is deployed");
        ChangeOutcome<?> hotfix = sync("prod", "beef009", "2026-11-28T10:05:00Z", true, null, null);
        assertThat(hotfix.record().changeRequest().commit()).as("still waiting for its commit").isEqualTo(A);
        assertThat(io.specweave.deploy.model.RecordFacts.changeRequest(hotfix.record()))
                .startsWith("CHG1, for commit " + A.substring(0, Math.min(12, A.length())));

        ChangeOutcome<?> planned = sync("prod", A, "2026-11-28T12:00:00Z");

        assertThat(planned.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(planned.record().changeRequest().id()).isEqualTo("CHG1");
        assertThat(planned.record().changeRequest().covers(A)).isTrue();
    }

    /** A change request its commit's deployment took (named by a short SHA) is the running one's, not one waiting. */
    @Test
    void replacingTheRunningDeploymentsChangeRequestSaysSoNotThatItsCommitWaits() {
        project("{\"requireApproval\": [\"prod\"], \"changeWindow\": [\"prod\"]}");
        run.now("2026-11-27T09:00:00Z");
        run.operations().approve(TestOperations.request(dir).environment("prod").approvedBy("jane")
                .commit(A.substring(0, 7)).changeRequest("id=CHG1,window=2026-11-28T00:00:00Z/PT48H").build());
        assertThat(sync("prod", A, "2026-11-28T10:00:00Z").record().changeRequest().id()).isEqualTo("CHG1");
        run.now("2026-11-28T11:00:00Z");

        ChangeOutcome<Approval> next = run.operations().approve(TestOperations.request(dir).environment("prod")
                .approvedBy("jane").changeRequest("id=CHG9").dryRun(true).build());

        assertThat(next.warnings()).containsExactly("change request CHG1 of the running deployment (commit "
                + A.substring(0, 12) + ") is replaced by CHG9, which is that deployment's too; give CHG9 a window or "
                + "an approval time after the deployment to register it for the next one instead");
    }

    /** Registered for the next deployment, a change request waits beside the running one's, which stays its own. */
    @Test
    void aChangeRequestForTheNextDeploymentLeavesTheRunningOnesOwnInItsHistory() {
        project("{\"changeWindow\": [\"prod\"]}");
        run.now("2026-11-27T09:00:00Z");
        run.operations().approve(TestOperations.request(dir).environment("prod").approvedBy("jane").commit(A)
                .changeRequest("id=CHG1,window=2026-11-27T00:00:00Z/P2D").build());
        sync("prod", A, "2026-11-27T10:00:00Z");
        run.now("2026-11-28T09:00:00Z");

        ChangeOutcome<Approval> registered = run.operations().approve(TestOperations.request(dir).environment("prod")
                .approvedBy("jane").changeRequest("id=CHG2,window=2026-11-29T00:00:00Z/P1D").build());

        assertThat(registered.warnings()).isEmpty();
        assertThat(registered.record().changeRequest().id()).as("the running deployment's own").isEqualTo("CHG1");
        assertThat(registered.record().nextChangeRequest().id()).isEqualTo("CHG2");
        assertThat(io.specweave.deploy.model.RecordFacts.changeRequest(registered.record()))
                .startsWith("CHG1, window 2026-11-27T00:00:00Z/P2D; for the next deployment: CHG2");
        // A re-run of the running deployment keeps both.
        ChangeOutcome<?> again = sync("prod", A, "2026-11-28T10:00:00Z");
        assertThat(again.record().changeRequest().id()).isEqualTo("CHG1");
        assertThat(again.record().nextChangeRequest().id()).isEqualTo("CHG2");

        ChangeOutcome<?> next = sync("prod", B, "2026-11-29T10:00:00Z");

        assertThat(next.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(next.record().changeRequest().id()).isEqualTo("CHG2");
        assertThat(next.record().nextChangeRequest()).isNull();
        DeploymentRecord earlier = next.record().history().get(next.record().history().size() - 1);
        assertThat(earlier.commit()).isEqualTo(A);
        assertThat(earlier.changeRequest().id()).as("the earlier deployment keeps its own").isEqualTo("CHG1");
        assertThat(earlier.nextChangeRequest()).isNull();
    }

    /** Outside CI, without a commit named, an approval approves what runs: its change request still goes with the next. */
    @Test
    void aChangeRequestWithAnApprovalOfNoNamedCommitGoesWithTheNextDeploymentAsBefore() {
        project("{\"changeWindow\": [\"prod\"]}");
        sync("prod", A, "2026-11-27T08:00:00Z", true, null, null);
        run.now("2026-11-27T09:00:00Z");
        run.operations().approve(TestOperations.request(dir).environment("prod").approvedBy("alice")
                .changeRequest("id=CHG2,window=2026-11-28T00:00:00Z/PT48H").build());

        ChangeOutcome<?> next = sync("prod", B, "2026-11-28T10:00:00Z");

        assertThat(next.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(next.record().changeRequest().id()).isEqualTo("CHG2");
        assertThat(next.record().changeRequest().commit()).isNull();
    }

    @Test
    void forceRecordsAnywayMarkedForcedAndKeepsTheMarkInHistory() {
        project("{\"requirePrevious\": true, \"requireApproval\": [\"prod\"]}");

        ChangeOutcome<?> forced = sync("prod", A, "2026-11-20T10:00:00Z", true, null, null);

        assertThat(forced.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(forced.record().forced()).isTrue();
        // The warnings are plain text; what would have passed each gate stays with the refusals.
        assertThat(forced.warnings()).containsExactly(
                "forced past gate requirePrevious: staging (the environment before prod) has no deployment",
                "forced past gate requireApproval: a deployment to prod needs an approval");
        assertThat(forced.refusals()).extracting(r -> r.describe().toString()).containsExactly(
                "requirePrevious: staging (the environment before prod) has no deployment; missing: a healthy "
                        + "deployment to staging of commit " + A,
                "requireApproval: a deployment to prod needs an approval; missing: an approval of commit " + A
                        + ": run `approve 0018, environment prod, approved-by NAME, role ROLE, commit " + A + "` first");
        assertThat(metadata()).contains("\"forced\": true");

        ChangeOutcome<?> next = sync("prod", B, "2026-11-21T10:00:00Z", true, null, null);
        assertThat(next.record().history()).hasSize(1);
        assertThat(next.record().history().get(0).forced()).isTrue();
        assertThat(next.record().history().get(0).commit()).isEqualTo(A);

        // Refused, this run forced nothing: the earlier record's mark is not reported as its own.
        ChangeOutcome<?> refused = sync("prod", "c300000", "2026-11-22T10:00:00Z", false, null, null);
        assertThat(refused.result()).isEqualTo(ChangeOutcome.Result.REFUSED);
        assertThat(refused.record().forced()).as("the record shown is the earlier, forced one").isTrue();
        assertThat(io.specweave.deploy.report.OutcomeJson.of(refused, io.specweave.deploy.Message.Spelling.DOMAIN)
                .has("forced")).isFalse();
    }

    @Test
    void aFailedDeploymentIsRecordedWhateverTheGatesSay() {
        project("{\"requirePrevious\": true, \"requireApproval\": [\"prod\"]}");

        ChangeOutcome<?> failed = run.operations().sync(TestOperations.request(dir).environment("prod")
                .outcome(Request.Outcome.FAILED).commit(A).build());

        assertThat(failed.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(failed.record().status()).isEqualTo(DeploymentStatus.FAILED);
    }

    @Test
    void badPromotionConfigNamesTheField() {
        project("{\"requireApproval\": \"prod\", \"requireTestsPassed\": [1]}");
        assertThatThrownBy(() -> sync("dev", A, "2026-11-20T10:00:00Z"))
                .isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("deployment.promotion.requireTestsPassed[0]: expected an environment name such "
                        + "as \"prod\", got 1");
    }

    @Test
    void badChangeRequestSaysWhatIsExpected() {
        assertThatThrownBy(() -> ChangeRequest.parse("id=CHG1,window=tomorrow"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("window \"tomorrow\" is not an ISO-8601 interval; expected START/END");
        assertThatThrownBy(() -> ChangeRequest.parse("id=CHG1,window=2026-11-29T02:00:00Z/2026-11-28T22:00:00Z"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("window "
                        + "\"2026-11-29T02:00:00Z/2026-11-28T22:00:00Z\" ends before it starts; expected START/END with "
                        + "the start first, e.g. 2026-11-28T22:00:00Z/2026-11-29T02:00:00Z");
        assertThatThrownBy(() -> ChangeRequest.parse("ticket=CHG1")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown key \"ticket\"");
        // An unknown key after a known one is refused too, not folded into the id before it.
        assertThatThrownBy(() -> ChangeRequest.parse("id=CHG2,owner=bob,url=https://sn.example.com/CHG2"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown key \"owner\" (the keys are id, url, approvedAt, window; a comma "
                        + "inside a value is written %2C)");
        ChangeRequest parsed = ChangeRequest.parse("id=CHG3, url=https://sn.example.com/?q=a%2Cb=c,window="
                + "2026-11-28T22:00:00Z/PT4H");
        assertThat(parsed.id()).isEqualTo("CHG3");
        assertThat(parsed.url()).isEqualTo("https://sn.example.com/?q=a%2Cb=c");
        assertThat(parsed.window()).isEqualTo("2026-11-28T22:00:00Z/PT4H");
        assertThat(ChangeRequest.parse("id=CHG%2C4").id()).as("a comma written %2C is a comma").isEqualTo("CHG,4");
    }
}
