package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.TestProjects;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.health.HealthChecker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** test --suite through the core use case: passing, failing, silent and hanging suites, slots and gates. */
class SuiteTestServiceTest {

    private static final String A = "aaaaaaa1111111111111111111111111111111111";
    private static final String B = "bbbbbbb2222222222222222222222222222222222";

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

    private Project project(String promotion) {
        String suites = "\"testSuites\": {" + suite("smoke", 3, 0, 0) + ", " + suite("broken", 1, 1, 1) + ", "
                + suite("liar", 2, 0, 1) + ", "
                + "\"silent\": {\"command\": \"echo nothing to run\", \"reports\": \"out/silent/*.xml\"}, "
                + "\"garbled\": {\"command\": \"mkdir -p out/g && echo '<html>oops' > out/g/r.xml\", "
                + "\"reports\": \"out/g/*.xml\"}, "
                + "\"hang\": {\"command\": [\"sh\", \"-c\", \"sleep 300 & echo $! > pids; sleep 300 & echo $! >> pids; "
                + "echo $$ >> pids; wait\"], \"reports\": \"out/hang/*.xml\", \"timeoutSeconds\": 1}}";
        TestProjects.create(dir, null, suites + (promotion == null ? "" : ", \"promotion\": " + promotion));
        return Project.open(dir);
    }

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    private SuiteTestService service() {
        return new SuiteTestService(new TrackerFactory(new Credentials(Map.of())), clock);
    }

    private SyncResult sync(Project project, String environment, String commit, SyncRequest.Outcome outcome) {
        SyncService sync = new SyncService(new TrackerFactory(new Credentials(Map.of())), clock,
                new HealthChecker(d -> { }, clock));
        return sync.sync(project, new SyncRequest("0018", null, environment, null, outcome, commit, "main", null,
                "ci-bot", "https://ci.example/runs/1", "https://" + environment + ".example.test", false), CiContext.none());
    }

    private SuiteTestResult test(Project project, String environment, String suite, String commit, List<String> lines) {
        return service().run(project, "0018", EnvironmentTarget.resolve(project.config(), null, environment, null),
                suite, commit, CiContext.none(), lines::add);
    }

    private JsonNode deployment(String environment) throws Exception {
        return Json.mapper().readTree(dir.resolve(".specweave/increments/0018-oauth-google/metadata.json").toFile())
                .path("deployments").path(environment);
    }

    @Test
    void passingSuiteGetsTheEnvironmentsFactsAndIsRecordedWithSuiteTimeAndExitCode() throws Exception {
        Project project = project(null);
        sync(project, "qa", A, SyncRequest.Outcome.DEPLOYED);
        List<String> lines = Collections.synchronizedList(new ArrayList<>());

        SuiteTestResult result = test(project, "qa", "smoke", null, lines);

        assertThat(result.passed()).isTrue();
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
        assertThat(result.recordedAt()).isEqualTo("deployments.qa.testResults");
    }

    @Test
    void failingSuiteIsRecordedAndThenFails() throws Exception {
        Project project = project(null);
        sync(project, "qa", A, SyncRequest.Outcome.DEPLOYED);

        assertThatThrownBy(() -> test(project, "qa", "broken", null, new ArrayList<>()))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("test suite broken against qa did not pass: it exited with code 1 "
                        + "(1/2 passed, 1 failed)");
        JsonNode recorded = deployment("qa").path("testResults");
        assertThat(recorded.path("failed").asInt()).isEqualTo(1);
        assertThat(recorded.path("exitCode").asInt()).isEqualTo(1);
    }

    @Test
    void suiteThatWritesNoReportDidNotPass() throws Exception {
        Project project = project(null);
        sync(project, "qa", A, SyncRequest.Outcome.DEPLOYED);

        assertThatThrownBy(() -> test(project, "qa", "silent", null, new ArrayList<>()))
                .isInstanceOf(SuiteTestService.SuiteFailedException.class)
                .hasMessageContaining("it wrote no JUnit XML report matching out/silent/*.xml")
                .hasMessageContaining("a suite that ran nothing did not pass");
        JsonNode recorded = deployment("qa").path("testResults");
        assertThat(recorded.path("total").asInt()).isZero();
        assertThat(recorded.path("reports").asInt()).isZero();
        assertThat(recorded.path("exitCode").asInt()).isZero();
    }

    @Test
    void suitePastItsTimeoutIsStoppedWithItsWholeProcessTree() throws Exception {
        Project project = project(null);
        sync(project, "qa", A, SyncRequest.Outcome.DEPLOYED);

        assertThatThrownBy(() -> test(project, "qa", "hang", null, new ArrayList<>()))
                .isInstanceOf(SuiteTestService.SuiteFailedException.class)
                .hasMessageContaining("ran longer than its timeout of 1s")
                .hasMessageContaining("its whole process tree was killed");
        assertThat(deployment("qa").path("testResults").path("timedOut").asBoolean()).isTrue();
        List<Long> pids = Files.readAllLines(dir.resolve("pids")).stream().map(String::trim).map(Long::parseLong).toList();
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
        Project project = Project.open(dir);
        TestProjects.write(dir.resolve(".specweave/increments/0018-oauth-google/metadata.json"), """
                {"id": "0018-oauth-google", "deployments": {"prod": {"profile": "local-prod", "status": "deployed",
                  "commit": "%s", "slots": {"live": "blue", "blue": {"commit": "%s"}, "green": {"commit": "%s"}}}}}
                """.formatted(A, A, B));
        List<String> lines = new ArrayList<>();

        SuiteTestResult result = service().run(project, "0018", EnvironmentTarget.resolve(project.config(), null,
                "prod-green", null), "smoke", null, CiContext.none(), lines::add);

        assertThat(lines).containsExactly("checking https://green.example.test prod 0018-oauth-google green");
        assertThat(result.recordedAt()).isEqualTo("deployments.prod.slots.green.testResults");
        JsonNode prod = deployment("prod");
        assertThat(prod.path("slots").path("green").path("testResults").path("commit").asText()).isEqualTo(B);
        assertThat(prod.path("slots").path("green").path("testResults").path("slot").asText()).isEqualTo("green");
        assertThat(prod.has("testResults")).as("blue is live: prod's record is blue's").isFalse();
    }

    @Test
    void untestedEnvironmentWithoutACommitIsBadInput() {
        Project project = project(null);
        assertThatThrownBy(() -> test(project, "staging", "smoke", null, new ArrayList<>()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("deployments.staging: no deployment recorded, and no commit known to test; "
                        + "pass --commit");
    }

    @Test
    void requireTestsPassedGateReadsTheSuiteResultsOfTheCommitBeingDeployed() throws Exception {
        Project project = project("{\"requireTestsPassed\": [\"staging\"]}");
        sync(project, "qa", A, SyncRequest.Outcome.DEPLOYED);
        assertThatThrownBy(() -> sync(project, "staging", A, SyncRequest.Outcome.DEPLOYED))
                .hasMessageContaining("requireTestsPassed: a deployment to staging needs passing test results");

        // The deploy job deployed A to staging; its suite runs before the deployment is recorded.
        test(project, "staging", "smoke", A, new ArrayList<>());
        SyncResult recorded = sync(project, "staging", A, SyncRequest.Outcome.DEPLOYED);

        assertThat(recorded.record().forced()).isNull();
        assertThat(deployment("staging").path("testResults").path("suite").asText()).isEqualTo("smoke");
        assertThat(deployment("staging").path("testResults").path("passed").asInt()).isEqualTo(3);
    }

    @Test
    void requireTestsPassedGateRefusesFailedSuitesNonZeroExitsAndResultsOfAnotherCommit() {
        Project project = project("{\"requireTestsPassed\": [\"staging\"]}");
        assertThatThrownBy(() -> test(project, "staging", "broken", A, new ArrayList<>()))
                .isInstanceOf(SuiteTestService.SuiteFailedException.class);
        assertThatThrownBy(() -> sync(project, "staging", A, SyncRequest.Outcome.DEPLOYED))
                .hasMessageContaining("requireTestsPassed: tests did not pass: 1 failed, 0 errors, 1/2 passed "
                        + "(suite broken)");

        assertThatThrownBy(() -> test(project, "staging", "liar", A, new ArrayList<>()))
                .hasMessageContaining("it exited with code 1 (2/2 passed)");
        assertThatThrownBy(() -> sync(project, "staging", A, SyncRequest.Outcome.DEPLOYED))
                .hasMessageContaining("requireTestsPassed: test suite liar exited with code 1");

        test(project, "staging", "smoke", B, new ArrayList<>());
        assertThatThrownBy(() -> sync(project, "staging", A, SyncRequest.Outcome.DEPLOYED))
                .as("results of B are not taken over by a deployment of A")
                .hasMessageContaining("a deployment to staging needs passing test results");
    }

    @Test
    void gateReadsResultsRecordedOnTheDeploymentWhenItsFinishIsRecorded() throws Exception {
        Project project = project(null);
        sync(project, "staging", A, SyncRequest.Outcome.IN_PROGRESS);
        test(project, "staging", "smoke", null, new ArrayList<>());
        Files.writeString(dir.resolve(".specweave/config.json"), Files.readString(dir.resolve(".specweave/config.json"))
                .replace("\"testSuites\"", "\"promotion\": {\"requireTestsPassed\": [\"staging\"]}, \"testSuites\""));

        SyncResult finished = sync(Project.open(dir), "staging", A, SyncRequest.Outcome.DEPLOYED);

        assertThat(finished.record().status()).isEqualTo("deployed");
        assertThat(finished.record().testResults().path("suite").asText()).isEqualTo("smoke");
    }

    @Test
    void aReportThatIsNotJUnitXmlIsAFailedSuiteNotBadInput() throws Exception {
        Project project = project(null);
        sync(project, "qa", A, SyncRequest.Outcome.DEPLOYED);

        assertThatThrownBy(() -> test(project, "qa", "garbled", null, new ArrayList<>()))
                .isInstanceOf(SuiteTestService.SuiteFailedException.class)
                .hasMessageContaining("it wrote a report that cannot be read: out/g/r.xml");
        assertThat(deployment("qa").path("testResults").path("unreadableReports").asInt()).isEqualTo(1);
    }

    @Test
    void statusShowsWhichSuiteTheResultsComeFromAndHowItEnded() throws Exception {
        Project project = project(null);
        sync(project, "qa", A, SyncRequest.Outcome.DEPLOYED);
        assertThatThrownBy(() -> test(project, "qa", "liar", null, new ArrayList<>()));
        var status = new io.specweave.deploy.app.StatusService(project).status("0018");
        String text = new io.specweave.deploy.report.TextStatusRenderer(true, false).render(status);
        assertThat(text).contains("2/2 passed (100%), suite liar (exit code 1)");
    }
}
