package io.specweave.deploy.cli;

import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.tracker.TrackerFactory;
import io.specweave.deploy.tracker.github.GithubTracker;

/** The trackers a shipped build offers. */
final class Trackers {

    private Trackers() {
    }

    static TrackerFactory standard(Credentials credentials) {
        return new TrackerFactory(credentials)
                .register(Provider.GITHUB, GithubTracker::new);
    }
}
