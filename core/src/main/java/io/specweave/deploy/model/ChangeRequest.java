package io.specweave.deploy.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Input;
import io.specweave.deploy.Json;
import io.specweave.deploy.Message;
import io.specweave.deploy.Times;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A record's {@code changeRequest}: the approved change (ServiceNow, Jira Service Management, ...)
 * a deployment runs under, typed over the object as stored (other keys are kept): its {@code id},
 * {@code url}, {@code approvedAt} and {@code window}, an ISO-8601 interval ({@code start/end} or
 * {@code start/duration}).
 */
public record ChangeRequest(ObjectNode node) {

    private static final List<String> KEYS = List.of("id", "url", "approvedAt", "window");
    /** Before each {@code key=}: a key this tool does not know is refused, never folded into the value before it. */
    private static final Pattern SPLIT = Pattern.compile(",\\s*(?=[A-Za-z][\\w-]*\\s*=)");

    public ChangeRequest {
        node = node == null ? Json.mapper().createObjectNode() : node.deepCopy();
    }

    public static ChangeRequest of(String id, String url, String approvedAt, String window) {
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
        return new ChangeRequest(node);
    }

    /**
     * Parses {@code id=CHG-1,url=https://...,approvedAt=2026-11-27T09:00:00Z,window=start/end}; bad text is
     * bad input naming the change request.
     */
    public static ChangeRequest parse(String text) {
        String expected = "expected id=...,url=...,approvedAt=...,window=START/END (ISO-8601 times), e.g. "
                + "id=CHG0031337,window=2026-11-28T22:00:00Z/2026-11-29T02:00:00Z";
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : SPLIT.split(text.trim())) {
            int eq = part.indexOf('=');
            // A URL given alone ("https://host/C9?view=1"): its '=' is the URL's, not a key's.
            if (eq <= 0 || holdsUrl(part.substring(0, eq))) {
                throw bad(shown(part) + " is not key=value; " + expected);
            }
            String key = part.substring(0, eq).trim();
            if (!KEYS.contains(key)) {
                throw bad("unknown key \"" + key + "\" (the keys are " + String.join(", ", KEYS)
                        + "; a comma inside a value is written %2C); " + expected);
            }
            String value = part.substring(eq + 1).trim();
            // A comma is written %2C where it would split; in the URL that is the URL's own spelling of it.
            values.put(key, key.equals("url") ? value : value.replaceAll("(?i)%2C", ","));
        }
        if (values.get("id") == null || values.get("id").isEmpty()) {
            throw bad("id is missing; " + expected);
        }
        for (String key : List.of("id", "approvedAt", "window")) {
            // A URL given after a value without "url=" joins that value: recorded or quoted there, its
            // credentials would be too.
            if (values.get(key) != null && holdsUrl(values.get(key))) {
                throw bad(key + " holds a URL (not repeated here); give the URL as url=..., e.g. "
                        + "id=CHG9,url=https://itsm.example.com/CHG9");
            }
        }
        ChangeRequest request = of(values.get("id"), blank(values.get("url")), blank(values.get("approvedAt")),
                blank(values.get("window")));
        if (request.approvedAt() != null && Times.parse(request.approvedAt()) == null) {
            throw bad("approvedAt \"" + request.approvedAt() + "\" is not an ISO-8601 time such as 2026-11-27T09:00:00Z");
        }
        if (request.window() != null && request.interval() == null) {
            String[] ends = request.window().split("/", 2);
            Instant start = Times.parse(ends[0]);
            Instant end = ends.length == 2 ? Times.parse(ends[1].trim()) : null;
            if (start != null && end != null && end.isBefore(start)) {
                throw bad("window \"" + request.window() + "\" ends before it starts; expected START/END with the "
                        + "start first, e.g. " + ends[1].trim() + "/" + ends[0]);
            }
            throw bad("window \"" + request.window() + "\" is not an ISO-8601 interval; expected START/END or "
                    + "START/DURATION, e.g. 2026-11-28T22:00:00Z/2026-11-29T02:00:00Z or 2026-11-28T22:00:00Z/PT4H");
        }
        return request;
    }

    private static BadInputException bad(String text) {
        return new BadInputException(Message.of(Input.CHANGE_REQUEST, ": " + text));
    }

    /**
     * A part of the text as a message quotes it; one holding a URL is not repeated, as its user info or
     * query may hold a credential (the whole text is never quoted for the same reason).
     */
    private static String shown(String part) {
        return holdsUrl(part) ? "a part holding a URL (not repeated here)" : "\"" + part + "\"";
    }

    private static boolean holdsUrl(String text) {
        return text.contains("://") || text.contains("@");
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    public String id() {
        return Json.text(node, "id");
    }

    /** The commit whose deployment it was registered for ({@code approve --commit}); null when it names none. */
    public String commit() {
        return Json.text(node, "commit");
    }

    /** This change request for the deployment of {@code commit}; itself when {@code commit} is null. */
    public ChangeRequest forCommit(String commit) {
        if (commit == null) {
            return this;
        }
        ObjectNode copy = node.deepCopy();
        copy.put("commit", commit);
        return new ChangeRequest(copy);
    }

    /** True when a deployment of {@code deployed} runs under it: it names that commit, or none. */
    public boolean covers(String deployed) {
        return Approval.names(commit(), deployed);
    }

    public String url() {
        return Json.text(node, "url");
    }

    public String approvedAt() {
        return Json.text(node, "approvedAt");
    }

    public String window() {
        return Json.text(node, "window");
    }

    /** The window's start and end; null when there is none or it cannot be read. */
    public Instant[] interval() {
        String window = window();
        if (window == null) {
            return null;
        }
        int slash = window.indexOf('/');
        if (slash <= 0) {
            return null;
        }
        Instant start = Times.parse(window.substring(0, slash));
        String tail = window.substring(slash + 1).trim();
        Instant end = Times.parse(tail);
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

    @JsonValue
    public ObjectNode toNode() {
        return node.deepCopy();
    }

    /** Reads a stored change request; null when absent or not an object. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ChangeRequest from(JsonNode node) {
        return node instanceof ObjectNode object ? new ChangeRequest(object) : null;
    }
}
