package io.specweave.deploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code commitMetadata: true}: the agent commits the changed metadata.json back to the run's
 * branch of a local bare repository, and a push the repository refuses is a warning in the map.
 */
class CommitMetadataTest {

    /** The build log the step writes to. */
    private final Fakes.Log log = new Fakes.Log();

    @TempDir
    Path root;

    Path origin;
    Path workspace;

    @BeforeEach
    void setUp() {
        Path seed = root.resolve("seed");
        Demo.copyTo(seed);
        git(seed, "init", "-q");
        git(seed, "add", "-A");
        git(seed, "commit", "-q", "-m", "demo project");
        origin = root.resolve("origin.git");
        git(root, "clone", "-q", "--bare", seed.toString(), origin.toString());
        workspace = root.resolve("workspace");
        git(root, "clone", "-q", origin.toString(), workspace.toString());
        // Jenkins checks out a detached HEAD and names the branch in BRANCH_NAME.
        git(workspace, "checkout", "-q", "--detach");
    }

    private Map<String, String> run(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of(
                "BUILD_URL", "https://ci.example/job/shop/42/",
                "GIT_COMMIT", git(workspace, "rev-parse", "HEAD"),
                "BRANCH_NAME", "main",
                "BUILD_USER_EMAIL", "dev@example.com"));
        env.putAll(more);
        return env;
    }

    @Test
    void aSuccessfulSyncCommitsMetadataToTheRunsBranchAsJenkins() throws Exception {
        SpecweaveSyncStep step = Steps.sync("local-qa");
        step.setCommitMetadata(true);

        OperationCallable.Result synced = step.callable(run(Map.of()), null, null, log).invoke(workspace.toFile(), null);
        Map<String, Object> result = synced.values();

        assertThat(result).containsEntry("metadataCommitted", true).doesNotContainKey("metadataCommitWarning");
        String pushed = git(origin, "log", "-1", "--format=%H%n%an <%ae>%n%s", "main");
        assertThat(pushed).contains("Jenkins <jenkins@localhost>",
                "Record deployment of " + Demo.INCREMENT + " to qa [ci skip]");
        assertThat(pushed).startsWith(String.valueOf(result.get("metadataCommit")));
        assertThat(git(origin, "show", "main:.specweave/increments/" + Demo.INCREMENT + "/metadata.json"))
                .contains("\"qa\"", "https://ci.example/job/shop/42/");
        assertThat(git(origin, "show", "--name-only", "--format=", "main"))
                .isEqualTo(".specweave/increments/" + Demo.INCREMENT + "/metadata.json");
        assertThat(log.text()).contains("  committed: main (" + result.get("metadataCommit") + ")");
        SandboxValues.assertPlain(result);
    }

    @Test
    void theGitPluginsConfiguredIdentityIsTheAuthor() throws Exception {
        SpecweaveSyncStep step = Steps.sync("local-qa");
        step.setCommitMetadata(true);

        step.callable(run(Map.of("GIT_COMMITTER_NAME", "Release Bot", "GIT_COMMITTER_EMAIL", "release@example.com")),
                null, null, log).invoke(workspace.toFile(), null);

        assertThat(git(origin, "log", "-1", "--format=%an <%ae>", "main")).isEqualTo("Release Bot <release@example.com>");
    }

    @Test
    void aProtectedBranchRejectionIsAWarningNotAFailure() throws Exception {
        Path hook = origin.resolve("hooks/pre-receive");
        Files.writeString(hook, "#!/bin/sh\necho 'GH006: Protected branch update failed for refs/heads/main.'\nexit 1\n",
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        String before = git(origin, "rev-parse", "main");
        SpecweaveSyncStep step = Steps.sync("local-qa");
        step.setCommitMetadata(true);

        OperationCallable.Result synced = step.callable(run(Map.of()), null, null, log).invoke(workspace.toFile(), null);
        Map<String, Object> result = synced.values();

        assertThat(result).containsEntry("status", "deployed").containsEntry("metadataCommitted", false)
                .doesNotContainKey("metadataCommit");
        assertThat(String.valueOf(result.get("metadataCommitWarning")))
                .contains("Not committed back (commitMetadata: true): the push to main was rejected",
                        "lives only in this run's workspace", "Protected branch");
        assertThat(git(origin, "rev-parse", "main")).isEqualTo(before);
        assertThat(Demo.deployment(workspace, "qa").path("status").asText()).isEqualTo("deployed");
        assertThat(log.text()).contains("  committed: no: the push to main was rejected (a protected branch, or "
                + "credentials without push access)");
        SandboxValues.assertPlain(result);
    }

    @Test
    void gitCredentialsIdIsTheUserAndTokenThePushToAnHttpsRemoteUses() throws Exception {
        String token = "glpat-" + "t0k3n".repeat(4);
        try (io.specweave.deploy.ci.GitHttpServer host = new io.specweave.deploy.ci.GitHttpServer(root, "ci-bot", token)) {
            git(workspace, "remote", "set-url", "origin", host.url("origin.git"));
            SpecweaveSyncStep step = Steps.sync("local-qa");
            step.setCommitMetadata(true);
            step.setGitCredentialsId("git-push");

            OperationCallable.Result synced = step.callable(run(Map.of()), null,
                    StepCredential.usernamePassword("git-push", "ci-bot", token), log).invoke(workspace.toFile(), null);

            assertThat(synced.values()).containsEntry("metadataCommitted", true);
            assertThat(git(origin, "log", "-1", "--format=%H", "main")).isEqualTo(synced.values().get("metadataCommit"));
            assertThat(host.users).containsOnly("ci-bot");
            assertThat(log.text() + synced.values()).doesNotContain(token);
        }
    }

    @Test
    void withoutGitCredentialsAnHttpsRemoteThatAsksForThemIsAWarning() throws Exception {
        try (io.specweave.deploy.ci.GitHttpServer host = new io.specweave.deploy.ci.GitHttpServer(root, "ci-bot", "t")) {
            git(workspace, "remote", "set-url", "origin", host.url("origin.git"));
            String before = git(origin, "rev-parse", "main");
            SpecweaveSyncStep step = Steps.sync("local-qa");
            step.setCommitMetadata(true);

            Map<String, Object> result = step.callable(run(Map.of()), null, null, log).invoke(workspace.toFile(), null)
                    .values();

            assertThat(result).containsEntry("status", "deployed").containsEntry("metadataCommitted", false);
            assertThat((String) result.get("metadataCommitWarning")).contains("the remote asked for credentials to push "
                    + "to main and there were none to give (git cannot prompt in a pipeline); give the push a "
                    + "\"Username with password\" credential for the remote", "git said: ", "terminal prompts disabled");
            assertThat(git(origin, "rev-parse", "main")).isEqualTo(before);
        }
    }

    @Test
    void aGitCredentialTheRemoteDoesNotAcceptIsNamedAsTheCause() throws Exception {
        String expired = "expired-" + "t0k3n".repeat(3);
        try (io.specweave.deploy.ci.GitHttpServer host = new io.specweave.deploy.ci.GitHttpServer(root, "ci-bot", "new")) {
            git(workspace, "remote", "set-url", "origin", host.url("origin.git"));
            SpecweaveSyncStep step = Steps.sync("local-qa");
            step.setCommitMetadata(true);
            step.setGitCredentialsId("git-push");

            Map<String, Object> result = step.callable(run(Map.of()), null,
                    StepCredential.usernamePassword("git-push", "ci-bot", expired), log).invoke(workspace.toFile(), null)
                    .values();

            assertThat(result).containsEntry("metadataCommitted", false);
            assertThat((String) result.get("metadataCommitWarning")).contains("the remote did not accept the "
                    + "credentials of the push to main (an expired token, or a user without write access");
            assertThat(log.text() + result).doesNotContain(expired);
        }
    }

    @Test
    void withoutTheParameterNothingIsCommitted() throws Exception {
        String before = git(origin, "rev-parse", "main");

        Map<String, Object> result = Steps.sync("local-qa").callable(run(Map.of()), null, null, log)
                .invoke(workspace.toFile(), null).values();

        assertThat(result).doesNotContainKey("metadataCommitted");
        assertThat(git(origin, "rev-parse", "main")).isEqualTo(before);
    }

    private static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Test Dev", "-c",
                "user.email=dev@example.com", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false",
                "-C", dir.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("git " + String.join(" ", args) + ": " + output).isZero();
            return output.strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run git: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
