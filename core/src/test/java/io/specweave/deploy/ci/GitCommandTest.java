package io.specweave.deploy.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Git in a work tree the process does not own, as in a container step: root runs the tool, the
 * runner's user (uid 1001) owns the mounted workspace.
 */
class GitCommandTest {

    private static final int RUNNER_UID = 1001;

    @TempDir
    Path dir;

    @Test
    void trustsExactlyTheRepositoryItRunsInByItsPhysicalPath() throws Exception {
        Path repo = Files.createDirectory(dir.resolve("repo"));
        run(repo, "git", "init", "-q");
        Path sub = Files.createDirectories(repo.resolve("service/app"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), repo);

        List<String> fromSub = GitCommand.in(sub, List.of("log")).command();
        List<String> viaLink = GitCommand.in(link.resolve("service"), List.of("log")).command();

        assertThat(fromSub).containsExactly("git", "-c", "safe.directory=" + repo.toRealPath(), "-C", sub.toString(), "log");
        assertThat(viaLink).contains("safe.directory=" + repo.toRealPath());
        assertThat(GitCommand.in(dir, List.of("log")).command()).doesNotContain("-c")
                .as("outside a repository nothing is trusted").containsExactly("git", "-C", dir.toString(), "log");
    }

    @Test
    void gitSpeaksTheWordsItsOutputIsReadForWhateverTheMachinesLanguage() {
        ProcessBuilder git = GitCommand.in(dir, List.of("push", "--porcelain", "origin", "HEAD:refs/heads/main"));

        // LC_ALL wins over LANG, LC_MESSAGES and (in the C locale) LANGUAGE: git says "non-fast-forward".
        assertThat(git.environment()).containsEntry("LC_ALL", "C");
    }

    @Test
    void aMachineSetToGermanStillGetsGitsEnglishWords() throws Exception {
        assumeTrue(Files.exists(Path.of("/usr/share/locale/de/LC_MESSAGES/git.mo")), "needs git's German messages");
        Path repo = Files.createDirectory(dir.resolve("repo"));
        run(repo, "git", "init", "-q");
        ProcessBuilder push = GitCommand.in(repo, List.of("push", "--porcelain", "origin", "HEAD:refs/heads/main"))
                .redirectErrorStream(true);
        // As a runner image set to German: C.UTF-8 would let LANGUAGE translate git's messages.
        push.environment().put("LANGUAGE", "de");
        push.environment().put("LANG", "C.UTF-8");

        Process process = push.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);

        // German would be "Src-Refspec HEAD entspricht keiner Referenz".
        assertThat(output).contains("src refspec HEAD does not match any");
    }

    @Test
    void commitFactsAndCommitTimesComeFromARepositoryOwnedByAnotherUser() throws Exception {
        assumeTrue(isRoot(), "needs root: only root can give a repository another owner");
        Path repo = Files.createDirectory(dir.resolve("workspace"));
        run(repo, "git", "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("app.txt"), "v1\n");
        run(repo, "git", "add", "app.txt");
        run(repo, "git", "-c", "user.name=Dev", "-c", "user.email=dev@example.com", "commit", "-q", "-m", "v1");
        String sha = run(repo, "git", "rev-parse", "HEAD").strip();
        chownTree(repo, RUNNER_UID);
        Path project = Files.createDirectories(repo.resolve("service"));
        // Without safe.directory git refuses it: the test would prove nothing if it did not.
        assertThat(exitCode(project, "git", "-C", project.toString(), "rev-parse", "HEAD")).isNotZero();

        CiContext context = new CiDetector(Map.of(), project).detect();
        GitCommitTimes.CommitTimes times = GitCommitTimes.lookup(project, List.of(sha));

        assertThat(context.commit()).isEqualTo(sha);
        assertThat(context.branch()).isEqualTo("main");
        assertThat(times.times()).containsOnlyKeys(sha);
        assertThat(times.times().get(sha)).isBefore(Instant.now().plusSeconds(1));
        assertThat(GitCommand.lines(project, Duration.ofSeconds(10), "rev-parse", "--is-shallow-repository"))
                .containsExactly("false");
    }

    /** Whether files this process creates belong to root. */
    private boolean isRoot() throws IOException {
        Path probe = Files.createTempFile(dir, "uid", "");
        return Integer.valueOf(0).equals(Files.getAttribute(probe, "unix:uid"));
    }

    private static void chownTree(Path root, int uid) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    private static String run(Path in, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static int exitCode(Path in, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(in.toFile())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
