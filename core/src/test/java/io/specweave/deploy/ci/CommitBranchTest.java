package io.specweave.deploy.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a commit-back of a run goes, and who it is by, as the CI's facts say. */
class CommitBranchTest {

    @TempDir
    Path temp;

    private static CiContext github(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("GITHUB_ACTIONS", "true");
        return new CiDetector(all, null).detect();
    }

    private static CiContext jenkins(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("JENKINS_URL", "https://ci.example.com/");
        return new CiDetector(all, null).detect();
    }

    @Test
    void aPushCommitsToItsBranchAsTheActionsBot() {
        CiContext ci = github(Map.of("GITHUB_REF", "refs/heads/release/2.x"));
        assertThat(ci.commitBranch()).isEqualTo("release/2.x");
        assertThat(ci.committer()).isEqualTo(MetadataCommitter.GITHUB_ACTIONS_BOT);
    }

    @Test
    void aPushOfABranchNamedOnlyByItsRefNameCommitsToIt() {
        assertThat(github(Map.of("GITHUB_REF_NAME", "release/2.x", "GITHUB_REF_TYPE", "branch")).commitBranch())
                .isEqualTo("release/2.x");
        assertThat(github(Map.of("GITHUB_REF_NAME", "v2.0.0", "GITHUB_REF_TYPE", "tag")).commitBranch()).isNull();
    }

    private Path pullRequestEvent(String headRepository) throws IOException {
        return Files.writeString(temp.resolve("event.json"), "{\"pull_request\": {\"number\": 12, \"head\": {\"ref\": "
                + "\"feature/login\", \"repo\": " + (headRepository == null ? "null" : "{\"full_name\": \""
                + headRepository + "\"}") + "}, \"base\": {\"ref\": \"main\", \"repo\": {\"full_name\": "
                + "\"Shop/app\"}}}}");
    }

    @Test
    void aPullRequestCommitsToItsHeadBranch() throws IOException {
        for (String event : List.of("pull_request", "pull_request_target")) {
            CiContext ci = github(Map.of("GITHUB_EVENT_NAME", event, "GITHUB_HEAD_REF", "feature/login",
                    "GITHUB_REF", "refs/pull/12/merge", "GITHUB_REPOSITORY", "shop/app",
                    "GITHUB_EVENT_PATH", pullRequestEvent("shop/app").toString()));
            assertThat(ci.commitBranch()).as(event).isEqualTo("feature/login");
            assertThat(ci.commitBranchInFork()).as(event).isFalse();
        }
    }

    @Test
    void aPullRequestFromAForkHasNoBranchHereToCommitTo() throws IOException {
        // A fork's main is not this repository's main.
        Map<String, String> fork = Map.of("GITHUB_HEAD_REF", "main", "GITHUB_REF", "refs/pull/12/merge",
                "GITHUB_REPOSITORY", "shop/app", "GITHUB_EVENT_PATH", pullRequestEvent("someone/app").toString());
        assertThat(github(fork).commitBranchInFork()).isTrue();
        // A deleted fork, and a payload that does not show the head at all.
        assertThat(github(Map.of("GITHUB_HEAD_REF", "main", "GITHUB_REPOSITORY", "shop/app",
                "GITHUB_EVENT_PATH", pullRequestEvent(null).toString())).commitBranchInFork()).isTrue();
        assertThat(github(Map.of("GITHUB_HEAD_REF", "main", "GITHUB_REPOSITORY", "shop/app",
                "GITHUB_EVENT_PATH", temp.resolve("missing.json").toString())).commitBranchInFork()).isTrue();
        assertThat(jenkins(Map.of("CHANGE_ID", "12", "CHANGE_BRANCH", "main", "CHANGE_FORK", "someone"))
                .commitBranchInFork()).isTrue();
        assertThat(jenkins(Map.of("CHANGE_ID", "12", "CHANGE_BRANCH", "feature/login")).commitBranchInFork()).isFalse();
        assertThat(github(Map.of("GITHUB_REF", "refs/heads/main")).commitBranchInFork()).isFalse();
    }

    @Test
    void aGitHubRunPushesWithItsTokenOnlyToItsOwnServerOverHttps() {
        CiContext ghes = github(Map.of("GITHUB_TOKEN", "ghs_token", "GITHUB_SERVER_URL", "https://GHE.example.com:8443/"));
        assertThat(ghes.pushCredential().server()).isEqualTo("https://ghe.example.com:8443");
        assertThat(ghes.pushCredential().username()).isEqualTo("x-access-token");
        assertThat(ghes.pushCredential().password().reveal()).isEqualTo("ghs_token");
        assertThat(ghes.toString()).doesNotContain("ghs_token");
        assertThat(github(Map.of("GITHUB_TOKEN", "ghs_token")).pushCredential().server()).isEqualTo("https://github.com");
        assertThat(github(Map.of("GITHUB_TOKEN", "ghs_token", "GITHUB_SERVER_URL", "http://ghe.example.com"))
                .pushCredential()).isNull();
        assertThat(github(Map.of("GITHUB_TOKEN", "ghs_token", "GITHUB_SERVER_URL", "https://u:p@ghe.example.com"))
                .pushCredential()).isNull();
        assertThat(github(Map.of("GITHUB_SERVER_URL", "https://github.com")).pushCredential()).isNull();
        assertThat(jenkins(Map.of("GITHUB_TOKEN", "ghs_token")).pushCredential()).isNull();
    }

    @Test
    void whatGitFillsInKeepsTheCommitBacksFacts() throws Exception {
        Process init = new ProcessBuilder("git", "init", "-q", temp.toString()).inheritIO().start();
        assertThat(init.waitFor()).isZero();
        // No BUILD_USER_* (no Build User Vars plugin): the actor comes from git, the commit-back's facts stay Jenkins'.
        CiContext ci = new CiDetector(Map.of("JENKINS_URL", "https://ci.example.com/", "BRANCH_NAME", "main",
                "GIT_COMMITTER_NAME", "Release Bot", "GIT_COMMITTER_EMAIL", "bot@example.com"), temp).detect();
        assertThat(ci.commitBranch()).isEqualTo("main");
        assertThat(ci.committer()).isEqualTo(new MetadataCommitter.Author("Release Bot", "bot@example.com"));
    }

    @Test
    void aReleaseCommitsToItsTargetBranchFromTheEventPayload() throws IOException {
        Path event = Files.writeString(temp.resolve("event.json"),
                "{\"release\": {\"tag_name\": \"v2.0.0\", \"target_commitish\": \"stable\"}}");
        assertThat(github(Map.of("GITHUB_REF", "refs/tags/v2.0.0", "GITHUB_EVENT_PATH", event.toString()))
                .commitBranch()).isEqualTo("stable");
    }

    @Test
    void aReleaseTargetingACommitFallsBackToTheDefaultBranch() throws IOException {
        Path event = Files.writeString(temp.resolve("event.json"), "{\"release\": {\"target_commitish\": "
                + "\"9b1d5f0c2e4a6b8d0f1a3c5e7092b4d6f8a0c2e4\"}, \"repository\": {\"default_branch\": \"trunk\"}}");
        assertThat(github(Map.of("GITHUB_REF", "refs/tags/v2.0.0", "GITHUB_EVENT_PATH", event.toString()))
                .commitBranch()).isEqualTo("trunk");
    }

    @Test
    void withoutRunContextTheCheckedOutBranchAndGitsIdentityAreUsed() {
        assertThat(github(Map.of("GITHUB_EVENT_PATH", temp.resolve("missing.json").toString())).commitBranch())
                .isNull();
        CiContext none = new CiDetector(Map.of(), null).detect();
        assertThat(none.commitBranch()).isNull();
        assertThat(none.committer()).isNull();
    }

    @Test
    void jenkinsCommitsAPullRequestToItsSourceBranchNotToPrN() {
        assertThat(jenkins(Map.of("CHANGE_ID", "12", "CHANGE_BRANCH", "feature/login", "BRANCH_NAME", "PR-12"))
                .commitBranch()).isEqualTo("feature/login");
        assertThat(jenkins(Map.of("BRANCH_NAME", "main")).commitBranch()).isEqualTo("main");
        assertThat(jenkins(Map.of("GIT_BRANCH", "origin/release/2.x")).commitBranch()).isEqualTo("release/2.x");
        assertThat(jenkins(Map.of("GIT_BRANCH", "refs/remotes/origin/main")).commitBranch()).isEqualTo("main");
        assertThat(jenkins(Map.of()).commitBranch()).isNull();
    }

    @Test
    void jenkinsCommitsAsTheGitPluginsIdentityElseAsJenkins() {
        assertThat(jenkins(Map.of("GIT_COMMITTER_NAME", "Release Bot", "GIT_COMMITTER_EMAIL", "bot@example.com"))
                .committer()).isEqualTo(new MetadataCommitter.Author("Release Bot", "bot@example.com"));
        assertThat(jenkins(Map.of("GIT_AUTHOR_NAME", "Ann", "GIT_AUTHOR_EMAIL", "ann@example.com")).committer())
                .isEqualTo(new MetadataCommitter.Author("Ann", "ann@example.com"));
        assertThat(jenkins(Map.of()).committer()).isEqualTo(MetadataCommitter.JENKINS);
    }
}
