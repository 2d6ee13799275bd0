package io.specweave.deploy.suite;

import io.specweave.deploy.config.SuiteDefinition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.testing.TestProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteRunnerTest {

    @TempDir
    Path dir;

    private SuiteDefinition suite(String command, Duration timeout) {
        return new SuiteDefinition("smoke", List.of("sh", "-c", command), dir, "reports/*.xml", timeout);
    }

    @Test
    void passesEnvironmentStreamsOutputAndFindsFreshReports() throws Exception {
        Files.createDirectories(dir.resolve("reports"));
        Files.writeString(dir.resolve("reports/stale.xml"), "<testsuite/>");
        Files.setLastModifiedTime(dir.resolve("reports/stale.xml"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        SuiteRun run = new SuiteRunner(dir).run(suite(
                "echo url=$DEPLOYMENT_URL; echo env=$SPECWEAVE_ENVIRONMENT >&2; echo '<testsuite tests=\"1\"/>' > reports/new.xml",
                Duration.ofSeconds(30)), Map.of("DEPLOYMENT_URL", "https://qa.example", "SPECWEAVE_ENVIRONMENT", "qa"),
                lines::add);
        assertThat(run.exitCode()).isZero();
        assertThat(run.timedOut()).isFalse();
        assertThat(lines).containsExactly("url=https://qa.example", "env=qa");
        assertThat(run.reports()).containsExactly(dir.resolve("reports/new.xml"));
    }

    @Test
    void aReportLeftAMomentBeforeTheRunIsNotTheRunsOwnButOneItRewritesIs() throws Exception {
        Files.createDirectories(dir.resolve("reports"));
        Files.writeString(dir.resolve("reports/left.xml"), "<testsuite tests=\"1\"/>");
        Files.writeString(dir.resolve("reports/rewritten.xml"), "<testsuite tests=\"1\"/>");

        SuiteRun run = new SuiteRunner(dir).run(suite("echo '<testsuite tests=\"2\"/>' > reports/rewritten.xml",
                Duration.ofSeconds(30)), Map.of(), l -> { });

        assertThat(run.reports()).containsExactly(dir.resolve("reports/rewritten.xml"));
        assertThat(new SuiteRunner(dir).run(suite("true", Duration.ofSeconds(30)), Map.of(), l -> { }).reports())
                .as("a suite that writes nothing has no report").isEmpty();
    }

    @Test
    void failingSuiteReportsItsExitCode() {
        SuiteRun run = new SuiteRunner(dir).run(suite("exit 3", Duration.ofSeconds(30)), Map.of(), l -> { });
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.reports()).isEmpty();
    }

    @Test
    void timeoutStopsTheWholeProcessTree() throws Exception {
        Path pids = dir.resolve("pids");
        SuiteRun run = new SuiteRunner(dir).run(suite(
                "sleep 300 & echo $! > pids; (sleep 300 & echo $! >> pids; wait) & echo $$ >> pids; wait",
                Duration.ofMillis(1500)), Map.of(), l -> { });
        assertThat(run.timedOut()).isTrue();
        assertThat(run.exitCode()).isEqualTo(-1);
        List<Long> started = Files.readAllLines(pids).stream().map(String::trim).map(Long::parseLong).toList();
        assertThat(started).hasSizeGreaterThanOrEqualTo(3);
        for (long pid : started) {
            ProcessHandle.of(pid).ifPresent(h -> {
                try {
                    h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError("process " + pid + " outlived the suite", e);
                }
            });
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid " + pid).isFalse();
        }
    }

    @Test
    void suiteConfigErrorsNameTheField() {
        TestProject project = TestProject.in(dir.resolve("p")).config("""
                {"deployment": {"testSuites": {"smoke": {"command": "true", "reports": "r/*.xml", "timeoutSeconds": "soon"},
                  "full": {"reports": "r/*.xml"}}}}
                """);
        var config = project.open().config();
        assertThatThrownBy(() -> SuiteDefinition.from(config, "smoke")).isInstanceOf(BadInputException.class)
                .isNotInstanceOf(SuiteDefinition.UnknownSuiteException.class)
                .hasMessageContaining("deployment.testSuites.smoke.timeoutSeconds: expected a positive number");
        assertThatThrownBy(() -> SuiteDefinition.from(config, "full"))
                .isNotInstanceOf(SuiteDefinition.UnknownSuiteException.class)
                .hasMessageContaining("deployment.testSuites.full.command: expected a command line");
        // Only a name that is not a key is the caller's mistake: a front end names the input that chose it.
        assertThatThrownBy(() -> SuiteDefinition.from(config, "load"))
                .isInstanceOf(SuiteDefinition.UnknownSuiteException.class)
                .hasMessageContaining("known suites: smoke, full");
    }
}
