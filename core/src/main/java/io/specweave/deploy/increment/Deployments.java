package io.specweave.deploy.increment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.JsonInput;
import io.specweave.deploy.KeyNames;
import io.specweave.deploy.model.DeploymentRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
     * different deployment ({@code archivePrevious}), that earlier state is appended to
     * {@code history} first (newest last), and so are the keys that spelled its fields another way
     * ({@code health_status}): they described it, not the new one. The record's own {@code history}
     * is ignored: history is only ever appended to. Otherwise a field this change leaves as it was
     * stays as written, also a value the record could not read ({@code "approvals": "none yet"}).
     */
    public static void put(MetadataDocument document, String environment, DeploymentRecord record,
            boolean archivePrevious) {
        ObjectNode node = document.deploymentForUpdate(environment);
        ObjectNode before = null;
        java.util.Iterator<String> names = node.fieldNames();
        String lastKey = null;
        while (names.hasNext()) {
            lastKey = names.next();
        }
        boolean historyLast = "history".equals(lastKey);
        if (archivePrevious && hasOwnedFields(node)) {
            JsonNode stored = node.get("history");
            if (stored != null && !stored.isNull() && !stored.isArray()) {
                // Appending would replace it: what it holds is the user's to keep or drop.
                throw new BadInputException(document.source() + ": deployments." + environment
                        + ".history: expected a list of earlier deployments, got " + JsonInput.kind(stored)
                        + "; make it a list (or remove it) so the deployment it holds can go to history");
            }
            ArrayNode history = stored != null && stored.isArray() ? (ArrayNode) stored : node.putArray("history");
            history.add(DeploymentRecord.historyEntry(node));
            List<String> earlier = new ArrayList<>();
            node.fieldNames().forEachRemaining(key -> {
                if (DeploymentRecord.spellsAnOwnedField(key)) {
                    earlier.add(key);
                }
            });
            node.remove(earlier);
        } else {
            before = DeploymentRecord.fromNode(node).toNodeWithoutHistory();
        }
        ObjectNode fresh = record.toNodeWithoutHistory();
        for (String field : DeploymentRecord.OWNED_FIELDS) {
            JsonNode stored = node.get(field);
            if (before != null && fresh.path(field).isArray() && stored != null && !stored.isNull()
                    && !stored.isArray()) {
                // A list is added to (approvals): replacing what the user wrote there would lose it.
                throw new BadInputException(document.source() + ": deployments." + environment + "." + field
                        + ": expected a list, got " + JsonInput.kind(stored) + "; make it a list (or remove it) "
                        + "to add to it");
            }
        }
        List<String> written = new ArrayList<>();
        for (String field : DeploymentRecord.OWNED_FIELDS) {
            JsonNode value = fresh.get(field);
            if (before != null && Objects.equals(value, before.get(field))) {
                continue;
            }
            written.add(field);
            if (value == null || value.isNull()) {
                node.remove(field);
            } else if (!value.equals(node.get(field))) {
                // Equal values stay as written, so a record read and written back keeps its text.
                node.set(field, value);
            }
        }
        if (!written.isEmpty()) {
            // A field written under its own name replaces the key that spelled it another way (read as it).
            List<String> respelled = new ArrayList<>();
            node.fieldNames().forEachRemaining(key -> {
                if (written.contains(KeyNames.spelledOtherwise(key, DeploymentRecord.OWNED_FIELDS))) {
                    respelled.add(key);
                }
            });
            node.remove(respelled);
        }
        // History goes last when it grows (it is the longest part and the least read), and stays last;
        // where the user put it otherwise, a write that archives nothing leaves it.
        if (archivePrevious && before == null || historyLast) {
            JsonNode history = node.remove("history");
            if (history != null) {
                node.set("history", history);
            }
        }
    }

    private static boolean hasOwnedFields(ObjectNode node) {
        return DeploymentRecord.OWNED_FIELDS.stream().anyMatch(node::has);
    }
}
