package io.specweave.deploy.cli;

import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.tracker.TrackerFactory;

/** The trackers a shipped build offers. */
final class Trackers {

    private Trackers() {
    }

    static TrackerFactory standard(Credentials credentials) {
        return new TrackerFactory(credentials);
    }
}
