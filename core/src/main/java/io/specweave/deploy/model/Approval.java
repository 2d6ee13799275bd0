package io.specweave.deploy.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import java.time.Instant;

/**
 * One entry of a record's {@code approvals[]}.
 *
 * @param approvedBy who approved
 * @param role       in what role (release manager, QA lead, ...), may be null
 * @param approvedAt when, ISO-8601 UTC
 * @param notes      free text, may be null
 */
public record Approval(String approvedBy, String role, String approvedAt, String notes) {

    public ObjectNode toNode() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("approvedBy", approvedBy);
        if (role != null) {
            node.put("role", role);
        }
        node.put("approvedAt", approvedAt);
        if (notes != null) {
            node.put("notes", notes);
        }
        return node;
    }

    /** Reads an entry leniently; SpecWeave's older {@code by} spelling is accepted. */
    public static Approval from(JsonNode node) {
        String by = Json.text(node, "approvedBy");
        if (by == null) {
            by = Json.text(node, "by");
        }
        return new Approval(by, Json.text(node, "role"), Json.text(node, "approvedAt"), Json.text(node, "notes"));
    }

    public Instant approvedAtInstant() {
        return DeploymentRecord.parseTime(approvedAt);
    }
}
