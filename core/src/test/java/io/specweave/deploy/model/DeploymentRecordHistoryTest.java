package io.specweave.deploy.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.JsonInput;
import org.junit.jupiter.api.Test;

/** A record's history as metadata.json holds it, read on demand. */
class DeploymentRecordHistoryTest {

    /** {@code json} read as metadata.json is read. */
    private static ObjectNode node(String json) {
        return JsonInput.parseObject(json, "metadata.json", JsonInput.Syntax.JSON);
    }

    private static final String RECORD = """
            {"status": "deployed", "commit": "c3", "teamNote": "kept",
             "history": [{"status": "deployed", "commit": "c1"}, "not a record",
                         {"status": "failed", "commit": "c2", "issueNumber": "twelve"}]}""";

    @Test
    void historyEntriesAreTheObjectsOfTheArrayEachReadLeniently() {
        DeploymentRecord record = DeploymentRecord.fromNode(node(RECORD));

        assertThat(record.commit()).isEqualTo("c3");
        assertThat(record.history()).hasSize(2);
        assertThat(record.history()).extracting(DeploymentRecord::commit).containsExactly("c1", "c2");
        assertThat(record.history().get(1).status().raw()).isEqualTo("failed");
        assertThat(record.history().get(1).issueNumber()).isNull();
    }

    @Test
    void aRecordReadBeforeTheDocumentChangesKeepsTheHistoryItRead() {
        ObjectNode node = node(RECORD);
        DeploymentRecord record = DeploymentRecord.fromNode(node);

        ((ArrayNode) node.get("history")).add(node("{\"commit\": \"c9\"}"));
        ((ObjectNode) node.get("history").get(0)).put("commit", "changed");

        assertThat(record.history()).extracting(DeploymentRecord::commit).containsExactly("c1", "c2");
    }

    @Test
    void aRecordReadFromTheFileEqualsTheSameRecordBuilt() {
        DeploymentRecord read = DeploymentRecord.fromNode(node("""
                {"status": "deployed", "commit": "c2", "history": [{"status": "deployed", "commit": "c1"}]}"""));
        DeploymentRecord built = DeploymentRecord.builder().status(DeploymentStatus.of("deployed")).commit("c2")
                .history(java.util.List.of(DeploymentRecord.builder().status(DeploymentStatus.of("deployed"))
                        .commit("c1").build())).build();

        assertThat(read).isEqualTo(built);
        assertThat(read.hashCode()).isEqualTo(built.hashCode());
        assertThat(read.toNode()).isEqualTo(built.toNode());
    }

    @Test
    void theTreeWithoutHistoryLeavesItOutAndTheWholeTreeKeepsItLast() {
        DeploymentRecord record = DeploymentRecord.fromNode(node(RECORD));

        assertThat(record.toNodeWithoutHistory().has("history")).isFalse();
        assertThat(record.toNodeWithoutHistory().path("commit").asText()).isEqualTo("c3");
        ObjectNode whole = record.toNode();
        assertThat(whole.path("history")).hasSize(2);
        assertThat(whole.fieldNames()).toIterable().last().isEqualTo("history");
    }
}
