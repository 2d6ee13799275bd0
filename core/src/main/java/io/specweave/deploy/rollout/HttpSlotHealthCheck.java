package io.specweave.deploy.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.http.HttpResult;
import io.specweave.deploy.http.HttpSettings;
import io.specweave.deploy.http.Redactor;
import io.specweave.deploy.http.RestClient;
import io.specweave.deploy.http.Sleeper;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * {@code GET <url><healthCheck.path>} (default {@code /health}); any 2xx is healthy. A service
 * that is still starting gets a few more tries: {@code healthCheck.retries} (default 3 attempts
 * in all) {@code healthCheck.intervalSeconds} apart (default 2), each bounded by
 * {@code healthCheck.timeoutSeconds} (default 5).
 */
public final class HttpSlotHealthCheck implements SlotHealthCheck {

    static final String DEFAULT_PATH = "/health";
    static final int DEFAULT_ATTEMPTS = 3;
    static final int DEFAULT_INTERVAL_SECONDS = 2;
    static final int DEFAULT_TIMEOUT_SECONDS = 5;

    private final Sleeper sleeper;

    public HttpSlotHealthCheck(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    @Override
    public SlotHealth check(String baseUrl, SyncProfile profile) {
        JsonNode settings = profile.setting("healthCheck");
        String where = profile.source() + ": sync.profiles." + profile.name() + ".healthCheck";
        String path = text(settings, "path", DEFAULT_PATH, where);
        int attempts = Math.max(1, number(settings, "retries", DEFAULT_ATTEMPTS, where));
        int interval = Math.max(0, number(settings, "intervalSeconds", DEFAULT_INTERVAL_SECONDS, where));
        int timeout = Math.max(1, number(settings, "timeoutSeconds", DEFAULT_TIMEOUT_SECONDS, where));
        URI uri = join(baseUrl, path);
        HttpSettings http = new HttpSettings(Duration.ofSeconds(timeout), Duration.ofSeconds(timeout), 1,
                Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ZERO);
        RestClient client = new RestClient(http, new Redactor());
        SlotHealth last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResult result = client.send(RestClient.Call.get(uri));
                if (result.isSuccess()) {
                    return new SlotHealth(SlotHealth.HEALTHY, result.status(), uri.toString(), attempt,
                            "HTTP " + result.status());
                }
                last = new SlotHealth(SlotHealth.UNHEALTHY, result.status(), uri.toString(), attempt,
                        "HTTP " + result.status());
            } catch (OperationFailedException e) {
                String message = e.getMessage();
                int cause = message.indexOf("attempts: ");
                last = new SlotHealth(SlotHealth.UNREACHABLE, null, uri.toString(), attempt,
                        cause >= 0 ? message.substring(cause + "attempts: ".length()) : message);
            }
            if (attempt < attempts && interval > 0) {
                try {
                    sleeper.sleep(Duration.ofSeconds(interval));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return last;
                }
            }
        }
        return last;
    }

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

    private static String text(JsonNode settings, String field, String fallback, String where) {
        if (settings == null || !settings.has(field) || settings.get(field).isNull()) {
            return fallback;
        }
        if (!settings.get(field).isTextual()) {
            throw new BadInputException(where + "." + field + ": expected a string such as \"/health\", got "
                    + settings.get(field));
        }
        return settings.get(field).asText();
    }

    private static int number(JsonNode settings, String field, int fallback, String where) {
        if (settings == null || !settings.has(field) || settings.get(field).isNull()) {
            return fallback;
        }
        if (!settings.get(field).canConvertToInt()) {
            throw new BadInputException(where + "." + field + ": expected a whole number, got " + settings.get(field));
        }
        return settings.get(field).asInt();
    }
}
