package io.specweave.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.config.ConfigLoader;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.increment.IncrementRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * This tool beside SpecWeave itself: SpecWeave's own code (the npm package pinned in
 * {@code src/test/specweave/package-lock.json}, installed by {@code .ci/run} into
 * {@code target/specweave}) judges the configs this project ships and documents, and the
 * {@code metadata.json} files this tool writes. Skipped, saying why, where node or the package is absent.
 */
class SpecweaveInteropTest {

    private static final Path PACKAGE_FILES = Path.of("src/test/specweave");
    private static final Path INSTALLED = Path.of("target/specweave/node_modules/specweave");
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    /** Checked per test, so that each one is reported skipped with the reason. */
    @BeforeEach
    void specweaveIsInstalled() throws IOException {
        String pinned = Json.mapper().readTree(PACKAGE_FILES.resolve("package.json").toFile())
                .path("dependencies").path("specweave").asText();
        Assumptions.assumeTrue(NODE != null,
                "skipped: node is not on the PATH; these tests run SpecWeave's own code (npm specweave " + pinned + ")");
        Path packageJson = INSTALLED.resolve("package.json");
        Assumptions.assumeTrue(Files.isRegularFile(packageJson), "skipped: specweave " + pinned + " is not installed in "
                + "cli/target/specweave; .ci/run installs it (npm ci there, from cli/src/test/specweave)");
        String installed = Json.mapper().readTree(packageJson.toFile()).path("version").asText();
        Assumptions.assumeTrue(installed.equals(pinned), "skipped: cli/target/specweave holds specweave " + installed
                + ", not the pinned " + pinned + "; .ci/run reinstalls it when the target folder is removed");
    }

    @Test
    void everyProfileOfTheDemoAndOfEveryConfigTheDocsShowPassesSpecweavesValidateProfile() throws IOException {
        List<Path> configs = new ArrayList<>();
        configs.add(CliHarness.locateDemo().resolve(".specweave/config.json"));
        configs.addAll(documentedConfigs().values());

        JsonNode results = specweave("profiles", configs.stream().map(Path::toString).toArray(String[]::new));

        assertThat(results).hasSizeGreaterThanOrEqualTo(8);
        assertThat(results).allSatisfy(r -> assertThat(r.path("valid").asBoolean())
                .as(r.path("file").asText() + " sync.profiles." + r.path("profile").asText() + ": " + r.path("errors"))
                .isTrue());
        Set<String> checked = new java.util.HashSet<>();
        results.forEach(r -> checked.add(Path.of(r.path("file").asText()).getFileName().toString()));
        assertThat(checked).as("every config with profiles was checked").hasSize(configs.size());
        // the shape this tool wrote before is what SpecWeave refuses: the check above is a real one
        Path earlier = write("earlier.json", """
                {"sync": {"profiles": {"local-dev": {"provider": "local", "environment": "dev"}}}}
                """);
        assertThat(specweave("profiles", earlier.toString()).get(0).path("errors").toString())
                .contains("Invalid provider: local", "Display name is required");
    }

    @Test
    void specweaveReadsAndValidatesTheDemoConfigAndKeepsThisToolsKey() throws IOException {
        Path project = CliHarness.copyDemo(dir.resolve("demo"));
        JsonNode ours = Json.mapper().readTree(project.resolve(".specweave/config.json").toFile()).path("deployment");

        JsonNode result = specweave("config", project.toString());

        assertThat(result.path("valid").asBoolean()).as(result.path("errors").toString()).isTrue();
        assertThat(result.path("deployment")).isEqualTo(ours);
        assertThat(ConfigLoader.load(project).resolveProfile(null, "qa").name()).isEqualTo("local-qa");
    }

    @Test
    void whatSpecweaveCannotReadInConfigJsonThisToolReadsWithAWarningAndWhatItReadsWithout() throws IOException {
        Path demo = CliHarness.copyDemo(dir.resolve("demo"));
        String config = Files.readString(demo.resolve(".specweave/config.json"));
        Map<String, String> refused = Map.of(
                "object", config.replace("\"sync_living_docs\": true", "\"sync_living_docs\": true,"),
                "array", config.replace("\"uat\", \"prod\"]", "\"uat\", \"prod\",]"),
                "bom", "\uFEFF" + config);
        for (Map.Entry<String, String> file : refused.entrySet()) {
            assertThat(file.getValue()).as(file.getKey()).isNotEqualTo(config);
            Path project = CliHarness.copyDemo(dir.resolve(file.getKey()));
            Files.writeString(project.resolve(".specweave/config.json"), file.getValue());

            JsonNode result = specweave("config", project.toString());

            assertThat(result.path("read").asBoolean()).as(file.getKey()).isFalse();
            assertThat(result.path("error").asText()).as(file.getKey()).startsWith("Invalid JSON in config.json");
            assertThat(ConfigLoader.load(project).warnings()).as(file.getKey()).singleElement().asString()
                    .contains("SpecWeave reads this file with JSON.parse, which refuses it");
        }
        // A key given twice SpecWeave reads as this tool does, the last value winning: no warning.
        Files.writeString(demo.resolve(".specweave/config.json"), config.replaceFirst("\\{", "{\"version\": \"0.9\","));

        JsonNode twice = specweave("config", demo.toString());

        assertThat(twice.path("read").asBoolean()).isTrue();
        assertThat(ConfigLoader.load(demo).warnings()).isEmpty();
        assertThat(ConfigLoader.load(demo).root().path("version").asText()).isEqualTo("1.0");
    }

    @Test
    void specweavesMetadataManagerReadsAndRewritesWhatThisToolWroteWithoutLosingDeployments() throws IOException {
        Path project = CliHarness.copyDemo(dir.resolve("demo"));
        Path fresh = project.resolve(".specweave/increments/0004-wishlist");
        Files.createDirectories(fresh);
        Files.writeString(fresh.resolve("spec.md"), "# Wishlist\n\nShoppers keep products for later.\n");
        for (String[] step : List.of(new String[] {"0002", "dev"}, new String[] {"0002", "qa"},
                new String[] {"0003", "dev"}, new String[] {"0004", "dev"})) {
            CliHarness.Run run = CliHarness.inProcess(Map.of(), "sync", step[0], "--environment", step[1], "--deployed",
                    "--commit", "9b1d5f0c2e4a", "--deployed-by", "ci-bot", "--no-health-check", "--dir", project.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
        List<String> ids = List.of("0001-user-login", "0002-password-reset", "0003-oauth-google", "0004-wishlist");

        JsonNode results = specweave("metadata", Stream.concat(Stream.of(project.toString()), ids.stream())
                .toArray(String[]::new));

        assertThat(results).hasSize(4);
        for (JsonNode r : results) {
            assertThat(r.path("before").isObject()).as(r.path("id").asText()).isTrue();
            assertThat(r.path("after")).as(r.path("id").asText() + " deployments after SpecWeave's rewrite")
                    .isEqualTo(r.path("before"));
        }
        JsonNode created = results.get(3);
        assertThat(created.path("corrected").asBoolean()).as("SpecWeave had to fill in the metadata.json we created")
                .isFalse();
        assertThat(created.path("warnings")).isEmpty();
        assertThat(created.path("status").asText()).isEqualTo("planning");
        assertThat(created.path("after").path("dev").path("commit").asText()).isEqualTo("9b1d5f0c2e4a");
        // and this tool reads back what SpecWeave rewrote
        CliHarness.Run status = CliHarness.inProcess(Map.of(), "status", "0002", "--json", "--dir", project.toString());
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(Json.mapper().readTree(status.out()).toString()).contains("\"qa\"", "9b1d5f0c2e4a");
    }

    @Test
    void theActiveIncrementIsTheOneSpecweavesMetadataManagerFinds() throws IOException {
        Path project = CliHarness.copyDemo(dir.resolve("demo"));
        Path state = project.resolve(".specweave/state/active-increment.json");
        // the state file's pointer, a stale pointer (0001 is completed), and none
        for (String written : List.of("{\"ids\": [\"0002-password-reset\"]}", "{\"ids\": [\"0001-user-login\"]}",
                "{\"id\": \"0003-oauth-google\"}", "{\"ids\": []}")) {
            Files.writeString(state, written);
            String ours = new IncrementRepository(project.resolve(".specweave")).active().id();

            JsonNode theirs = specweave("active", project.toString());

            assertThat(theirs).as(written).hasSize(1);
            assertThat(ours).as(written).isEqualTo(theirs.get(0).asText());
        }
        // an archived increment left active, with and without a pointer to it
        Path archived = project.resolve(".specweave/increments/_archive/0001-user-login");
        Files.createDirectories(archived.getParent());
        Files.move(project.resolve(".specweave/increments/0001-user-login"), archived);
        Path metadata = archived.resolve("metadata.json");
        Files.writeString(metadata, Files.readString(metadata).replace("\"completed\"", "\"active\""));
        for (String written : List.of("{\"ids\": [\"0001-user-login\"]}", "{\"ids\": []}")) {
            Files.writeString(state, written);
            String ours = new IncrementRepository(project.resolve(".specweave")).active().id();
            assertThat(List.of(ours)).as("archived, " + written).isEqualTo(List.of(specweave("active", project.toString())
                    .get(0).asText()));
        }
    }

    /** What SpecWeave numbers as an increment is what this tool lists, a name beyond ASCII too; other folders are neither. */
    @Test
    void theIncrementFoldersAreTheOnesSpecweavesIncrementNumberManagerCounts() throws IOException {
        Path project = CliHarness.copyDemo(dir.resolve("demo"));
        Path increments = project.resolve(".specweave/increments");
        for (String folder : List.of("0004-café", "0006-My Feature", "0111E-imported", "notes", "_archive/old-docs",
                "_archive/0009-done", "_paused/readme")) {
            Files.createDirectories(increments.resolve(folder));
        }
        List<Integer> ours = new IncrementRepository(project.resolve(".specweave")).list().stream()
                .map(increment -> increment.number()).sorted().toList();

        JsonNode theirs = specweave("numbers", project.toString());

        assertThat(ours).isEqualTo(Json.mapper().convertValue(theirs,
                new com.fasterxml.jackson.core.type.TypeReference<List<Integer>>() { }));
        assertThat(ours).containsExactly(1, 2, 3, 4, 6, 9, 111);
    }

    /** SpecWeave rewrites spec.md's front matter on a status change: a long title becomes a folded block. */
    @Test
    void theTitleReadsTheSameAfterSpecweaveRewritesTheFrontMatter() throws IOException {
        Path project = CliHarness.copyDemo(dir.resolve("demo"));
        Path increment = project.resolve(".specweave/increments/0004-long-title");
        Files.createDirectories(increment);
        String title = "Let customers sign in with their Google Workspace account, including the admin's consent flow";
        Files.writeString(increment.resolve("spec.md"), "---\nincrement: 0004-long-title\ntitle: \"" + title
                + "\"\nstatus: active\n---\n\n# Long\n\nText.\n");
        Files.writeString(increment.resolve("metadata.json"), "{\"id\": \"0004-long-title\", \"status\": \"active\"}\n");

        assertThat(specweave("status", project.toString(), "0004-long-title", "paused").asText()).isEqualTo("paused");

        assertThat(Files.readString(increment.resolve("spec.md"))).as("SpecWeave folded it").contains("title: >-");
        assertThat(io.specweave.deploy.increment.SpecDocument.read(increment.resolve("spec.md")).title()).isEqualTo(title);
        assertThat(io.specweave.deploy.increment.SpecDocument.readTitle(increment.resolve("spec.md"))).isEqualTo(title);
    }

    @Test
    void specweavesOwnSyncOfEveryDemoIncrementGoesToAProfileNoEnvironmentUses() throws IOException {
        Path demo = CliHarness.copyDemo(dir.resolve("demo"));
        List<String> increments;
        try (Stream<Path> folders = Files.list(demo.resolve(".specweave/increments"))) {
            increments = folders.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("_")).sorted().toList();
        }
        assertThat(increments).hasSizeGreaterThanOrEqualTo(3);

        JsonNode results = specweave("resolve", Stream.concat(Stream.of(demo.toString()), increments.stream())
                .toArray(String[]::new));

        Set<String> deploymentProfiles = deploymentProfiles(demo);
        assertThat(deploymentProfiles).contains("local-dev", "local-prod");
        assertThat(results).hasSize(increments.size()).allSatisfy(r -> assertThat(r.path("profileId").asText(null))
                .as(r.path("id").asText() + " " + r.path("path")).isNotNull().isNotIn(deploymentProfiles));
    }

    @Test
    void specweavesOwnSyncOfTheDocumentedFullConfigsGoesToAProfileNoEnvironmentUses() throws IOException {
        Map<String, Path> full = documentedConfigs().entrySet().stream().filter(e -> e.getKey().endsWith(":full"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(full).as("README and docs/config.md each show a whole config").hasSizeGreaterThanOrEqualTo(2);
        for (Map.Entry<String, Path> entry : full.entrySet()) {
            Path project = dir.resolve("doc-" + Integer.toHexString(entry.getKey().hashCode()));
            Files.createDirectories(project.resolve(".specweave/increments/0001-example"));
            Files.copy(entry.getValue(), project.resolve(".specweave/config.json"));
            Files.writeString(project.resolve(".specweave/increments/0001-example/spec.md"), "# Example\n");

            JsonNode result = specweave("resolve", project.toString(), "0001-example").get(0);

            assertThat(result.path("profileId").asText(null)).as(entry.getKey() + " " + result.path("path"))
                    .isNotNull().isNotIn(deploymentProfiles(project));
        }
    }

    /** Names of the profiles that record an environment, as this tool reads the config. */
    private static Set<String> deploymentProfiles(Path project) {
        return ConfigLoader.load(project).profiles().stream().filter(p -> p.environment() != null)
                .map(SyncProfile::name).collect(Collectors.toSet());
    }

    /**
     * Every JSON block of README.md and docs/*.md that names a provider, as a config file: a whole
     * object as it is ({@code <doc>#<n>:full}), a fragment ({@code "sync": {...}, "deployment": {...}})
     * wrapped in braces ({@code <doc>#<n>:fragment}). A block that is neither fails: it could not be checked.
     */
    private Map<String, Path> documentedConfigs() throws IOException {
        Path root = CliHarness.locateDemo().getParent().getParent();
        List<Path> docs = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> files = Files.list(root.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        Map<String, Path> configs = new java.util.LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        for (Path doc : docs) {
            Matcher m = JSON_BLOCK.matcher(Files.readString(doc, StandardCharsets.UTF_8));
            for (int n = 1; m.find(); n++) {
                String block = m.group(1);
                if (!block.contains("\"provider\"")) {
                    continue;
                }
                String name = root.relativize(doc) + "#" + n;
                ObjectNode config = parse(block);
                String kind = "full";
                if (config == null) {
                    config = parse("{" + block + "}");
                    kind = "fragment";
                }
                if (config == null) {
                    unreadable.add(name);
                    continue;
                }
                if (config.path("sync").path("profiles").isObject()) {
                    configs.put(name + ":" + kind, write(name.replaceAll("[^A-Za-z0-9]", "_") + ".json",
                            Json.pretty(config)));
                }
            }
        }
        assertThat(unreadable).as("JSON blocks naming a provider that are not JSON").isEmpty();
        return configs;
    }

    private static ObjectNode parse(String text) {
        try {
            JsonNode node = Json.mapper().readTree(text);
            return node instanceof ObjectNode object ? object : null;
        } catch (IOException e) {
            return null;
        }
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve("configs").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    /** Runs one check of specweave-check.mjs and returns its result. */
    private JsonNode specweave(String check, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("node", PACKAGE_FILES.resolve("specweave-check.mjs").toAbsolutePath().toString(),
                INSTALLED.toAbsolutePath().toString(), check));
        command.addAll(List.of(args));
        Path err = dir.resolve("node-" + check + ".err");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(process.exitValue()).as(out + Files.readString(err)).isZero();
        String line = out.lines().filter(l -> l.startsWith("RESULT ")).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError("no RESULT line from specweave-check.mjs " + check + ": " + out));
        return Json.mapper().readTree(line.substring("RESULT ".length()));
    }

    private static final String NODE = nodeVersion();

    private static String nodeVersion() {
        try {
            Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0 ? version : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
