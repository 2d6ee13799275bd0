package io.specweave.deploy.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CiDetectorTest {

    @TempDir
    Path dir;

    @Test
    void githubActionsBranchPush() {
        CiContext ci = new CiDetector(Map.of("GITHUB_ACTIONS", "true", "GITHUB_SHA", "abc123",
                "GITHUB_REF_NAME", "main", "GITHUB_REF_TYPE", "branch", "GITHUB_ACTOR", "octocat",
                "GITHUB_SERVER_URL", "https://github.com", "GITHUB_REPOSITORY", "myorg/myapp", "GITHUB_RUN_ID", "42"),
                dir).detect();
        assertThat(ci).isEqualTo(new CiContext("github-actions", "abc123", "main", null, "octocat",
                "https://github.com/myorg/myapp/actions/runs/42", "https://github.com/myorg/myapp", "main",
                MetadataCommitter.GITHUB_ACTIONS_BOT));
    }

    @Test
    void githubActionsTagPush() {
        CiContext ci = new CiDetector(Map.of("GITHUB_ACTIONS", "true", "GITHUB_SHA", "abc",
                "GITHUB_REF", "refs/tags/v1.2.0", "GITHUB_REF_NAME", "v1.2.0", "GITHUB_REF_TYPE", "tag"), dir).detect();
        assertThat(ci.tag()).isEqualTo("v1.2.0");
        assertThat(ci.branch()).isNull();
    }

    @Test
    void jenkins() {
        CiContext ci = new CiDetector(Map.of("JENKINS_URL", "https://ci/", "GIT_COMMIT", "def",
                "GIT_BRANCH", "origin/release", "BUILD_URL", "https://ci/job/app/7/", "BUILD_USER_EMAIL", "a@b.c",
                "GIT_URL", "https://user:secret@git.example.com/team/app.git"), dir).detect();
        assertThat(ci).isEqualTo(new CiContext("jenkins", "def", "release", null, "a@b.c", "https://ci/job/app/7/",
                "https://git.example.com/team/app", "release", MetadataCommitter.JENKINS));
    }

    @Test
    void explicitValuesWin() {
        CiContext ci = CiContext.none().overriddenBy("c1", null, "v2", "me", null);
        assertThat(ci.commit()).isEqualTo("c1");
        assertThat(ci.tag()).isEqualTo("v2");
        assertThat(ci.actor()).isEqualTo("me");
    }

    @Test
    void gitRepositoryGivesCommitBranchAndTag() throws Exception {
        run("git", "init", "-q", "-b", "feature/x");
        run("git", "-c", "user.email=dev@example.com", "-c", "user.name=Dev", "commit", "-q", "--allow-empty", "-m", "one");
        run("git", "tag", "v0.1.0");
        run("git", "config", "user.email", "dev@example.com");
        CiContext ci = new CiDetector(Map.of(), dir).detect();
        assertThat(ci.system()).isEqualTo("git");
        assertThat(ci.commit()).matches("[0-9a-f]{40}");
        assertThat(ci.branch()).isEqualTo("feature/x");
        assertThat(ci.tag()).isEqualTo("v0.1.0");
        assertThat(ci.actor()).isEqualTo("dev@example.com");
    }

    @Test
    void aRecordCommittedBackOnTopOfTheCodeIsNotTheCommitDeployed() throws Exception {
        run("git", "init", "-q", "-b", "main");
        run("git", "-c", "user.email=dev@example.com", "-c", "user.name=Dev", "commit", "-q", "--allow-empty", "-m", "code");
        run("git", "tag", "v1.0.0");
        String code = output("git", "rev-parse", "HEAD");
        // What an earlier command's commit-metadata left: HEAD is the record, fast-forwarded onto the branch.
        run("git", "-c", "user.email=bot@example.com", "-c", "user.name=Bot", "commit", "-q", "--allow-empty", "-m",
                "Record deployment of 0001 to qa [ci skip]", "-m", "Written by specweave-deploy "
                        + MetadataCommitter.RECORD_MARK);

        CiContext ci = new CiDetector(Map.of(), dir).detect();

        assertThat(ci.commit()).isEqualTo(code);
        assertThat(ci.branch()).isEqualTo("main");
        assertThat(ci.tag()).isEqualTo("v1.0.0");
    }

    @Test
    void nothingOutsideCiAndGit() {
        assertThat(new CiDetector(Map.of(), dir).detect().commit()).isNull();
    }

    private void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
    }

    private String output(String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).isZero();
        return out;
    }
}
