package io.specweave.deploy.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.specweave.deploy.Json;
import io.specweave.deploy.Project;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Path source = Path.of(getClass().getResource("/status/product-doc").toURI());
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = dir.resolve(source.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Project project = Project.open(dir);
        Clock now = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
        status = new StatusService(project).status("0018")
                .withDora(new DoraService(project, now).report("90d"));
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
}
