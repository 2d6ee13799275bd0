package io.specweave.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Small helpers for rollout state kept in a Jackson tree next to the deployment record. */
public final class Trees {

    private Trees() {
    }

    /**
     * Writes the components of {@code value} (a record) into {@code target}: a non-null component
     * replaces the key, a null one removes it; keys the record does not know stay as they are.
     */
    public static void merge(ObjectNode target, Record value) {
        ObjectNode fresh = Json.mapper().valueToTree(value);
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            String name = component.getName();
            JsonNode v = fresh.get(name);
            if (v == null || v.isNull()) {
                target.remove(name);
            } else {
                target.set(name, v);
            }
        }
    }

    /** {@code parent.<field>} as an object, created when missing or not an object. */
    public static ObjectNode object(ObjectNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node instanceof ObjectNode object) {
            return object;
        }
        return parent.putObject(field);
    }

    /** Reads a record leniently; null when the node is missing or not an object. */
    public static <T> T read(JsonNode node, Class<T> type) {
        if (node == null || !node.isObject()) {
            return null;
        }
        try {
            return Json.mapper().treeToValue(node, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    /** Now, to the second, as ISO-8601 UTC text. */
    public static String now(Clock clock) {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * Equal as JSON values: {@code 45} and {@code 45.0} are the same number, whichever
     * writer (Java, or SpecWeave's {@code JSON.stringify}) wrote the file last.
     */
    public static boolean sameValue(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> x.isNumber() && y.isNumber()
                ? x.decimalValue().compareTo(y.decimalValue()) == 0 ? 0 : 1
                : x.equals(y) ? 0 : 1, b);
    }
}
