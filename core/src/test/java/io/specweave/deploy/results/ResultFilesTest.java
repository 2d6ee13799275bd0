package io.specweave.deploy.results;

import io.specweave.deploy.model.LoadTestResults;
import io.specweave.deploy.model.TestResults;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Input;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFilesTest {

    @TempDir
    Path dir;

    private ResultFiles files;

    @BeforeEach
    void setUp() {
        files = new ResultFiles(dir);
    }

    private Path copy(String resource, String target) throws IOException {
        Path file = dir.resolve(target);
        Files.createDirectories(file.getParent());
        try (InputStream in = getClass().getResourceAsStream("/results/" + resource)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    @Test
    void aGlobThatDoesNotCompileIsBadInputNamingTheInput() {
        for (String glob : java.util.List.of("[", "build/{a")) {
            assertThatThrownBy(() -> files.testResults(glob))
                    .isInstanceOfSatisfying(BadInputException.class,
                            e -> assertThat(e.input()).isEqualTo(io.specweave.deploy.Input.TEST_RESULTS))
                    .hasMessageContaining("not a glob pattern");
        }
    }

    @Test
    void aFileThatIsMissingOrBrokenIsBadInputOfTheInputThatNamedIt() throws IOException {
        Files.writeString(dir.resolve("broken.xml"), "<testsuite");
        Files.writeString(dir.resolve("k6.json"), "{}");
        Map<Input, org.assertj.core.api.ThrowableAssert.ThrowingCallable> reads = Map.of(
                Input.TEST_RESULTS, () -> files.testResults("broken.xml"),
                Input.COVERAGE, () -> files.coverage("missing.xml"),
                Input.LOAD_TEST_RESULTS, () -> files.loadTestResults("k6.json"));
        reads.forEach((input, read) -> assertThatThrownBy(read).as(input.word())
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.input()).isEqualTo(input)));
        // The file's own words are kept: which file, what is wrong, what was expected.
        assertThatThrownBy(() -> files.coverage("missing.xml")).hasMessageContaining("missing.xml: no such file; "
                + "expected a JaCoCo XML report");
    }

    @Test
    void surefireReportCountsFailureAndSkipAndNotTheFlakyRerun() throws IOException {
        copy("surefire-TEST-com.example.shop.PaymentServiceTest.xml", "target/surefire-reports/TEST-a.xml");

        assertThat(files.testResults("target/surefire-reports/TEST-a.xml"))
                .isEqualTo(TestResults.counts(6, 4, 1, 1, 0));
    }

    @Test
    void junitPlatformLauncherReportCountsErrorsApartFromFailures() throws IOException {
        copy("junit-platform-TEST-junit-jupiter.xml", "build/test-results/TEST-junit-jupiter.xml");

        assertThat(files.testResults("build/test-results/*.xml")).isEqualTo(TestResults.counts(5, 3, 0, 1, 1));
    }

    @Test
    void pytestReportWithTestsuitesRootCountsSkipsXfailsAndSetupErrors() throws IOException {
        copy("pytest-report.xml", "reports/pytest.xml");

        assertThat(files.testResults("reports/pytest.xml")).isEqualTo(TestResults.counts(7, 3, 1, 2, 1));
    }

    @Test
    void jestJunitReportAddsUpItsSuites() throws IOException {
        copy("jest-junit.xml", "web/junit.xml");

        assertThat(files.testResults("web/junit.xml")).isEqualTo(TestResults.counts(6, 4, 1, 1, 0));
    }

    @Test
    void nestedSuitesAreCountedOnce() throws IOException {
        copy("nested-suites.xml", "phpunit.xml");

        assertThat(files.testResults("phpunit.xml")).isEqualTo(TestResults.counts(4, 3, 1, 0, 0));
    }

    @Test
    void summaryOnlyReportUsesTheSuitesAttributes() throws IOException {
        copy("summary-only.xml", "summary.xml");

        assertThat(files.testResults("summary.xml")).isEqualTo(TestResults.counts(20, 16, 1, 2, 1));
    }

    @Test
    void summaryCountsThatAreNoWholeNumberOrAddUpToMoreThanTheTestsAreBadInputNamingTheFileSuiteAndAttribute()
            throws IOException {
        Map<String, String> reports = new java.util.LinkedHashMap<>();
        reports.put("<testsuite tests=\"abc\" failures=\"-1\"/>",
                "a.xml: <testsuite> attribute tests: expected a whole number (0 or more), got \"abc\"");
        reports.put("<testsuite tests=\"10\" failures=\"-1\"/>",
                "a.xml: <testsuite> attribute failures: expected a whole number (0 or more), got \"-1\"");
        reports.put("<testsuite tests=\"4\" errors=\"1.5\"/>",
                "a.xml: <testsuite> attribute errors: expected a whole number (0 or more), got \"1.5\"");
        reports.put("<testsuite tests=\"5\" failures=\"9\"/>", "a.xml: <testsuite>: failures (9) + errors (0) + "
                + "skipped (0) is 9: expected no more than tests (5), as each test is counted once");
        reports.put("<testsuites><testsuite name=\"smoke\" tests=\"3\"/><testsuite name=\"contract\" tests=\"2\" "
                + "failures=\"1\" disabled=\"2\"/></testsuites>", "a.xml: <testsuite name=\"contract\">: failures (1) + "
                + "errors (0) + disabled (2) is 3: expected no more than tests (2), as each test is counted once");
        reports.put("<testsuites><testsuite tests=\"3\"/><testsuite tests=\"x\"/></testsuites>",
                "a.xml: <testsuite> number 2 in <testsuites> attribute tests: expected a whole number (0 or more), "
                        + "got \"x\"");
        for (Map.Entry<String, String> report : reports.entrySet()) {
            Files.writeString(dir.resolve("a.xml"), report.getKey());
            assertThatThrownBy(() -> files.testResults("a.xml")).as(report.getKey())
                    .isInstanceOfSatisfying(BadInputException.class,
                            e -> assertThat(e.input()).isEqualTo(Input.TEST_RESULTS))
                    .hasMessageEndingWith(report.getValue());
        }
    }

    @Test
    void summaryCountsAsRealWritersFormatThemAreRead() throws IOException {
        // Totals on the root, decimal times, a zero fraction, thousands grouped, empty and missing counts.
        Files.writeString(dir.resolve("a.xml"), "<testsuites tests=\"1,200\" failures=\"2.0\" errors=\"\" "
                + "time=\"12.5\"><testsuite tests=\"7\"/></testsuites>");
        Files.writeString(dir.resolve("b.xml"), "<testsuites><testsuite tests=\"3\" time=\"0.25\"/>"
                + "<testsuite tests=\"2\" skipped=\"2\"/></testsuites>");

        assertThat(files.testResults("a.xml")).isEqualTo(TestResults.counts(1200, 1198, 2, 0, 0));
        assertThat(files.testResults("b.xml")).isEqualTo(TestResults.counts(5, 3, 0, 2, 0));
    }

    @Test
    void suiteCountsAreNotReadWhenTheTestCasesAreCounted() throws IOException {
        Files.writeString(dir.resolve("a.xml"), "<testsuite tests=\"1\" failures=\"-1\"><testcase name=\"a\"/>"
                + "<testcase name=\"b\"><failure/></testcase></testsuite>");

        assertThat(files.testResults("a.xml")).isEqualTo(TestResults.counts(2, 1, 1, 0, 0));
    }

    @Test
    void globAddsUpEveryMatchingFileBelowTheFolder() throws IOException {
        copy("surefire-TEST-com.example.shop.PaymentServiceTest.xml", "results/unit/TEST-a.xml");
        copy("jest-junit.xml", "results/web/deep/junit.xml");
        copy("pytest-report.xml", "results/pytest.xml");
        Files.writeString(dir.resolve("results/notes.txt"), "not a report");

        TestResults sum = files.testResults("results/**/*.xml");

        assertThat(sum).isEqualTo(TestResults.counts(19, 11, 3, 4, 1));
        assertThat(sum.allPassed()).isFalse();
    }

    @Test
    void globMatchingNothingNamesThePatternAndTheFolder() throws IOException {
        Files.createDirectories(dir.resolve("target"));
        assertThatThrownBy(() -> files.testResults("target/*.xml")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("test-results target/*.xml: no file matches (searched ")
                .hasMessageContaining("expected at least one JUnit XML report");
    }

    @Test
    void aFileThatIsNotJUnitXmlIsBadInputNamingTheFileAndTheExpectedShape() throws IOException {
        copy("jacoco.xml", "target/site/jacoco.xml");
        assertThatThrownBy(() -> files.testResults("target/site/jacoco.xml")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("jacoco.xml: expected JUnit XML (a <testsuites> or <testsuite> root element")
                .hasMessageEndingWith("got a <report> root element");
        Files.writeString(dir.resolve("broken.xml"), "<testsuite><testcase></testsuite>");
        assertThatThrownBy(() -> files.testResults("broken.xml")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("broken.xml: not well-formed XML").hasMessageContaining("expected JUnit XML");
    }

    @Test
    void externalEntitiesAreNeverRead() throws IOException {
        Path injected = dir.resolve("injected.xml");
        Files.writeString(injected, "<testcase name=\"injected\"><failure/></testcase>");
        Files.writeString(dir.resolve("evil.xml"), "<?xml version=\"1.0\"?>\n<!DOCTYPE testsuite [\n"
                + "<!ENTITY ext SYSTEM \"" + injected.toUri() + "\">\n]>\n"
                + "<testsuite>&ext;<testcase name=\"real\"/></testsuite>");

        assertThat(files.testResults("evil.xml")).isEqualTo(TestResults.counts(1, 1, 0, 0, 0));
    }

    @Test
    void entityExpansionBombIsRefused() throws IOException {
        StringBuilder doc = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE testsuite [\n<!ENTITY a0 \"lol\">\n");
        for (int i = 1; i <= 10; i++) {
            doc.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        doc.append("]>\n<testsuite name=\"&a10;\"><testcase name=\"x\"/></testsuite>");
        Files.writeString(dir.resolve("bomb.xml"), doc);

        assertThatThrownBy(() -> files.testResults("bomb.xml")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("bomb.xml: not well-formed XML");
    }

    @Test
    void jacocoLineCoverageComesFromTheReportLevelCounter() throws IOException {
        copy("jacoco.xml", "target/site/jacoco/jacoco.xml");

        assertThat(files.coverage("target/site/jacoco/jacoco.xml")).isEqualTo(87.52);
    }

    @Test
    void coberturaLineCoverageUsesLinesCoveredOverValidElseLineRate() throws IOException {
        copy("cobertura.xml", "coverage.xml");
        copy("cobertura-line-rate-only.xml", "web/cobertura-coverage.xml");

        assertThat(files.coverage("coverage.xml")).isEqualTo(87.44);
        assertThat(files.coverage("web/cobertura-coverage.xml")).isEqualTo(91.35);
    }

    @Test
    void coverageOfAnotherFormatIsBadInput() throws IOException {
        copy("pytest-report.xml", "pytest.xml");
        assertThatThrownBy(() -> files.coverage("pytest.xml")).isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("pytest.xml: expected a JaCoCo XML report (<report> root) or a Cobertura XML "
                        + "report (<coverage> root), got a <testsuites> root element");
    }

    @Test
    void k6SummaryExportShape() throws IOException {
        copy("k6-summary-export.json", "load/summary.json");

        LoadTestResults load = files.loadTestResults("load/summary.json");

        assertThat(load.toNode().toString()).isEqualTo(
                "{\"maxRPS\":333.33,\"avgLatency\":84.31,\"p95Latency\":188.46,\"p99Latency\":402.0,\"errorRate\":0.3}");
    }

    @Test
    void k6HandleSummaryShapeWithoutP99() throws IOException {
        copy("k6-handle-summary.json", "load/handle.json");

        LoadTestResults load = files.loadTestResults("load/handle.json");

        assertThat(load.toNode().toString()).isEqualTo(
                "{\"maxRPS\":199.96,\"avgLatency\":120.4,\"p95Latency\":250.26,\"errorRate\":0.4}");
        assertThat(LoadTestResults.from(load.toNode()).p99Latency()).isNull();
    }

    @Test
    void k6FileWithoutHttpMetricsIsBadInput() throws IOException {
        Files.writeString(dir.resolve("k6.json"), "{\"metrics\": {\"iterations\": {\"count\": 3, \"rate\": 1}}}");
        Files.writeString(dir.resolve("text.json"), "summary: ok");

        assertThatThrownBy(() -> files.loadTestResults("k6.json")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("k6.json: metrics.http_reqs is missing")
                .hasMessageContaining("expected a k6 summary JSON");
        assertThatThrownBy(() -> files.loadTestResults("text.json")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("text.json: not valid JSON");
        assertThatThrownBy(() -> files.loadTestResults("missing.json")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("missing.json: no such file; expected a k6 summary JSON");
    }
}
