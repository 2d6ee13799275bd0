package io.specweave.deploy.health;

import io.specweave.deploy.Durations;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.Redactor;
import io.specweave.deploy.config.HealthCheckSettings;
import io.specweave.deploy.http.HttpResult;
import io.specweave.deploy.http.HttpSettings;
import io.specweave.deploy.http.HttpWait;
import io.specweave.deploy.http.RestClient;
import io.specweave.deploy.http.RetryPolicy;
import io.specweave.deploy.http.Sleeper;
import io.specweave.deploy.http.Urls;
import io.specweave.deploy.model.HealthStatus;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Checks an environment's health URL on the shared HTTP layer: GET {@code deploymentUrl + path}
 * (no credentials, so redirects are followed to any origin, never from https to http, at most
 * five), TLS certificates verified by the JVM's trust store, each attempt bounded by the timeout,
 * the body by a megabyte, through the process's proxy. A service that is still starting is given
 * {@code retries} more attempts, {@code interval} apart, each wait reported as a progress line; the
 * first healthy answer ends the check.
 */
public final class HealthChecker {

    private static final String UNTRUSTED = "TLS certificate of ";

    /** A health answer is a status and maybe a word to find: a megabyte is plenty. */
    static final long MAX_BODY = 1024 * 1024;

    private final HttpSettings network;
    private final Sleeper sleeper;
    private final Clock clock;

    public HealthChecker(Sleeper sleeper, Clock clock) {
        this(HttpSettings.defaults(), sleeper, clock);
    }

    /** @param network the proxy, listener and stop signal checks use (its bounds are the check's own) */
    public HealthChecker(HttpSettings network, Sleeper sleeper, Clock clock) {
        this.network = network;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    public static HealthChecker system() {
        return new HealthChecker(Sleeper.system(), Clock.systemUTC());
    }

    private static final String NO_CREDENTIALS = "health checks send no credentials";

    /**
     * The URL a check of {@code baseUrl} requests. {@code baseUrlSetting} is where the base URL was read
     * (a record's field in metadata.json, a profile's setting, an input): a base that is no http(s) URL,
     * or carries user info, is bad input naming it, and the message never repeats the user info.
     */
    public static URI target(String baseUrl, Object baseUrlSetting, HealthCheckSettings settings) {
        String path = settings.path();
        if (path.startsWith("http://") || path.startsWith("https://")) {
            // The profile's healthCheck.path was checked where the config was read; the base is not asked.
            return Urls.withoutUserInfo(Urls.httpUrl(path, "healthCheck.path"), "healthCheck.path", NO_CREDENTIALS);
        }
        // The base on its own first: a recorded URL is the user's to fix in its own field, not in a joined URL.
        Urls.withoutUserInfo(Urls.httpUrl(baseUrl, baseUrlSetting), baseUrlSetting, NO_CREDENTIALS);
        String base = baseUrl.trim();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String url = base + (path.startsWith("/") ? path : "/" + path);
        return Urls.httpUrl(url, "health check URL", "an absolute http(s) URL (deploymentUrl + healthCheck.path)");
    }

    /** Checks {@code baseUrl}, read from {@code baseUrlSetting}, as {@link #target} joins it with the path. */
    public HealthResult check(String baseUrl, Object baseUrlSetting, HealthCheckSettings settings) {
        URI uri = target(baseUrl, baseUrlSetting, settings);
        // One attempt per check: the retries below are the service's start-up time, not HTTP retries.
        HttpSettings http = new HttpSettings(settings.timeout(), settings.timeout(), 1, settings.interval(),
                settings.interval(), Duration.ZERO).withLimits(settings.timeout().plus(Duration.ofSeconds(1)),
                        MAX_BODY, 5).withNetworkOf(network);
        RestClient rest = new RestClient(http, sleeper, clock, new Redactor());
        int attempts = settings.retries() + 1;
        HealthResult last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                if (!rest.policy().waitUnlessStopped(new HttpWait("health " + display(uri), reason(last, settings),
                        settings.interval(), null, attempt, attempts))) {
                    // Asked to stop (Ctrl-C, a cancelled job): the check ends with what it saw, which gets recorded.
                    return new HealthResult(last.status(), last.httpStatus(), last.latencyMs(), last.checkedAt(),
                            last.url(), last.attempts(), last.message() + "; stopped before attempt " + attempt + " of "
                                    + attempts + " (the run was asked to stop)");
                }
            }
            last = once(rest, uri, settings, attempt);
            if (last.healthy() || last.message().startsWith(UNTRUSTED)) {
                // An untrusted certificate does not become trusted while the service starts: no retries.
                return last;
            }
        }
        return last;
    }

    private HealthResult once(RestClient rest, URI uri, HealthCheckSettings settings, int attempt) {
        HttpResult result;
        try {
            result = rest.send(RestClient.Call.get(uri).header("Accept", "application/json, text/plain, */*")
                    .header("User-Agent", "specweave-deploy-health"));
        } catch (OperationFailedException e) {
            return new HealthResult(HealthStatus.UNREACHABLE, null, null, now(), display(uri), attempt,
                    unreachable(uri, settings, e));
        }
        long latency = result.elapsed().toMillis();
        if (!settings.accepts(result.status())) {
            return new HealthResult(HealthStatus.UNHEALTHY, result.status(), latency, now(), display(uri), attempt,
                    "HTTP " + result.status() + " from " + display(result.uri()) + ", expected "
                            + settings.expectation());
        }
        if (settings.bodyContains() != null && !result.text().contains(settings.bodyContains())) {
            return new HealthResult(HealthStatus.UNHEALTHY, result.status(), latency, now(), display(uri), attempt,
                    "HTTP " + result.status() + " from " + display(result.uri()) + ", but the body does not contain \""
                            + settings.bodyContains() + "\"");
        }
        return new HealthResult(HealthStatus.HEALTHY, result.status(), latency, now(), display(uri), attempt,
                "HTTP " + result.status());
    }

    /** Why the check is tried again, as the progress line says it; the expected codes when the config names them. */
    private static String reason(HealthResult result, HealthCheckSettings settings) {
        if (result.httpStatus() == null) {
            return "failed (" + result.message() + ")";
        }
        if (settings.accepts(result.httpStatus())) {
            return "answered without the expected body";
        }
        return "answered HTTP " + result.httpStatus() + (settings.expectStatus().isEmpty() ? ""
                : ", expected " + settings.expectation());
    }

    private static String unreachable(URI uri, HealthCheckSettings settings, OperationFailedException e) {
        Throwable cause = e.getCause();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException || t instanceof CertificateException
                    || t instanceof SSLException && String.valueOf(t.getMessage()).contains("PKIX")) {
                return UNTRUSTED + uri.getHost() + " is not trusted (self-signed or issued by an "
                        + "unknown CA): " + rootMessage(t) + "; health checks verify certificates: use a "
                        + "certificate from a trusted CA, or add the CA to the JVM trust store "
                        + "(-Djavax.net.ssl.trustStore=...)";
            }
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection to " + uri.getHost() + " within " + Durations.brief(settings.timeout());
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer from " + display(uri) + " within " + Durations.brief(settings.timeout()) + " (healthCheck.timeoutSeconds)";
        }
        if (RetryPolicy.unresolvedHost(cause)) {
            return "unknown host " + uri.getHost() + ": " + RetryPolicy.UNRESOLVED;
        }
        if (cause instanceof ConnectException) {
            return "connection to " + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + " refused";
        }
        return cause == null ? e.getMessage() : cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** The URL as messages and records show it: no user info, no query (either may hold a secret). */
    static String display(URI uri) {
        return Urls.display(uri);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
