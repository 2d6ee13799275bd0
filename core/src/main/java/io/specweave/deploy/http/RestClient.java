package io.specweave.deploy.http;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.OperationFailedException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one HTTP layer for Jira, Azure DevOps, health checks and Prometheus, on
 * {@link java.net.http.HttpClient}: connect and request timeouts; bounded retries with exponential
 * backoff and jitter on 5xx and I/O errors; waits asked for by {@code Retry-After} (seconds or an
 * HTTP date), Jira's {@code X-RateLimit-Reset} and Azure DevOps' {@code X-RateLimit-Delay}, up to
 * a bound; secrets removed from every message; credentials never sent over plain http to a host
 * that is not loopback.
 */
public final class RestClient {

    private static final Set<Integer> RETRYABLE = Set.of(500, 502, 503, 504);

    private final HttpClient client;
    private final HttpSettings settings;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Redactor redactor;

    public RestClient(HttpSettings settings, Redactor redactor) {
        this(HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build(), settings, Sleeper.system(), Clock.systemUTC(),
                redactor);
    }

    public RestClient(HttpClient client, HttpSettings settings, Sleeper sleeper, Clock clock, Redactor redactor) {
        this.client = client;
        this.settings = settings;
        this.sleeper = sleeper;
        this.clock = clock;
        this.redactor = redactor;
    }

    public HttpSettings settings() {
        return settings;
    }

    public Redactor redactor() {
        return redactor;
    }

    /** A request to send: method, URI, headers and an optional body. */
    public static final class Call {
        private final String method;
        private final URI uri;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body;
        private boolean credentials;
        private Duration timeout;

        private Call(String method, URI uri) {
            this.method = method;
            this.uri = uri;
        }

        public static Call get(URI uri) {
            return new Call("GET", uri);
        }

        public static Call of(String method, URI uri) {
            return new Call(method, uri);
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** An {@code Authorization} header; marks the call as carrying credentials. */
        public Call authorization(String value) {
            credentials = true;
            return header("Authorization", value);
        }

        public Call body(String contentType, byte[] bytes) {
            this.body = bytes;
            return header("Content-Type", contentType);
        }

        public Call json(String text) {
            return body("application/json", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        public Call timeout(Duration requestTimeout) {
            this.timeout = requestTimeout;
            return this;
        }

        public String method() {
            return method;
        }

        public URI uri() {
            return uri;
        }
    }

    /**
     * Sends {@code call}, retrying as the class describes. Returns the last response whatever its
     * status (callers decide what a 4xx means); fails only when no response could be had or the
     * server kept answering with retryable errors.
     */
    public HttpResult send(Call call) {
        if (call.credentials && !isSafeForCredentials(call.uri)) {
            throw new BadInputException("refusing to send credentials over plain http to " + call.uri.getHost()
                    + ": use an https:// URL (plain http is allowed for loopback hosts only)");
        }
        Duration backoff = settings.initialBackoff();
        String what = call.method + " " + redactor.redact(stripQuery(call.uri));
        for (int attempt = 1; ; attempt++) {
            HttpResult result;
            try {
                result = once(call);
            } catch (IOException e) {
                if (attempt >= settings.maxAttempts()) {
                    throw new OperationFailedException(what + " failed after " + attempt + " attempts: "
                            + describe(e), e);
                }
                pause(jitter(backoff), what);
                backoff = next(backoff);
                continue;
            }
            Optional<Duration> asked = rateLimitWait(result);
            // 403 is a rate limit only when the server says when to come back; otherwise it is a refusal.
            boolean limited = result.status() == 429
                    || (result.status() == 503 || result.status() == 403) && asked.isPresent();
            if (limited || RETRYABLE.contains(result.status())) {
                if (attempt >= settings.maxAttempts()) {
                    return result;
                }
                Duration wait = asked.orElse(jitter(backoff));
                if (wait.compareTo(settings.maxRateLimitWait()) > 0) {
                    Instant until = Instant.now(clock).plus(wait);
                    throw new OperationFailedException(what + " is rate limited (HTTP " + result.status()
                            + ") until " + until + ", longer than the " + settings.maxRateLimitWait().toSeconds()
                            + " s this tool waits; retry after that time");
                }
                pause(wait, what);
                backoff = next(backoff);
                continue;
            }
            if (result.isSuccess()) {
                // Azure DevOps throttles by delaying and announcing Retry-After on a success:
                // honour it before the caller's next request.
                Optional<String> retryAfter = result.header("Retry-After");
                if (retryAfter.isPresent()) {
                    parseRetryAfter(retryAfter.get()).filter(d -> d.compareTo(settings.maxRateLimitWait()) <= 0)
                            .ifPresent(d -> pause(d, what));
                }
            }
            return result;
        }
    }

    private HttpResult once(Call call) throws IOException {
        HttpRequest.BodyPublisher publisher = call.body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(call.body);
        HttpRequest.Builder builder = HttpRequest.newBuilder(call.uri)
                .timeout(call.timeout != null ? call.timeout : settings.requestTimeout())
                .method(call.method, publisher);
        call.headers.forEach(builder::header);
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new HttpResult(response.uri(), response.statusCode(), response.headers(), response.body(),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationFailedException(call.method + " " + redactor.redact(stripQuery(call.uri))
                    + " interrupted", e);
        }
    }

    /** How long the server asked us to wait, from the headers the supported services send. */
    Optional<Duration> rateLimitWait(HttpResult result) {
        Optional<Duration> retryAfter = result.header("Retry-After").flatMap(this::parseRetryAfter);
        if (retryAfter.isPresent()) {
            return retryAfter;
        }
        Optional<String> delay = result.header("X-RateLimit-Delay");
        if (delay.isPresent()) {
            try {
                return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(delay.get().trim()) * 1000)));
            } catch (NumberFormatException e) {
                // ignore an unreadable hint
            }
        }
        Optional<String> reset = result.header("X-RateLimit-Reset");
        boolean exhausted = result.header("X-RateLimit-Remaining").map(String::trim).filter("0"::equals).isPresent();
        if (reset.isPresent() && (result.status() == 429 || result.status() == 503
                || result.status() == 403 && exhausted)) {
            return parseReset(reset.get().trim());
        }
        return Optional.empty();
    }

    /** {@code Retry-After}: delta-seconds or an HTTP date. */
    Optional<Duration> parseRetryAfter(String value) {
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(clock), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }

    /** Jira's {@code X-RateLimit-Reset} is an ISO date-time; others send epoch seconds. */
    private Optional<Duration> parseReset(String value) {
        Instant at;
        try {
            at = Instant.ofEpochSecond(Long.parseLong(value));
        } catch (NumberFormatException e) {
            try {
                at = OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException again) {
                try {
                    at = Instant.parse(value.endsWith("Z") && value.length() == 17 ? value.replace("Z", ":00Z") : value);
                } catch (DateTimeParseException third) {
                    return Optional.empty();
                }
            }
        }
        Duration d = Duration.between(Instant.now(clock), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
    }

    private void pause(Duration duration, String what) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationFailedException(what + " interrupted while waiting to retry", e);
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

    private static String stripQuery(URI uri) {
        String s = uri.toString();
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q);
    }

    /** https anywhere; plain http only to loopback. */
    static boolean isSafeForCredentials(URI uri) {
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            return true;
        }
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses: a name is never resolved here (no DNS request for a refusal, and a
        // name that resolves to loopback today may not tomorrow).
        String literal = host.replace("[", "").replace("]", "");
        if (!literal.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !literal.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
