package io.specweave.deploy.tracker.jira;

import io.specweave.deploy.Json;
import io.specweave.deploy.app.TrackerFactory;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.http.HttpSettings;
import io.specweave.deploy.http.RestClient;
import io.specweave.deploy.tracker.IdentityFixture;
import io.specweave.deploy.tracker.TrackerProject;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link IdentityFixture} on a {@link FakeJira} (Cloud): issues in project PROD. */
public final class JiraIdentityFixture implements IdentityFixture {

    private static final String EMAIL = "ci-bot@example.com";
    private static final String TOKEN = "cloud-api-token-S3CR3T-0003";

    private final FakeJira jira = new FakeJira(FakeJira.Flavor.CLOUD, "Basic " + Base64.getEncoder()
            .encodeToString((EMAIL + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)), Optional.empty());

    @Override
    public String name() {
        return "jira";
    }

    @Override
    public TrackerProject project(Path dir) {
        String profiles = "{ \"jira-qa\": { \"provider\": \"jira\", \"environment\": \"qa\", \"config\": { \"baseUrl\": \""
                + jira.baseUrl() + "\", \"flavor\": \"cloud\", \"projectKey\": \"PROD\" } } }";
        HttpSettings settings = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 4, Duration.ofMillis(10),
                Duration.ofMillis(40), Duration.ofSeconds(60));
        return TrackerProject.create(dir, profiles, new Credentials(Map.of("JIRA_EMAIL", EMAIL, "JIRA_API_TOKEN", TOKEN)),
                c -> new TrackerFactory(c).register(Provider.JIRA, (profile, given) -> new JiraTracker(profile, given,
                        redactor -> new RestClient(HttpClient.newHttpClient(), settings, d -> { }, Clock.systemUTC(),
                                redactor))));
    }

    @Override
    public String profile() {
        return "jira-qa";
    }

    @Override
    public String seed(String markerEnvironment, boolean closed) {
        return jira.seed("[0018-oauth-google] Sign in with Google — qa", "Made by hand. specweave-deploy:increment="
                + "0018-oauth-google;environment=" + markerEnvironment + ";content=000000000000",
                closed ? "Done" : "To Do", "specweave", "specweave-18", "env-qa").key;
    }

    @Override
    public String seedTelling(String deploymentKey) {
        return jira.seed("[0018-oauth-google] Sign in with Google — qa", "Made by another run. specweave-deploy:increment="
                + "0018-oauth-google;environment=qa;content=000000000000;deployment=" + deploymentKey,
                "To Do", "specweave", "specweave-18", "env-qa").key;
    }

    @Override
    public List<String> comments(String id) {
        FakeJira.Issue issue = jira.issue(id);
        synchronized (jira) {
            return java.util.stream.IntStream.range(0, issue.comments.size()).mapToObj(issue::commentText).toList();
        }
    }

    @Override
    public void beforeNextCreate(Runnable action) {
        jira.beforeNextCreate(action);
    }

    @Override
    public void afterNextCreate(Runnable action) {
        jira.afterNextCreate(action);
    }

    @Override
    public List<String> ids() {
        return jira.issues().stream().sorted(Comparator.comparingLong(i -> Long.parseLong(i.id))).map(i -> i.key)
                .toList();
    }

    @Override
    public boolean markedAsDuplicateOf(String id, String keptId) {
        FakeJira.Issue issue = jira.issue(id);
        synchronized (jira) {
            return issue.labels.contains(JiraTracker.DUPLICATE_LABEL) && !issue.labels.contains("env-qa")
                    && issue.comments.stream().anyMatch(c -> AdfRenderer.plainText(c).contains("Duplicate of " + keptId));
        }
    }

    @Override
    public String snapshot(String id) {
        FakeJira.Issue issue = jira.issue(id);
        synchronized (jira) {
            return issue.summary + "|" + issue.status + "|" + issue.labels + "|" + Json.compact(issue.description) + "|"
                    + issue.comments + "|" + issue.remoteLinks.keySet() + "|" + issue.properties.keySet();
        }
    }

    @Override
    public void close() {
        jira.close();
    }
}
