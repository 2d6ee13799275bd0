package io.specweave.deploy.tracker.github;

import io.specweave.deploy.http.HttpSettings;
import io.specweave.deploy.http.Redactor;
import io.specweave.deploy.http.Sleeper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * How {@code github-api} reaches GitHub: {@link HttpClient} with connect and request timeouts, and
 * the waiting rules in one place, with an injectable {@link Sleeper} so tests never really wait.
 *
 * <ul>
 * <li>429, or 403 with {@code Retry-After}: wait as asked;</li>
 * <li>403 with {@code x-ratelimit-remaining: 0}: wait until {@code x-ratelimit-reset};</li>
 * <li>403 "secondary rate limit" without either header: back off, starting at one minute (GitHub's guidance);</li>
 * <li>5xx, timeouts and network errors: bounded exponential backoff with jitter.</li>
 * </ul>
 *
 * A wait longer than {@link HttpSettings#maxRateLimitWait()} is not made: the request fails with
 * {@link GithubTransportException} saying when the limit resets. {@code github-api}'s own handlers
 * are set to fail, so it never sleeps on its own.
 */
final class GithubConnector implements GitHubConnector {

    private static final Set<Integer> RETRYABLE = Set.of(500, 502, 503, 504);
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "upgrade");
    static final Duration SECONDARY_LIMIT_WAIT = Duration.ofMinutes(1);

    private final HttpClient client;
    private final HttpSettings settings;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Redactor redactor;
    private final AtomicInteger requests = new AtomicInteger();

    GithubConnector(HttpSettings settings, Sleeper sleeper, Clock clock, Redactor redactor) {
        this.client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.settings = settings;
        this.sleeper = sleeper;
        this.clock = clock;
        this.redactor = redactor;
    }

    /** HTTP requests sent so far, retries included. */
    int requests() {
        return requests.get();
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        byte[] body = null;
        if (request.hasBody()) {
            try (InputStream in = request.body()) {
                body = in == null ? null : in.readAllBytes();
            }
        }
        HttpRequest httpRequest = build(request, body);
        String what = request.method() + " " + redactor.redact(pathOf(request));
        Duration backoff = settings.initialBackoff();
        Duration secondary = SECONDARY_LIMIT_WAIT;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<byte[]> response;
            requests.incrementAndGet();
            try {
                response = client.send(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw (InterruptedIOException) new InterruptedIOException(what + " interrupted").initCause(e);
            } catch (IOException e) {
                if (attempt >= settings.maxAttempts()) {
                    throw new GithubTransportException(what + " failed after " + attempt + " attempts: " + describe(e),
                            null);
                }
                pause(jitter(backoff), what);
                backoff = next(backoff);
                continue;
            }
            Response wrapped = new Response(request, response);
            Optional<Limit> limit = limit(wrapped);
            if (limit.isPresent()) {
                Limit l = limit.get();
                Duration wait = l.delay != null ? l.delay : secondary;
                if (l.delay == null) {
                    secondary = secondary.multipliedBy(2);
                }
                Instant until = Instant.now(clock).plus(wait);
                if (attempt >= settings.maxAttempts() || wait.compareTo(settings.maxRateLimitWait()) > 0) {
                    throw new GithubTransportException("GitHub's " + l.kind + " stopped " + what + " (HTTP "
                            + response.statusCode() + "); it resets at " + until.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                            + ", later than the " + settings.maxRateLimitWait().toSeconds()
                            + " s this tool waits. Re-run the sync after that time", until);
                }
                pause(wait, what);
                continue;
            }
            if (RETRYABLE.contains(response.statusCode()) && attempt < settings.maxAttempts()) {
                pause(jitter(backoff), what);
                backoff = next(backoff);
                continue;
            }
            return wrapped;
        }
    }

    private HttpRequest build(GitHubConnectorRequest request, byte[] body) throws IOException {
        URI uri;
        try {
            uri = request.url().toURI();
        } catch (URISyntaxException e) {
            throw new IOException("not a valid URL: " + redactor.redact(pathOf(request)), e);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout());
        for (Map.Entry<String, List<String>> header : request.allHeaders().entrySet()) {
            if (header.getKey() == null || RESTRICTED_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String value : header.getValue()) {
                if (value != null) {
                    builder.header(header.getKey(), value);
                }
            }
        }
        if (request.contentType() != null && request.header("Content-Type") == null) {
            builder.header("Content-Type", request.contentType());
        }
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return builder.method(request.method(), publisher).build();
    }

    /** A rate limit and how long it asks to wait (null: unknown, back off). */
    private record Limit(String kind, Duration delay) {
    }

    private Optional<Limit> limit(Response response) {
        int status = response.statusCode();
        if (status != 403 && status != 429) {
            return Optional.empty();
        }
        Optional<Duration> retryAfter = Optional.ofNullable(response.header("Retry-After")).flatMap(this::retryAfter);
        if (retryAfter.isPresent()) {
            return Optional.of(new Limit(status == 429 ? "rate limit" : "secondary rate limit", retryAfter.get()));
        }
        if ("0".equals(trim(response.header("X-RateLimit-Remaining")))) {
            Optional<Duration> reset = Optional.ofNullable(response.header("X-RateLimit-Reset")).flatMap(this::reset);
            return Optional.of(new Limit("rate limit", reset.orElse(null)));
        }
        if (status == 429 || response.header("gh-limited-by") != null || response.text().toLowerCase(Locale.ROOT)
                .contains("secondary rate limit")) {
            return Optional.of(new Limit("secondary rate limit", null));
        }
        return Optional.empty();
    }

    private Optional<Duration> retryAfter(String value) {
        String v = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(Instant.now(clock),
                        ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }

    private Optional<Duration> reset(String value) {
        try {
            Duration d = Duration.between(Instant.now(clock), Instant.ofEpochSecond(Long.parseLong(value.trim())));
            // One more second: the reset is rounded down to whole seconds.
            return Optional.of(d.isNegative() ? Duration.ofSeconds(1) : d.plusSeconds(1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void pause(Duration wait, String what) throws IOException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw (InterruptedIOException) new InterruptedIOException(what + " interrupted while waiting to retry")
                    .initCause(e);
        }
    }

    private Duration jitter(Duration base) {
        long millis = base.toMillis();
        return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }

    private Duration next(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
    }

    private String describe(IOException e) {
        if (e instanceof HttpTimeoutException) {
            return "timed out";
        }
        String message = e.getMessage();
        return redactor.redact(e.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    private static String pathOf(GitHubConnectorRequest request) {
        String s = request.url().toString();
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q);
    }

    /** A response read to the end, so it can be inspected here and parsed by {@code github-api}. */
    private static final class Response extends GitHubConnectorResponse.ByteArrayResponse {

        private final byte[] body;

        Response(GitHubConnectorRequest request, HttpResponse<byte[]> response) {
            super(request, response.statusCode(), response.headers().map());
            this.body = response.body() == null ? new byte[0] : response.body();
        }

        @Override
        protected InputStream rawBodyStream() {
            return new ByteArrayInputStream(body);
        }

        String text() {
            try (InputStream in = bodyStream()) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
    }
}
