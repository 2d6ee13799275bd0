package io.specweave.deploy.model;

import io.specweave.deploy.Trees;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The blue-green state of an environment, {@code deployments.<env>.slots}:
 * {@code {"live": "green", "previousLive": "blue", "swappedAt": "...", "blue": {...}, "green": {...}}}.
 *
 * @param live         the slot serving traffic, null before the first slot deployment
 * @param previousLive the slot that served before the last swap, null before the first swap
 * @param swappedAt    when the last swap happened
 * @param slots        slot name → what it runs, for the slots that have had a deployment
 */
public record SlotsState(String live, String previousLive, String swappedAt, Map<String, Slot> slots) {

    public static final String KEY = "slots";

    public SlotsState {
        // Kept in the given order (the file's), so views list the slots the same way every time.
        slots = slots == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(slots));
    }

    /** The state stored in an environment's node; an empty state when there is none. */
    public static SlotsState read(JsonNode environmentNode) {
        JsonNode node = environmentNode == null ? null : environmentNode.get(KEY);
        if (node == null || !node.isObject()) {
            return new SlotsState(null, null, null, Map.of());
        }
        Map<String, Slot> slots = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (e.getValue().isObject()) {
                Slot slot = Trees.read(e.getValue(), Slot.class);
                if (slot != null) {
                    slots.put(e.getKey(), slot);
                }
            }
        }
        return new SlotsState(Json.text(node, "live"), Json.text(node, "previousLive"), Json.text(node, "swappedAt"),
                slots);
    }

    public Slot slot(String name) {
        return slots.get(name);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return live == null && slots.isEmpty();
    }

    /** Writes this state into the environment's node; other keys under {@code slots} and in each slot stay. */
    public void write(ObjectNode environmentNode) {
        ObjectNode node = Trees.object(environmentNode, KEY);
        setOrRemove(node, "live", live);
        setOrRemove(node, "previousLive", previousLive);
        setOrRemove(node, "swappedAt", swappedAt);
        slots.forEach((name, slot) -> Trees.merge(Trees.object(node, name), slot));
    }

    public SlotsState with(String name, Slot slot) {
        Map<String, Slot> copy = new LinkedHashMap<>(slots);
        copy.put(name, slot);
        return new SlotsState(live, previousLive, swappedAt, copy);
    }

    public SlotsState swappedTo(String newLive, String at) {
        return new SlotsState(newLive, live, at, slots);
    }

    private static void setOrRemove(ObjectNode node, String field, String value) {
        if (value == null) {
            node.remove(field);
        } else {
            node.put(field, value);
        }
    }
}
