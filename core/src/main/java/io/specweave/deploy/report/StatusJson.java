package io.specweave.deploy.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;

/**
 * The JSON form of a {@link PipelineStatus} that every front end prints or outputs: the CLI's
 * {@code status --json}, the Action's {@code status} output. Earlier deployments are left out
 * unless asked for, which keeps the document small enough for a step output.
 */
public final class StatusJson {

    private StatusJson() {
    }

    public static ObjectNode of(PipelineStatus status, boolean withHistory) {
        ObjectNode node = Json.mapper().valueToTree(status);
        if (!withHistory) {
            JsonNode environments = node.get("environments");
            if (environments instanceof ArrayNode array) {
                array.forEach(e -> ((ObjectNode) e).remove("history"));
            }
        }
        return node;
    }
}
