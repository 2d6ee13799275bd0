package io.specweave.deploy.tracker.github;

import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.Redactor;
import io.specweave.deploy.http.HttpResult;
import io.specweave.deploy.http.HttpSettings;
import io.specweave.deploy.http.RestClient;
import io.specweave.deploy.http.RetryPolicy;
import io.specweave.deploy.http.Sleeper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * How {@code github-api} reaches GitHub: through the shared {@link RestClient}, so GitHub gets the
 * same timeouts, limits, proxy and {@link RetryPolicy} as every other service (GitHub's primary
 * limit: {@code x-ratelimit-remaining: 0} until {@code x-ratelimit-reset}; its secondary limit:
 * {@code Retry-After}, else a minute, doubling), each wait reported, with an injectable
 * {@link Sleeper} so tests never really wait. The token is a credential of the API's origin: a
 * redirect to another origin is refused, never followed with or without it (no call this tool makes
 * is documented to leave the API host). A failure becomes a {@link GithubTransportException}
 * whose message is written for the person at the terminal; {@code github-api}'s own handlers are
 * set to fail, so it never sleeps on its own.
 */
final class GithubConnector implements GitHubConnector {

    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "upgrade");

    private final RestClient client;
    private final AtomicInteger requests = new AtomicInteger();

    GithubConnector(HttpSettings settings, Sleeper sleeper, Clock clock, Redactor redactor) {
        this.client = new RestClient(settings, sleeper, clock, redactor);
    }

    /** HTTP requests sent so far (one per {@code github-api} call; retries are the client's). */
    int requests() {
        return requests.get();
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        requests.incrementAndGet();
        URI uri;
        try {
            uri = request.url().toURI();
        } catch (URISyntaxException e) {
            throw new IOException("not a valid URL: " + client.redactor().redact(request.url().getPath()), e);
        }
        RestClient.Call call = RestClient.Call.of(request.method(), uri).setting("the GitHub API URL (config.apiUrl)");
        for (Map.Entry<String, List<String>> header : request.allHeaders().entrySet()) {
            String name = header.getKey();
            if (name == null || RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String value : header.getValue()) {
                if (value == null) {
                    continue;
                }
                if (name.equalsIgnoreCase("Authorization")) {
                    call.credential(name, value);
                } else {
                    call.header(name, value);
                }
            }
        }
        if (request.hasBody()) {
            try (InputStream in = request.body()) {
                if (in != null) {
                    call.body(request.contentType() != null ? request.contentType() : "application/json",
                            in.readAllBytes());
                }
            }
        }
        HttpResult result;
        try {
            result = client.send(call);
        } catch (RetryPolicy.RateLimitedException e) {
            throw new GithubTransportException(e.getMessage(), e.resetAt());
        } catch (OperationFailedException e) {
            throw new GithubTransportException(e.getMessage(), null);
        }
        return new Response(request, result);
    }

    /** A response read to the end, so it can be inspected by the policy and parsed by {@code github-api}. */
    private static final class Response extends GitHubConnectorResponse.ByteArrayResponse {

        private final byte[] body;

        Response(GitHubConnectorRequest request, HttpResult result) {
            super(request, result.status(), result.headers().map());
            this.body = result.body() == null ? new byte[0] : result.body();
        }

        @Override
        protected InputStream rawBodyStream() {
            return new ByteArrayInputStream(body);
        }
    }
}
