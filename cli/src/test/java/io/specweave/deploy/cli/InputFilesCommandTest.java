package io.specweave.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every JSON file the CLI reads, as SpecWeave's {@code JSON.parse} would read it: a key given twice
 * keeps its last value; a file that is not JSON is refused in the user's words (exit 2) and every
 * file stays byte for byte as it was; {@code @FILE} values are read by the tool, not by picocli.
 */
class InputFilesCommandTest {

    @TempDir
    Path dir;

    Path project;

    @BeforeEach
    void copyDemo() {
        project = CliHarness.copyDemo(dir.resolve("demo"));
    }

    @Test
    void duplicateKeysInConfigKeepTheLastValueAsSpecweaveDoes() throws IOException {
        Path config = project.resolve(".specweave/config.json");
        String text = Files.readString(config)
                .replace("\"deploymentUrl\": \"https://qa.demo-shop.example\"",
                        "\"deploymentUrl\": \"https://old-qa.demo-shop.example\", \"deploymentUrl\": \"https://qa.demo-shop.example\"");
        Files.writeString(config, text);

        CliHarness.Run run = cli("sync", "2", "--environment", "qa", "--deployed", "--no-health-check", "--commit",
                "abc1234");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode deployments = metadata("0002-password-reset").get("deployments");
        assertThat(deployments.path("qa").path("deploymentUrl").asText()).isEqualTo("https://qa.demo-shop.example");
    }

    @Test
    void duplicateKeysInMetadataKeepTheLastValueInStatusAndDora() throws IOException {
        String record = "{\"profile\": \"local-prod\", \"status\": \"deployed\", \"commit\": \"%s\", "
                + "\"deployedAt\": \"%s\", \"deployedBy\": \"ci\"}";
        String twice = "{\"id\": \"0002-password-reset\", \"status\": \"completed\", \"status\": \"active\",\n"
                + " \"deployments\": {\"prod\": " + record.formatted("1111111", "2026-11-20T10:00:00Z") + ",\n"
                + "  \"prod\": " + record.formatted("2222222", "2026-11-21T10:00:00Z") + "}}\n";
        String once = "{\"id\": \"0002-password-reset\", \"status\": \"active\",\n"
                + " \"deployments\": {\"prod\": " + record.formatted("2222222", "2026-11-21T10:00:00Z") + "}}\n";
        Path metadata = project.resolve(".specweave/increments/0002-password-reset/metadata.json");
        Files.writeString(metadata, once);
        String expectedDora = doraAtFixedTime();
        Files.writeString(metadata, twice);

        CliHarness.Run status = cli("status", "active", "--json", "--no-dora");
        String dora = doraAtFixedTime();

        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("2222222").doesNotContain("1111111");
        assertThat(dora).isEqualTo(expectedDora);
    }

    @Test
    void duplicateFlagsReadAndChangeTheLastValue() throws IOException {
        Path flags = project.resolve(".specweave/config/feature-flags.json");
        Files.createDirectories(flags.getParent());
        Files.writeString(flags, "{\n  // the team's note\n  \"qa\": {\"newCheckout\": true, \"newCheckout\": false,},\n}\n");

        CliHarness.Run before = cli("feature-flag", "list", "--environment", "qa", "--json");
        CliHarness.Run enable = cli("feature-flag", "enable", "newCheckout", "--environment", "qa");
        CliHarness.Run after = cli("feature-flag", "list", "--environment", "qa", "--json");

        assertThat(before.exitCode()).as(before.err()).isZero();
        assertThat(Json.mapper().readTree(before.out()).toString()).contains("\"newCheckout\":false");
        assertThat(enable.exitCode()).as(enable.err()).isZero();
        assertThat(Files.readString(flags))
                .isEqualTo("{\n  // the team's note\n  \"qa\": {\"newCheckout\": true, \"newCheckout\": true,},\n}\n");
        assertThat(Json.mapper().readTree(after.out()).toString()).contains("\"newCheckout\":true");
    }

    @Test
    void aCommentInConfigIsRefusedInPlainWordsAndNothingChanges() throws IOException {
        Path config = project.resolve(".specweave/config.json");
        Files.writeString(config, Files.readString(config).replace("  \"version\": \"1.0\",",
                "  \"version\": \"1.0\",\n  // SpecWeave's own reader would refuse this too"));
        Map<String, String> before = snapshot();

        CliHarness.Run run = cli("sync", "2", "--profile", "local-qa", "--deployed", "--no-health-check");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(".specweave/config.json: not valid JSON at line 3, column 3: comments are not "
                + "allowed in config.json (JSON has none); remove the // comment")
                .doesNotContain("ALLOW_COMMENTS").doesNotContain("Feature").doesNotContain("code 47");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void everyJsonMistakeNamesFileLineAndWhatWasExpected() throws IOException {
        Path metadata = project.resolve(".specweave/increments/0002-password-reset/metadata.json");
        Map<String, String> cases = Map.of(
                "{\n  \"id\": \"0002\"\n  \"status\": \"active\"\n}\n",
                "metadata.json: not valid JSON at line 3, column 3: expected ',' or '}' after the value, found '\"'",
                "{\"id\": 'x'}", "metadata.json: not valid JSON at line 1, column 8: strings are written in double quotes",
                "{\"id\": }", "metadata.json: not valid JSON at line 1, column 8: expected a value (a string in double "
                        + "quotes, a number, true, false, null, an object or an array), found '}'",
                "{\"id\": [1, 2}", "metadata.json: not valid JSON at line 1, column 13: found '}' where ']' should close "
                        + "the array opened at line 1, column 8",
                "{\"a\": 1}\n{\"b\": 2}\n", "metadata.json: not valid JSON at line 2, column 1: more text after the end "
                        + "of the JSON value",
                "[".repeat(1001), "metadata.json: not valid JSON at line 1, column 1002: nesting deeper than 1000 levels");
        Map<String, String> before = null;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Files.writeString(metadata, c.getKey());
            before = snapshot();

            CliHarness.Run run = cli("sync", "2", "--profile", "local-qa", "--deployed", "--no-health-check");

            assertThat(run.exitCode()).as(c.getKey()).isEqualTo(2);
            assertThat(run.err()).as(c.getKey()).contains(c.getValue())
                    .doesNotContain("code 1").doesNotContain("StreamReadConstraints").doesNotContain("REDACTED");
            assertThat(snapshot()).isEqualTo(before);
        }
    }

    @Test
    void byteOrderMarkCrlfAndTrailingCommasAreAccepted() throws IOException {
        Path config = project.resolve(".specweave/config.json");
        Files.writeString(config, "\uFEFF" + Files.readString(config).replace("\n", "\r\n")
                .replace("\"pipeline\": [\"dev\", \"qa\", \"staging\", \"uat\", \"prod\"]",
                        "\"pipeline\": [\"dev\", \"qa\", \"staging\", \"uat\", \"prod\",]")
                .replace("\"deploymentUrl\": \"https://qa.demo-shop.example\"",
                        "\"deploymentUrl\": \"https://qa.demo-shop.example\","));
        Path metadata = project.resolve(".specweave/increments/0002-password-reset/metadata.json");
        Files.writeString(metadata, "\uFEFF" + Files.readString(metadata).replace("\n", "\r\n"));

        CliHarness.Run run = cli("sync", "active", "--profile", "local-qa", "--deployed", "--no-health-check");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(metadata("0002-password-reset").path("deployments").has("qa")).isTrue();
    }

    @Test
    void metricsAtFileIsReadFromTheProjectFolder() throws IOException {
        Files.createDirectories(project.resolve("reports"));
        Files.writeString(project.resolve("reports/prod-metrics.json"), "{\"errorRate\": 0.2, \"p95LatencyMs\": 180}");

        CliHarness.Run run = cli("sync", "2", "--profile", "local-qa", "--deployed", "--no-health-check",
                "--metrics", "@reports/prod-metrics.json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(metadata("0002-password-reset").path("deployments").path("qa").path("metrics").toString())
                .isEqualTo("{\"errorRate\":0.2,\"p95LatencyMs\":180}");
    }

    @Test
    void metricsAtMissingFileNamesTheOptionAndWritesNothing() {
        Map<String, String> before = snapshot();

        CliHarness.Run sync = cli("sync", "2", "--profile", "local-qa", "--deployed", "--no-health-check",
                "--metrics", "@reports/prod-metrics.json");
        CliHarness.Run approve = cli("approve", "2", "--environment", "qa", "--by", "jane",
                "--metrics", "@reports/prod-metrics.json");

        for (CliHarness.Run run : new CliHarness.Run[] {sync, approve}) {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("--metrics @reports/prod-metrics.json: no such file ")
                    .contains("reports/prod-metrics.json").doesNotContain("no active increment");
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void metricsFileThatIsNotJsonNamesTheFileAndTheOption() throws IOException {
        Files.createDirectories(project.resolve("reports"));
        Files.writeString(project.resolve("reports/m.json"), "{\"errorRate\": 0.2,\n // measured\n}");
        Map<String, String> before = snapshot();

        CliHarness.Run run = cli("sync", "2", "--profile", "local-qa", "--deployed", "--no-health-check",
                "--metrics", "@reports/m.json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("reports/m.json (--metrics @reports/m.json): not valid JSON at line 2, column 2: "
                + "comments are not allowed in m.json");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void anAtSignInAnotherValueIsTakenAsTypedEvenWhenSuchAFileExists() throws IOException {
        // picocli would read the file "jane" in the working folder and put its words in place of "@jane".
        Files.writeString(dir.resolve("jane"), "--environment prod");

        CliHarness.Run run = CliHarness.runProcess(dir, "approve", "2", "--environment", "qa", "--by", "@jane",
                "--commit", "abc1234", "--dir", project.toString());

        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        JsonNode approvals = metadata("0002-password-reset").path("deployments").path("qa").path("approvals");
        assertThat(approvals.get(0).path("approvedBy").asText()).isEqualTo("@jane");
    }

    private CliHarness.Run cli(String... args) {
        String[] withDir = Stream.concat(Stream.of(args), Stream.of("--dir", project.toString())).toArray(String[]::new);
        return CliHarness.inProcess(Map.of(), withDir);
    }

    /** {@code dora --json} at one fixed time, so two reports differ only by what the files say. */
    private String doraAtFixedTime() {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        CliRuntime runtime = new CliRuntime(Map.of(), new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                java.time.Clock.fixed(java.time.Instant.parse("2026-12-01T00:00:00Z"), java.time.ZoneOffset.UTC),
                io.specweave.deploy.app.TrackerFactory::standard);
        int code = SpecweaveDeploy.run(runtime, "dora", "--json", "--dir", project.toString());
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    private JsonNode metadata(String increment) throws IOException {
        return Json.mapper().readTree(Files.readString(
                project.resolve(".specweave/increments/" + increment + "/metadata.json"), StandardCharsets.UTF_8)
                .replace("\uFEFF", ""));
    }

    /** Every file's bytes, so a refused run can be shown to have changed none. */
    private Map<String, String> snapshot() {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(project)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(project.relativize(p).toString(), Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
