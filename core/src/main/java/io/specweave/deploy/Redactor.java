package io.specweave.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.nio.charset.StandardCharsets;

/**
 * Removes secret values from text before it reaches a message, a log or a file. It knows each
 * secret in plain form and in the Base64 form basic auth puts on the wire.
 */
public final class Redactor {

    /** Longest first, replaced whole by {@link #add}: a redaction in progress keeps the list it read. */
    private volatile List<String> values = List.of();
    private final String mask;

    public Redactor() {
        this("****");
    }

    /** @param mask what replaces each secret: {@code ***} where a log's own masking writes that */
    public Redactor(String mask) {
        this.mask = mask;
    }

    public Redactor add(Secret secret) {
        if (secret != null) {
            add(secret.reveal());
        }
        return this;
    }

    public synchronized Redactor add(String value) {
        if (value != null && value.length() >= 4 && !values.contains(value)) {
            List<String> more = new ArrayList<>(values);
            more.add(value);
            more.add(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
            // Longest first: a secret's encoding can contain another's (Base64 of "email:token" ends
            // with the Base64 of "token" when the email's length is a multiple of three).
            more.sort((a, b) -> Integer.compare(b.length(), a.length()));
            values = List.copyOf(more);
        }
        return this;
    }

    /** Every secret in {@code text} replaced by the mask. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String value : values) {
            result = result.replace(value, mask);
        }
        return result;
    }

    /** A copy of {@code node} with every secret in its texts replaced by the mask (keys are ours, left as they are). */
    public JsonNode redactTexts(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(redact(node.asText()));
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            object.fields().forEachRemaining(e -> copy.set(e.getKey(), redactTexts(e.getValue())));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            array.forEach(item -> copy.add(redactTexts(item)));
            return copy;
        }
        return node;
    }
}
