package io.specweave.deploy.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A record's {@code changeRequest}: the approved change (ServiceNow, Jira Service Management, ...)
 * a deployment runs under.
 *
 * @param id         the change's id ({@code CHG0031337})
 * @param url        a link to it, may be null
 * @param approvedAt when it was approved, ISO-8601, may be null
 * @param window     the approved window as an ISO-8601 interval: {@code start/end} or {@code start/duration}
 */
public record ChangeRequest(String id, String url, String approvedAt, String window) {

    private static final List<String> KEYS = List.of("id", "url", "approvedAt", "window");
    private static final Pattern SPLIT = Pattern.compile(",\\s*(?=(?:id|url|approvedAt|window)=)");

    /** Parses {@code id=CHG-1,url=https://...,approvedAt=2026-11-27T09:00:00Z,window=start/end}. */
    public static ChangeRequest parse(String text) {
        String expected = "expected id=...,url=...,approvedAt=...,window=START/END (ISO-8601 times), e.g. "
                + "id=CHG0031337,window=2026-11-28T22:00:00Z/2026-11-29T02:00:00Z";
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : SPLIT.split(text.trim())) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("--change-request \"" + text + "\": \"" + part + "\" is not key=value; "
                        + expected);
            }
            String key = part.substring(0, eq).trim();
            if (!KEYS.contains(key)) {
                throw new BadInputException("--change-request: unknown key \"" + key + "\"; " + expected);
            }
            values.put(key, part.substring(eq + 1).trim());
        }
        if (values.get("id") == null || values.get("id").isEmpty()) {
            throw new BadInputException("--change-request \"" + text + "\": id is missing; " + expected);
        }
        ChangeRequest request = new ChangeRequest(values.get("id"), blank(values.get("url")),
                blank(values.get("approvedAt")), blank(values.get("window")));
        if (request.approvedAt != null && DeploymentRecord.parseTime(request.approvedAt) == null) {
            throw new BadInputException("--change-request: approvedAt \"" + request.approvedAt
                    + "\" is not an ISO-8601 time such as 2026-11-27T09:00:00Z");
        }
        if (request.window != null && request.interval() == null) {
            throw new BadInputException("--change-request: window \"" + request.window
                    + "\" is not an ISO-8601 interval; expected START/END or START/DURATION, e.g. "
                    + "2026-11-28T22:00:00Z/2026-11-29T02:00:00Z or 2026-11-28T22:00:00Z/PT4H");
        }
        return request;
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** The window's start and end; null when there is none or it cannot be read. */
    public Instant[] interval() {
        if (window == null) {
            return null;
        }
        int slash = window.indexOf('/');
        if (slash <= 0) {
            return null;
        }
        Instant start = DeploymentRecord.parseTime(window.substring(0, slash));
        String tail = window.substring(slash + 1).trim();
        Instant end = DeploymentRecord.parseTime(tail);
        if (end == null && start != null && tail.startsWith("P")) {
            try {
                end = start.plus(Duration.parse(tail));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        if (start == null || end == null || end.isBefore(start)) {
            return null;
        }
        return new Instant[] {start, end};
    }

    public ObjectNode toNode() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("id", id);
        if (url != null) {
            node.put("url", url);
        }
        if (approvedAt != null) {
            node.put("approvedAt", approvedAt);
        }
        if (window != null) {
            node.put("window", window);
        }
        return node;
    }

    public static ChangeRequest from(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        return new ChangeRequest(Json.text(node, "id"), Json.text(node, "url"), Json.text(node, "approvedAt"),
                Json.text(node, "window"));
    }
}
