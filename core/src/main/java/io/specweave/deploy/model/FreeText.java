package io.specweave.deploy.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.specweave.deploy.Trees;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words people give a record (a rollback's reason, a note, a health message, an approval's
 * notes) where a copy of the record must stay within a size: cut, saying so and how long the whole
 * text is. A cut value is still a plain JSON string, so a copy stays readable by every reader; and
 * {@link #isCutOf} lets a merge keep the whole text it already has ({@link RecordMerge}).
 */
public final class FreeText {

    /** The keys, anywhere in a record's node, whose values are people's words rather than facts. */
    public static final List<String> FIELDS = List.of("note", "notes", "reason", "rollbackReason", "healthMessage");

    private static final String ELLIPSIS = "…";
    private static final Pattern CUT = Pattern.compile(ELLIPSIS
            + " \\[cut from ([0-9]+) characters; metadata\\.json keeps the whole text\\]$");

    private FreeText() {
    }

    /** {@code text} whole when it has at most {@code max} characters, else its start and the cut marker, within {@code max}. */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        String mark = ELLIPSIS + " [cut from " + text.length() + " characters; metadata.json keeps the whole text]";
        return start(text, Math.max(0, max - mark.length())) + mark;
    }

    /** True when {@code cut} is {@code whole} as {@link #cut} shortened it, for any length. */
    public static boolean isCutOf(String cut, String whole) {
        if (cut == null || whole == null) {
            return false;
        }
        Matcher m = CUT.matcher(cut);
        return m.find() && String.valueOf(whole.length()).equals(m.group(1))
                && whole.startsWith(cut.substring(0, m.start()));
    }

    /**
     * Cuts, in place, every free-text value longer than {@code max} anywhere in {@code node}.
     *
     * @return true when a value was cut
     */
    public static boolean cutAll(JsonNode node, int max) {
        boolean cut = false;
        if (node instanceof ObjectNode object) {
            for (String key : Trees.fieldNames(object)) {
                JsonNode value = object.get(key);
                if (value.isTextual() && FIELDS.contains(key) && value.asText().length() > max) {
                    object.set(key, TextNode.valueOf(cut(value.asText(), max)));
                    cut = true;
                } else {
                    cut |= cutAll(value, max);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode child : array) {
                cut |= cutAll(child, max);
            }
        }
        return cut;
    }

    /**
     * Puts back, in place, the whole text {@code whole} has where {@code merged} holds its cut
     * (the same key or index on both sides), so reading a copy back never shortens a local record.
     */
    static void restoreWhole(JsonNode merged, JsonNode whole) {
        if (merged instanceof ObjectNode object && whole instanceof ObjectNode wholeObject) {
            for (String key : Trees.fieldNames(object)) {
                JsonNode value = object.get(key);
                JsonNode mine = wholeObject.get(key);
                if (value.isTextual() && mine != null && mine.isTextual()) {
                    if (isCutOf(value.asText(), mine.asText())) {
                        object.set(key, mine.deepCopy());
                    }
                } else {
                    restoreWhole(value, mine);
                }
            }
        } else if (merged instanceof ArrayNode array && whole instanceof ArrayNode wholeArray) {
            for (int i = 0; i < array.size() && i < wholeArray.size(); i++) {
                JsonNode mine = wholeArray.get(i);
                if (array.get(i).isTextual() && mine.isTextual()) {
                    if (isCutOf(array.get(i).asText(), mine.asText())) {
                        array.set(i, mine.deepCopy());
                    }
                } else {
                    restoreWhole(array.get(i), mine);
                }
            }
        }
    }


    /** The first {@code length} characters of {@code text}, never splitting a surrogate pair (an emoji). */
    public static String start(String text, int length) {
        int end = Math.min(Math.max(0, length), text.length());
        if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
