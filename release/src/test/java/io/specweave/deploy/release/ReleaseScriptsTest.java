package io.specweave.deploy.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release workflow's scripts, each run on a temporary clone of this repository's release files. */
class ReleaseScriptsTest {

    private static final String IMAGE = "registry.test/myorg/specweave-deploy";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path temp;

    private ReleaseRepository repo;
    private String developmentVersion;

    @BeforeEach
    void cloneTheReleaseFiles() {
        repo = ReleaseRepository.create(temp);
        developmentVersion = projectVersion(repo.read("pom.xml"));
    }

    @Test
    void setVersionChangesTheProjectVersionInEveryPomAndNothingElse() {
        String coreBefore = repo.read("core/pom.xml");
        String rootBefore = repo.read("pom.xml");

        repo.ok("set-version.sh", "1.4.0");

        for (String pom : List.of("pom.xml", "core/pom.xml", "cli/pom.xml", "action/pom.xml",
                "jenkins-plugin-check/pom.xml", "jenkins-plugin/pom.xml", "release/pom.xml")) {
            assertThat(repo.read(pom)).as(pom).contains("<version>1.4.0</version>")
                    .doesNotContain(developmentVersion);
        }
        assertThat(projectVersion(repo.read("pom.xml"))).isEqualTo("1.4.0");
        assertThat(repo.read("core/pom.xml")).isEqualTo(coreBefore.replace(developmentVersion, "1.4.0"));
        // The dependencies' versions are properties of the root pom: untouched.
        assertThat(properties(repo.read("pom.xml"))).isEqualTo(properties(rootBefore));
    }

    @Test
    void setVersionRefusesWhatIsNotAReleaseVersionAndChangesNoPom() {
        String before = repo.read("pom.xml");

        Shell.Run run = repo.script("set-version.sh", "1.4");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("version \"1.4\"", "expected a release version X.Y.Z");
        assertThat(repo.read("pom.xml")).isEqualTo(before);
        assertThat(repo.git("status", "--porcelain")).isEmpty();
    }

    @Test
    void pinActionRunsThePublishedImageAndSetupInstallsThatRelease() throws IOException {
        String actionBefore = repo.read("action.yml");
        assertThat(yaml(repo.read("action.yml")).path("runs").path("image").asText()).isEqualTo("Dockerfile");

        repo.ok("pin-action.sh", "1.4.0", IMAGE);

        JsonNode action = yaml(repo.read("action.yml"));
        assertThat(action.path("runs").path("image").asText()).isEqualTo("docker://" + IMAGE + ":1.4.0");
        assertThat(action.path("runs").path("using").asText()).isEqualTo("docker");
        // One line changed: every input, output and description stays as it was.
        List<String> before = actionBefore.lines().toList();
        List<String> after = repo.read("action.yml").lines().toList();
        assertThat(after).hasSameSizeAs(before);
        int changed = 0;
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                changed++;
                assertThat(after.get(i)).isEqualTo("  image: docker://" + IMAGE + ":1.4.0");
            }
        }
        assertThat(changed).isEqualTo(1);
        JsonNode setup = yaml(repo.read("setup/action.yml"));
        assertThat(setup.path("inputs").path("version").path("default").asText()).isEqualTo("1.4.0");
        assertThat(setup.path("inputs").path("repository").path("default").asText()).isEmpty();
    }

    @Test
    void pinActionRefusesAnImageWithATagOrUpperCase() {
        Shell.Run run = repo.script("pin-action.sh", "1.4.0", "registry.test/MyOrg/app:latest");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("image \"registry.test/MyOrg/app:latest\"", "lower case, without a tag");
        assertThat(repo.git("status", "--porcelain")).isEmpty();
    }

    @Test
    void imageNameIsTheRegistryAndRepositoryInLowerCase() {
        assertThat(repo.ok("image.sh", "registry.test", "MyOrg/SpecWeave-Deploy").strip())
                .isEqualTo("registry.test/myorg/specweave-deploy");

        Shell.Run bad = repo.script("image.sh", "registry.test", "no-owner");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("repository \"no-owner\"", "owner/name");
    }

    @Test
    void prepareMakesOneReleaseCommitOnTopOfHeadAndPushesNothing() throws IOException {
        String head = repo.git("rev-parse", "HEAD");

        repo.ok("prepare.sh", "1.4.0", IMAGE);

        assertThat(repo.git("rev-parse", "HEAD^")).isEqualTo(head);
        assertThat(repo.git("log", "-1", "--format=%s")).startsWith("release: 1.4.0 ");
        assertThat(repo.git("status", "--porcelain")).isEmpty();
        assertThat(repo.git("show", "--name-only", "--format=", "HEAD").lines().sorted().toList())
                .contains("action.yml", "setup/action.yml", "pom.xml", "core/pom.xml", "jenkins-plugin/pom.xml");
        assertThat(yaml(repo.read("action.yml")).path("runs").path("image").asText())
                .isEqualTo("docker://" + IMAGE + ":1.4.0");
        assertThat(repo.git("--git-dir", repo.origin.toString(), "rev-parse", "main")).isEqualTo(head);
        assertThat(repo.git("tag", "--list")).isEmpty();
    }

    @Test
    void prepareRefusesAVersionReleasedAlready() {
        repo.git("tag", "v1.4.0");

        Shell.Run run = repo.script("prepare.sh", "1.4.0", IMAGE);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("v1.4.0 is released already");
        assertThat(repo.git("status", "--porcelain")).isEmpty();
    }

    @Test
    void prepareRefusesUncommittedChanges() {
        repo.write("action.yml", repo.read("action.yml") + "# edited\n");

        Shell.Run run = repo.script("prepare.sh", "1.4.0", IMAGE);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("uncommitted changes");
        assertThat(projectVersion(repo.read("pom.xml"))).isEqualTo(developmentVersion);
    }

    @Test
    void tagPushesTheVersionTagAndMoveMajorForcesV1OntoEachNewerRelease() {
        String first = release("1.0.0");
        assertThat(repo.originTag("v1.0.0")).isEqualTo(first);
        assertThat(repo.originTag("v1")).isEqualTo(first);

        repo.git("checkout", "-q", "main");
        repo.commit("Status shows the canary");
        String second = release("1.1.0");

        assertThat(second).isNotEqualTo(first);
        assertThat(repo.originTag("v1.1.0")).isEqualTo(second);
        assertThat(repo.originTag("v1")).isEqualTo(second);
        assertThat(repo.originTag("v1.0.0")).isEqualTo(first);
    }

    @Test
    void aPatchOfAnOlderLineLeavesTheMajorTagOnTheNewestRelease() {
        String older = release("1.0.0");
        repo.git("checkout", "-q", "main");
        repo.commit("Deploy all environments");
        String newest = release("1.1.0");

        repo.git("checkout", "-q", "-B", "release-1.0", "v1.0.0");
        repo.commit("Fix the health check timeout");
        repo.ok("prepare.sh", "1.0.1", IMAGE);
        repo.ok("tag.sh", "1.0.1", "origin");
        String out = repo.ok("move-major.sh", "1.0.1", "origin");

        assertThat(out).contains("v1 stays", "1.1.0 is newer than 1.0.1");
        assertThat(repo.originTag("v1")).isEqualTo(newest);
        assertThat(repo.originTag("v1.0.1")).isNotEqualTo(older).isNotNull();
    }

    @Test
    void aNewMajorGetsItsOwnMajorTag() {
        String one = release("1.0.0");
        repo.git("checkout", "-q", "main");
        repo.commit("Drop the old config spelling");
        String two = release("2.0.0");

        assertThat(repo.originTag("v1")).isEqualTo(one);
        assertThat(repo.originTag("v2")).isEqualTo(two);
    }

    @Test
    void tagRefusesACommitOfAnotherVersion() {
        Shell.Run run = repo.script("tag.sh", "1.4.0", "origin");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("HEAD is version " + developmentVersion + ", not 1.4.0");
        assertThat(repo.git("tag", "--list")).isEmpty();
        assertThat(repo.originTag("v1.4.0")).isNull();
    }

    @Test
    void checksumsAreEachFilesSha256InSha256sumFormat() throws Exception {
        Path dist = Files.createDirectories(temp.resolve("dist"));
        Files.writeString(dist.resolve("specweave-deploy-1.4.0.jar"), "jar bytes");
        Files.writeString(dist.resolve("specweave-sync-1.4.0.hpi"), "hpi bytes");

        String printed = repo.ok("checksums.sh", dist.toString());

        assertThat(Files.readString(dist.resolve("SHA256SUMS"))).isEqualTo(printed).isEqualTo(
                sha256("jar bytes") + "  specweave-deploy-1.4.0.jar\n" + sha256("hpi bytes") + "  specweave-sync-1.4.0.hpi\n");
        // A second run sums the same files, not its own output.
        assertThat(repo.ok("checksums.sh", dist.toString())).isEqualTo(printed);
    }

    @Test
    void assetsNameTheFilesAsTheSetupActionDownloadsThemAndSumThem() throws Exception {
        repo.ok("prepare.sh", "1.4.0", IMAGE);
        FakeCli.jar(repo.dir.resolve("cli/target/specweave-deploy.jar"), "1.4.0");
        Files.createDirectories(repo.dir.resolve("jenkins-plugin/target"));
        Files.writeString(repo.dir.resolve("jenkins-plugin/target/specweave-sync.hpi"), "hpi bytes");
        Path dist = temp.resolve("dist");

        repo.shell.env("JAVA", FakeCli.java());
        repo.ok("assets.sh", "1.4.0", dist.toString());

        try (var files = Files.list(dist)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                    "SHA256SUMS", "specweave-deploy-1.4.0-completion.bash", "specweave-deploy-1.4.0.jar",
                    "specweave-sync-1.4.0.hpi");
        }
        assertThat(Files.readString(dist.resolve("specweave-deploy-1.4.0-completion.bash")))
                .contains("specweave-deploy");
        assertThat(Files.readString(dist.resolve("SHA256SUMS")))
                .contains(sha256(Files.readAllBytes(dist.resolve("specweave-deploy-1.4.0.jar")))
                        + "  specweave-deploy-1.4.0.jar");
    }

    @Test
    void assetsRefuseAJarOfAnotherVersion() throws Exception {
        FakeCli.jar(repo.dir.resolve("cli/target/specweave-deploy.jar"), developmentVersion);
        Files.createDirectories(repo.dir.resolve("jenkins-plugin/target"));
        Files.writeString(repo.dir.resolve("jenkins-plugin/target/specweave-sync.hpi"), "hpi bytes");
        Path dist = temp.resolve("dist");

        repo.shell.env("JAVA", FakeCli.java());
        Shell.Run run = repo.script("assets.sh", "1.4.0", dist.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("not 1.4.0", "build it from the release commit");
        assertThat(dist).doesNotExist();
    }

    @Test
    void notesListTheChangesSinceThePreviousReleaseTheWaysToUseItAndTheSums() throws Exception {
        repo.commit("Records the first deployment");
        release("1.0.0");
        repo.ok("next-development.sh", "1.0.0", "origin", "main");
        repo.commit("Status shows the canary");
        repo.commit("Jira Data Center tokens");
        repo.ok("prepare.sh", "1.1.0", IMAGE);
        Path sums = temp.resolve("SHA256SUMS");
        Files.writeString(sums, sha256("jar") + "  specweave-deploy-1.1.0.jar\n");

        String notes = repo.ok("notes.sh", "1.1.0", IMAGE, "MyOrg/specweave-deploy", sums.toString());

        assertThat(notes).startsWith("## SpecWeave Deploy 1.1.0\n")
                .contains("`uses: MyOrg/specweave-deploy@v1.1.0`", "`@v1`", "`docker://" + IMAGE + ":1.1.0`",
                        "`uses: MyOrg/specweave-deploy/setup@v1.1.0`", "specweave-sync-1.1.0.hpi",
                        "### Changes since 1.0.0", "- Status shows the canary (", "- Jira Data Center tokens (",
                        sha256("jar") + "  specweave-deploy-1.1.0.jar")
                .doesNotContain("Records the first deployment", "release: ");
    }

    @Test
    void publishCreatesTheReleaseWithEveryFileAfterCheckingTheSums() throws Exception {
        release("1.0.0");
        Path dist = dist("1.0.0");
        Path notes = Files.writeString(temp.resolve("notes.md"), "notes");
        Path calls = temp.resolve("gh-calls");

        repo.shell.env("GH", fakeGh(calls) + " --repo MyOrg/specweave-deploy");
        repo.ok("publish.sh", "1.0.0", dist.toString(), notes.toString());

        assertThat(Files.readAllLines(calls)).containsExactly("--repo", "MyOrg/specweave-deploy", "release", "create",
                "v1.0.0", "--verify-tag", "--title", "SpecWeave Deploy 1.0.0", "--notes-file", notes.toString(),
                "--latest=true", dist.resolve("SHA256SUMS").toString(),
                dist.resolve("specweave-deploy-1.0.0.jar").toString(),
                dist.resolve("specweave-sync-1.0.0.hpi").toString());
    }

    @Test
    void publishRefusesFilesThatDoNotMatchTheirSums() throws Exception {
        release("1.0.0");
        Path dist = dist("1.0.0");
        Files.writeString(dist.resolve("specweave-deploy-1.0.0.jar"), "changed after summing");
        Path calls = temp.resolve("gh-calls");

        repo.shell.env("GH", fakeGh(calls).toString());
        Shell.Run run = repo.script("publish.sh", "1.0.0", dist.toString(),
                Files.writeString(temp.resolve("notes.md"), "notes").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("do not match SHA256SUMS");
        assertThat(calls).doesNotExist();
    }

    @Test
    void publishDoesNotMarkAPatchOfAnOlderLineLatest() throws Exception {
        release("1.0.0");
        repo.git("checkout", "-q", "main");
        release("1.1.0");
        repo.git("checkout", "-q", "-B", "release-1.0", "v1.0.0");
        repo.ok("prepare.sh", "1.0.1", IMAGE);
        repo.ok("tag.sh", "1.0.1", "origin");
        Path calls = temp.resolve("gh-calls");

        repo.shell.env("GH", fakeGh(calls).toString());
        repo.ok("publish.sh", "1.0.1", dist("1.0.1").toString(),
                Files.writeString(temp.resolve("notes.md"), "notes").toString());

        assertThat(Files.readAllLines(calls)).contains("--latest=false").doesNotContain("--latest=true");
    }

    @Test
    void nextDevelopmentMovesMainToTheNextSnapshotAndPushesIt() {
        release("1.4.0");

        String out = repo.ok("next-development.sh", "1.4.0", "origin", "main");

        assertThat(out).contains("main is 1.4.1-SNAPSHOT");
        String originPom = repo.git("--git-dir", repo.origin.toString(), "show", "main:pom.xml");
        assertThat(projectVersion(originPom)).isEqualTo("1.4.1-SNAPSHOT");
        // main keeps building the image from the Dockerfile: only release commits run a published image.
        String originAction = repo.git("--git-dir", repo.origin.toString(), "show", "main:action.yml");
        assertThat(originAction).contains("  image: Dockerfile");
    }

    @Test
    void nextDevelopmentLeavesABranchThatIsBeyondTheRelease() {
        repo.ok("set-version.sh", "2.0.0-SNAPSHOT");
        repo.git("commit", "-q", "-am", "Work towards 2.0");
        repo.git("push", "-q", "origin", "main");
        String main = repo.git("rev-parse", "HEAD");

        String out = repo.ok("next-development.sh", "1.4.0", "origin", "main");

        assertThat(out).contains("beyond 1.4.0");
        assertThat(repo.git("--git-dir", repo.origin.toString(), "rev-parse", "main")).isEqualTo(main);
    }

    /** The workflow's git steps for one version: release commit, version tag, major tag. */
    private String release(String version) {
        repo.ok("prepare.sh", version, IMAGE);
        repo.ok("tag.sh", version, "origin");
        repo.ok("move-major.sh", version, "origin");
        return repo.git("rev-parse", "HEAD");
    }

    private Path dist(String version) throws IOException {
        Path dist = Files.createDirectories(temp.resolve("dist-" + version));
        Files.writeString(dist.resolve("specweave-deploy-" + version + ".jar"), "jar " + version);
        Files.writeString(dist.resolve("specweave-sync-" + version + ".hpi"), "hpi " + version);
        repo.ok("checksums.sh", dist.toString());
        return dist;
    }

    /** A gh that writes its arguments, one a line, to {@code calls}. */
    private Path fakeGh(Path calls) throws IOException {
        Path gh = temp.resolve("fake-gh");
        Files.writeString(gh, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > '" + calls + "'\n");
        Files.setPosixFilePermissions(gh, PosixFilePermissions.fromString("rwxr-xr-x"));
        return gh;
    }

    private static String projectVersion(String rootPom) {
        Matcher m = Pattern.compile("<artifactId>specweave-deploy-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(rootPom);
        assertThat(m.find()).as("the root pom's version").isTrue();
        return m.group(1);
    }

    private static String properties(String pom) {
        return pom.substring(pom.indexOf("<properties>"), pom.indexOf("</properties>"));
    }

    private static JsonNode yaml(String text) throws IOException {
        return YAML.readTree(text);
    }

    private static String sha256(String text) throws Exception {
        return sha256(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
