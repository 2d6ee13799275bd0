package io.specweave.deploy.health;

import io.specweave.deploy.config.SyncProfile;

/**
 * Checks whether the service behind a URL is healthy before traffic is moved to it. The default,
 * {@link HttpSlotHealthCheck}, needs nothing but the shared HTTP layer; a front end may pass any
 * other checker with the same contract (the environment health module's, for one).
 */
@FunctionalInterface
public interface SlotHealthCheck {

    /**
     * Checks {@code baseUrl} with the profile's {@code healthCheck} settings.
     *
     * @param baseUrl the slot's (or environment's) base URL, e.g. {@code https://green.myapp.com}
     * @param profile the environment's profile, for {@code healthCheck.path} and retries
     */
    SlotHealth check(String baseUrl, SyncProfile profile);
}
