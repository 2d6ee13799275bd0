package io.specweave.deploy.http;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Durations;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one HTTP layer for Jira, Azure DevOps, GitHub (under {@code github-api}), health checks and
 * Prometheus, on {@link java.net.http.HttpClient}:
 *
 * <ul>
 * <li>retries and waits as {@link RetryPolicy} says, each wait reported;</li>
 * <li>redirects decided here, hop by hop, never by the JDK: a request that carries credentials
 * follows a redirect only within its origin (scheme, host, port) and fails with a message naming
 * the setting and both origins otherwise; https → http is refused for every request; a redirect to
 * a scheme other than http(s) too; at most {@link HttpSettings#maxRedirects()} hops;</li>
 * <li>bounded: each attempt's time (body included), a request's total time, the body's size;</li>
 * <li>secrets removed from every message; credentials never sent over plain http to a host that is
 * not loopback; the proxy of {@link HttpSettings#proxy()} for every request.</li>
 * </ul>
 */
public final class RestClient {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final HttpClient client;
    private final HttpSettings settings;
    private final RetryPolicy policy;
    private final Redactor redactor;

    public RestClient(HttpSettings settings, Redactor redactor) {
        this(settings, Sleeper.system(), Clock.systemUTC(), redactor);
    }

    public RestClient(HttpSettings settings, Sleeper sleeper, Clock clock, Redactor redactor) {
        this(settings.newClient(), settings, sleeper, clock, redactor);
    }

    /** On {@code client}, which must not follow redirects itself (its default). */
    public RestClient(HttpClient client, HttpSettings settings, Sleeper sleeper, Clock clock, Redactor redactor) {
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the client must leave redirects to RestClient");
        }
        this.client = client;
        this.settings = settings;
        this.policy = new RetryPolicy(settings, sleeper, clock);
        this.redactor = redactor;
        settings.proxy().addSecretsTo(redactor);
    }

    public HttpSettings settings() {
        return settings;
    }

    public Redactor redactor() {
        return redactor;
    }

    public RetryPolicy policy() {
        return policy;
    }

    /** A request to send: method, URI, headers and an optional body. */
    public static final class Call {
        private final String method;
        private final URI uri;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Set<String> credentialHeaders = new HashSet<>();
        private byte[] body;
        private Duration timeout;
        private String setting;

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
            return credential("Authorization", value);
        }

        /** A header holding a credential: sent to the call's origin only. */
        public Call credential(String name, String value) {
            credentialHeaders.add(name.toLowerCase(Locale.ROOT));
            return header(name, value);
        }

        public Call body(String contentType, byte[] bytes) {
            this.body = bytes;
            return header("Content-Type", contentType);
        }

        public Call json(String text) {
            return body("application/json", text.getBytes(StandardCharsets.UTF_8));
        }

        public Call timeout(Duration requestTimeout) {
            this.timeout = requestTimeout;
            return this;
        }

        /** The setting the URL comes from (e.g. {@code sync.profiles.jira-prod.config.domain}), for messages. */
        public Call setting(String name) {
            this.setting = name;
            return this;
        }

        public String method() {
            return method;
        }

        public URI uri() {
            return uri;
        }

        boolean carriesCredentials() {
            return !credentialHeaders.isEmpty();
        }

        String settingOr(String fallback) {
            return setting != null ? setting : fallback;
        }
    }

    /**
     * Sends {@code call}, retrying as {@link RetryPolicy} says. Returns the last response whatever
     * its status (callers decide what a 4xx means); fails when no response could be had, a redirect
     * was refused, the body was too large, or a rate limit lasts too long.
     */
    public HttpResult send(Call call) {
        String scheme = call.uri.getScheme() == null ? "" : call.uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || call.uri.getHost() == null) {
            throw new BadInputException(call.settingOr("the URL") + ": expected an http(s) URL, got "
                    + (scheme.isEmpty() ? "a URL without a scheme" : "a " + scheme + ": URL"));
        }
        if (call.carriesCredentials() && !isSafeForCredentials(call.uri)) {
            throw new BadInputException("refusing to send credentials over plain http to " + call.uri.getHost()
                    + (call.setting == null ? "" : " (" + call.setting + ")")
                    + ": use an https:// URL (plain http is allowed for loopback hosts only)");
        }
        String what = call.method + " " + shown(call.uri);
        RetryPolicy.Attempts attempts = policy.start(what);
        HttpResult answered = null;
        while (true) {
            HttpResult result;
            try {
                result = exchange(call, attempts);
            } catch (IOException e) {
                if (attempts.retryAfter(e)) {
                    continue;
                }
                if (answered != null && attempts.remaining().isZero()) {
                    // The total time ran out during a retry: the server's last answer is the answer,
                    // not the timeout the cut-short retry met.
                    return answered;
                }
                throw new OperationFailedException(redactor.redact(what + " failed" + attempts.summary() + ": "
                        + RetryPolicy.describe(e)), e);
            }
            if (attempts.retryAfter(result.status(), result::header, () -> redactor.redact(result.text()))) {
                answered = result;
                continue;
            }
            return result;
        }
    }

    /** One attempt: the request and the redirects it may follow. */
    private HttpResult exchange(Call call, RetryPolicy.Attempts attempts) throws IOException {
        Origin origin = Origin.of(call.uri);
        URI uri = call.uri;
        String method = call.method;
        byte[] body = call.body;
        Set<URI> seen = new HashSet<>();
        seen.add(uri);
        for (int hop = 0; ; hop++) {
            HttpResult result = once(call, method, uri, body, attempts);
            Optional<String> location = result.header("Location");
            if (!REDIRECTS.contains(result.status()) || location.isEmpty()) {
                return result;
            }
            URI next = target(call, uri, location.get(), result.status());
            Origin to = Origin.of(next);
            String from = Origin.of(uri).toString();
            if (Origin.of(uri).scheme().equals("https") && to.scheme().equals("http")) {
                throw new OperationFailedException(call.settingOr("the URL") + ": " + from
                        + " redirected to plain http (" + to + "); refused: a redirect may not downgrade "
                        + "https to http");
            }
            if (call.carriesCredentials() && !to.equals(origin)) {
                throw new OperationFailedException(call.settingOr("the URL") + ": " + from + " redirected "
                        + call.method + " to another origin, " + to + "; not followed, since the request's "
                        + "credentials belong to " + origin + " only. Point " + call.settingOr("the URL")
                        + " at the server that answers the API directly");
            }
            if (hop + 1 > settings.maxRedirects() || !seen.add(next)) {
                throw new OperationFailedException(call.settingOr("the URL") + ": " + call.method + " "
                        + shown(call.uri) + " was redirected "
                        + (hop + 1 > settings.maxRedirects() ? "more than " + settings.maxRedirects() + " times"
                                : "in a loop") + " (last to " + shown(next) + ")");
            }
            // 303, and 301/302 after a POST as every browser does: the next request is a GET.
            if (result.status() == 303 || (result.status() == 301 || result.status() == 302)
                    && !method.equals("GET") && !method.equals("HEAD")) {
                method = "GET";
                body = null;
            }
            uri = next;
        }
    }

    private URI target(Call call, URI from, String location, int status) {
        URI next;
        try {
            next = from.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw new OperationFailedException(call.settingOr("the URL") + ": " + Origin.of(from)
                    + " answered HTTP " + status + " with a Location that is not a URL");
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || next.getHost() == null) {
            throw new OperationFailedException(call.settingOr("the URL") + ": " + Origin.of(from)
                    + " redirected to a " + (scheme.isEmpty() ? "relative or host-less" : scheme + ":")
                    + " URL; refused: only http(s) redirects are followed");
        }
        if (next.getRawUserInfo() != null) {
            throw new OperationFailedException(call.settingOr("the URL") + ": " + Origin.of(from)
                    + " redirected to a URL with user info (user:password@); refused");
        }
        return next;
    }

    private HttpResult once(Call call, String method, URI uri, byte[] body, RetryPolicy.Attempts attempts)
            throws IOException {
        boolean sameOrigin = Origin.of(uri).equals(Origin.of(call.uri));
        Duration timeout = call.timeout != null ? call.timeout : settings.requestTimeout();
        Duration left = attempts.remaining();
        if (left.isZero()) {
            throw new HttpTimeoutException("no time left of the " + settings.maxTotalTime().toSeconds()
                    + " s a request may take");
        }
        if (left.compareTo(timeout) < 0) {
            timeout = left;
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        call.headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (call.credentialHeaders.contains(lower) && !sameOrigin
                    || body == null && lower.equals("content-type")) {
                return;
            }
            builder.header(name, value);
        });
        // Sent only when this request goes through the proxy; the JDK strips proxy headers from
        // requests to the server itself and inside a tunnel.
        settings.proxy().authorizationFor(uri).ifPresent(value -> builder.header("Proxy-Authorization", value));
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(builder.build(),
                info -> new LimitedBody(settings.maxBodyBytes()));
        HttpResponse<byte[]> response;
        try {
            // The whole exchange, body included, within the timeout: HttpRequest's own timeout ends at
            // the headers, and a server dripping its body would hold the run.
            response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + Durations.brief(timeout));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new OperationFailedException(method + " " + shown(uri) + " interrupted", e);
        } catch (ExecutionException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof BodyTooLargeException) {
                    throw new OperationFailedException(call.settingOr("the URL") + ": " + method + " "
                            + shown(uri) + " answered with a body larger than "
                            + settings.maxBodyBytes() / (1024 * 1024) + " MiB; refused to read it all");
                }
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
        if (response.statusCode() == 407) {
            throw proxyRefused(uri);
        }
        return new HttpResult(uri, response.statusCode(), response.headers(), response.body(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** A URL as messages show it: no user info, no query, no known secret (a token may sit in a path). */
    private String shown(URI uri) {
        return redactor.redact(Urls.display(uri));
    }

    private OperationFailedException proxyRefused(URI uri) {
        URI proxy = settings.proxy().proxyFor(uri).orElse(null);
        boolean tunnel = "https".equalsIgnoreCase(uri.getScheme());
        String message = "the proxy " + ProxySettings.display(proxy) + " (" + settings.proxy().source()
                + ") asks for authentication (HTTP 407)";
        if (proxy != null && proxy.getRawUserInfo() == null) {
            message += ": put the proxy's user and password in its URL (http://user:password@host:port)";
        } else if (tunnel && tunnelBasicDisabled()) {
            message += " to open an https tunnel, and Java does not send Basic credentials for tunnels unless "
                    + "the JVM runs with -Djdk.http.auth.tunneling.disabledSchemes= (an empty value; e.g. in "
                    + "JAVA_TOOL_OPTIONS)";
        } else {
            message += ": it refused the user and password in its URL";
        }
        return new OperationFailedException(message);
    }

    /** Whether the JDK leaves Basic credentials out of a CONNECT (its default). */
    static boolean tunnelBasicDisabled() {
        String value = System.getProperty("jdk.http.auth.tunneling.disabledSchemes", "Basic");
        for (String scheme : value.split(",")) {
            if (scheme.trim().equalsIgnoreCase("Basic")) {
                return true;
            }
        }
        return false;
    }

    /** A body read into memory up to a bound: a larger one fails instead of filling the heap. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final long max;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private Flow.Subscription subscription;
        private long size;

        LimitedBody(long max) {
            this.max = max;
        }

        @Override
        public java.util.concurrent.CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                size += item.remaining();
                if (size > max) {
                    subscription.cancel();
                    result.completeExceptionally(new BodyTooLargeException());
                    return;
                }
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                out.write(bytes, 0, bytes.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }

    private static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** https anywhere; plain http only to loopback. */
    static boolean isSafeForCredentials(URI uri) {
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            return true;
        }
        return Urls.isLoopback(uri.getHost());
    }
}
