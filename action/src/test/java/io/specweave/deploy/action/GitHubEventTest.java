package io.specweave.deploy.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubEventTest {

    @TempDir
    Path temp;

    @Test
    void aPushCommitsToItsBranch() {
        assertThat(GitHubEvent.commitBranch(Map.of("GITHUB_REF", "refs/heads/release/2.x"))).isEqualTo("release/2.x");
    }

    @Test
    void aPullRequestCommitsToItsHeadBranch() {
        assertThat(GitHubEvent.commitBranch(Map.of("GITHUB_HEAD_REF", "feature/login",
                "GITHUB_REF", "refs/pull/12/merge"))).isEqualTo("feature/login");
    }

    @Test
    void aReleaseCommitsToItsTargetBranchFromTheEventPayload() throws IOException {
        Path event = Files.writeString(temp.resolve("event.json"),
                "{\"release\": {\"tag_name\": \"v2.0.0\", \"target_commitish\": \"stable\"}}");

        assertThat(GitHubEvent.commitBranch(Map.of("GITHUB_REF", "refs/tags/v2.0.0",
                "GITHUB_EVENT_PATH", event.toString()))).isEqualTo("stable");
    }

    @Test
    void aReleaseTargetingACommitFallsBackToTheDefaultBranch() throws IOException {
        Path event = Files.writeString(temp.resolve("event.json"), "{\"release\": {\"target_commitish\": "
                + "\"9b1d5f0c2e4a6b8d0f1a3c5e7092b4d6f8a0c2e4\"}, \"repository\": {\"default_branch\": \"trunk\"}}");

        assertThat(GitHubEvent.commitBranch(Map.of("GITHUB_REF", "refs/tags/v2.0.0",
                "GITHUB_EVENT_PATH", event.toString()))).isEqualTo("trunk");
    }

    @Test
    void withoutRunContextTheCheckedOutBranchIsUsed() {
        assertThat(GitHubEvent.commitBranch(Map.of("GITHUB_EVENT_PATH", temp.resolve("missing.json").toString())))
                .isNull();
    }
}
