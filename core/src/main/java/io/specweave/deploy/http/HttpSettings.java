package io.specweave.deploy.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * How this process talks HTTP: timeouts, the retry bounds of {@link RetryPolicy}, the limits that
 * keep a slow or hostile server from holding a run or its memory, the proxy, where waits are
 * reported and when to stop waiting.
 *
 * @param connectTimeout   time to open a connection
 * @param requestTimeout   time for one attempt, the whole body included
 * @param maxAttempts      attempts per request, the first included
 * @param initialBackoff   wait before the first retry; doubled each time, with jitter
 * @param maxBackoff       longest wait between two attempts on errors
 * @param maxRateLimitWait longest wait a rate-limit response may ask for before the request fails
 * @param maxTotalTime     longest time one request may take, attempts and waits together
 * @param maxBodyBytes     largest response body read; a larger one fails the request
 * @param maxRedirects     redirects followed per attempt (a loop ends here at the latest)
 * @param proxy            the proxy requests go through
 * @param listener         hears about every wait between attempts
 * @param stop             true once the run should end: a wait ends and the request fails
 */
public record HttpSettings(
        Duration connectTimeout,
        Duration requestTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRateLimitWait,
        Duration maxTotalTime,
        long maxBodyBytes,
        int maxRedirects,
        ProxySettings proxy,
        HttpListener listener,
        BooleanSupplier stop) {

    public static final long DEFAULT_MAX_BODY = 16L * 1024 * 1024;

    public HttpSettings {
        proxy = proxy == null ? ProxySettings.NONE : proxy;
        listener = listener == null ? HttpListener.NONE : listener;
        stop = stop == null ? () -> false : stop;
    }

    /** The retry bounds alone; limits, proxy and listener at their defaults. */
    public HttpSettings(Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration initialBackoff,
            Duration maxBackoff, Duration maxRateLimitWait) {
        this(connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, maxRateLimitWait,
                Duration.ofMinutes(3), DEFAULT_MAX_BODY, 5, ProxySettings.NONE, HttpListener.NONE, null);
    }

    public static HttpSettings defaults() {
        return new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), 4, Duration.ofMillis(500),
                Duration.ofSeconds(10), Duration.ofSeconds(90));
    }

    public HttpSettings withRequestTimeout(Duration timeout) {
        return new HttpSettings(connectTimeout, timeout, maxAttempts, initialBackoff, maxBackoff, maxRateLimitWait,
                maxTotalTime, maxBodyBytes, maxRedirects, proxy, listener, stop);
    }

    public HttpSettings withMaxAttempts(int attempts) {
        return new HttpSettings(connectTimeout, requestTimeout, attempts, initialBackoff, maxBackoff, maxRateLimitWait,
                maxTotalTime, maxBodyBytes, maxRedirects, proxy, listener, stop);
    }

    public HttpSettings withLimits(Duration totalTime, long bodyBytes, int redirects) {
        return new HttpSettings(connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff,
                maxRateLimitWait, totalTime, bodyBytes, redirects, proxy, listener, stop);
    }

    /** These bounds with the process's proxy, listener and stop signal. */
    public HttpSettings withNetwork(ProxySettings proxy, HttpListener listener, BooleanSupplier stop) {
        return new HttpSettings(connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff,
                maxRateLimitWait, maxTotalTime, maxBodyBytes, maxRedirects, proxy, listener, stop);
    }

    /** The network part (proxy, listener, stop) of {@code other}, on these bounds. */
    public HttpSettings withNetworkOf(HttpSettings other) {
        return withNetwork(other.proxy, other.listener, other.stop);
    }

    /**
     * A client on these settings. It never follows a redirect itself: {@link RestClient} decides
     * per hop, so a credential cannot follow one to another origin.
     */
    public HttpClient newClient() {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (!proxy.isNone()) {
            builder.proxy(proxy.selector());
        }
        return builder.build();
    }
}
