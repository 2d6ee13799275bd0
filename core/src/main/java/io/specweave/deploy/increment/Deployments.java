package io.specweave.deploy.increment;

import io.specweave.deploy.model.DeploymentRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to the deployment records of a {@link MetadataDocument}. Writes change only the
 * fields a record owns; any other key a team keeps under {@code deployments.<env>} stays.
 */
public final class Deployments {

    private Deployments() {
    }

    public static Optional<DeploymentRecord> get(MetadataDocument document, String environment) {
        return document.deployment(environment).map(DeploymentRecord::fromNode);
    }

    /** Every environment's record, in file order. */
    public static Map<String, DeploymentRecord> all(MetadataDocument document) {
        Map<String, DeploymentRecord> records = new LinkedHashMap<>();
        document.deployments().forEach((env, node) -> records.put(env, DeploymentRecord.fromNode(node)));
        return records;
    }

    /**
     * Makes {@code record} the current state of {@code environment}. When the environment held a
     * different deployment, that earlier state is appended to {@code history} first (newest last).
     * The record's own {@code history} is ignored: history is only ever appended to.
     */
    public static void put(MetadataDocument document, String environment, DeploymentRecord record,
            boolean archivePrevious) {
        ObjectNode node = document.deploymentForUpdate(environment);
        if (archivePrevious && hasOwnedFields(node)) {
            ObjectNode snapshot = node.deepCopy();
            snapshot.remove("history");
            ArrayNode history = node.has("history") && node.get("history").isArray()
                    ? (ArrayNode) node.get("history") : null;
            if (history == null) {
                history = node.putArray("history");
            }
            history.add(snapshot);
        }
        ObjectNode fresh = record.toNodeWithoutHistory();
        for (String field : DeploymentRecord.OWNED_FIELDS) {
            JsonNode value = fresh.get(field);
            if (value == null || value.isNull()) {
                node.remove(field);
            } else if (!value.equals(node.get(field))) {
                // Equal values stay as written, so a record read and written back keeps its text.
                node.set(field, value);
            }
        }
        // Keep history last: it is the longest part and the least read.
        JsonNode history = node.remove("history");
        if (history != null) {
            node.set("history", history);
        }
    }

    private static boolean hasOwnedFields(ObjectNode node) {
        return DeploymentRecord.OWNED_FIELDS.stream().anyMatch(node::has);
    }
}
