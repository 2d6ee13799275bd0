package io.specweave.deploy.increment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.testing.TestProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataStoreTest {

    @TempDir
    Path dir;

    private MetadataStore store(TestProject project, String id) {
        return new MetadataStore(dir.resolve(".specweave"), new IncrementRepository(dir.resolve(".specweave")).resolve(id));
    }

    @Test
    void anEmptyFileIsRefusedNotReplacedAndOneBeingWrittenIsWaitedFor() throws Exception {
        TestProject project = TestProject.in(dir).localProfiles("qa").increment("0001-a", "A", "");
        Path file = dir.resolve(".specweave/increments/0001-a/metadata.json");
        Files.writeString(file, "  \n");

        assertThatThrownBy(() -> store(project, "1").update(doc -> doc.deploymentForUpdate("qa").put("commit", "c")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("metadata.json: the file is empty");
        assertThat(Files.readString(file)).isEqualTo("  \n");

        // SpecWeave writing the file in place: empty for a moment, then whole.
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(20);
                Files.writeString(file, "{\"id\": \"0001-a\", \"status\": \"active\"}\n");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Files.writeString(file, "");
        writer.start();
        store(project, "1").update(doc -> doc.deploymentForUpdate("qa").put("commit", "c"));
        writer.join();

        assertThat(Files.readString(file)).contains("\"status\": \"active\"").contains("\"commit\": \"c\"");
    }

    @Test
    void aWriteOfSpecweavesBetweenThisReadAndThisWriteIsKeptAndTheChangeAppliedAgain() throws Exception {
        TestProject project = TestProject.in(dir).localProfiles("qa").increment("0001-a", "A", "{\"status\": \"active\"}");
        Path file = dir.resolve(".specweave/increments/0001-a/metadata.json");
        List<String> statusesSeen = new ArrayList<>();

        store(project, "1").update(doc -> {
            statusesSeen.add(doc.status());
            if (statusesSeen.size() == 1) {
                // SpecWeave, which takes no lock, completes the increment while this change is being made.
                write(file, "{\"status\": \"completed\", \"lastActivity\": \"2026-12-07T01:00:00.000Z\"}");
            }
            return doc.deploymentForUpdate("qa").put("commit", "def");
        });

        assertThat(statusesSeen).containsExactly("active", "completed");
        var root = io.specweave.deploy.Json.mapper().readTree(Files.readString(file));
        assertThat(root.path("status").asText()).isEqualTo("completed");
        assertThat(root.path("lastActivity").asText()).isEqualTo("2026-12-07T01:00:00.000Z");
        assertThat(root.path("deployments").path("qa").path("commit").asText()).isEqualTo("def");
    }

    @Test
    void aFileChangedEveryTimeThisChangeIsAboutToBeWrittenIsNotWrittenOver() throws Exception {
        TestProject project = TestProject.in(dir).localProfiles("qa").increment("0001-a", "A", "{\"status\": \"active\"}");
        Path file = dir.resolve(".specweave/increments/0001-a/metadata.json");
        int[] writes = {0};

        assertThatThrownBy(() -> store(project, "1").update(doc -> {
            write(file, "{\"status\": \"active\", \"n\": " + ++writes[0] + "}");
            return doc.deploymentForUpdate("qa").put("commit", "def");
        })).isInstanceOf(io.specweave.deploy.OperationFailedException.class)
                .hasMessageEndingWith("metadata.json: another program (SpecWeave?) changed the file each of the 3 times "
                        + "this change was about to be written; nothing was written: run again");
        assertThat(Files.readString(file)).isEqualTo("{\"status\": \"active\", \"n\": 3}");
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theLockFilesStayOutOfGit() throws Exception {
        TestProject project = TestProject.in(dir).localProfiles("qa").increment("0001-a", "A", "{\"id\": \"0001-a\"}");
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "project");

        store(project, "1").update(doc -> doc.deploymentForUpdate("qa").put("commit", "def"));

        assertThat(dir.resolve(".specweave/state/deploy-locks/0001-a.lock")).exists();
        assertThat(git("status", "--porcelain", "--untracked-files=all"))
                .isEqualTo(" M .specweave/increments/0001-a/metadata.json\n");
    }

    @Test
    void aRewriteKeepsTheFilesPermissions() throws IOException {
        assumePosix();
        TestProject project = TestProject.in(dir).localProfiles("qa").increment("0001-a", "A", "{\"id\": \"0001-a\"}");
        Path file = dir.resolve(".specweave/increments/0001-a/metadata.json");
        for (String mode : List.of("rw-------", "rwxr-xr-x", "rw-rw-r--")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));

            store(project, "1").update(doc -> doc.deploymentForUpdate("qa").put("commit", mode));

            assertThat(Files.readString(file)).contains(mode);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo(mode);
        }
    }

    @Test
    void aLinkedFileIsWrittenWhereTheLinkLeadsAndTheLinkStays() throws Exception {
        TestProject project = TestProject.in(dir).localProfiles("qa").increment("0001-a", "A", null);
        project.file("shared/0001-a.json", "{\"id\": \"0001-a\", \"status\": \"active\"}");
        Path link = dir.resolve(".specweave/increments/0001-a/metadata.json");
        Files.createSymbolicLink(link, Path.of("../../../shared/0001-a.json"));
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "project");

        MetadataStore store = store(project, "1");
        store.update(doc -> doc.deploymentForUpdate("qa").put("commit", "def"));

        assertThat(link).isSymbolicLink();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("../../../shared/0001-a.json"));
        assertThat(project.read("shared/0001-a.json")).contains("\"status\": \"active\"").contains("\"commit\": \"def\"");
        assertThat(git("status", "--porcelain", "--untracked-files=all")).isEqualTo(" M shared/0001-a.json\n");
        assertThat(store.files()).containsExactly(link, dir.resolve("shared/0001-a.json").toRealPath());
    }

    @Test
    void aLinkOutOfTheProjectIsNeitherReadNorWritten(@TempDir Path elsewhere) throws IOException {
        TestProject project = TestProject.in(dir).localProfiles("qa").increment("0001-a", "A", null);
        Path outside = elsewhere.resolve("config.json");
        Files.writeString(outside, "{\"auths\": {}}");
        Path link = dir.resolve(".specweave/increments/0001-a/metadata.json");
        Files.createSymbolicLink(link, outside);

        assertThatThrownBy(() -> store(project, "1").update(doc -> doc.deploymentForUpdate("qa").put("commit", "c")))
                .isInstanceOf(BadInputException.class)
                .hasMessageEndingWith(".specweave/increments/0001-a/metadata.json: a symbolic link to " + outside.toRealPath()
                        + ", outside the project: it is neither read nor written through; point it at a file inside "
                        + "the project, or replace it by the file");
        assertThatThrownBy(() -> store(project, "1").read()).isInstanceOf(BadInputException.class);
        assertThat(Files.readString(outside)).isEqualTo("{\"auths\": {}}");
        assertThat(link).isSymbolicLink();
    }

    @Test
    void tempFilesAKilledRunLeftAreRemovedByTheNextWrite() throws Exception {
        TestProject project = TestProject.in(dir).localProfiles("qa").increment("0001-a", "A", "{\"id\": \"0001-a\"}");
        Path folder = dir.resolve(".specweave/increments/0001-a");
        // A SIGKILLed run's (its pid gone), and one whose pid is a live process's now, as in a container.
        List<Path> left = List.of(folder.resolve(".metadata.json.2147483646-3f2a9c.tmp"),
                folder.resolve(".metadata.json.1-9e8d7c6b5a.tmp"));
        for (Path temp : left) {
            Files.createFile(temp);
        }
        List<Path> others = List.of(folder.resolve(".spec.md.12-ab.tmp"), folder.resolve("notes.tmp"),
                folder.resolve(".metadata.json.bak"));
        for (Path other : others) {
            Files.createFile(other);
        }

        store(project, "1").update(doc -> doc.deploymentForUpdate("qa").put("commit", "c"));

        left.forEach(temp -> assertThat(temp).doesNotExist());
        others.forEach(other -> assertThat(other).exists());
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".metadata.json.")))
                    .containsExactly(".metadata.json.bak");
        }
    }

    private static void assumePosix() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.FileSystems.getDefault().supportedFileAttributeViews()
                .contains("posix"), "skipped: the file system has no POSIX permissions");
    }

    private String git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void keysThisToolDoesNotOwnKeepValueAndOrder() {
        String original = """
                {
                  "id": "0001-a",
                  "status": "active",
                  "zeta": [1, 2, {"nested": true}],
                  "deployments": {
                    "qa": {"customField": "kept", "commit": "abc"}
                  },
                  "alpha": "last"
                }""";
        TestProject project = TestProject.in(dir).localProfiles("qa").increment("0001-a", "A", original);
        store(project, "1").update(doc -> doc.deploymentForUpdate("qa").put("commit", "def"));
        String after = project.read(".specweave/increments/0001-a/metadata.json");
        assertThat(after).isEqualTo("""
                {
                  "id": "0001-a",
                  "status": "active",
                  "zeta": [
                    1,
                    2,
                    {
                      "nested": true
                    }
                  ],
                  "deployments": {
                    "qa": {
                      "customField": "kept",
                      "commit": "def"
                    }
                  },
                  "alpha": "last"
                }""");
    }

    @Test
    void aFileWithCrLfLineEndsIsWrittenBackWithThem() throws IOException {
        TestProject project = TestProject.in(dir).localProfiles("qa").increment("0001-a", "A", null);
        Path file = dir.resolve(".specweave/increments/0001-a/metadata.json");
        Files.writeString(file, "{\r\n  \"id\": \"0001-a\",\r\n  \"notes\": \"two\\r\\nlines\"\r\n}\r\n");

        store(project, "1").update(doc -> doc.deploymentForUpdate("qa").put("commit", "def"));

        assertThat(Files.readString(file)).isEqualTo("{\r\n  \"id\": \"0001-a\",\r\n  \"notes\": \"two\\r\\nlines\",\r\n"
                + "  \"deployments\": {\r\n    \"qa\": {\r\n      \"commit\": \"def\"\r\n    }\r\n  }\r\n}\r\n");
    }

    @Test
    void createsMetadataWithSpecweavesSchemaDefaultsWhenTheIncrementHasNone() throws IOException {
        TestProject project = TestProject.in(dir).localProfiles("qa").increment("0002-b", "B", null);
        store(project, "2").update(doc -> doc.deploymentForUpdate("qa").put("status", "deployed"));
        String text = project.read(".specweave/increments/0002-b/metadata.json");
        assertThat(text).startsWith("{\n  \"id\": \"0002-b\",\n  \"status\": \"planning\",").endsWith("}\n");
        var root = io.specweave.deploy.Json.mapper().readTree(text);
        assertThat(root.path("type").asText()).isEqualTo("feature");
        assertThat(root.path("priority").asText()).isEqualTo("medium");
        assertThat(root.path("testMode").asText()).isEqualTo("test-after");
        assertThat(root.path("coverageTarget").asInt()).isEqualTo(80);
        assertThat(root.path("externalLinks").isObject()).isTrue();
        assertThat(root.path("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z")
                .isEqualTo(root.path("lastActivity").asText());
        assertThat(root.path("deployments").path("qa").path("status").asText()).isEqualTo("deployed");
    }

    @Test
    void unchangedDocumentIsNotRewritten() throws IOException {
        TestProject project = TestProject.in(dir).localProfiles("qa").increment("0003-c", "C", "{\"id\":\"0003-c\"}");
        Path file = dir.resolve(".specweave/increments/0003-c/metadata.json");
        store(project, "3").update(doc -> doc.status());
        assertThat(Files.readString(file)).isEqualTo("{\"id\":\"0003-c\"}");
    }

    @Test
    void invalidJsonIsBadInputNamingTheFileAndNothingIsWritten() {
        TestProject project = TestProject.in(dir).localProfiles("qa").increment("0004-d", "D", "{\"id\": \"x\",");
        assertThatThrownBy(() -> store(project, "4").update(doc -> doc.deploymentForUpdate("qa")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("0004-d/metadata.json: not valid JSON");
        assertThat(project.read(".specweave/increments/0004-d/metadata.json")).isEqualTo("{\"id\": \"x\",");
    }

    @Test
    void deploymentsThatIsNotAnObjectIsBadInput() {
        TestProject project = TestProject.in(dir).localProfiles("qa").increment("0005-e", "E",
                "{\"deployments\": [1]}");
        assertThatThrownBy(() -> store(project, "5").update(doc -> doc.deploymentForUpdate("qa")))
                .hasMessageContaining("deployments: expected an object keyed by environment, got an array");
    }

    @Test
    void concurrentUpdatesFromManyThreadsAreAllKept() throws Exception {
        TestProject project = TestProject.in(dir).localProfiles("qa").increment("0006-f", "F", "{}");
        MetadataStore store = store(project, "6");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            futures.add(pool.submit(() -> store.update(doc -> doc.deploymentForUpdate("env" + n).put("n", n))));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(store.read().deployments()).hasSize(40);
        try (Stream<Path> files = Files.list(dir.resolve(".specweave/increments/0006-f"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("metadata.json", "spec.md");
        }
    }

    @Test
    void failedChangeWritesNothing() {
        TestProject project = TestProject.in(dir).localProfiles("qa").increment("0007-g", "G", "{\"id\": 1}");
        assertThatThrownBy(() -> store(project, "7").update(doc -> {
            doc.deploymentForUpdate("qa").put("x", 1);
            throw new BadInputException("refused");
        })).hasMessage("refused");
        assertThat(project.read(".specweave/increments/0007-g/metadata.json")).isEqualTo("{\"id\": 1}");
    }
}
