package io.specweave.deploy.http;

import java.time.Duration;

/**
 * Timeouts and retry bounds of {@link RestClient}.
 *
 * @param connectTimeout  time to open a connection
 * @param requestTimeout  time for one request, response included
 * @param maxAttempts     attempts per request, the first included
 * @param initialBackoff  wait before the first retry; doubled each time, with jitter
 * @param maxBackoff      longest wait between two attempts on errors
 * @param maxRateLimitWait longest wait a rate-limit response may ask for before the request fails
 */
public record HttpSettings(
        Duration connectTimeout,
        Duration requestTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRateLimitWait) {

    public static HttpSettings defaults() {
        return new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), 4, Duration.ofMillis(500),
                Duration.ofSeconds(10), Duration.ofSeconds(90));
    }

    public HttpSettings withRequestTimeout(Duration timeout) {
        return new HttpSettings(connectTimeout, timeout, maxAttempts, initialBackoff, maxBackoff, maxRateLimitWait);
    }

    public HttpSettings withMaxAttempts(int attempts) {
        return new HttpSettings(connectTimeout, requestTimeout, attempts, initialBackoff, maxBackoff, maxRateLimitWait);
    }
}
