package io.specweave.deploy.report;

import io.specweave.deploy.status.PipelineStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;

/**
 * The JSON form of a {@link PipelineStatus} that every front end prints or outputs: the CLI's
 * {@code status --json}, the Action's {@code status} output. Earlier deployments are left out
 * unless asked for, which keeps the document small enough for a step output. Blue-green slots and
 * the canary appear per environment under {@code slots} and {@code canary}, shaped as in
 * {@code metadata.json}.
 */
public final class StatusJson {

    private StatusJson() {
    }

    public static ObjectNode of(PipelineStatus status, boolean withHistory) {
        ObjectNode node = Json.mapper().valueToTree(status);
        // Slots as metadata.json has them: {"live": "green", ..., "blue": {...}, "green": {...}}.
        if (node.get("environments") instanceof ArrayNode all) {
            for (JsonNode e : all) {
                if (e.get("slots") instanceof ObjectNode slots && slots.remove("slots") instanceof ObjectNode named) {
                    slots.setAll(named);
                }
            }
        }
        if (!withHistory) {
            JsonNode environments = node.get("environments");
            if (environments instanceof ArrayNode array) {
                array.forEach(e -> ((ObjectNode) e).remove("history"));
            }
        }
        return node;
    }
}
