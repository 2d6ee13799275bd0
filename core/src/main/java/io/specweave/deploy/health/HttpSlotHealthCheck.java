package io.specweave.deploy.health;

import io.specweave.deploy.http.Urls;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.config.HealthCheckSettings;
import io.specweave.deploy.http.Sleeper;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;

/**
 * A slot's health through the shared {@link HealthChecker}, with the profile's
 * {@code healthCheck} settings: the same path, expected status, retries and timeouts as the
 * check {@code sync --deployed} makes, so a slot is healthy by the same rule as an environment.
 */
public final class HttpSlotHealthCheck implements SlotHealthCheck {

    private final HealthChecker checker;

    public HttpSlotHealthCheck(HealthChecker checker) {
        this.checker = checker;
    }

    /** The shared checker waiting with {@code sleeper} between attempts. */
    public HttpSlotHealthCheck(Sleeper sleeper) {
        this(new HealthChecker(sleeper, Clock.systemUTC()));
    }

    @Override
    public SlotHealth check(String baseUrl, SyncProfile profile) {
        Urls.join(baseUrl, "");
        HealthResult result = checker.check(baseUrl, HealthCheckSettings.of(profile));
        return new SlotHealth(result.status(), result.httpStatus(), result.url(), result.attempts(), result.message());
    }

}
