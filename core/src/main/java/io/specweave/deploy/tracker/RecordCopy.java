package io.specweave.deploy.tracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.model.FreeText;
import io.specweave.deploy.model.LeftOut;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine-readable copy of an environment's record that trackers keep on their item, so that
 * a later CI job with a fresh checkout can read what earlier jobs recorded. The copy is compact
 * JSON, bounded in size (free text cut, then the oldest history entries dropped, then the largest
 * values left out, {@link LeftOut}):
 * {@code {"v":1,"increment":"0018-x","environment":"qa","record":{...}}}.
 *
 * <p>Markdown and HTML bodies hold it in a hidden comment, {@code <!-- specweave-deploy:record {...} -->};
 * JSON never contains {@code --} outside strings, and inside strings it is written as
 * {@code -\u002d}, so the comment cannot end early and the JSON still decodes to the same value.
 */
public final class RecordCopy {

    public static final int VERSION = 1;
    /** The fields that link a record to its tracking item. */
    public static final java.util.List<String> LINK_FIELDS = java.util.List.of("issueNumber", "issueKey", "workItemId",
            "issueUrl", "workItemUrl");
    private static final String PREFIX = "<!-- specweave-deploy:record ";
    private static final Pattern HIDDEN = Pattern.compile("<!-- specweave-deploy:record (\\{.*?\\}) -->", Pattern.DOTALL);

    private RecordCopy() {
    }

    /**
     * A free-text value in an oversized copy keeps this many characters at first; one of many
     * history entries' worth, so the record's own words give way before its history does.
     */
    static final int FREE_TEXT_CAP = 2_000;
    /** ...and this many when dropping the whole history was not enough. */
    static final int FREE_TEXT_LAST_CAP = 200;

    /**
     * The copy as JSON, at most {@code maxChars} characters: when it is larger, free-text values
     * ({@link FreeText}) are cut first, then the oldest history entries dropped, then free text cut
     * further. A copy within the bound is the record as it is.
     */
    public static ObjectNode envelope(String incrementId, String environment, ObjectNode record, int maxChars) {
        return envelope(incrementId, environment, record, maxChars, envelope -> Json.compact(envelope).length());
    }

    /**
     * The hidden HTML comment holding the copy, at most {@code maxChars} characters as the body
     * holds it: measured with its escapes, which a value full of {@code --} makes longer than its JSON.
     */
    public static String hiddenComment(String incrementId, String environment, ObjectNode record, int maxChars) {
        return hiddenComment(envelope(incrementId, environment, record, maxChars,
                envelope -> hiddenComment(envelope).length()));
    }

    /** The copy within {@code max} as {@code size} measures it where it is stored (characters, bytes). */
    public static ObjectNode envelope(String incrementId, String environment, ObjectNode record, int max,
            ToIntFunction<ObjectNode> size) {
        ObjectNode copy = record.deepCopy();
        // The item's own link is the item itself; leaving it out keeps the copy, and so the item,
        // unchanged between the first sync (no link yet) and a re-run of the same deployment.
        LINK_FIELDS.forEach(copy::remove);
        ObjectNode envelope = Json.mapper().createObjectNode();
        envelope.put("v", VERSION);
        envelope.put("increment", incrementId);
        envelope.put("environment", environment);
        envelope.set("record", copy);
        if (size.applyAsInt(envelope) <= max) {
            return envelope;
        }
        FreeText.cutAll(copy, FREE_TEXT_CAP);
        int current = size.applyAsInt(envelope);
        // A value that alone takes a good part of the bound (a metrics object of thousands of keys) goes before
        // the history a fresh checkout's DORA figures and gates read; said in its place.
        int leftOut = 0;
        while (current > max && LeftOut.leaveOutLargest(copy, max / 4)) {
            envelope.put("valuesLeftOut", ++leftOut);
            current = size.applyAsInt(envelope);
        }
        JsonNode history = copy.get("history");
        int trimmed = 0;
        while (current > max && history instanceof ArrayNode array && array.size() > 0) {
            // Drop about as many of the oldest entries as the excess needs, then measure again.
            int average = Math.max(1, Json.compact(array).length() / array.size());
            int drop = Math.min(array.size(), Math.max(1, (current - max) / average));
            for (int i = 0; i < drop; i++) {
                array.remove(0);
            }
            trimmed += drop;
            envelope.put("historyTrimmed", trimmed);
            current = size.applyAsInt(envelope);
        }
        if (current > max) {
            FreeText.cutAll(copy, FREE_TEXT_LAST_CAP);
            current = size.applyAsInt(envelope);
        }
        // Still too large: the largest values go, said in their place.
        while (current > max && LeftOut.leaveOutLargest(copy, 0)) {
            envelope.put("valuesLeftOut", ++leftOut);
            current = size.applyAsInt(envelope);
        }
        return envelope;
    }

    /** The hidden HTML comment holding the copy. */
    public static String hiddenComment(ObjectNode envelope) {
        return PREFIX + Json.compact(envelope).replace("--", "-\\u002d") + " -->";
    }

    /** Finds the hidden copy in a Markdown or HTML body; empty when absent or unreadable. */
    public static Optional<ObjectNode> fromHiddenComment(String body, String incrementId, String environment) {
        if (body == null) {
            return Optional.empty();
        }
        Matcher m = HIDDEN.matcher(body);
        while (m.find()) {
            Optional<ObjectNode> record = fromJson(m.group(1), incrementId, environment);
            if (record.isPresent()) {
                return record;
            }
        }
        return Optional.empty();
    }

    /** Reads an envelope; empty when it is not one, or is for another increment or environment. */
    public static Optional<ObjectNode> fromJson(String json, String incrementId, String environment) {
        try {
            return fromEnvelope(Json.mapper().readTree(json), incrementId, environment);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    public static Optional<ObjectNode> fromEnvelope(JsonNode envelope, String incrementId, String environment) {
        if (envelope == null || !envelope.isObject() || !envelope.path("record").isObject()) {
            return Optional.empty();
        }
        if (!incrementId.equals(envelope.path("increment").asText()) || !environment.equals(envelope.path("environment").asText())) {
            return Optional.empty();
        }
        return Optional.of((ObjectNode) envelope.get("record"));
    }
}
