package io.specweave.deploy.rollout;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.health.HealthCheckSettings;
import io.specweave.deploy.health.HealthChecker;
import io.specweave.deploy.health.HealthResult;
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
        join(baseUrl, "");
        HealthResult result = checker.check(baseUrl, HealthCheckSettings.of(profile));
        return new SlotHealth(result.status(), result.httpStatus(), result.url(), result.attempts(), result.message());
    }

    /** {@code baseUrl} + {@code path} as an absolute URI, or bad input saying what was expected. */
    static URI join(String baseUrl, String path) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        String suffix = path.isEmpty() || path.startsWith("/") ? path : "/" + path;
        try {
            URI uri = new URI(base + suffix);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(base + suffix, "not an absolute URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new BadInputException("health check URL \"" + base + suffix
                    + "\": expected an absolute http(s) URL such as \"https://green.myapp.com\"");
        }
    }
}
