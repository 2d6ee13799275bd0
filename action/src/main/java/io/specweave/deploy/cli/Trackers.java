package io.specweave.deploy.cli;

import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.tracker.TrackerFactory;
import io.specweave.deploy.tracker.ado.AdoTracker;
import io.specweave.deploy.tracker.jira.JiraTracker;

/** The trackers a shipped build offers. */
final class Trackers {

    private Trackers() {
    }

    static TrackerFactory standard(Credentials credentials) {
        return new TrackerFactory(credentials)
                .register(Provider.JIRA, JiraTracker::new)
                .register(Provider.ADO, AdoTracker::new);
    }
}
