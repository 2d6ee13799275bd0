package io.specweave.deploy.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * setup/install.sh as the setup action runs it on a runner, against a fake GitHub release on loopback
 * whose files the release scripts made (release/checksums.sh).
 */
class SetupInstallTest {

    private static final String REPOSITORY = "MyOrg/specweave-deploy";
    private static final Path INSTALL = ReleaseRepository.SOURCE.resolve("setup/install.sh");

    @TempDir
    Path temp;

    private FakeReleases releases;
    private Shell runner;
    private Path githubPath;
    private Path githubOutput;
    private Path toolCache;

    @BeforeEach
    void runner() throws IOException {
        releases = new FakeReleases(REPOSITORY);
        githubPath = Files.createFile(temp.resolve("github_path"));
        githubOutput = Files.createFile(temp.resolve("github_output"));
        toolCache = Files.createDirectories(temp.resolve("toolcache"));
        Path home = Files.createDirectories(temp.resolve("home"));
        runner = new Shell(temp, home)
                .env("GITHUB_SERVER_URL", releases.serverUrl())
                .env("GITHUB_PATH", githubPath.toString())
                .env("GITHUB_OUTPUT", githubOutput.toString())
                .env("RUNNER_OS", "Linux")
                .env("RUNNER_TOOL_CACHE", toolCache.toString())
                .env("RUNNER_TEMP", Files.createDirectories(temp.resolve("runner-temp")).toString())
                .env("JAVA_HOME", System.getProperty("java.home"))
                .env("SPECWEAVE_REPOSITORY", REPOSITORY);
    }

    @AfterEach
    void stop() {
        releases.close();
    }

    @Test
    void installsTheReleasesJarAndPutsALauncherOnThePath() throws IOException {
        releases.publish("1.4.0", release("1.4.0"));

        String out = install("1.4.0").out();

        Path bin = toolCache.resolve("specweave-deploy/1.4.0/bin");
        assertThat(out).contains("specweave-deploy 1.4.0 installed");
        assertThat(Files.readAllLines(githubPath)).containsExactly(bin.toString());
        assertThat(Files.readAllLines(githubOutput)).containsExactly("version=1.4.0",
                "path=" + toolCache.resolve("specweave-deploy/1.4.0"));
        // The next run: step finds specweave-deploy on the PATH, and it runs the jar with its arguments.
        Shell.Run run = runner.env("PATH", bin + ":" + System.getenv("PATH"))
                .run("bash", "-c", "specweave-deploy status 0018 --json");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("ran status 0018 --json\n");
        Shell.Run failing = runner.run(bin.resolve("specweave-deploy").toString(), "fail");
        assertThat(failing.exitCode()).as("the CLI's exit code").isEqualTo(3);
        assertThat(bin.resolve("specweave-deploy.cmd")).doesNotExist();
    }

    @Test
    void refusesAJarWhoseSha256DiffersFromTheReleasesSums() throws IOException {
        Path release = release("1.4.0");
        Files.writeString(release.resolve("specweave-deploy-1.4.0.jar"), "tampered after the sums were written");
        releases.publish("1.4.0", release);

        Shell.Run run = install("1.4.0");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("refusing to install specweave-deploy-1.4.0.jar", "SHA256SUMS says");
        assertThat(toolCache.resolve("specweave-deploy/1.4.0")).doesNotExist();
        assertThat(githubPath).isEmptyFile();
        assertThat(githubOutput).isEmptyFile();
    }

    @Test
    void refusesAJarTheSumsDoNotList() throws IOException {
        Path release = release("1.4.0");
        Files.writeString(release.resolve("SHA256SUMS"), "0".repeat(64) + "  specweave-sync-1.4.0.hpi\n");
        releases.publish("1.4.0", release);

        Shell.Run run = install("1.4.0");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("lists no specweave-deploy-1.4.0.jar");
        assertThat(toolCache.resolve("specweave-deploy/1.4.0")).doesNotExist();
    }

    @Test
    void latestIsTheReleaseGithubRedirectsTo() throws IOException {
        releases.publish("1.3.0", release("1.3.0")).publish("1.4.0", release("1.4.0"));

        install("latest");

        assertThat(Files.readAllLines(githubOutput)).contains("version=1.4.0");
        assertThat(toolCache.resolve("specweave-deploy/1.4.0/lib/specweave-deploy.jar")).isRegularFile();
        assertThat(releases.requests).contains("GET /" + REPOSITORY + "/releases/latest",
                "GET /" + REPOSITORY + "/releases/download/v1.4.0/specweave-deploy-1.4.0.jar");
    }

    @Test
    void aVersionThatIsNoReleaseIsBadInput() {
        Shell.Run run = install("1.4");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("input version \"1.4\"", "X.Y.Z", "or latest");
        assertThat(releases.requests).isEmpty();
    }

    @Test
    void aReleaseThatDoesNotExistFailsNamingIt() {
        Shell.Run run = install("9.9.9");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("release v9.9.9 of " + REPOSITORY);
        assertThat(toolCache.resolve("specweave-deploy")).doesNotExist();
    }

    @Test
    void withoutJavaItAsksForSetupJava() throws IOException {
        releases.publish("1.4.0", release("1.4.0"));
        // A PATH with the tools the script uses but no java.
        Path tools = Files.createDirectories(temp.resolve("tools"));
        for (String tool : List.of("bash", "curl", "sed", "head", "awk", "mktemp", "rm", "mkdir", "mv", "cat",
                "chmod", "sha256sum", "dirname", "env")) {
            Path found = which(tool);
            if (found != null) {
                Path wrapper = Files.writeString(tools.resolve(tool), "#!/bin/sh\nexec '" + found + "' \"$@\"\n");
                wrapper.toFile().setExecutable(true);
            }
        }

        Shell.Run run = runner.env("JAVA_HOME", "").env("PATH", tools.toString())
                .run(tools.resolve("bash").toString(), INSTALL.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no Java found", "actions/setup-java", "17 or newer");
        assertThat(releases.requests).isEmpty();
    }

    @Test
    void theLauncherStartsFromAClassDataArchiveWrittenForTheRunnersJavaAndTheInstalledJar() throws IOException {
        releases.publish("1.4.0", release("1.4.0"));

        install("1.4.0");

        Path lib = toolCache.resolve("specweave-deploy/1.4.0/lib");
        assertThat(lib.resolve("specweave-deploy.jsa")).isNotEmptyFile();
        assertThat(Files.readString(lib.resolveSibling("bin/specweave-deploy")))
                .contains("-XX:SharedArchiveFile=$lib/specweave-deploy.jsa -Xshare:auto");
        // -Xshare:on refuses to start unless the archive maps: it is this Java's and names this jar.
        Shell.Run run = runner.env("SPECWEAVE_DEPLOY_JAVA_OPTS", "-Xshare:on")
                .run(lib.resolveSibling("bin/specweave-deploy").toString(), "status", "0018");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("ran status 0018\n");
        assertThat(temp.resolve("runner-temp")).isEmptyDirectory();
    }

    @Test
    void onWindowsItAddsACmdLauncherForCmdAndPowershellSteps() throws IOException {
        releases.publish("1.4.0", release("1.4.0"));

        runner.env("RUNNER_OS", "Windows");
        install("1.4.0");

        Path cmd = toolCache.resolve("specweave-deploy/1.4.0/bin/specweave-deploy.cmd");
        String launcher = Files.readString(cmd);
        assertThat(launcher).contains("@echo off\r\n", "-jar \"%~dp0..\\lib\\specweave-deploy.jar\" %*",
                "%JAVA_HOME%\\bin\\java.exe", "exit /b %ERRORLEVEL%");
        assertThat(launcher.replace("\r\n", "")).doesNotContain("\n");
        assertThat(toolCache.resolve("specweave-deploy/1.4.0/lib/specweave-deploy.jsa")).doesNotExist();
    }

    @Test
    void theRepositoryDefaultsToTheActionsCheckout() throws IOException {
        releases.publish("1.4.0", release("1.4.0"));

        runner.env("SPECWEAVE_REPOSITORY", "").env("ACTION_REPOSITORY", "")
                .env("GITHUB_ACTION_PATH", temp.resolve("_actions/" + REPOSITORY + "/v1/setup").toString());
        install("1.4.0");

        assertThat(releases.requests).contains(
                "GET /" + REPOSITORY + "/releases/download/v1.4.0/specweave-deploy-1.4.0.jar");
    }

    @Test
    void theSetupActionPassesItsInputsToTheInstallScript() throws IOException {
        JsonNode action = new ObjectMapper(new YAMLFactory())
                .readTree(ReleaseRepository.SOURCE.resolve("setup/action.yml").toFile());

        assertThat(action.path("runs").path("using").asText()).isEqualTo("composite");
        JsonNode step = action.path("runs").path("steps").get(0);
        assertThat(step.path("shell").asText()).isEqualTo("bash");
        assertThat(step.path("run").asText()).contains("$GITHUB_ACTION_PATH/install.sh");
        assertThat(step.path("env").path("SPECWEAVE_VERSION").asText()).isEqualTo("${{ inputs.version }}");
        assertThat(step.path("env").path("SPECWEAVE_REPOSITORY").asText()).isEqualTo("${{ inputs.repository }}");
        assertThat(action.path("outputs").path("version").path("value").asText())
                .isEqualTo("${{ steps." + step.path("id").asText() + ".outputs.version }}");
    }

    private Shell.Run install(String version) {
        return runner.env("SPECWEAVE_VERSION", version).run("bash", INSTALL.toString());
    }

    /** A release's files as the release workflow makes them: the jar and the sums. */
    private Path release(String version) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("release-" + version));
        FakeCli.jar(dir.resolve("specweave-deploy-" + version + ".jar"), version);
        Files.writeString(dir.resolve("specweave-sync-" + version + ".hpi"), "hpi " + version);
        Path classes = dir.resolve("specweave-deploy-" + version + ".jar.classes");
        try (var files = Files.walk(classes)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        new Shell(dir, temp.resolve("home")).ok("bash", ReleaseRepository.SOURCE.resolve("release/checksums.sh").toString(),
                dir.toString());
        return dir;
    }

    private static Path which(String tool) {
        for (String dir : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
