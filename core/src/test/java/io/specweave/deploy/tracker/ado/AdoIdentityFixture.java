package io.specweave.deploy.tracker.ado;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link IdentityFixture} on a {@link FakeAzureDevOps}: work items in project MyApp. */
public final class AdoIdentityFixture implements IdentityFixture {

    private static final String PAT = "ado-pat-S3CR3T-0004";

    private final FakeAzureDevOps ado = new FakeAzureDevOps("Basic " + Base64.getEncoder()
            .encodeToString((":" + PAT).getBytes(StandardCharsets.UTF_8)), Optional.empty());

    @Override
    public String name() {
        return "ado";
    }

    @Override
    public TrackerProject project(Path dir) {
        String profiles = "{ \"ado-qa\": { \"provider\": \"ado\", \"environment\": \"qa\", \"config\": { \"baseUrl\": \""
                + ado.collectionUrl() + "\", \"project\": \"" + FakeAzureDevOps.PROJECT + "\" } } }";
        HttpSettings settings = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 4, Duration.ofMillis(10),
                Duration.ofMillis(40), Duration.ofSeconds(60));
        return TrackerProject.create(dir, profiles, new Credentials(Map.of("AZURE_DEVOPS_PAT", PAT)),
                c -> new TrackerFactory(c).register(Provider.ADO, (profile, given) -> new AdoTracker(profile, given,
                        redactor -> new RestClient(HttpClient.newHttpClient(), settings, d -> { }, Clock.systemUTC(),
                                redactor))));
    }

    @Override
    public String profile() {
        return "ado-qa";
    }

    @Override
    public String seed(String markerEnvironment, boolean closed) {
        return String.valueOf(ado.seed("[0018-oauth-google] Sign in with Google — qa", "<p>Made by hand.</p><p>"
                + "specweave-deploy:increment=0018-oauth-google;environment=" + markerEnvironment
                + ";content=000000000000</p>", "env-qa; specweave; specweave-18", closed ? "Closed" : "New").id);
    }

    @Override
    public String seedTelling(String deploymentKey) {
        return String.valueOf(ado.seed("[0018-oauth-google] Sign in with Google — qa", "<p>Made by another run.</p><p>"
                + "specweave-deploy:increment=0018-oauth-google;environment=qa;content=000000000000;deployment="
                + deploymentKey + "</p>", "env-qa; specweave; specweave-18", "New").id);
    }

    @Override
    public List<String> comments(String id) {
        FakeAzureDevOps.Item item = ado.item(Integer.parseInt(id));
        synchronized (ado) {
            return List.copyOf(item.history);
        }
    }

    @Override
    public void beforeNextCreate(Runnable action) {
        ado.beforeNextCreate(action);
    }

    @Override
    public void afterNextCreate(Runnable action) {
        ado.afterNextCreate(action);
    }

    @Override
    public List<String> ids() {
        return ado.items().stream().map(i -> String.valueOf(i.id)).toList();
    }

    @Override
    public boolean markedAsDuplicateOf(String id, String keptId) {
        FakeAzureDevOps.Item item = ado.item(Integer.parseInt(id));
        synchronized (ado) {
            return item.tags().contains(AdoTracker.DUPLICATE_TAG) && !item.tags().contains("env-qa")
                    && item.history.stream().anyMatch(h -> h.contains("Duplicate of #" + keptId));
        }
    }

    @Override
    public String snapshot(String id) {
        FakeAzureDevOps.Item item = ado.item(Integer.parseInt(id));
        synchronized (ado) {
            return item.rev + "|" + Json.compact(item.fields) + "|" + Json.compact(item.relations) + "|" + item.history;
        }
    }

    @Override
    public void close() {
        ado.close();
    }
}
