package io.specweave.deploy.app;

import io.specweave.deploy.tracker.Tracker;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.tracker.ado.AdoTracker;
import io.specweave.deploy.tracker.github.GithubTracker;
import io.specweave.deploy.tracker.jira.JiraTracker;
import io.specweave.deploy.tracker.local.LocalTracker;
import io.specweave.deploy.http.HttpSettings;
import io.specweave.deploy.http.RestClient;
import io.specweave.deploy.http.Sleeper;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiFunction;

/** Builds the tracker of a profile from its provider. Tests register fakes with {@link #register}. */
public final class TrackerFactory {

    private final Credentials credentials;
    private final Map<Provider, BiFunction<SyncProfile, Credentials, Tracker>> providers = new EnumMap<>(Provider.class);
    private HttpSettings http = HttpSettings.defaults();
    private Sleeper sleeper = Sleeper.system();
    private Clock clock = Clock.systemUTC();

    public TrackerFactory(Credentials credentials) {
        this.credentials = credentials;
        register(Provider.LOCAL, (profile, creds) -> new LocalTracker());
    }

    /**
     * The trackers a shipped build offers. Every front end (CLI, GitHub Action, Jenkins step) builds
     * its factory here, so a provider registered once is available everywhere.
     */
    public static TrackerFactory standard(Credentials credentials) {
        TrackerFactory factory = new TrackerFactory(credentials);
        // Lambdas, not constructor references: a reference links its class (and for GitHub,
        // github-api's) when registered; a lambda only when a profile of that provider is used,
        // so a local-provider run loads none of them. They read the factory's network when they run,
        // so the host's proxy, progress and stop signal reach every tracker.
        return factory
                .register(Provider.GITHUB, (profile, creds) -> new GithubTracker(profile, creds, factory.http,
                        factory.sleeper, factory.clock))
                .register(Provider.JIRA, (profile, creds) -> new JiraTracker(profile, creds,
                        redactor -> new RestClient(factory.http, factory.sleeper, factory.clock, redactor)))
                .register(Provider.ADO, (profile, creds) -> new AdoTracker(profile, creds,
                        redactor -> new RestClient(factory.http, factory.sleeper, factory.clock, redactor)));
    }

    /** The HTTP settings (bounds, proxy, progress, stop), waits and clock the standard trackers use. */
    public TrackerFactory network(HttpSettings settings, Sleeper waits, Clock time) {
        this.http = settings;
        this.sleeper = waits;
        this.clock = time;
        return this;
    }

    /** Adds or replaces how a provider's tracker is built. */
    public TrackerFactory register(Provider provider, BiFunction<SyncProfile, Credentials, Tracker> builder) {
        providers.put(provider, builder);
        return this;
    }

    public Tracker forProfile(SyncProfile profile) {
        BiFunction<SyncProfile, Credentials, Tracker> builder = providers.get(profile.provider());
        if (builder == null) {
            throw new io.specweave.deploy.BadInputException(profile.source() + ": " + profile.settingPath("provider")
                    + ": \"" + profile.provider() + "\" has no tracker in this build; available: "
                    + String.join(", ", providers.keySet().stream().map(Provider::id).toList()));
        }
        return builder.apply(profile, credentials);
    }

    public Credentials credentials() {
        return credentials;
    }
}
