package io.specweave.deploy.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A value left out of a record's copy that would not fit its tracker even with its free text cut and
 * its history dropped (a {@code metrics} object of thousands of keys): a plain string in its place
 * says so, and reading the copy back keeps the value this side has, or none ({@link RecordMerge}).
 */
public final class LeftOut {

    /** What identifies the deployment and its state: never left out, the copy is read by them. */
    static final Set<String> KEPT = Set.of("profile", "status", "deployedAt", "deployedBy", "commit", "branch", "tag",
            "runUrl", "deploymentUrl", "healthStatus", "history");
    /**
     * Of the record itself, also what a fresh checkout's gates and rollouts read from the copy: its approvals,
     * tests and change requests, and the environment's slots, canary and flag changes.
     */
    static final Set<String> KEPT_IN_RECORD = Set.of("approvals", "testResults", "changeRequest",
            "nextChangeRequest", "slots", "canary", "flagChanges");

    private static final Pattern MARK = Pattern.compile(
            "\\[left out of the tracker's copy: [0-9]+ characters; metadata\\.json keeps it\\]");

    private LeftOut() {
    }

    /**
     * Replaces the largest value of {@code record} (or of one of its history entries) that is no part of
     * what identifies a deployment, and is longer than {@code atLeast} characters, with the mark saying so.
     *
     * @return false when no such value is left
     */
    public static boolean leaveOutLargest(ObjectNode record, int atLeast) {
        List<ObjectNode> nodes = new ArrayList<>();
        nodes.add(record);
        if (record.get("history") instanceof ArrayNode history) {
            history.forEach(entry -> {
                if (entry instanceof ObjectNode object) {
                    nodes.add(object);
                }
            });
        }
        ObjectNode parent = null;
        String largest = null;
        int size = 0;
        for (ObjectNode node : nodes) {
            for (String key : Trees.fieldNames(node)) {
                JsonNode value = node.get(key);
                int length = Json.compact(value).length();
                boolean kept = KEPT.contains(key) || node == record && KEPT_IN_RECORD.contains(key);
                if (!kept && !isMark(value) && length > size && length > Math.max(100, atLeast)) {
                    parent = node;
                    largest = key;
                    size = length;
                }
            }
        }
        if (parent == null) {
            return false;
        }
        parent.set(largest, TextNode.valueOf("[left out of the tracker's copy: " + size
                + " characters; metadata.json keeps it]"));
        return true;
    }

    static boolean isMark(JsonNode value) {
        return value != null && value.isTextual() && MARK.matcher(value.asText()).matches();
    }

    /**
     * Where {@code merged} holds a mark: the value {@code local} has when both are the same deployment
     * ({@code sameDeployment}), else none; a history entry's mark is dropped (the local entry, when there is
     * one, won the merge already).
     */
    static void restore(ObjectNode merged, ObjectNode local, boolean sameDeployment) {
        for (String key : Trees.fieldNames(merged)) {
            if (isMark(merged.get(key))) {
                JsonNode mine = local == null ? null : local.get(key);
                if (sameDeployment && mine != null && !isMark(mine)) {
                    merged.set(key, mine.deepCopy());
                } else {
                    merged.remove(key);
                }
            }
        }
        if (merged.get("history") instanceof ArrayNode history) {
            history.forEach(entry -> {
                if (entry instanceof ObjectNode object) {
                    Trees.fieldNames(object).stream().filter(k -> isMark(object.get(k))).forEach(object::remove);
                }
            });
        }
    }

}
