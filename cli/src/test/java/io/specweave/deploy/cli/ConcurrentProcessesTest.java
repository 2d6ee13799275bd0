package io.specweave.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Separate JVMs writing one metadata.json, as parallel pipeline jobs on one agent do. */
class ConcurrentProcessesTest {

    @TempDir
    Path dir;

    private Path projectWith(int environments) throws Exception {
        String profiles = IntStream.range(0, environments)
                .mapToObj(i -> "\"p" + i + "\": {\"provider\": \"local\", \"environment\": \"env" + i + "\"}")
                .collect(Collectors.joining(",\n    "));
        Path root = dir.resolve("project");
        Files.createDirectories(root.resolve(".specweave/increments/0018-oauth"));
        Files.writeString(root.resolve(".specweave/config.json"), "{\"sync\": {\"profiles\": {\n    " + profiles + "}}}");
        Files.writeString(root.resolve(".specweave/increments/0018-oauth/spec.md"), "# OAuth\n");
        Files.writeString(root.resolve(".specweave/increments/0018-oauth/metadata.json"),
                "{\"id\": \"0018-oauth\", \"status\": \"active\", \"unknownKey\": {\"kept\": [1, 2]}}");
        return root;
    }

    @Test
    void eightConcurrentSyncsOfEightEnvironmentsEndWithAllEightRecords() throws Exception {
        Path project = projectWith(8);
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            processes.add(CliHarness.process(project, "sync", "0018", "--profile", "p" + i, "--deployed",
                    "--commit", "c0ffee" + i).redirectErrorStream(true).start());
        }
        for (Process p : processes) {
            String output = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
        }
        JsonNode metadata = Json.mapper().readTree(project.resolve(".specweave/increments/0018-oauth/metadata.json").toFile());
        Set<String> environments = new LinkedHashSet<>();
        metadata.path("deployments").fieldNames().forEachRemaining(environments::add);
        assertThat(environments).containsExactlyInAnyOrder("env0", "env1", "env2", "env3", "env4", "env5", "env6", "env7");
        for (int i = 0; i < 8; i++) {
            assertThat(metadata.path("deployments").path("env" + i).path("commit").asText()).isEqualTo("c0ffee" + i);
        }
        assertThat(metadata.path("unknownKey").path("kept")).hasSize(2);
    }

    @Test
    void killingSyncAtRandomMomentsNeverCorruptsOrLosesEarlierRecords() throws Exception {
        int rounds = 24;
        Path project = projectWith(rounds);
        Path metadataFile = project.resolve(".specweave/increments/0018-oauth/metadata.json");
        long start = System.nanoTime();
        CliHarness.Run warm = CliHarness.runProcess(project, "sync", "0018", "--profile", "p0", "--deployed", "--commit", "abcdef0");
        assertThat(warm.exitCode()).as(warm.err()).isZero();
        long typicalMillis = Math.max(200, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        Random random = new Random(20261127);
        Set<String> completed = new LinkedHashSet<>(List.of("env0"));
        int killedWhileRunning = 0;
        for (int round = 1; round < rounds; round++) {
            Process p = CliHarness.process(project, "sync", "0018", "--profile", "p" + round, "--deployed",
                    "--commit", "beef000" + round).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            long delay = (long) (random.nextDouble() * typicalMillis * 1.2);
            if (!p.waitFor(delay, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                killedWhileRunning++;
            }
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            if (p.exitValue() == 0) {
                completed.add("env" + round);
            }
            JsonNode metadata = Json.mapper().readTree(Files.readString(metadataFile));
            for (String env : completed) {
                assertThat(metadata.path("deployments").has(env)).as("round " + round + " lost " + env).isTrue();
            }
            assertThat(metadata.path("unknownKey").path("kept")).hasSize(2);
        }
        assertThat(killedWhileRunning).as("kills that hit a running process").isGreaterThanOrEqualTo(10);
    }

    @Test
    void outputIsUtf8EvenWithoutALocale() throws Exception {
        Path demo = CliHarness.copyDemo(dir.resolve("demo"));
        ProcessBuilder builder = CliHarness.process(demo, "status", "1", "--dir", demo.toString());
        // a CI container often has no locale at all: the JVM would print '?' for every non-ASCII character
        builder.environment().keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_"));
        builder.environment().put("LC_ALL", "C");
        Process p = builder.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        assertThat(out).contains("0001-user-login — User login", "✅ DEV").doesNotContain("?");
    }
}
