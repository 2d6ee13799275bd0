package io.specweave.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.Command;
import io.specweave.deploy.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CliTest {

    @TempDir
    Path dir;

    Path project;

    @BeforeEach
    void copyDemo() {
        project = CliHarness.copyDemo(dir.resolve("demo"));
    }

    @Test
    void anUnexpectedErrorExitsOneNamedAsOursAndShowsItsStackTraceOnlyWithDebug() {
        for (boolean debug : new boolean[] {false, true}) {
            java.io.StringWriter err = new java.io.StringWriter();
            // A bug of ours: a tracker's would be a recorded tracker failure, so it is the clock here.
            java.time.Clock broken = new java.time.Clock() {
                @Override
                public java.time.ZoneId getZone() {
                    return java.time.ZoneOffset.UTC;
                }

                @Override
                public java.time.Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public java.time.Instant instant() {
                    throw new IllegalStateException("clock bug");
                }
            };
            CliRuntime runtime = new CliRuntime(Map.of(), new java.io.PrintWriter(new java.io.StringWriter()),
                    new java.io.PrintWriter(err, true), broken, io.specweave.deploy.app.TrackerFactory::new);
            List<String> args = new java.util.ArrayList<>(List.of("sync", "0002", "--environment", "qa",
                    "--deployed", "--no-health-check", "--dir", project.toString()));
            if (debug) {
                args.add("--debug");
            }

            assertThat(SpecweaveDeploy.run(runtime, args.toArray(String[]::new))).isEqualTo(1);
            assertThat(err.toString()).startsWith("error: unexpected IllegalStateException: clock bug"
                    + (debug ? "\n" : " (run with --debug for details)"));
            assertThat(err.toString().contains("\tat io.specweave.deploy.")).isEqualTo(debug);
        }
    }

    private CliHarness.Run cli(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--dir", project.toString()));
        return CliHarness.inProcess(Map.of("NO_COLOR", "1"), all.toArray(String[]::new));
    }

    @Test
    void statusOfAnIncrementAndOfTheActiveOneAtOnceIsRefused() {
        CliHarness.Run both = cli("status", "0002", "--active");

        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--active and 0002 name two increments; give one of them");
        assertThat(cli("status", "active", "--active").exitCode()).as("the same one twice").isZero();
    }

    @Test
    void everyOutputOptionACommandListsIsHonouredAndTwoFormatsAtOnceAreRefused() {
        assertThat(cli("status", "--markdown").out()).startsWith("| Increment | Status | dev | qa |")
                .contains("| 0002-password-reset |");
        for (String command : List.of("status", "dora")) {
            CliHarness.Run both = cli(command, "--json", "--markdown");
            assertThat(both.exitCode()).as(command).isEqualTo(2);
            assertThat(both.err()).as(command).contains("--json and --markdown are two output formats; give one of them");
        }

        assertThat(cli("sync", "0002", "--environment", "qa", "--deployed", "--commit", "aaa1111", "--no-health-check")
                .exitCode()).isZero();
        assertThat(cli("sync", "0002", "--environment", "qa", "--deployed", "--commit", "bbb2222", "--no-health-check")
                .exitCode()).isZero();
        assertThat(cli("status", "0002", "--deployments", "--markdown").out())
                .contains("#### Earlier deployments to qa\n\n| Deployed | Status | Commit | By |")
                .contains("| deployed | `aaa1111` |");

        assertThat(cli("feature-flag", "enable", "newCheckout", "--environment", "qa", "--create").exitCode()).isZero();
        CliHarness.Run export = cli("feature-flag", "export", "--environment", "qa", "--json");
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).startsWith("{").contains("\"newCheckout\": true");
        CliHarness.Run conflicting = cli("feature-flag", "export", "--environment", "qa", "--json", "--format", "env");
        assertThat(conflicting.exitCode()).isEqualTo(2);
        assertThat(conflicting.err()).contains("--json prints the json format; give it or --format env, not both");
    }

    @Test
    void oneBrokenMetadataFileHidesNoOtherIncrementFromTheOverviewOrDora() throws Exception {
        Path broken = project.resolve(".specweave/increments/0003-oauth-google/metadata.json");
        Files.writeString(broken, Files.readString(broken).replaceFirst("\",", "\""));

        CliHarness.Run overview = CliHarness.inProcess(Map.of("NO_COLOR", "1"), "status", "--dir", project.toString());
        assertThat(overview.exitCode()).as(overview.err()).isZero();
        assertThat(overview.out()).contains("0001-user-login", "0002-password-reset").doesNotContain("0003-oauth-google");
        assertThat(overview.err()).startsWith("warning: 0003-oauth-google is not shown: ")
                .contains("0003-oauth-google/metadata.json: not valid JSON at line ");

        CliHarness.Run dora = CliHarness.inProcess(Map.of("NO_COLOR", "1"), "dora", "--json", "--dir", project.toString());
        assertThat(dora.exitCode()).as(dora.err()).isZero();
        assertThat(dora.err()).contains("warning: 1 increment not counted, as their metadata.json cannot be read: ")
                .contains(".specweave/increments/0003-oauth-google/metadata.json: not valid JSON");
    }

    @Test
    void aRecordStatusOutsideTheListIsShownAsWrittenWithAWarningNamingFileFieldAndTheStatusesExpected()
            throws Exception {
        Path metadata = project.resolve(".specweave/increments/0001-user-login/metadata.json");
        Files.writeString(metadata, Files.readString(metadata).replaceFirst("\"status\": \"deployed\"",
                "\"status\": \"success\""));
        String before = Files.readString(metadata);
        String warning = "warning: " + metadata.toAbsolutePath().normalize() + ": deployments.dev.status \"success\" "
                + "is none of in_progress, deployed, failed, rolled_back; shown as written, and read as neither "
                + "deployed nor failed\n";

        CliHarness.Run text = cli("status", "0001", "--no-dora");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("DEV: success");
        assertThat(text.err()).isEqualTo(warning);
        CliHarness.Run json = cli("status", "0001", "--no-dora", "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(Json.mapper().readTree(json.out()).path("environments").get(0).path("state").asText())
                .isEqualTo("success");
        assertThat(json.err()).isEqualTo(text.err());
        CliHarness.Run list = cli("status");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.err()).isEqualTo(text.err());
        assertThat(Files.readString(metadata)).as("the value is kept as written").isEqualTo(before);
    }

    @Test
    void anEmptyValueGivenOnPurposeIsRefusedNamingTheOptionNotReplacedByTheCheckoutsOwn() throws Exception {
        Path metadata = project.resolve(".specweave/increments/0002-password-reset/metadata.json");
        String before = Files.readString(metadata);
        // --commit "$SHA" with SHA unset: git's HEAD would be recorded as if it were asked for.
        CliHarness.Run empty = CliHarness.inProcess(Map.of(), "sync", "0002", "--environment", "qa", "--deployed",
                "--commit", "", "--no-health-check", "--dir", project.toString());
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).isEqualTo("error: --commit: expected a value, got an empty one; leave it out for the "
                + "default\n");
        CliHarness.Run noEnvironment = CliHarness.inProcess(Map.of(), "sync", "0002", "--environment", " ",
                "--deployed", "--commit", "abc0000", "--no-health-check", "--dir", project.toString());
        assertThat(noEnvironment.err()).startsWith("error: --environment: expected a value, got an empty one");
        for (String dir : new String[] {"--dir", "-C"}) {
            // --dir "$PROJECT" unset: the current folder would be written instead.
            CliHarness.Run noDir = CliHarness.inProcess(Map.of(), "sync", "0002", "--environment", "qa", "--deployed",
                    "--commit", "abc", "--no-health-check", dir, "");
            assertThat(noDir.exitCode()).as(dir).isEqualTo(2);
            assertThat(noDir.err()).as(dir).isEqualTo("error: --dir: expected a value, got an empty one; leave it out "
                    + "for the default\n");
        }
        CliHarness.Run twoLines = CliHarness.inProcess(Map.of(), "sync", "0002", "--environment", "qa", "--deployed",
                "--branch", "main\nx", "--no-health-check", "--dir", project.toString());
        assertThat(twoLines.err()).startsWith("error: --branch: expected one line of text, got a line break");
        assertThat(Files.readString(metadata)).isEqualTo(before);
    }

    @Test
    void aDeploymentUrlWithATokenInItsQueryIsRefusedAndTheTokenNotShown() throws Exception {
        Path metadata = project.resolve(".specweave/increments/0002-password-reset/metadata.json");
        String before = Files.readString(metadata);

        CliHarness.Run run = CliHarness.inProcess(Map.of(), "sync", "0002", "--environment", "qa", "--deployed",
                "--commit", "abc0000", "--no-health-check", "--deployment-url", "https://qa.example/app?token=ghp_abc123",
                "--dir", project.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: --deployment-url: expected a URL without a credential in its query, "
                + "got https://qa.example/app?… with a \"token\" parameter; the URL is recorded").doesNotContain("ghp_abc123");
        assertThat(Files.readString(metadata)).isEqualTo(before);
    }

    @Test
    void aCommitThatIsNoHexObjectNameAndARunUrlThatIsNoHttpUrlAreRefusedNamingTheirOptions() throws Exception {
        Path metadata = project.resolve(".specweave/increments/0002-password-reset/metadata.json");
        String before = Files.readString(metadata);

        CliHarness.Run command = CliHarness.inProcess(Map.of(), "sync", "0002", "--environment", "qa", "--deployed",
                "--commit", "hello world; rm -rf /", "--no-health-check", "--dir", project.toString());
        CliHarness.Run ref = CliHarness.inProcess(Map.of(), "approve", "0002", "--environment", "qa", "--by", "jane",
                "--commit", "refs/heads/main", "--dir", project.toString());
        CliHarness.Run script = CliHarness.inProcess(Map.of(), "sync", "0002", "--environment", "qa", "--deployed",
                "--commit", "abc1234", "--run-url", "javascript:alert(1)", "--no-health-check", "--dir",
                project.toString());

        assertThat(command.exitCode()).isEqualTo(2);
        assertThat(command.err()).startsWith("error: --commit: expected a commit's hex object name (7 to 40 hex "
                + "digits, or 64 in a SHA-256 repository), such as the CI's commit SHA, got \"hello world; rm -rf /\"");
        assertThat(ref.exitCode()).isEqualTo(2);
        assertThat(ref.err()).startsWith("error: --commit: expected a commit's hex object name");
        assertThat(script.exitCode()).isEqualTo(2);
        assertThat(script.err()).startsWith("error: --run-url: expected an absolute http(s) URL");
        assertThat(Files.readString(metadata)).isEqualTo(before);
    }

    @Test
    void aChangeRequestUrlHoldingCredentialsIsRefusedWithoutRepeatingThemAndNothingIsWritten() throws Exception {
        Path metadata = project.resolve(".specweave/increments/0002-password-reset/metadata.json");
        String before = Files.readString(metadata);

        CliHarness.Run approve = CliHarness.inProcess(Map.of(), "approve", "0002", "-e", "prod", "--by", "x",
                "--commit", "1111111", "--change-request",
                "id=C9,url=https://user:s3cret@itsm.example.com/C9?token=abc", "--dir", project.toString());

        assertThat(approve.exitCode()).as(approve.err()).isEqualTo(2);
        assertThat(approve.err()).startsWith("error: --change-request: url: expected a URL without user info")
                .doesNotContain("s3cret").doesNotContain("token=abc");
        assertThat(approve.out()).doesNotContain("s3cret");
        assertThat(Files.readString(metadata)).isEqualTo(before);
    }

    @Test
    void syncThenStatusJsonShowsTheDeployment() throws Exception {
        CliHarness.Run sync = CliHarness.inProcess(Map.of(), "sync", "0002", "--profile", "local-qa", "--deployed",
                "--commit", "abc1230", "--deployed-by", "me", "--no-health-check", "--dir", project.toString(), "--json");
        assertThat(sync.exitCode()).as(sync.err()).isZero();
        JsonNode result = Json.mapper().readTree(sync.out());
        assertThat(result.path("increment").asText()).isEqualTo("0002-password-reset");
        assertThat(result.path("environment").asText()).isEqualTo("qa");
        assertThat(result.path("trackingId").asText()).isEqualTo("0002-password-reset/qa");
        assertThat(result.path("deployment").path("commit").asText()).isEqualTo("abc1230");

        CliHarness.Run status = CliHarness.inProcess(Map.of(), "status", "--active", "--json", "--dir", project.toString());
        assertThat(status.exitCode()).isZero();
        JsonNode node = Json.mapper().readTree(status.out());
        assertThat(node.path("id").asText()).isEqualTo("0002-password-reset");
        assertThat(node.path("environments")).extracting(e -> e.path("environment").asText())
                .containsExactly("dev", "qa", "staging", "uat", "prod");
        assertThat(node.path("environments").get(1).path("state").asText()).isEqualTo("deployed");
        assertThat(node.path("environments").get(1).path("deployedBy").asText()).isEqualTo("me");
    }

    @Test
    void statusWithoutIncrementListsEveryIncrementInTextAndJson() throws Exception {
        CliHarness.Run text = CliHarness.inProcess(Map.of("NO_COLOR", "1"), "status", "--dir", project.toString());
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("0001-user-login", "0002-password-reset", "0003-oauth-google")
                .contains("[x]").doesNotContain("✅");
        CliHarness.Run json = CliHarness.inProcess(Map.of(), "status", "--json", "--dir", project.toString());
        JsonNode rows = Json.mapper().readTree(json.out());
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).path("environments").path("prod").asText()).isEqualTo("deployed");
        assertThat(rows.get(2).path("environments").path("dev").asText()).isEqualTo("not_deployed");
    }

    @Test
    void statusTextOfTheDemoIncrement() {
        CliHarness.Run run = CliHarness.inProcess(Map.of("NO_COLOR", "1"), "status", "1", "--dir", project.toString());
        assertThat(run.out()).contains("Deployment Status: 0001-user-login — User login with email and password",
                "[x] DEV: deployed at 2026-09-15T10:05:00Z by maria@demo-shop.example",
                "[ ] STAGING: not deployed yet", "Tests: 148/148 passed (100%)",
                "Approved: lee@demo-shop.example (Product Owner) at 2026-09-20T15:55:00Z: Signed off after UAT",
                "Total Pipeline Duration: 5d 6h", "dev -> qa: 1d 4h", "qa -> prod: 4d 2h",
                "Change failure rate:   0%         elite  0 of 1 deployments failed or were rolled back");
    }

    static List<List<String>> badInputs() {
        return List.of(
                List.of("sync", "0099", "--profile", "local-qa", "--deployed"),
                List.of("sync", "../etc", "--profile", "local-qa"),
                List.of("sync", "0002", "--profile", "nope"),
                List.of("sync", "0002", "--environment", "perf"),
                List.of("sync", "github", "0002", "--profile", "local-qa"),
                List.of("sync", "0002", "--profile", "local-qa", "--deployed", "--failed"),
                List.of("sync", "0002", "--bogus-option"),
                List.of("status", "0042"),
                List.of("frobnicate"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputExitsTwoAndLeavesEveryFileByteIdentical(List<String> args) {
        Map<String, String> before = snapshot(project);
        String[] full = Stream.concat(args.stream(), Stream.of("--dir", project.toString())).toArray(String[]::new);
        if (args.get(0).equals("frobnicate")) {
            full = args.toArray(String[]::new);
        }
        CliHarness.Run run = CliHarness.inProcess(Map.of(), full);
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).isNotBlank().doesNotContain("Exception\n\tat ");
        assertThat(snapshot(project)).isEqualTo(before);
    }

    @Test
    void badConfigExitsTwoNamingFileAndFieldAndWritesNothing() throws Exception {
        Path config = project.resolve(".specweave/config.json");
        Files.writeString(config, Files.readString(config).replace("\"https://qa.demo-shop.example\"", "42"));
        Map<String, String> before = snapshot(project);
        CliHarness.Run run = CliHarness.inProcess(Map.of(), "sync", "0002", "--profile", "local-qa", "--deployed",
                "--dir", project.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("config.json: deployment.environments.qa.deploymentUrl: expected a string, got 42");
        assertThat(snapshot(project)).isEqualTo(before);
    }

    @Test
    void aBrokenProfileNoCommandUsesIsIgnoredAndDebugSaysWhy() throws Exception {
        Path config = project.resolve(".specweave/config.json");
        Files.writeString(config, Files.readString(config).replace("\"profiles\": {", "\"profiles\": {\n"
                + "      \"half-done\": {\"provider\": \"gitlab\", \"environment\": \"perf\"},\n"
                + "      \"old-qa\": {\"provider\": \"local\", \"environment\": \"qa\"},"));

        CliHarness.Run sync = CliHarness.inProcess(Map.of(), "sync", "0002", "--environment", "dev", "--deployed",
                "--no-health-check", "--debug", "--dir", project.toString());
        CliHarness.Run status = CliHarness.inProcess(Map.of(), "status", "--dir", project.toString());
        CliHarness.Run perf = CliHarness.inProcess(Map.of(), "sync", "0002", "--environment", "perf", "--deployed",
                "--no-health-check", "--dir", project.toString());

        assertThat(sync.exitCode()).as(sync.err()).isZero();
        assertThat(sync.err()).contains("debug: sync.profiles.half-done: ignored unless a command uses it: ")
                .contains("unknown provider \"gitlab\"")
                .contains("debug: sync.profiles.old-qa.environment: \"qa\" is bound in deployment.environments.qa");
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.err()).doesNotContain("half-done");
        assertThat(perf.exitCode()).isEqualTo(2);
        assertThat(perf.err()).contains("sync.profiles.half-done.provider: unknown provider \"gitlab\"");
    }

    @Test
    void brokenMetadataExitsTwoAndIsLeftAlone() throws Exception {
        Path metadata = project.resolve(".specweave/increments/0002-password-reset/metadata.json");
        Files.writeString(metadata, "{\"id\": \"0002-password-reset\", \"deployments\": ");
        Map<String, String> before = snapshot(project);
        CliHarness.Run run = CliHarness.inProcess(Map.of(), "sync", "2", "--profile", "local-qa", "--deployed",
                "--dir", project.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("0002-password-reset/metadata.json: not valid JSON");
        assertThat(snapshot(project)).isEqualTo(before);
    }

    @Test
    void theCommandsAreCoresInItsOrderEachWithItsOwnClass() {
        assertThat(SpecweaveDeploy.COMMANDS.keySet())
                .containsExactlyElementsOf(Arrays.stream(Command.values()).map(Command::word).toList());
        assertThat(SpecweaveDeploy.COMMANDS.values().stream().map(factory -> factory.get().getClass()).distinct())
                .hasSize(Command.values().length);
    }

    @Test
    void helpAndVersionWorkOnEveryCommand() {
        for (String command : SpecweaveDeploy.COMMANDS.keySet()) {
            CliHarness.Run help = CliHarness.inProcess(Map.of(), command, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).contains("Usage: specweave-deploy " + command);
            assertThat(CliHarness.inProcess(Map.of(), command, "--version").out()).contains("specweave-deploy");
        }
        assertThat(CliHarness.inProcess(Map.of(), "--version").exitCode()).isZero();
    }

    @Test
    void dryRunPrintsThePlanAndWritesNothing() {
        Map<String, String> before = snapshot(project);
        CliHarness.Run run = CliHarness.inProcess(Map.of(), "sync", "0002", "--environment", "prod", "--deployed",
                "--commit", "feed000", "--dry-run", "--dir", project.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Would record 0002-password-reset → prod", "metadata.json would change",
                "\"commit\": \"feed000\"");
        assertThat(snapshot(project)).isEqualTo(before);
    }

    static Map<String, String> snapshot(Path root) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readString(p));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return files;
    }
}
