package io.specweave.deploy.tracker.github;

import io.specweave.deploy.Json;
import io.specweave.deploy.app.TrackerFactory;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.tracker.IdentityFixture;
import io.specweave.deploy.tracker.TrackerProject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@link IdentityFixture} on a {@link FakeGithub}: issues in acme/app-deploy. */
public final class GithubIdentityFixture implements IdentityFixture {

    private final FakeGithub github;
    private final FakeGithub.Repo repo;

    public GithubIdentityFixture() {
        try {
            github = new FakeGithub().repository(GithubProject.OWNER, GithubProject.REPO);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        repo = github.repo(GithubProject.OWNER, GithubProject.REPO);
    }

    @Override
    public String name() {
        return "github";
    }

    @Override
    public TrackerProject project(Path dir) {
        String profiles = "{ \"github-qa\": { \"provider\": \"github\", \"displayName\": \"QA\", \"environment\": \"qa\", "
                + "\"config\": { \"owner\": \"" + GithubProject.OWNER + "\", \"repo\": \"" + GithubProject.REPO + "\" } } }";
        Credentials credentials = new Credentials(Map.of("GITHUB_TOKEN", FakeGithub.TOKEN, "GITHUB_API_URL", github.apiUrl()));
        return TrackerProject.create(dir, profiles, credentials, c -> new TrackerFactory(c).register(Provider.GITHUB,
                (profile, given) -> new GithubTracker(profile, given, GithubProject.FAST, (Duration d) -> { },
                        Clock.systemUTC())));
    }

    @Override
    public String profile() {
        return "github-qa";
    }

    @Override
    public String seed(String markerEnvironment, boolean closed) {
        return String.valueOf(github.seedIssue(GithubProject.OWNER, GithubProject.REPO,
                "[0018-oauth-google] Sign in with Google — QA", "Made by hand.\n\n<!-- specweave-deploy:increment="
                        + "0018-oauth-google;environment=" + markerEnvironment + " -->\n",
                closed, "specweave", "increment:0018", "env:qa"));
    }

    @Override
    public String seedTelling(String deploymentKey) {
        return String.valueOf(github.seedIssue(GithubProject.OWNER, GithubProject.REPO,
                "[0018-oauth-google] Sign in with Google — QA", "Made by another run.\n\n<!-- specweave-deploy:increment="
                        + "0018-oauth-google;environment=qa -->\n<!-- specweave-deploy:deployment=" + deploymentKey + " -->\n",
                false, "specweave", "increment:0018", "env:qa"));
    }

    @Override
    public List<String> comments(String id) {
        synchronized (github) {
            return repo.commentsOf(Integer.parseInt(id)).stream().map(c -> c.path("body").asText()).toList();
        }
    }

    @Override
    public void beforeNextCreate(Runnable action) {
        github.beforeNextIssue(action);
    }

    @Override
    public void afterNextCreate(Runnable action) {
        github.afterNextIssue(action);
    }

    @Override
    public List<String> ids() {
        synchronized (github) {
            return repo.issues.keySet().stream().map(String::valueOf).toList();
        }
    }

    @Override
    public boolean markedAsDuplicateOf(String id, String keptId) {
        synchronized (github) {
            int number = Integer.parseInt(id);
            return "closed".equals(repo.issues.get(number).path("state").asText())
                    && repo.commentsOf(number).stream().anyMatch(c -> c.path("body").asText()
                            .startsWith("Duplicate of #" + keptId + "."));
        }
    }

    @Override
    public String snapshot(String id) {
        synchronized (github) {
            int number = Integer.parseInt(id);
            var issue = repo.issues.get(number).deepCopy();
            issue.remove(List.of("updated_at"));
            return Json.compact(issue) + Json.compact(Json.mapper().valueToTree(repo.commentsOf(number)));
        }
    }

    @Override
    public void close() {
        github.close();
    }
}
