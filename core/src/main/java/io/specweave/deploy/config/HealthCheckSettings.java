package io.specweave.deploy.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.http.Urls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A profile's {@code healthCheck} settings.
 *
 * @param path         appended to the deployment URL (default {@code /health}); an absolute URL is used as is
 * @param expectStatus the status codes that count as healthy; empty means any 2xx
 * @param bodyContains text the body must contain, or null
 * @param timeout      time for one attempt, connection included (default 10 s)
 * @param retries      attempts after the first while the service is not healthy yet (default 4)
 * @param interval     wait between attempts (default 10 s)
 */
public record HealthCheckSettings(String path, List<Integer> expectStatus, String bodyContains, Duration timeout,
        int retries, Duration interval) {

    public static final String DEFAULT_PATH = "/health";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_RETRIES = 4;
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    static final double MAX_TIMEOUT_SECONDS = 300;
    static final int MAX_RETRIES = 60;
    static final double MAX_INTERVAL_SECONDS = 600;

    public HealthCheckSettings {
        expectStatus = expectStatus == null ? List.of() : List.copyOf(expectStatus);
    }

    /** The product doc's check: {@code /health}, any 2xx, five attempts 10 s apart, 10 s each. */
    public static HealthCheckSettings defaults() {
        return new HealthCheckSettings(DEFAULT_PATH, List.of(), null, DEFAULT_TIMEOUT, DEFAULT_RETRIES,
                DEFAULT_INTERVAL);
    }

    public HealthCheckSettings withRetries(int retries, Duration interval) {
        return new HealthCheckSettings(path, expectStatus, bodyContains, timeout, retries, interval);
    }

    public HealthCheckSettings withTimeout(Duration timeout) {
        return new HealthCheckSettings(path, expectStatus, bodyContains, timeout, retries, interval);
    }

    /** True when {@code status} counts as healthy. */
    public boolean accepts(int status) {
        return expectStatus.isEmpty() ? status >= 200 && status < 300 : expectStatus.contains(status);
    }

    /** What a healthy answer looks like, for messages. */
    public String expectation() {
        String codes = expectStatus.isEmpty() ? "any 2xx" : expectStatus.size() == 1
                ? "HTTP " + expectStatus.get(0) : "one of HTTP " + expectStatus;
        return codes + (bodyContains == null ? "" : " with a body containing \"" + bodyContains + "\"");
    }

    /** Reads {@code sync.profiles.<name>.healthCheck}; absent means {@link #defaults()}. */
    public static HealthCheckSettings of(SyncProfile profile) {
        JsonNode node = profile.setting("healthCheck");
        String where = profile.source() + ": " + profile.settingPath("healthCheck");
        if (node == null || node.isNull()) {
            return defaults();
        }
        if (!node.isObject()) {
            throw new BadInputException(where + ": expected an object such as {\"path\": \"/health\"}, got "
                    + ConfigLoader.describe(node));
        }
        String path = DEFAULT_PATH;
        JsonNode pathNode = node.get("path");
        if (pathNode != null && !pathNode.isNull()) {
            if (!pathNode.isTextual() || pathNode.asText().isBlank()) {
                throw new BadInputException(where + ".path: expected a path such as \"/health\", got "
                        + ConfigLoader.describe(pathNode));
            }
            path = pathNode.asText().trim();
            if (path.startsWith("http://") || path.startsWith("https://")) {
                Urls.withoutUserInfo(path, where + ".path", "health checks send no credentials");
            }
        }
        List<Integer> expect = new ArrayList<>();
        JsonNode expectNode = node.get("expectStatus");
        if (expectNode != null && !expectNode.isNull()) {
            if (expectNode.isArray()) {
                for (int i = 0; i < expectNode.size(); i++) {
                    expect.add(status(expectNode.get(i), where + ".expectStatus[" + i + "]"));
                }
            } else {
                expect.add(status(expectNode, where + ".expectStatus"));
            }
        }
        String body = null;
        JsonNode bodyNode = node.get("bodyContains");
        if (bodyNode != null && !bodyNode.isNull()) {
            if (!bodyNode.isTextual() || bodyNode.asText().isEmpty()) {
                throw new BadInputException(where + ".bodyContains: expected a non-empty string, got "
                        + ConfigLoader.describe(bodyNode));
            }
            body = bodyNode.asText();
        }
        Duration timeout = seconds(node.get("timeoutSeconds"), where + ".timeoutSeconds", DEFAULT_TIMEOUT, 0.001,
                MAX_TIMEOUT_SECONDS);
        Duration interval = seconds(node.get("intervalSeconds"), where + ".intervalSeconds", DEFAULT_INTERVAL, 0,
                MAX_INTERVAL_SECONDS);
        int retries = DEFAULT_RETRIES;
        JsonNode retriesNode = node.get("retries");
        if (retriesNode != null && !retriesNode.isNull()) {
            if (!retriesNode.canConvertToInt() || !retriesNode.isIntegralNumber() || retriesNode.asInt() < 0
                    || retriesNode.asInt() > MAX_RETRIES) {
                throw new BadInputException(where + ".retries: expected a whole number from 0 to " + MAX_RETRIES
                        + ", got " + ConfigLoader.describe(retriesNode));
            }
            retries = retriesNode.asInt();
        }
        return new HealthCheckSettings(path, expect, body, timeout, retries, interval);
    }

    private static int status(JsonNode node, String where) {
        if (node == null || !node.isIntegralNumber() || node.asInt() < 100 || node.asInt() > 599) {
            throw new BadInputException(where + ": expected an HTTP status code from 100 to 599, got "
                    + ConfigLoader.describe(node));
        }
        return node.asInt();
    }

    private static Duration seconds(JsonNode node, String where, Duration fallback, double min, double max) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber() || node.asDouble() < min || node.asDouble() > max) {
            throw new BadInputException(where + ": expected a number of seconds from " + format(min) + " to "
                    + format(max) + ", got " + ConfigLoader.describe(node));
        }
        return Duration.ofMillis(Math.round(node.asDouble() * 1000));
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
