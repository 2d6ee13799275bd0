package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.TestProjects;
import io.specweave.deploy.report.TextStatusRenderer;
import io.specweave.deploy.testing.HealthServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code test}: passing, failing, silent and hanging suites, slots and gates. Changed with the
 * application layer: a suite that did not pass is the outcome RECORDED_FAILED (exit 1, results
 * recorded), no longer an exception; a refused gate is REFUSED.
 */
class SuiteOperationTest {

    private static final String A = "aaaaaaa111111111111111111111111111111111";
    private static final String B = "bbbbbbb222222222222222222222222222222222";
    private static final String C = "ccccccc333333333333333333333333333333333";

    /** A suite writing a report of {@code passed} passing and {@code failed} failing tests, then exiting {@code exit}. */
    private static String suite(String name, int passed, int failed, int exit) {
        StringBuilder cases = new StringBuilder();
        for (int i = 0; i < passed; i++) {
            cases.append("<testcase name=\\\"ok").append(i).append("\\\"/>");
        }
        for (int i = 0; i < failed; i++) {
            cases.append("<testcase name=\\\"bad").append(i).append("\\\"><failure message=\\\"no\\\"/></testcase>");
        }
        return "\"" + name + "\": {\"command\": \"mkdir -p out/" + name + " && echo checking $DEPLOYMENT_URL "
                + "$SPECWEAVE_ENVIRONMENT $SPECWEAVE_INCREMENT ${SPECWEAVE_SLOT:-noslot} && printf '%s' '<testsuite>"
                + cases + "</testsuite>' > out/" + name + "/TEST-" + name + ".xml; exit " + exit + "\", "
                + "\"reports\": \"out/" + name + "/*.xml\", \"timeoutSeconds\": 30}";
    }

    @TempDir
    Path dir;

    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    final List<String> started = Collections.synchronizedList(new ArrayList<>());
    final TestOperations run = TestOperations.at("2026-11-27T10:00:00Z").progress(new Progress() {
        @Override
        public void starting(String line) {
            started.add(line);
        }

        @Override
        public void output(String line) {
            lines.add(line);
        }
    });

    private Project project(String promotion) {
        String suites = "\"testSuites\": {" + suite("smoke", 3, 0, 0) + ", " + suite("broken", 1, 1, 1) + ", "
                + suite("liar", 2, 0, 1) + ", "
                + "\"silent\": {\"command\": \"echo nothing to run\", \"reports\": \"out/silent/*.xml\"}, "
                + "\"garbled\": {\"command\": \"mkdir -p out/g && echo '<html>oops' > out/g/r.xml\", "
                + "\"reports\": \"out/g/*.xml\"}, "
                + "\"miscounted\": {\"command\": \"mkdir -p out/m && echo \\\"<testsuite tests='10' failures='-1'/>\\\" "
                + "> out/m/r.xml\", \"reports\": \"out/m/*.xml\"}, "
                + "\"hang\": {\"command\": [\"sh\", \"-c\", \"sleep 300 & echo $! > pids; sleep 300 & echo $! >> pids; "
                + "echo $$ >> pids; wait\"], \"reports\": \"out/hang/*.xml\", \"timeoutSeconds\": 1}, "
                + "\"unclosed\": {\"command\": \"touch ran\", \"reports\": \"out/{unit,it/*.xml\"}, "
                + "\"elsewhere\": {\"command\": \"touch ran\", \"reports\": \"out/*.xml\", \"workingDirectory\": \"e2e\"}}";
        TestProjects.create(dir, null, suites + (promotion == null ? "" : ", \"promotion\": " + promotion));
        return Project.open(dir);
    }

    /** A deployment recorded without a health check of its made-up URL. */
    private ChangeOutcome<?> sync(String environment, String commit, Request.Outcome outcome) {
        return run.operations().sync(TestOperations.request(dir).environment(environment).outcome(outcome)
                .commit(commit).branch("main").deployedBy("ci-bot").runUrl("https://ci.example/runs/1")
                .deploymentUrl("https://" + environment + ".example.test").healthCheck(false).build());
    }

    private ChangeOutcome<SuiteDetail> test(String environment, String suite, String commit) {
        return run.operations().test(TestOperations.request(dir).environment(environment).suite(suite).commit(commit)
                .build());
    }

    private static String failure(ChangeOutcome<SuiteDetail> outcome) {
        assertThat(outcome.result()).isEqualTo(ChangeOutcome.Result.RECORDED_FAILED);
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.detail().passed()).isFalse();
        return outcome.problem().toString();
    }

    private static String refusal(ChangeOutcome<?> outcome) {
        assertThat(outcome.result()).isEqualTo(ChangeOutcome.Result.REFUSED);
        return outcome.problem().toString();
    }

    private JsonNode deployment(String environment) {
        return TestOperations.deployment(dir, "0018-oauth-google", environment);
    }

    @Test
    void passingSuiteGetsTheEnvironmentsFactsAndIsRecordedWithSuiteTimeAndExitCode() {
        project(null);
        sync("qa", A, Request.Outcome.DEPLOYED);

        ChangeOutcome<SuiteDetail> result = test("qa", "smoke", null);

        assertThat(result.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(result.detail().passed()).isTrue();
        assertThat(started).containsExactly("Running test suite smoke against qa at https://qa.example.test");
        assertThat(lines).containsExactly("checking https://qa.example.test qa 0018-oauth-google noslot");
        JsonNode recorded = deployment("qa").path("testResults");
        assertThat(recorded.path("total").asInt()).isEqualTo(3);
        assertThat(recorded.path("passed").asInt()).isEqualTo(3);
        assertThat(recorded.path("suite").asText()).isEqualTo("smoke");
        assertThat(recorded.path("ranAt").asText()).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(recorded.path("exitCode").asInt()).isZero();
        assertThat(recorded.path("durationSeconds").isNumber()).isTrue();
        assertThat(recorded.path("commit").asText()).isEqualTo(A);
        assertThat(deployment("qa").path("commit").asText()).as("the deployment itself is unchanged").isEqualTo(A);
        assertThat(result.detail().recordedAt()).isEqualTo("deployments.qa.testResults");
    }

    @Test
    void failingSuiteIsRecordedAndThenFails() {
        project(null);
        sync("qa", A, Request.Outcome.DEPLOYED);

        assertThat(failure(test("qa", "broken", null))).contains("test suite broken against qa did not pass: it "
                + "exited with code 1 (1/2 passed, 1 failed)");
        JsonNode recorded = deployment("qa").path("testResults");
        assertThat(recorded.path("failed").asInt()).isEqualTo(1);
        assertThat(recorded.path("exitCode").asInt()).isEqualTo(1);
    }

    @Test
    void suiteThatWritesNoReportDidNotPass() {
        project(null);
        sync("qa", A, Request.Outcome.DEPLOYED);

        assertThat(failure(test("qa", "silent", null)))
                .contains("it wrote no JUnit XML report matching out/silent/*.xml")
                .contains("a suite that ran nothing did not pass");
        JsonNode recorded = deployment("qa").path("testResults");
        assertThat(recorded.path("total").asInt()).isZero();
        assertThat(recorded.path("reports").asInt()).isZero();
        assertThat(recorded.path("exitCode").asInt()).isZero();
    }

    @Test
    void suitePastItsTimeoutIsStoppedWithItsWholeProcessTree() throws Exception {
        project(null);
        sync("qa", A, Request.Outcome.DEPLOYED);

        assertThat(failure(test("qa", "hang", null)))
                .contains("ran longer than its timeout of 1s")
                .contains("its whole process tree was killed");
        assertThat(deployment("qa").path("testResults").path("timedOut").asBoolean()).isTrue();
        assertThat(deployment("qa").path("testResults").has("exitCode")).as("left out, not null").isFalse();
        List<Long> pids = Files.readAllLines(dir.resolve("pids")).stream().map(String::trim).map(Long::parseLong)
                .toList();
        assertThat(pids).hasSize(3);
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid " + pid).isFalse();
        }
    }

    @Test
    void idleSlotIsTestedAtItsOwnUrlAndItsResultsStayWithTheSlot() throws Exception {
        TestProjects.create(dir, null, "\"testSuites\": {" + suite("smoke", 2, 0, 0) + "}");
        Path config = dir.resolve(".specweave/config.json");
        Files.writeString(config, Files.readString(config).replace("\"environment\": \"prod\"",
                "\"environment\": \"prod\", \"slots\": {\"blue\": {\"url\": \"https://blue.example.test\"}, "
                        + "\"green\": {\"url\": \"https://green.example.test\"}}"));
        TestProjects.write(dir.resolve(".specweave/increments/0018-oauth-google/metadata.json"), """
                {"id": "0018-oauth-google", "deployments": {"prod": {"profile": "local-prod", "status": "deployed",
                  "commit": "%s", "slots": {"live": "blue", "blue": {"commit": "%s"}, "green": {"commit": "%s"}}}}}
                """.formatted(A, A, B));

        ChangeOutcome<SuiteDetail> result = test("prod-green", "smoke", null);

        assertThat(result.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(result.target().slot()).isEqualTo("green");
        assertThat(started).as("the resolved target, as the suite's variables give it")
                .containsExactly("Running test suite smoke against prod (slot green, idle) at https://green.example.test");
        assertThat(lines).containsExactly("checking https://green.example.test prod 0018-oauth-google green");
        assertThat(result.detail().recordedAt()).isEqualTo("deployments.prod.slots.green.testResults");
        JsonNode prod = deployment("prod");
        assertThat(prod.path("slots").path("green").path("testResults").path("commit").asText()).isEqualTo(B);
        assertThat(prod.path("slots").path("green").path("testResults").path("slot").asText()).isEqualTo("green");
        assertThat(prod.has("testResults")).as("blue is live: prod's record is blue's").isFalse();
    }

    @Test
    void aSwapMeetsRequireTestsPassedWithTheIdleSlotsTestsAndTakesThemLive() throws Exception {
        try (HealthServer green = HealthServer.start(200)) {
            TestProjects.create(dir, null, "\"testSuites\": {" + suite("smoke", 2, 0, 0) + "}, "
                    + "\"promotion\": {\"requireTestsPassed\": [\"prod\"]}");
            Path config = dir.resolve(".specweave/config.json");
            Files.writeString(config, Files.readString(config).replace("\"environment\": \"prod\"",
                    "\"environment\": \"prod\", \"slots\": {\"blue\": {\"url\": \"https://blue.example.test\"}, "
                            + "\"green\": {\"url\": \"" + green.url() + "\"}}"));
            TestProjects.write(dir.resolve(".specweave/increments/0018-oauth-google/metadata.json"), """
                    {"id": "0018-oauth-google", "deployments": {"prod": {"profile": "local-prod", "status": "deployed",
                      "commit": "%s", "slots": {"live": "blue", "blue": {"commit": "%s"}}}}}
                    """.formatted(A, A));
            Request prod = TestOperations.request(dir).environment("prod").branch("main").deployedBy("ci-bot").build();

            // The idle slot serves no one: deployed without the gate, tested where it runs, judged at the swap.
            assertThat(run.operations().deploy(prod.toBuilder().slot("green").commit(B).build()).result())
                    .isEqualTo(ChangeOutcome.Result.RECORDED);
            assertThat(refusal(run.operations().swap(prod)))
                    .contains("requireTestsPassed: a deployment to prod (slot green going live) needs passing test "
                            + "results; missing: test results of slot green: run a suite against it first "
                            + "(`test 0018, environment prod-green, suite NAME`)")
                    .as("a record of prod's own would not be the slot's").doesNotContain("test-results");
            assertThat(test("prod-green", "smoke", null).result()).isEqualTo(ChangeOutcome.Result.RECORDED);
            ChangeOutcome<SlotDetail> swapped = run.operations().swap(prod);

            assertThat(swapped.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
            assertThat(deployment("prod").path("commit").asText()).isEqualTo(B);
            assertThat(deployment("prod").path("testResults").path("commit").asText())
                    .as("the slot's tests went live with it").isEqualTo(B);

            // blue is idle now: tested, then deployed over, its results were of the commit it no longer runs.
            try (HealthServer blue = HealthServer.start(200)) {
                Files.writeString(config, Files.readString(config).replace("https://blue.example.test", blue.url()));
                assertThat(test("prod-blue", "smoke", null).result()).isEqualTo(ChangeOutcome.Result.RECORDED);
                assertThat(deployment("prod").path("slots").path("blue").has("testResults")).isTrue();
                assertThat(run.operations().deploy(prod.toBuilder().slot("blue").commit(C).build()).result())
                        .isEqualTo(ChangeOutcome.Result.RECORDED);
                assertThat(deployment("prod").path("slots").path("blue").has("testResults"))
                        .as("a new deployment to the slot has no results yet").isFalse();
            }
        }
    }

    @Test
    void aReportsGlobThatIsNotOneIsBadInputOfTheConfigBeforeTheSuiteRuns() {
        project(null);
        sync("staging", "abc0000", Request.Outcome.DEPLOYED);
        assertThatThrownBy(() -> test("staging", "unclosed", null))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("config.json: deployment.testSuites.unclosed.reports: \"out/{unit,it/*.xml\" is not "
                        + "a glob pattern (Missing '}");
        assertThatThrownBy(() -> test("staging", "elsewhere", null))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("config.json: deployment.testSuites.elsewhere.workingDirectory: no folder \"e2e\" "
                        + "in the project folder");
        assertThat(started).as("no suite ran").isEmpty();
        assertThat(dir.resolve("ran")).doesNotExist();
    }

    @Test
    void untestedEnvironmentWithoutACommitIsBadInput() {
        project(null);
        assertThatThrownBy(() -> test("staging", "smoke", null))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("deployments.staging: no deployment recorded, and no commit known to test; "
                        + "pass commit");
        assertThat(lines).as("no suite ran").isEmpty();
        assertThat(started).isEmpty();
    }

    @Test
    void requireTestsPassedGateReadsTheSuiteResultsOfTheCommitBeingDeployed() {
        project("{\"requireTestsPassed\": [\"staging\"]}");
        sync("qa", A, Request.Outcome.DEPLOYED);
        assertThat(refusal(sync("staging", A, Request.Outcome.DEPLOYED)))
                .contains("requireTestsPassed: a deployment to staging needs passing test results");

        // The deploy job deployed A to staging; its suite runs before the deployment is recorded.
        test("staging", "smoke", A);
        ChangeOutcome<?> recorded = sync("staging", A, Request.Outcome.DEPLOYED);

        assertThat(recorded.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(recorded.record().forced()).isNull();
        assertThat(deployment("staging").path("testResults").path("suite").asText()).isEqualTo("smoke");
        assertThat(deployment("staging").path("testResults").path("passed").asInt()).isEqualTo(3);
    }

    @Test
    void aSuiteRunForTheShortShaIsTakenOverByTheDeploymentOfTheFullOne() {
        project("{\"requireTestsPassed\": [\"staging\"]}");
        sync("qa", A, Request.Outcome.DEPLOYED);
        test("staging", "smoke", A.substring(0, 7));

        ChangeOutcome<?> recorded = sync("staging", A, Request.Outcome.DEPLOYED);

        assertThat(recorded.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(deployment("staging").path("testResults").path("suite").asText()).isEqualTo("smoke");
    }

    @Test
    void requireTestsPassedGateRefusesFailedSuitesNonZeroExitsAndResultsOfAnotherCommit() {
        project("{\"requireTestsPassed\": [\"staging\"]}");
        failure(test("staging", "broken", A));
        assertThat(refusal(sync("staging", A, Request.Outcome.DEPLOYED)))
                .contains("requireTestsPassed: tests did not pass: 1 failed, 0 errors, 1/2 passed (suite broken)");

        assertThat(failure(test("staging", "liar", A))).contains("it exited with code 1 (2/2 passed)");
        assertThat(refusal(sync("staging", A, Request.Outcome.DEPLOYED)))
                .contains("requireTestsPassed: test suite liar exited with code 1");

        test("staging", "smoke", B);
        assertThat(refusal(sync("staging", A, Request.Outcome.DEPLOYED)))
                .as("results of B are not taken over by a deployment of A")
                .contains("a deployment to staging needs passing test results");
    }

    @Test
    void gateReadsResultsRecordedOnTheDeploymentWhenItsFinishIsRecorded() throws Exception {
        project(null);
        sync("staging", A, Request.Outcome.IN_PROGRESS);
        test("staging", "smoke", null);
        Path config = dir.resolve(".specweave/config.json");
        Files.writeString(config, Files.readString(config).replace("\"testSuites\"",
                "\"promotion\": {\"requireTestsPassed\": [\"staging\"]}, \"testSuites\""));

        ChangeOutcome<?> finished = sync("staging", A, Request.Outcome.DEPLOYED);

        assertThat(finished.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(finished.record().status().raw()).isEqualTo("deployed");
        assertThat(finished.record().testResults().suite()).isEqualTo("smoke");
    }

    @Test
    void aReportThatIsNotJUnitXmlIsAFailedSuiteNotBadInput() {
        project(null);
        sync("qa", A, Request.Outcome.DEPLOYED);

        assertThat(failure(test("qa", "garbled", null))).contains("it wrote a report that cannot be read: out/g/r.xml");
        assertThat(deployment("qa").path("testResults").path("unreadableReports").asInt()).isEqualTo(1);
    }

    @Test
    void aReportWhoseCountsAreNoWholeNumbersIsAFailedSuiteNotElevenOfTenPassed() {
        project(null);
        sync("qa", A, Request.Outcome.DEPLOYED);

        assertThat(failure(test("qa", "miscounted", null))).contains("it wrote a report that cannot be read: "
                + "out/m/r.xml: <testsuite> attribute failures: expected a whole number (0 or more), got \"-1\"");
        assertThat(deployment("qa").path("testResults").path("passed").asInt()).isZero();
    }

    @Test
    void statusShowsWhichSuiteTheResultsComeFromAndHowItEnded() {
        project(null);
        sync("qa", A, Request.Outcome.DEPLOYED);
        failure(test("qa", "liar", null));

        StatusOutcome status = run.operations().status(TestOperations.request(dir).dora(false).build());

        String text = new TextStatusRenderer(true, false).render(status.pipeline());
        assertThat(text).contains("2/2 passed (100%), suite liar (exit code 1)");
    }
}
