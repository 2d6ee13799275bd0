package io.specweave.deploy.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataCommitterTest {

    private static final MetadataCommitter.Author BOT = MetadataCommitter.GITHUB_ACTIONS_BOT;

    @TempDir
    Path temp;

    private Path origin;
    private Path work;
    private Path metadata;

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Dev", "-c", "user.email=dev@example.com",
                "-c", "init.defaultBranch=main", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.strip();
    }

    @BeforeEach
    void cloneOfABareRepository() throws Exception {
        origin = Files.createDirectories(temp.resolve("origin.git"));
        git(origin, "init", "-q", "--bare");
        Path seed = Files.createDirectories(temp.resolve("seed"));
        git(seed, "init", "-q");
        Files.writeString(seed.resolve("metadata.json"), "{\n  \"id\": \"0001\"\n}\n");
        Files.writeString(seed.resolve("other.txt"), "unrelated\n");
        git(seed, "add", "-A");
        git(seed, "commit", "-q", "-m", "seed");
        git(seed, "push", "-q", origin.toString(), "HEAD:refs/heads/main");
        work = temp.resolve("work");
        git(temp, "clone", "-q", origin.toString(), work.toString());
        metadata = work.resolve("metadata.json");
    }

    @Test
    void commitsOnlyTheNamedFiles() throws Exception {
        Files.writeString(metadata, "{\n  \"id\": \"0001\",\n  \"deployments\": {}\n}\n");
        Files.writeString(work.resolve("other.txt"), "a build artefact changed this\n");

        MetadataCommitter.Result result = new MetadataCommitter(work, BOT, "origin", 3)
                .commitAndPush(List.of(metadata), "record", null);

        assertThat(result.outcome()).isEqualTo(MetadataCommitter.Outcome.PUSHED);
        assertThat(result.onRemote()).isTrue();
        assertThat(result.branch()).isEqualTo("main");
        assertThat(result.commit()).isEqualTo(git(origin, "rev-parse", "main"));
        assertThat(git(origin, "show", "--name-only", "--format=%an", "main")).isEqualTo("github-actions[bot]\n\nmetadata.json");
    }

    @Test
    void catchingUpTakesTheBranchsVersionOfAFileTheCheckoutHasNotChangedAndNoOther() throws Exception {
        Path other = temp.resolve("other-job");
        git(temp, "clone", "-q", origin.toString(), other.toString());
        Files.writeString(other.resolve("metadata.json"), "{\n  \"id\": \"0001\",\n  \"deployments\": {\"dev\": {}}\n}\n");
        git(other, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-am", "dev's record");
        git(other, "push", "-q", "origin", "HEAD:main");
        Files.writeString(work.resolve("other.txt"), "changed here\n");
        MetadataCommitter committer = new MetadataCommitter(work, BOT, "origin", 3);

        assertThat(read(committer.catchUp(List.of(metadata, work.resolve("other.txt")), null, null))).containsExactly(metadata);
        assertThat(Files.readString(metadata)).contains("\"dev\"");
        assertThat(Files.readString(work.resolve("other.txt"))).isEqualTo("changed here\n");

        Files.writeString(metadata, "{\"id\": \"0001\", \"written\": \"by an earlier step\"}\n");
        git(other, "commit", "-q", "--allow-empty", "-m", "moved again");
        git(other, "push", "-q", "origin", "HEAD:main");
        assertThat(read(committer.catchUp(List.of(metadata), null, null))).as("a file this checkout changed stays").isEmpty();
        assertThat(Files.readString(metadata)).contains("by an earlier step");

        // Committed here and not on the branch (a refused push, a step's own commit): the branch is not ahead of it.
        git(work, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-am", "this job's record");
        Files.writeString(other.resolve("metadata.json"), "{\"id\": \"0001\", \"deployments\": {\"uat\": {}}}\n");
        git(other, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-am", "uat's record");
        git(other, "push", "-q", "origin", "HEAD:main");
        assertThat(read(committer.catchUp(List.of(metadata), null, null))).isEmpty();
        assertThat(Files.readString(metadata)).contains("by an earlier step");
    }

    @Test
    void aRaceWithAnotherPushPutsTheRecordOnTheTipAndLeavesTheJobsCodeAsItWas() throws Exception {
        String runsCommit = git(work, "rev-parse", "HEAD");
        Path other = temp.resolve("other-push");
        git(temp, "clone", "-q", origin.toString(), other.toString());
        Files.writeString(other.resolve("other.txt"), "someone's newer code\n");
        git(other, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-am", "newer code");
        git(other, "push", "-q", "origin", "HEAD:main");
        Files.writeString(metadata, "{\n  \"id\": \"0001\",\n  \"deployments\": {\"qa\": {}}\n}\n");

        MetadataCommitter.Result result = new MetadataCommitter(work, BOT, "origin", 3)
                .commitAndPush(List.of(metadata), "record", null);

        assertThat(result.outcome()).as(result.detail()).isEqualTo(MetadataCommitter.Outcome.PUSHED);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(git(origin, "show", "main:metadata.json")).contains("\"qa\"");
        assertThat(git(origin, "show", "main:other.txt")).isEqualTo("someone's newer code");
        // The job's later steps build, test and deploy the run's commit, not what was pushed since.
        assertThat(git(work, "rev-parse", "HEAD")).isEqualTo(runsCommit);
        assertThat(Files.readString(work.resolve("other.txt"))).isEqualTo("unrelated\n");
        assertThat(Files.readString(metadata)).contains("\"qa\"");
        assertThat(git(work, "diff", "--cached", "--name-only")).as("nothing left staged").isEmpty();
    }

    @Test
    void theCheckedOutBranchDeletedOnTheRemoteIsNotMadeAgain() throws Exception {
        git(work, "checkout", "-q", "-b", "feature");
        git(work, "push", "-q", "origin", "feature");
        git(origin, "branch", "-D", "feature");
        Files.writeString(metadata, "{\n  \"id\": \"0001\",\n  \"deployments\": {}\n}\n");

        MetadataCommitter.Result result = new MetadataCommitter(work, BOT, "origin", 3)
                .commitAndPush(List.of(metadata), "record", null);

        assertThat(result.outcome()).isEqualTo(MetadataCommitter.Outcome.NOT_ON_REMOTE);
        assertThat(git(origin, "branch", "--list", "feature")).isEmpty();
    }

    @Test
    void aShallowCheckoutBehindTheBranchCatchesUpOnceItFindsItsCommitInTheBranchsHistory() throws Exception {
        Path shallow = temp.resolve("shallow");
        git(temp, "clone", "-q", "--depth", "1", "file://" + origin, shallow.toString());
        Path other = temp.resolve("other-job");
        git(temp, "clone", "-q", origin.toString(), other.toString());
        for (int i = 0; i < 25; i++) {
            Files.writeString(other.resolve("other.txt"), "change " + i + "\n");
            git(other, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-am", "change " + i);
        }
        Files.writeString(other.resolve("metadata.json"), "{\"id\": \"0001\", \"deployments\": {\"dev\": {}}}\n");
        git(other, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-am", "dev's record");
        git(other, "push", "-q", "origin", "HEAD:main");

        List<Path> taken = read(new MetadataCommitter(shallow, BOT, "origin", 3)
                .catchUp(List.of(shallow.resolve("metadata.json")), null, null));

        assertThat(taken).containsExactly(shallow.resolve("metadata.json"));
        assertThat(Files.readString(shallow.resolve("metadata.json"))).contains("\"dev\"");
    }

    @Test
    void aServerThatLostTheRaceToUpdateTheRefIsTriedAgainNotTakenForARefusal() throws Exception {
        // As a server answers a push that landed while another one updated the branch.
        Path hook = origin.resolve("hooks/pre-receive");
        Files.writeString(hook, "#!/bin/sh\nif [ ! -f \"$GIT_DIR/raced\" ]; then touch \"$GIT_DIR/raced\"; "
                + "echo \"error: cannot lock ref 'refs/heads/main': is at 1111 but expected 2222\" >&2; exit 1; fi\n");
        hook.toFile().setExecutable(true);
        Files.writeString(metadata, "{\n  \"id\": \"0001\",\n  \"deployments\": {}\n}\n");

        MetadataCommitter.Result result = new MetadataCommitter(work, BOT, "origin", 3)
                .commitAndPush(List.of(metadata), "record", null);

        assertThat(result.outcome()).as(result.detail()).isEqualTo(MetadataCommitter.Outcome.PUSHED);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(git(origin, "show", "main:metadata.json")).contains("deployments");
    }

    @Test
    void aPushToAnHttpsRemoteUsesTheGivenUserAndTokenAndNeverShowsTheToken() throws Exception {
        String token = "ghp_" + "s3cr3t".repeat(4);
        try (GitHttpServer host = new GitHttpServer(temp, "jenkins-bot", token)) {
            git(work, "remote", "set-url", "origin", host.url("origin.git"));
            Files.writeString(metadata, "{\n  \"id\": \"0001\",\n  \"deployments\": {}\n}\n");
            io.specweave.deploy.Secret secret = new io.specweave.deploy.Secret("gitCredentialsId", token);

            MetadataCommitter.Result refused = new MetadataCommitter(work, BOT, "origin", 1,
                    new MetadataCommitter.HttpsCredential("jenkins-bot", new io.specweave.deploy.Secret("x", "wrong")))
                    .commitAndPush(List.of(metadata), "record", null);
            Files.writeString(metadata, "{\n  \"id\": \"0001\",\n  \"deployments\": {\"qa\": {}}\n}\n");
            MetadataCommitter.Result pushed = new MetadataCommitter(work, BOT, "origin", 1,
                    new MetadataCommitter.HttpsCredential("jenkins-bot", secret))
                    .commitAndPush(List.of(metadata), "record", null);

            assertThat(refused.onRemote()).isFalse();
            assertThat(pushed.outcome()).as(pushed.detail()).isEqualTo(MetadataCommitter.Outcome.PUSHED);
            assertThat(git(origin, "rev-parse", "main")).isEqualTo(pushed.commit());
            assertThat(host.users).contains("jenkins-bot");
            assertThat(refused.detail() + pushed.detail() + refused + pushed).doesNotContain(token);
            assertThat(new MetadataCommitter.HttpsCredential("jenkins-bot", secret).toString()).doesNotContain(token);
        }
    }

    @Test
    void withoutCredentialsAnHttpsRemoteThatAsksForThemRefusesThePushAndSaysItAsked() throws Exception {
        try (GitHttpServer host = new GitHttpServer(temp, "jenkins-bot", "token")) {
            git(work, "remote", "set-url", "origin", host.url("origin.git"));
            String before = git(origin, "rev-parse", "main");
            Files.writeString(metadata, "{\n  \"id\": \"0001\",\n  \"deployments\": {}\n}\n");

            MetadataCommitter.Result result = new MetadataCommitter(work, BOT, "origin", 1)
                    .commitAndPush(List.of(metadata), "record", null);

            assertThat(result.onRemote()).isFalse();
            // Not "rejected": nobody refused anything, git had no one to ask for a user name.
            assertThat(result.outcome()).as(result.detail()).isEqualTo(MetadataCommitter.Outcome.NO_CREDENTIALS);
            assertThat(git(origin, "rev-parse", "main")).isEqualTo(before);
        }
    }

    @Test
    void credentialsTheRemoteDoesNotAcceptAreNamedAsTheCause() throws Exception {
        String token = "expired-" + "t0k3n".repeat(3);
        try (GitHttpServer host = new GitHttpServer(temp, "jenkins-bot", "the-right-token")) {
            git(work, "remote", "set-url", "origin", host.url("origin.git"));
            Files.writeString(metadata, "{\n  \"id\": \"0001\",\n  \"deployments\": {}\n}\n");

            MetadataCommitter.Result result = new MetadataCommitter(work, BOT, "origin", 1,
                    new MetadataCommitter.HttpsCredential("jenkins-bot", new io.specweave.deploy.Secret("T", token)))
                    .commitAndPush(List.of(metadata), "record", null);

            assertThat(result.outcome()).as(result.detail()).isEqualTo(MetadataCommitter.Outcome.CREDENTIALS_REFUSED);
            assertThat(result.onRemote()).isFalse();
            assertThat(result.detail()).contains("Authentication failed").doesNotContain(token);
        }
    }

    @Test
    void aCredentialForOneServerIsNeverGivenToAnotherHost() throws Exception {
        String token = "ghs_" + "t0k3n".repeat(4);
        try (GitHttpServer host = new GitHttpServer(temp, "x-access-token", token)) {
            String before = git(origin, "rev-parse", "main");
            io.specweave.deploy.Secret secret = new io.specweave.deploy.Secret("GITHUB_TOKEN", token);
            // The same loopback server under another host name: git must not give it the token.
            git(work, "remote", "set-url", "origin", host.url("origin.git").replace("127.0.0.1", "localhost"));
            Files.writeString(metadata, "{\n  \"id\": \"0001\",\n  \"deployments\": {}\n}\n");
            MetadataCommitter.Result elsewhere = new MetadataCommitter(work, BOT, "origin", 1,
                    new MetadataCommitter.HttpsCredential("x-access-token", secret, host.origin()))
                    .commitAndPush(List.of(metadata), "record", null);

            assertThat(elsewhere.onRemote()).isFalse();
            assertThat(git(origin, "rev-parse", "main")).isEqualTo(before);
            assertThat(String.join("\n", host.authorizations)).doesNotContain(java.util.Base64.getEncoder()
                    .encodeToString(("x-access-token:" + token).getBytes(StandardCharsets.UTF_8)));

            git(work, "remote", "set-url", "origin", host.url("origin.git"));
            Files.writeString(metadata, "{\n  \"id\": \"0001\",\n  \"deployments\": {\"qa\": {}}\n}\n");
            MetadataCommitter.Result own = new MetadataCommitter(work, BOT, "origin", 1,
                    new MetadataCommitter.HttpsCredential("x-access-token", secret, host.origin()))
                    .commitAndPush(List.of(metadata), "record", null);

            assertThat(own.outcome()).as(own.detail()).isEqualTo(MetadataCommitter.Outcome.PUSHED);
            assertThat(host.users).containsOnly("x-access-token");
            assertThat(own.detail() + elsewhere.detail() + own + elsewhere).doesNotContain(token);
        }
    }

    /** origin's main and feature as a pull request finds them: feature branched off, then main moved on. */
    private String featureBranchAndAMovedBase() throws Exception {
        Path dev = temp.resolve("dev");
        git(temp, "clone", "-q", origin.toString(), dev.toString());
        git(dev, "checkout", "-q", "-b", "feature");
        Files.writeString(dev.resolve("feature.txt"), "the feature\n");
        git(dev, "add", "feature.txt");
        git(dev, "commit", "-q", "-m", "feature work");
        git(dev, "push", "-q", "origin", "feature");
        git(dev, "checkout", "-q", "main");
        Files.writeString(dev.resolve("other.txt"), "the base moved\n");
        Files.writeString(dev.resolve("metadata.json"), "{\n  \"id\": \"0001\",\n  \"deployments\": {\"prod\": {}}\n}\n");
        Files.writeString(dev.resolve("base-only.json"), "{}\n");
        git(dev, "add", "-A");
        git(dev, "commit", "-q", "-m", "base work");
        git(dev, "push", "-q", "origin", "main");
        return git(origin, "rev-parse", "feature");
    }

    /** What actions/checkout leaves for a pull_request run: HEAD detached at the merge of feature into main. */
    private String checkedOutAsAPullRequestMerge() throws Exception {
        git(work, "fetch", "-q", "origin");
        git(work, "checkout", "-q", "--detach", "origin/main");
        git(work, "merge", "-q", "--no-ff", "-m", "Merge feature into main", "origin/feature");
        return git(work, "rev-parse", "HEAD");
    }

    @Test
    void aPullRequestsMergeCheckoutPutsOnlyTheRecordOnTheHeadBranch() throws Exception {
        String featureTip = featureBranchAndAMovedBase();
        String merge = checkedOutAsAPullRequestMerge();
        Files.writeString(metadata, "{\n  \"id\": \"0001\",\n  \"deployments\": {\"prod\": {}, \"qa\": {}}\n}\n");
        // This run's change, written into whatever version of the file is there (the branch's has no deployments).
        Runnable reapply = () -> {
            try {
                Files.writeString(metadata, Files.readString(metadata).replace("\"0001\"\n}",
                        "\"0001\",\n  \"deployments\": {\"qa\": {}}\n}"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };

        MetadataCommitter.Result result = new MetadataCommitter(work, BOT, "origin", 3)
                .commitAndPush(List.of(metadata), "record", "feature", reapply);

        assertThat(result.outcome()).as(result.detail()).isEqualTo(MetadataCommitter.Outcome.PUSHED);
        assertThat(result.branch()).isEqualTo("feature");
        assertThat(result.commit()).isEqualTo(git(origin, "rev-parse", "feature"));
        assertThat(git(origin, "rev-parse", "feature^@")).isEqualTo(featureTip);
        assertThat(git(origin, "log", "--format=%s", "feature")).isEqualTo("record\nfeature work\nseed");
        assertThat(git(origin, "show", "--name-only", "--format=", "feature")).isEqualTo("metadata.json");
        assertThat(git(origin, "show", "feature:metadata.json")).contains("{\"qa\": {}}").doesNotContain("prod");
        assertThat(git(origin, "show", "feature:other.txt")).isEqualTo("unrelated");
        // The checkout stays the merge, with this run's record in its own version of the file.
        assertThat(git(work, "rev-parse", "HEAD")).isEqualTo(merge);
        assertThat(Files.readString(metadata)).contains("{\"prod\": {}, \"qa\": {}}");
        assertThat(git(work, "status", "--porcelain")).isEqualTo("M metadata.json");
    }

    @Test
    void aPullRequestsMergeCheckoutCatchesUpOnItsHeadBranchAndKeepsWhatTheBaseBroughtIn() throws Exception {
        featureBranchAndAMovedBase();
        checkedOutAsAPullRequestMerge();
        Path qaJob = temp.resolve("qa-job");
        git(temp, "clone", "-q", "--branch", "feature", origin.toString(), qaJob.toString());
        Files.writeString(qaJob.resolve("metadata.json"), "{\n  \"id\": \"0001\",\n  \"deployments\": {\"qa\": {}}\n}\n");
        git(qaJob, "commit", "-q", "-am", "qa's record");
        git(qaJob, "push", "-q", "origin", "feature");
        MetadataCommitter committer = new MetadataCommitter(work, BOT, "origin", 3);

        assertThat(read(committer.catchUp(List.of(metadata), "feature", null)))
                .as("without a merge by meaning, the merge's own version stays").isEmpty();
        assertThat(read(committer.catchUp(List.of(metadata), "feature", BY_RECORD))).containsExactly(metadata);

        assertThat(Files.readString(metadata)).contains("\"prod\"").contains("\"qa\"");
        assertThat(git(work, "status", "--porcelain")).isEqualTo("M metadata.json");
    }

    @Test
    void aBranchWhoseVersionIsTheCheckoutsTakesTheFileAsItIs() throws Exception {
        featureBranchAndAMovedBase();
        git(work, "fetch", "-q", "origin");
        git(work, "checkout", "-q", "--detach", "origin/feature");
        Files.writeString(metadata, "{\n  \"id\": \"0001\",\n  \"deployments\": {\"qa\": {}}\n}\n");

        MetadataCommitter.Result result = new MetadataCommitter(work, BOT, "origin", 3)
                .commitAndPush(List.of(metadata), "record", "feature");

        assertThat(result.outcome()).as(result.detail()).isEqualTo(MetadataCommitter.Outcome.PUSHED);
        assertThat(git(origin, "show", "feature:metadata.json")).isEqualTo(Files.readString(metadata).strip());
        assertThat(git(origin, "log", "--format=%s", "feature")).isEqualTo("record\nfeature work\nseed");
    }

    @Test
    void aTagOffTheTargetBranchCommitsOntoTheBranchTipWithoutTheTagsCommits() throws Exception {
        Path dev = temp.resolve("dev");
        git(temp, "clone", "-q", origin.toString(), dev.toString());
        Files.writeString(dev.resolve("other.txt"), "a hotfix only the release has\n");
        git(dev, "commit", "-q", "-am", "hotfix");
        git(dev, "tag", "v1.0.1");
        git(dev, "push", "-q", "origin", "v1.0.1");
        String main = git(origin, "rev-parse", "main");
        git(work, "fetch", "-q", "--tags", "origin");
        git(work, "checkout", "-q", "--detach", "v1.0.1");
        Files.writeString(metadata, "{\n  \"id\": \"0001\",\n  \"deployments\": {\"prod\": {}}\n}\n");

        MetadataCommitter.Result result = new MetadataCommitter(work, BOT, "origin", 3)
                .commitAndPush(List.of(metadata), "record", "main");

        assertThat(result.outcome()).as(result.detail()).isEqualTo(MetadataCommitter.Outcome.PUSHED);
        assertThat(git(origin, "rev-parse", "main^@")).isEqualTo(main);
        assertThat(git(origin, "log", "--format=%s", "main")).isEqualTo("record\nseed");
    }

    @Test
    void aBranchTheRemoteDoesNotHaveIsNeitherCreatedNorPushedTo() throws Exception {
        git(work, "checkout", "-q", "--detach");
        Files.writeString(metadata, "{}\n");

        MetadataCommitter.Result result = new MetadataCommitter(work, BOT, "origin", 3)
                .commitAndPush(List.of(metadata), "record", "deleted-after-merge");

        assertThat(result.outcome()).isEqualTo(MetadataCommitter.Outcome.NOT_ON_REMOTE);
        assertThat(result.onRemote()).isFalse();
        assertThat(git(origin, "for-each-ref", "--format=%(refname)")).isEqualTo("refs/heads/main");
    }

    @Test
    void aRecordInAFileTheBranchDoesNotHaveIsNotPushedThere() throws Exception {
        String featureTip = featureBranchAndAMovedBase();
        checkedOutAsAPullRequestMerge();
        Path baseOnly = work.resolve("base-only.json");
        Files.writeString(baseOnly, "{\"deployments\": {}}\n");

        MetadataCommitter.Result result = new MetadataCommitter(work, BOT, "origin", 3)
                .commitAndPush(List.of(baseOnly), "record", "feature", () -> { });

        assertThat(result.outcome()).isEqualTo(MetadataCommitter.Outcome.NOT_ON_BRANCH);
        assertThat(result.detail()).contains("base-only.json");
        assertThat(git(origin, "rev-parse", "feature")).isEqualTo(featureTip);
        assertThat(Files.readString(baseOnly)).isEqualTo("{\"deployments\": {}}\n");
    }

    @Test
    void nothingChangedIsNothingToCommit() {
        MetadataCommitter.Result result = new MetadataCommitter(work, BOT, "origin", 3)
                .commitAndPush(List.of(metadata), "record", null);

        assertThat(result.outcome()).isEqualTo(MetadataCommitter.Outcome.NOTHING_TO_COMMIT);
        assertThat(result.onRemote()).isTrue();
    }

    @Test
    void aConflictingChangeOfTheSameFileIsReportedAndLeavesNoRebaseBehind() throws Exception {
        Path other = temp.resolve("other");
        git(temp, "clone", "-q", origin.toString(), other.toString());
        Files.writeString(other.resolve("metadata.json"), "{\n  \"id\": \"0001\",\n  \"deployments\": {\"dev\": {}}\n}\n");
        git(other, "commit", "-q", "-am", "dev");
        git(other, "push", "-q", "origin", "HEAD:main");
        Files.writeString(metadata, "{\n  \"id\": \"0001\",\n  \"deployments\": {\"qa\": {}}\n}\n");

        MetadataCommitter.Result result = new MetadataCommitter(work, BOT, "origin", 3)
                .commitAndPush(List.of(metadata), "record", null);

        assertThat(result.outcome()).isEqualTo(MetadataCommitter.Outcome.CONFLICT);
        assertThat(result.onRemote()).isFalse();
        assertThat(Files.exists(work.resolve(".git/rebase-merge"))).isFalse();
        assertThat(Files.readString(metadata)).contains("\"qa\"");
    }

    @Test
    void aConflictIsResolvedByReapplyingTheChangeToTheBranchVersion() throws Exception {
        Path other = temp.resolve("other");
        git(temp, "clone", "-q", origin.toString(), other.toString());
        Files.writeString(other.resolve("metadata.json"), "{\n  \"id\": \"0001\",\n  \"deployments\": {\"dev\": {}}\n}\n");
        git(other, "commit", "-q", "-am", "dev");
        git(other, "push", "-q", "origin", "HEAD:main");
        Files.writeString(metadata, "{\n  \"id\": \"0001\",\n  \"deployments\": {\"qa\": {}}\n}\n");
        Runnable reapply = () -> {
            try {
                String theirs = Files.readString(metadata);
                Files.writeString(metadata, theirs.replace("{\"dev\": {}}", "{\"dev\": {}, \"qa\": {}}"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };

        MetadataCommitter.Result result = new MetadataCommitter(work, BOT, "origin", 3)
                .commitAndPush(List.of(metadata), "record", null, reapply);

        assertThat(result.outcome()).isEqualTo(MetadataCommitter.Outcome.PUSHED);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(git(origin, "show", "main:metadata.json")).contains("{\"dev\": {}, \"qa\": {}}");
        assertThat(git(origin, "log", "--format=%s", "main")).isEqualTo("record\ndev\nseed");
    }

    /** The branch's job recorded dev: the work tree's checkout is one commit behind. */
    private void anotherJobRecordedDev() throws Exception {
        Path other = temp.resolve("other");
        git(temp, "clone", "-q", origin.toString(), other.toString());
        Files.writeString(other.resolve("metadata.json"), "{\n  \"id\": \"0001\",\n  \"deployments\": {\"dev\": "
                + "{\"commit\": \"d100000\"}}\n}\n");
        git(other, "commit", "-q", "-am", "dev");
        git(other, "push", "-q", "origin", "HEAD:main");
    }

    private static final MetadataCommitter.Merge BY_RECORD = (file, base, readSince, ours, theirs, oursOnCollision) ->
            io.specweave.deploy.increment.MetadataMerge.threeWay(base, readSince, ours, theirs, oursOnCollision)
                    .map(m -> new MetadataCommitter.Merged(m.text(), m.collisions())).orElse(null);

    /** The files a catch-up read from the branch. */
    private static List<Path> read(MetadataCommitter.CatchUp caughtUp) {
        List<MetadataCommitter.CaughtUp> done = caughtUp.files();
        return done.stream().filter(MetadataCommitter.CaughtUp::read).map(MetadataCommitter.CaughtUp::file).toList();
    }

    /** This step's change, by meaning: qa's record added to whatever the file holds. */
    private Runnable recordQa() {
        return () -> {
            try {
                com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode)
                        io.specweave.deploy.Json.mapper().readTree(Files.readString(metadata));
                root.with("deployments").putObject("qa").put("commit", "a100000");
                Files.writeString(metadata, io.specweave.deploy.Json.pretty(root) + "\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    @Test
    void catchingUpMergesTheBranchsRecordsIntoAFileAnEarlierStepChangedAndKeepsItWhereBothChangedOne()
            throws Exception {
        anotherJobRecordedDev();
        // An earlier step of this job recorded uat without committing it.
        Files.writeString(metadata, "{\n  \"id\": \"0001\",\n  \"deployments\": {\"uat\": {\"commit\": \"b100000\"}}\n}\n");
        MetadataCommitter committer = new MetadataCommitter(work, BOT, "origin", 3);

        assertThat(read(committer.catchUp(List.of(metadata), null, BY_RECORD))).containsExactly(metadata);
        assertThat(Files.readString(metadata)).contains("\"dev\"").contains("d100000").contains("\"uat\"")
                .contains("b100000");

        // dev written here too, differently: this job's dev stays, the rest comes from the branch.
        git(temp.resolve("other"), "pull", "-q", "origin", "main");
        Files.writeString(temp.resolve("other").resolve("metadata.json"), "{\n  \"id\": \"0001\",\n  \"deployments\": "
                + "{\"dev\": {\"commit\": \"d100000\"}, \"qa\": {\"commit\": \"c100000\"}}\n}\n");
        git(temp.resolve("other"), "commit", "-q", "-am", "qa");
        git(temp.resolve("other"), "push", "-q", "origin", "HEAD:main");
        String both = "{\n  \"id\": \"0001\",\n  \"deployments\": {\"dev\": {\"commit\": \"e100000\"}}\n}\n";
        Files.writeString(metadata, both);
        List<MetadataCommitter.CaughtUp> done = committer.catchUp(List.of(metadata), null, BY_RECORD).files();
        assertThat(done).containsExactly(new MetadataCommitter.CaughtUp(metadata, true, false, List.of("deployments.dev")));
        assertThat(Files.readString(metadata)).contains("e100000").contains("c100000").doesNotContain("d100000");

        Files.writeString(metadata, both);
        assertThat(committer.catchUp(List.of(metadata), null, null).files()).as("without a merge, a changed file stays")
                .containsExactly(new MetadataCommitter.CaughtUp(metadata, false, false, List.of()));
        assertThat(Files.readString(metadata)).isEqualTo(both);
    }

    @Test
    void aRecordAnEarlierCatchUpReadFromTheBranchTakesTheBranchsNewerVersionNotTheStaleOne() throws Exception {
        anotherJobRecordedDev();
        MetadataCommitter committer = new MetadataCommitter(work, BOT, "origin", 3);
        // An earlier step read dev from the branch and recorded qa, and did not get it onto the branch.
        assertThat(read(committer.catchUp(List.of(metadata), null, BY_RECORD))).containsExactly(metadata);
        recordQa().run();
        // The other job then recorded dev again: failed.
        git(temp.resolve("other"), "pull", "-q", "origin", "main");
        Files.writeString(temp.resolve("other").resolve("metadata.json"), "{\n  \"id\": \"0001\",\n  \"deployments\": "
                + "{\"dev\": {\"commit\": \"d100000\", \"status\": \"failed\"}}\n}\n");
        git(temp.resolve("other"), "commit", "-q", "-am", "dev failed");
        git(temp.resolve("other"), "push", "-q", "origin", "HEAD:main");

        List<MetadataCommitter.CaughtUp> done = committer.catchUp(List.of(metadata), null, BY_RECORD).files();

        assertThat(done).as("dev was read, not written, by this job: no collision")
                .containsExactly(new MetadataCommitter.CaughtUp(metadata, true, false, List.of()));
        assertThat(Files.readString(metadata)).contains("failed").contains("a100000");
    }

    @Test
    void aPushBehindTheBranchCarriesAnEarlierStepsUncommittedChangeOntoItsTip() throws Exception {
        anotherJobRecordedDev();
        String started = "{\n  \"id\": \"0001\",\n  \"deployments\": {\"uat\": {\"commit\": \"b100000\"}}\n}\n";
        Files.writeString(metadata, started);
        recordQa().run();
        String ours = Files.readString(metadata);

        MetadataCommitter.Result result = new MetadataCommitter(work, BOT, "origin", 3).commitAndPush(List.of(metadata),
                "record", null, new MetadataCommitter.Reapply(Map.of(metadata.toAbsolutePath().normalize(), started),
                        BY_RECORD, recordQa()));

        assertThat(result.outcome()).as(result.detail()).isEqualTo(MetadataCommitter.Outcome.PUSHED);
        assertThat(result.notCarried()).isEmpty();
        assertThat(git(origin, "show", "main:metadata.json")).contains("d100000").contains("b100000").contains("a100000");
        assertThat(Files.readString(metadata)).as("the work tree as this run wrote it").isEqualTo(ours);
    }

    @Test
    void anEarlierStepsChangeToARecordTheBranchChangedTooStaysOutOfTheCommitAndIsNamedTheRestGoes() throws Exception {
        anotherJobRecordedDev();
        String started = "{\n  \"id\": \"0001\",\n  \"deployments\": {\"dev\": {\"commit\": \"e100000\"}, "
                + "\"uat\": {\"commit\": \"b100000\"}}\n}\n";
        Files.writeString(metadata, started);
        recordQa().run();

        MetadataCommitter.Result result = new MetadataCommitter(work, BOT, "origin", 3).commitAndPush(List.of(metadata),
                "record", null, new MetadataCommitter.Reapply(Map.of(metadata.toAbsolutePath().normalize(), started),
                        BY_RECORD, recordQa()));

        assertThat(result.outcome()).as(result.detail()).isEqualTo(MetadataCommitter.Outcome.PUSHED);
        assertThat(result.notCarried()).containsExactly("metadata.json (deployments.dev)");
        assertThat(git(origin, "show", "main:metadata.json")).contains("d100000").contains("a100000")
                .contains("b100000").doesNotContain("e100000");
        assertThat(Files.readString(metadata)).contains("e100000");
    }

    @Test
    void aRecordWhosePushWasRefusedGoesOntoTheBranchWithTheNextOne() throws Exception {
        Files.writeString(metadata, "{\n  \"id\": \"0001\",\n  \"deployments\": {\"uat\": {\"commit\": \"b100000\"}}\n}\n");
        // As a refused push leaves it: the record committed on HEAD, the branch without it.
        git(work, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-am",
                "Record uat [ci skip]", "-m", "Written by specweave-deploy " + MetadataCommitter.RECORD_MARK);
        anotherJobRecordedDev();
        MetadataCommitter committer = new MetadataCommitter(work, BOT, "origin", 3);
        assertThat(read(committer.catchUp(List.of(metadata), null, BY_RECORD))).containsExactly(metadata);
        assertThat(Files.readString(metadata)).contains("b100000").contains("d100000");
        String started = Files.readString(metadata);
        recordQa().run();

        MetadataCommitter.Result result = committer.commitAndPush(List.of(metadata), "record", null,
                new MetadataCommitter.Reapply(Map.of(metadata.toAbsolutePath().normalize(), started), BY_RECORD,
                        recordQa()));

        assertThat(result.outcome()).as(result.detail()).isEqualTo(MetadataCommitter.Outcome.PUSHED);
        assertThat(result.attempts()).as("behind the branch, not racing it").isEqualTo(1);
        assertThat(result.notCarried()).isEmpty();
        assertThat(git(origin, "show", "main:metadata.json")).contains("b100000").contains("d100000").contains("a100000");
    }

    @Test
    void aBehindCheckoutWhoseBranchWasFetchedGoesOntoTheTipAtTheFirstAttempt() throws Exception {
        anotherJobRecordedDev();
        git(work, "fetch", "-q", "origin");
        Files.writeString(work.resolve("other.txt"), "changed\n");
        recordQa().run();

        MetadataCommitter.Result result = new MetadataCommitter(work, BOT, "origin", 3)
                .commitAndPush(List.of(metadata), "record", null, recordQa());

        assertThat(result.outcome()).as(result.detail()).isEqualTo(MetadataCommitter.Outcome.PUSHED);
        assertThat(result.attempts()).as("not a race: the checkout was behind").isEqualTo(1);
        assertThat(git(origin, "show", "main:metadata.json")).contains("d100000").contains("a100000");
    }

    @Test
    void aBranchThatStillMovesAfterTheLastAttemptIsGivenUp() throws Exception {
        Path other = temp.resolve("other");
        git(temp, "clone", "-q", origin.toString(), other.toString());
        Files.writeString(other.resolve("other.txt"), "moved\n");
        git(other, "commit", "-q", "-am", "moved");
        git(other, "push", "-q", "origin", "HEAD:main");
        Files.writeString(metadata, "{}\n");

        MetadataCommitter.Result result = new MetadataCommitter(work, BOT, "origin", 1)
                .commitAndPush(List.of(metadata), "record", null);

        assertThat(result.outcome()).isEqualTo(MetadataCommitter.Outcome.GAVE_UP);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.onRemote()).isFalse();
        assertThat(git(origin, "log", "-1", "--format=%s", "main")).isEqualTo("moved");
    }

    @Test
    void aDetachedHeadWithoutABranchIsReported() throws Exception {
        git(work, "checkout", "-q", "--detach");
        Files.writeString(metadata, "{}\n");

        MetadataCommitter.Result result = new MetadataCommitter(work, BOT, "origin", 3)
                .commitAndPush(List.of(metadata), "record", null);

        assertThat(result.outcome()).isEqualTo(MetadataCommitter.Outcome.NO_BRANCH);
    }

    @Test
    void aCheckoutWithoutTheRemoteIsReportedAndNothingIsCommitted() throws Exception {
        git(work, "remote", "remove", "origin");
        String head = git(work, "rev-parse", "HEAD");
        Files.writeString(metadata, "{}\n");

        MetadataCommitter.Result result = new MetadataCommitter(work, BOT, "origin", 3)
                .commitAndPush(List.of(metadata), "record", null);

        assertThat(result.outcome()).isEqualTo(MetadataCommitter.Outcome.NO_REMOTE);
        assertThat(result.detail()).contains("origin");
        assertThat(git(work, "rev-parse", "HEAD")).isEqualTo(head);
    }

    @Test
    void aRemoteThatIsNoRepositoryIsUnreachableNotARefusal() throws Exception {
        git(work, "remote", "set-url", "origin", temp.resolve("gone.git").toString());
        Files.writeString(metadata, "{}\n");

        MetadataCommitter.Result result = new MetadataCommitter(work, BOT, "origin", 3)
                .commitAndPush(List.of(metadata), "record", null);

        assertThat(result.outcome()).isEqualTo(MetadataCommitter.Outcome.UNREACHABLE);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.detail()).contains("does not appear to be a git repository");
    }

    @Test
    void aCatchUpThatCannotFetchTheBranchSaysSoAndLeavesTheFileAsItIs() throws Exception {
        git(work, "remote", "set-url", "origin", temp.resolve("gone.git").toString());
        String before = Files.readString(metadata);

        MetadataCommitter.CatchUp caughtUp = new MetadataCommitter(work, BOT, "origin", 3)
                .catchUp(List.of(metadata), null, BY_RECORD);

        assertThat(caughtUp.files()).isEmpty();
        assertThat(caughtUp.branch()).isEqualTo("main");
        assertThat(caughtUp.notFetched()).contains("does not appear to be a git repository");
        assertThat(Files.readString(metadata)).isEqualTo(before);
    }

    @Test
    void aCatchUpOfABranchTheRemoteDoesNotHaveHasNothingToSay() throws Exception {
        MetadataCommitter.CatchUp caughtUp = new MetadataCommitter(work, BOT, "origin", 3)
                .catchUp(List.of(metadata), "no-such-branch", BY_RECORD);

        assertThat(caughtUp.files()).isEmpty();
        assertThat(caughtUp.notFetched()).isNull();
    }

    @Test
    void credentialsInRemoteUrlsAreRemovedFromGitOutput() {
        assertThat(MetadataCommitter.redact("fatal: unable to access 'https://x-access-token:ghs_abc@github.com/o/r/'"))
                .isEqualTo("fatal: unable to access 'https://***@github.com/o/r/'");
    }
}
