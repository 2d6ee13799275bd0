package io.specweave.deploy.tracker.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.app.Request;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP requests per sync, counted in the fake. Targets: an unchanged re-sync at most 2, a new
 * deployment at most 5 without GitHub Deployments. The figures are printed for the record.
 */
class GithubRequestCountTest {

    @TempDir
    Path dir;

    FakeGithub github;
    final Map<String, Integer> figures = new LinkedHashMap<>();

    @BeforeEach
    void start() throws IOException {
        github = new FakeGithub().repository(GithubProject.OWNER, GithubProject.REPO);
    }

    @AfterEach
    void stop() {
        figures.forEach((what, count) -> System.out.printf("github requests: %-70s %d%n", what, count));
        github.close();
    }

    @Test
    void issueSyncsStayWithinTheTargets() {
        GithubProject project = new GithubProject(dir, github);

        int first = count("first sync of (increment, environment), empty repository",
                () -> project.deploy(GithubProject.sha(1), 1));
        int unchanged = count("re-sync of the same deployment, nothing changed",
                () -> project.deploy(GithubProject.sha(1), 1));
        int next = count("new deployment, same status", () -> project.deploy(GithubProject.sha(2), 2));
        int failed = count("new deployment that failed (label 'deployed' removed)",
                () -> project.sync("github-qa", GithubProject.sha(3), 3, Request.Outcome.FAILED));
        int recovered = count("new deployment after a failure (label 'deployed' back)",
                () -> project.deploy(GithubProject.sha(4), 4));
        int started = count("new deployment, in progress", () ->
                project.sync("github-qa", GithubProject.sha(5), 5, Request.Outcome.IN_PROGRESS));
        int finished = count("same deployment finishing (in progress -> deployed)",
                () -> project.deploy(GithubProject.sha(5), 5));
        ObjectNode metadata = project.metadata();
        ((ObjectNode) metadata.path("deployments").path("qa")).remove("issueNumber");
        project.metadata(metadata);
        int lost = count("new deployment, link lost from metadata.json (lookup by labels)",
                () -> project.deploy(GithubProject.sha(6), 6));

        assertThat(unchanged).isLessThanOrEqualTo(2).isEqualTo(1);
        assertThat(next).isLessThanOrEqualTo(5).isEqualTo(3);
        assertThat(failed).isLessThanOrEqualTo(5);
        assertThat(recovered).isLessThanOrEqualTo(5);
        assertThat(started).isLessThanOrEqualTo(5);
        assertThat(finished).isLessThanOrEqualTo(5);
        assertThat(lost).isLessThanOrEqualTo(5);
        assertThat(first).isLessThanOrEqualTo(8);
        assertThat(github.repo(GithubProject.OWNER, GithubProject.REPO).issues).hasSize(1);
    }

    @Test
    void withGithubDeployments() {
        GithubProject project = new GithubProject(dir, github, "\"githubDeployment\": true");

        int first = count("with GitHub Deployments: first sync", () -> project.deploy(GithubProject.sha(1), 1));
        int unchanged = count("with GitHub Deployments: re-sync, nothing changed",
                () -> project.deploy(GithubProject.sha(1), 1));
        int next = count("with GitHub Deployments: new deployment", () -> project.deploy(GithubProject.sha(2), 2));

        assertThat(unchanged).isEqualTo(3);
        assertThat(next).isEqualTo(6);
        assertThat(first).isLessThanOrEqualTo(11);
    }

    private int count(String what, Runnable sync) {
        github.clearRequests();
        sync.run();
        int count = github.requests().size();
        figures.put(what, count);
        return count;
    }
}
