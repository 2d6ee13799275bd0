package io.specweave.deploy.http;

import io.specweave.deploy.OperationFailedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * When a request is sent again and how long to wait first — one policy for Jira, Azure DevOps,
 * GitHub, Prometheus and health checks:
 *
 * <ul>
 * <li>429, 502, 503, 504 and network errors (refused or reset connections, timeouts) are retried;
 * a TLS failure or a certificate the JVM does not trust is not (it does not heal by waiting);</li>
 * <li>a wait the server asks for is honoured: {@code Retry-After} (seconds or an HTTP date),
 * Azure DevOps' {@code X-RateLimit-Delay}, and an exhausted limit's {@code X-RateLimit-Reset}
 * (GitHub's epoch seconds, Jira's ISO time) on 403, 429 and 503; a 403 is a rate limit only with
 * those headers or GitHub's "secondary rate limit" answer, otherwise it is a refusal;</li>
 * <li>GitHub's secondary limit without a time waits a minute, doubling (GitHub's guidance);</li>
 * <li>other waits back off exponentially from {@link HttpSettings#initialBackoff()} up to
 * {@link HttpSettings#maxBackoff()}, with jitter (each wait between half and all of the step);</li>
 * <li>bounds: {@link HttpSettings#maxAttempts()}, a rate limit longer than
 * {@link HttpSettings#maxRateLimitWait()} fails at once saying when it resets, and all attempts
 * and waits of one request end within {@link HttpSettings#maxTotalTime()};</li>
 * <li>each wait is reported to {@link HttpSettings#listener()} before it starts, and a stop
 * request ({@link HttpSettings#stop()}) ends it: the request fails instead of being sent again.</li>
 * </ul>
 */
public final class RetryPolicy {

    private static final Set<Integer> RETRYABLE = Set.of(502, 503, 504);
    static final Duration SECONDARY_LIMIT_WAIT = Duration.ofMinutes(1);

    private final HttpSettings settings;
    private final Sleeper sleeper;
    private final Clock clock;
    private final LongUnaryOperator random;

    public RetryPolicy(HttpSettings settings, Sleeper sleeper, Clock clock) {
        this(settings, sleeper, clock, bound -> ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /** @param random a value in [0, bound] for a bound: the jitter */
    RetryPolicy(HttpSettings settings, Sleeper sleeper, Clock clock, LongUnaryOperator random) {
        this.settings = settings;
        this.sleeper = sleeper;
        this.clock = clock;
        this.random = random;
    }

    public HttpSettings settings() {
        return settings;
    }

    /** The attempts of one request to {@code subject} (e.g. {@code GET https://host/path}, no secret in it). */
    public Attempts start(String subject) {
        return new Attempts(subject);
    }

    /** A rate limit that lasts longer than this tool waits. */
    public static final class RateLimitedException extends OperationFailedException {

        private static final long serialVersionUID = 1L;

        private final transient Instant resetAt;

        RateLimitedException(String message, Instant resetAt) {
            super(message);
            this.resetAt = resetAt;
        }

        public Instant resetAt() {
            return resetAt;
        }
    }

    /**
     * Reports {@code wait}, then waits it out; false (at once, or when the wait ends early) when a stop
     * is requested, so the caller ends with what it has. An interrupt fails with a message saying so.
     */
    public boolean waitUnlessStopped(HttpWait wait) {
        if (settings.stop().getAsBoolean()) {
            return false;
        }
        settings.listener().waiting(wait);
        try {
            sleeper.sleep(wait.duration());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationFailedException(wait.subject() + " interrupted while waiting to retry", e);
        }
        return !settings.stop().getAsBoolean();
    }

    /** As {@link #waitUnlessStopped}, but a stop fails the request: it is not sent again. */
    private void pause(HttpWait wait) {
        if (!waitUnlessStopped(wait)) {
            throw stopped(wait.subject());
        }
    }

    private static OperationFailedException stopped(String subject) {
        return new OperationFailedException(subject + ": stopped while waiting to retry (the run was asked to stop)");
    }

    /** The state of one request's attempts: which one this is, the next backoff, the time spent. */
    public final class Attempts {

        private final String subject;
        private final long startNanos = System.nanoTime();
        private int attempt = 1;
        private Duration backoff = settings.initialBackoff();
        private Duration secondary = SECONDARY_LIMIT_WAIT;
        private Duration waited = Duration.ZERO;

        private Attempts(String subject) {
            this.subject = subject;
        }

        /** The attempt being made, from 1. */
        public int attempt() {
            return attempt;
        }

        /** Time left of {@link HttpSettings#maxTotalTime()}, waits counted as spent even when a test skips them. */
        public Duration remaining() {
            Duration left = settings.maxTotalTime().minus(spent());
            return left.isNegative() ? Duration.ZERO : left;
        }

        private Duration spent() {
            return Duration.ofNanos(System.nanoTime() - startNanos).plus(waited);
        }

        /**
         * After {@code error}: true when it waited and the request should be sent again; false when
         * the request has failed (attempts or time used up, or an error that waiting does not heal).
         */
        public boolean retryAfter(IOException error) {
            if (!retryable(error)) {
                return false;
            }
            return backOff("failed (" + describe(error) + ")");
        }

        /**
         * After a response: true when it waited and the request should be sent again; false when the
         * response is the answer (a success, a refusal, or the last of the attempts).
         *
         * @throws RateLimitedException when a rate limit lasts longer than this tool waits
         */
        public boolean retryAfter(int status, Function<String, Optional<String>> header, Supplier<String> body) {
            Optional<Duration> asked = asked(status, header);
            boolean secondaryLimit = (status == 403 || status == 429) && (header.apply("gh-limited-by").isPresent()
                    || body.get().toLowerCase(Locale.ROOT).contains("secondary rate limit"));
            boolean exhausted = header.apply("X-RateLimit-Remaining").map(String::trim).filter("0"::equals)
                    .isPresent();
            boolean limited = status == 429 || (status == 403 || status == 503) && asked.isPresent()
                    || status == 403 && (secondaryLimit || exhausted);
            if (status >= 200 && status < 300) {
                // Azure DevOps throttles by delaying and announcing Retry-After on a success:
                // honour it before the caller's next request.
                header.apply("Retry-After").flatMap(RetryPolicy.this::parseRetryAfter)
                        .filter(d -> !d.isZero() && d.compareTo(settings.maxRateLimitWait()) <= 0)
                        .ifPresent(d -> waitFor(new HttpWait(subject, "was asked to slow down (Retry-After on HTTP "
                                + status + ")", d, null, attempt + 1, settings.maxAttempts())));
                return false;
            }
            if (!limited) {
                return RETRYABLE.contains(status) && backOff("answered HTTP " + status);
            }
            String kind = secondaryLimit ? "secondary rate limit" : "rate limit";
            Duration wait;
            if (asked.isPresent()) {
                wait = asked.get();
            } else if (secondaryLimit || exhausted) {
                wait = secondary;
                secondary = secondary.multipliedBy(2);
            } else {
                wait = jitter(backoff);
                backoff = next(backoff);
            }
            Instant resetAt = Instant.now(clock).plus(wait).truncatedTo(ChronoUnit.SECONDS);
            if (status == 503 && attempt >= settings.maxAttempts()) {
                // An unavailable server's last answer is the answer (a health check reports it as such).
                return false;
            }
            boolean tooLong = wait.compareTo(settings.maxRateLimitWait()) > 0 || wait.compareTo(remaining()) > 0;
            if (tooLong || attempt >= settings.maxAttempts()) {
                throw new RateLimitedException(subject + " hit the server's " + kind + " (HTTP " + status
                        + "); it resets at " + resetAt + ", " + (tooLong ? "later than the "
                                + Math.min(settings.maxRateLimitWait().toSeconds(), settings.maxTotalTime().toSeconds())
                                + " s this tool waits" : "and " + attempt + " attempts are used up")
                        + "; run again after that time", resetAt);
            }
            waitFor(new HttpWait(subject, "hit the server's " + kind + " (HTTP " + status + ")", wait, resetAt,
                    attempt + 1, settings.maxAttempts()));
            attempt++;
            return true;
        }

        private boolean backOff(String reason) {
            if (attempt >= settings.maxAttempts()) {
                return false;
            }
            Duration wait = jitter(backoff);
            if (wait.compareTo(remaining()) > 0) {
                return false;
            }
            backoff = next(backoff);
            waitFor(new HttpWait(subject, reason, wait, null, attempt + 1, settings.maxAttempts()));
            attempt++;
            return true;
        }

        private void waitFor(HttpWait wait) {
            pause(wait);
            waited = waited.plus(wait.duration());
        }

        /** What the request went through, for the message of its failure. */
        public String summary() {
            return attempt == 1 ? "" : " after " + attempt + " attempts";
        }
    }

    /** Whether waiting can heal {@code error}. */
    static boolean retryable(IOException error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SSLException || t instanceof CertificateException) {
                return false;
            }
        }
        return true;
    }

    /** An I/O error in words, without a secret (the JDK's messages hold hosts and ports, never headers). */
    public static String describe(IOException e) {
        if (unresolvedHost(e)) {
            return "unknown host: " + UNRESOLVED;
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "timed out";
        }
        String message = e.getMessage();
        // The JDK's client gives a refused connection no message: its class name alone tells a user nothing.
        if (e instanceof ConnectException && (message == null || message.toLowerCase(Locale.ROOT).contains("refused"))) {
            return "connection refused (nothing answers at that host and port)";
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Why an unknown host is one, in the words every message about it uses. */
    public static final String UNRESOLVED = "the name does not resolve (a typo in the URL, or no DNS entry from here)";

    /**
     * Whether {@code error} is a host name that does not resolve. The JDK's HTTP client reports it as
     * a {@code ConnectException} (with an {@code UnresolvedAddressException} as its cause), the same
     * class as a refused connection, which would send a user looking for a service that is down.
     */
    public static boolean unresolvedHost(Throwable error) {
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /** How long the server asked to wait, from the headers the supported services send. */
    Optional<Duration> asked(int status, Function<String, Optional<String>> header) {
        Optional<Duration> retryAfter = header.apply("Retry-After").flatMap(this::parseRetryAfter);
        if (retryAfter.isPresent()) {
            return retryAfter;
        }
        Optional<String> delay = header.apply("X-RateLimit-Delay");
        if (delay.isPresent()) {
            try {
                return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(delay.get().trim()) * 1000)));
            } catch (NumberFormatException e) {
                // an unreadable hint: back off instead
            }
        }
        boolean exhausted = header.apply("X-RateLimit-Remaining").map(String::trim).filter("0"::equals).isPresent();
        Optional<String> reset = header.apply("X-RateLimit-Reset");
        // GitHub sends its reset on every answer: only an exhausted limit's (or a 429's) is a wait asked for, so
        // a 503 with quota left is an outage, backed off and retried as any other.
        if (reset.isPresent() && (status == 429 || (status == 403 || status == 503) && exhausted)) {
            return parseReset(reset.get().trim());
        }
        return Optional.empty();
    }

    /** {@code Retry-After}: delta-seconds or an HTTP date. */
    Optional<Duration> parseRetryAfter(String value) {
        String v = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(until(at));
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }

    /**
     * {@code X-RateLimit-Reset}: GitHub's epoch seconds (rounded down, so one second more), or
     * Jira's ISO date-time, with or without seconds.
     */
    Optional<Duration> parseReset(String value) {
        try {
            return Optional.of(until(Instant.ofEpochSecond(Long.parseLong(value))).plusSeconds(1));
        } catch (NumberFormatException e) {
            try {
                return Optional.of(until(OffsetDateTime.parse(value).toInstant()));
            } catch (DateTimeParseException again) {
                try {
                    return Optional.of(until(Instant.parse(value.endsWith("Z") && value.length() == 17
                            ? value.replace("Z", ":00Z") : value)));
                } catch (DateTimeParseException third) {
                    return Optional.empty();
                }
            }
        }
    }

    private Duration until(Instant at) {
        Duration d = Duration.between(Instant.now(clock), at);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private Duration jitter(Duration base) {
        long millis = base.toMillis();
        return Duration.ofMillis(millis / 2 + random.applyAsLong(millis / 2));
    }

    private Duration next(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
    }
}
