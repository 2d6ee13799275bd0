package io.specweave.deploy.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.Times;
import java.time.Instant;

/**
 * One entry of a record's {@code approvals[]}, typed over the entry as stored (other keys are
 * kept): who approved, in what role, when, and notes. An entry that is no object ({@code "jane (in
 * chat)"}) is kept as written and names nobody.
 */
public record Approval(JsonNode node) {

    public Approval {
        node = node == null ? Json.mapper().createObjectNode() : node.deepCopy();
    }

    public static Approval of(String approvedBy, String role, String approvedAt, String notes) {
        return of(approvedBy, role, approvedAt, notes, null);
    }

    /** @param commit what is approved: the deployment of this commit; null for an approval that names none */
    public static Approval of(String approvedBy, String role, String approvedAt, String notes, String commit) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("approvedBy", approvedBy);
        if (commit != null) {
            node.put("commit", commit);
        }
        if (role != null) {
            node.put("role", role);
        }
        node.put("approvedAt", approvedAt);
        if (notes != null) {
            node.put("notes", notes);
        }
        return new Approval(node);
    }

    /** Reads an entry as written; one that is not an object is an approval of nobody. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Approval from(JsonNode node) {
        return new Approval(node);
    }

    @JsonValue
    public JsonNode toNode() {
        return node.deepCopy();
    }

    /** Who approved; SpecWeave's older {@code by} spelling is read too. */
    public String approvedBy() {
        String by = Json.text(node, "approvedBy");
        return by != null ? by : Json.text(node, "by");
    }

    public String role() {
        return Json.text(node, "role");
    }

    public String approvedAt() {
        return Json.text(node, "approvedAt");
    }

    /** The commit whose deployment this approves; null for an entry that names none (older records, SpecWeave's). */
    public String commit() {
        return Json.text(node, "commit");
    }

    /**
     * True when this approves a deployment of {@code deployed}: it names who approved, and that
     * commit (a short SHA matches its full form) or none. A null {@code deployed} is approved by any
     * entry that names who approved; one that names nobody approves nothing.
     */
    public boolean approves(String deployed) {
        return approvedBy() != null && names(commit(), deployed);
    }

    /**
     * True when {@code named} (an approval's or a change request's commit) is {@code deployed}
     * ({@link Commits#same}); either null matches anything.
     */
    public static boolean names(String named, String deployed) {
        return named == null || deployed == null || Commits.same(named, deployed);
    }

    /**
     * True when this says what {@code earlier} said: the same person, role, notes and commit, at another
     * time (a re-run of the approving step), so it adds nothing.
     */
    public boolean repeats(Approval earlier) {
        return java.util.Objects.equals(approvedBy(), earlier.approvedBy()) && java.util.Objects.equals(role(),
                earlier.role()) && java.util.Objects.equals(notes(), earlier.notes())
                && Commits.equal(commit(), earlier.commit());
    }

    public String notes() {
        return Json.text(node, "notes");
    }

    public Instant approvedAtInstant() {
        return Times.parse(approvedAt());
    }
}
