package io.specweave.deploy.report;

import io.specweave.deploy.app.DoraService;
import io.specweave.deploy.app.StatusService;
import io.specweave.deploy.status.PipelineStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.app.Project;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product doc's example (increment 0018 through dev, qa, uat and prod with tests, load test,
 * approvals, change request and prod metrics) rendered and compared with the expected views kept
 * beside it. When a rendering changes on purpose, the actual output is written to
 * {@code target/status-actual/} for review.
 */
class StatusRenderingTest {

    @TempDir
    Path dir;

    private PipelineStatus status;

    @BeforeEach
    void load() throws IOException, URISyntaxException {
        Project project = copy("product-doc", dir);
        Clock now = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
        status = new StatusService(project).status("0018")
                .withDora(new DoraService(project, now).report("90d"));
    }

    /** A copy of the project under {@code src/test/resources/status/<name>}. */
    private static Project copy(String name, Path target) throws IOException, URISyntaxException {
        Path source = Path.of(StatusRenderingTest.class.getResource("/status/" + name).toURI());
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path to = target.resolve(source.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return Project.open(target);
    }

    /** Prod on blue-green slots (green live, blue idle), a canary at 25 % in staging. */
    private static PipelineStatus rollout(Path target) throws IOException, URISyntaxException {
        return new StatusService(copy("rollout", target)).status("0021");
    }

    /** The product-doc project in {@code target}, with the first {@code from} of 0018's metadata.json made {@code to}. */
    private static Project edited(Path target, String from, String to) throws IOException, URISyntaxException {
        Project project = copy("product-doc", target);
        Path metadata = target.resolve(".specweave/increments/0018-oauth-google/metadata.json");
        Files.writeString(metadata, Files.readString(metadata).replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to)));
        return project;
    }

    @Test
    void aDeploymentWhoseHealthCheckFailedIsShownDeployedUnhealthyInEveryView(@TempDir Path other) throws Exception {
        Project project = edited(other, "\"healthStatus\": \"healthy\"", "\"healthStatus\": \"unhealthy\"");
        PipelineStatus unhealthy = new StatusService(project).status("0018");
        String dev = unhealthy.environments().get(0).environment();

        assertThat(unhealthy.environments().get(0).state()).as("the data keeps its state").isEqualTo("deployed");
        assertThat(new TextStatusRenderer(true).render(unhealthy)).contains("[u] " + dev.toUpperCase()
                + ": deployed, unhealthy");
        assertThat(new TextStatusRenderer(false).render(unhealthy)).contains("⚠️ " + dev.toUpperCase());
        String markdown = new MarkdownStatusRenderer().render(unhealthy, null);
        assertThat(markdown).contains("| ⚠️ deployed, unhealthy |").contains("class env0 unhealthy")
                .contains("env0[\"" + dev + "<br/>deployed, unhealthy\"]");
        assertThat(new TextStatusRenderer(true).renderList(new StatusService(project).list()))
                .contains("[u]");
    }

    @Test
    void anUnreachableDeploymentIsCalledUnreachableNotUnhealthy(@TempDir Path other) throws Exception {
        PipelineStatus unreachable = new StatusService(edited(other, "\"healthStatus\": \"healthy\"",
                "\"healthStatus\": \"unreachable\"")).status("0018");
        String dev = unreachable.environments().get(0).environment();

        assertThat(new TextStatusRenderer(true).render(unreachable)).contains("[u] " + dev.toUpperCase()
                + ": deployed, unreachable");
        assertThat(new MarkdownStatusRenderer().render(unreachable, null)).contains("| ⚠️ deployed, unreachable |")
                .contains("env0[\"" + dev + "<br/>deployed, unreachable\"]");
    }

    @Test
    void valuesFromTheFileStayOnTheirLineAndCannotMoveTheCursor(@TempDir Path other) throws Exception {
        PipelineStatus forged = new StatusService(edited(other, "\"deployedBy\": \"ci-bot\"",
                "\"deployedBy\": \"ci-bot\\n   Health: healthy\\u001b[2J\"")).status("0018");

        for (String text : java.util.List.of(new TextStatusRenderer(true).render(forged),
                new TextStatusRenderer(false, true).render(forged))) {
            assertThat(text).contains("by ci-bot\\n   Health: healthy\\u001b[2J").doesNotContain("\u001b[2J")
                    .doesNotContainPattern("(?m)^   Health: healthy$");
        }
    }

    @Test
    void textShowsTheLiveAndIdleSlotAndARunningCanary(@TempDir Path other) throws Exception {
        compare(new TextStatusRenderer(true).render(rollout(other)), "rollout-expected.txt");
    }

    @Test
    void markdownShowsTheLiveAndIdleSlotAndARunningCanary(@TempDir Path other) throws Exception {
        compare(new MarkdownStatusRenderer().render(rollout(other), "prod"), "rollout-expected.md");
    }

    @Test
    void jsonCarriesSlotsAndCanaryShapedAsInMetadata(@TempDir Path other) throws Exception {
        JsonNode json = StatusJson.of(rollout(other), false);

        JsonNode staging = json.path("environments").get(0);
        JsonNode prod = json.path("environments").get(1);
        assertThat(staging.path("canary").path("weight").asInt()).isEqualTo(25);
        assertThat(staging.path("canary").path("status").asText()).isEqualTo("running");
        assertThat(staging.path("canary").path("steps")).hasSize(2);
        assertThat(staging.has("slots")).isFalse();
        assertThat(prod.path("slots").path("live").asText()).isEqualTo("green");
        assertThat(prod.path("slots").path("previousLive").asText()).isEqualTo("blue");
        assertThat(prod.path("slots").path("blue").path("commit").asText())
                .isEqualTo("1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5");
        assertThat(prod.path("slots").has("slots")).isFalse();
        assertThat(prod.has("canary")).isFalse();
    }

    @Test
    void anAbandonedCanarySaysWhyUntilALaterDeploymentAndAPromotedOneIsDataOnly(@TempDir Path other)
            throws Exception {
        PipelineStatus running = rollout(other);
        Path metadata = other.resolve(".specweave/increments/0021-checkout/metadata.json");
        String stored = Files.readString(metadata);
        Files.writeString(metadata, stored.replace("\"status\": \"running\"", "\"status\": \"abandoned\", "
                + "\"abandonedAt\": \"2026-11-27T09:00:00Z\", \"rollbackReason\": \"p95 doubled\""));
        PipelineStatus abandoned = new StatusService(Project.open(other)).status("0021");
        Files.writeString(metadata, stored.replace("\"status\": \"running\"", "\"status\": \"abandoned\", "
                + "\"abandonedAt\": \"2026-11-27T09:00:00Z\"").replace("2026-11-26T09:00:00Z", "2026-11-28T09:00:00Z"));
        PipelineStatus deployedSince = new StatusService(Project.open(other)).status("0021");
        Files.writeString(metadata, stored.replace("\"status\": \"running\"", "\"status\": \"promoted\""));
        PipelineStatus promoted = new StatusService(Project.open(other)).status("0021");

        assertThat(new TextStatusRenderer(true).render(running)).contains("Canary: 25 % to c0ffee00c0ff");
        assertThat(new TextStatusRenderer(true).render(abandoned))
                .contains("Canary: c0ffee00c0ff abandoned at 25 % at 2026-11-27T09:00:00Z: p95 doubled");
        assertThat(new MarkdownStatusRenderer().render(abandoned, null))
                .contains("**staging** canary: c0ffee00c0ff abandoned at 25 % at 2026-11-27T09:00:00Z: p95 doubled");
        assertThat(new TextStatusRenderer(true).render(deployedSince)).doesNotContain("Canary");
        assertThat(new TextStatusRenderer(true).render(promoted)).doesNotContain("Canary");
        assertThat(StatusJson.of(abandoned, false).path("environments").get(0).path("canary").path("rollbackReason")
                .asText()).isEqualTo("p95 doubled");
    }

    @Test
    void aRolledBackEnvironmentSaysFromWhatAndWhyInEveryView(@TempDir Path other) throws Exception {
        rollout(other);
        Path metadata = other.resolve(".specweave/increments/0021-checkout/metadata.json");
        Files.writeString(metadata, Files.readString(metadata).replace("\"deployedBy\": \"ci-bot\",\n      \"commit\"",
                "\"deployedBy\": \"ci-bot\", \"rolledBackFrom\": \"3333333333333333\", "
                        + "\"rollbackReason\": \"checkout broken\",\n      \"commit\""));
        PipelineStatus status = new StatusService(Project.open(other)).status("0021");

        assertThat(new TextStatusRenderer(true).render(status))
                .contains("Rolled back: from commit 333333333333: checkout broken");
        assertThat(new MarkdownStatusRenderer().render(status, null))
                .contains("**staging** rolled back from commit 333333333333: checkout broken");
    }

    private static String expected(String name) throws IOException {
        try (InputStream in = StatusRenderingTest.class.getResourceAsStream("/status/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void compare(String actual, String name) throws IOException {
        String wanted = expected(name);
        if (!actual.equals(wanted)) {
            Path out = Path.of("target", "status-actual", name);
            Files.createDirectories(out.getParent());
            Files.writeString(out, actual);
        }
        assertThat(actual).isEqualTo(wanted);
    }

    @Test
    void plainTextViewMatchesTheExpectedRendering() throws IOException {
        compare(new TextStatusRenderer(true).render(status), "product-doc-expected.txt");
    }

    @Test
    void markdownViewMatchesTheExpectedRendering() throws IOException {
        compare(new MarkdownStatusRenderer().render(status, "prod"), "product-doc-expected.md");
    }

    @Test
    void colourViewHasEmojiAndAnsiColoursAndTheSameText() {
        String colour = new TextStatusRenderer(false, true).render(status);

        assertThat(colour).contains("✅ \u001b[1mPROD\u001b[0m", "\u001b[32mhealthy (HTTP 200, 63 ms, checked ",
                "⏳ \u001b[1mSTAGING\u001b[0m: \u001b[2mnot deployed yet\u001b[0m");
        String stripped = colour.replaceAll("\u001b\\[[0-9;]*m", "").replace("✅", "[x]").replace("⏳", "[ ]")
                .replace(" → ", " -> ");
        assertThat(stripped).isEqualTo(new TextStatusRenderer(true).render(status));
    }

    @Test
    void jsonCarriesTheNewFieldsAndTheDoraBlock() {
        String json = Json.pretty(status);

        assertThat(json).contains("\"healthHttpStatus\" : 200".replace(" : ", ": "), "\"coverage\": 87.52",
                "\"maxRPS\": 333.33", "\"changeFailureRate\": {", "\"band\": ");
    }

    @Test
    void theListsColumnsLineUpUnderTheirEnvironmentsInAsciiAndInEmoji() {
        java.util.Map<String, String> states = new java.util.LinkedHashMap<>();
        states.put("qa", "deployed");
        states.put("staging", "failed");
        states.put("prod", "not_deployed");
        List<io.specweave.deploy.status.IncrementSummary> rows = List.of(new io.specweave.deploy.status.IncrementSummary(
                "0018-oauth", "OAuth", "active", "increments", states, null));

        assertThat(new TextStatusRenderer(true).renderList(rows)).isEqualTo("""
                ID          STATUS  qa   staging  prod  TITLE
                0018-oauth  active  [x]  [!]      [ ]   OAuth
                """);
        assertThat(new TextStatusRenderer(false).renderList(rows)).isEqualTo("""
                ID          STATUS  qa  staging  prod  TITLE
                0018-oauth  active  ✅  ❌       ⏳    OAuth
                """);
    }
}
