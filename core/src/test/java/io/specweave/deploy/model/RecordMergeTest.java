package io.specweave.deploy.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import org.junit.jupiter.api.Test;

class RecordMergeTest {

    private static ObjectNode node(String json) {
        try {
            return (ObjectNode) Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void remoteOnlyRecordIsTakenWhole() {
        ObjectNode remote = node("{\"status\": \"deployed\", \"deployedAt\": \"2026-11-01T10:00:00Z\", \"commit\": \"a\"}");
        RecordMerge.Result result = RecordMerge.merge(null, remote);
        assertThat(result.changed()).isTrue();
        assertThat(result.merged().path("commit").asText()).isEqualTo("a");
    }

    @Test
    void newerRemoteWinsAndTheOlderLocalStateJoinsHistory() {
        ObjectNode local = node("""
                {"status": "deployed", "deployedAt": "2026-11-01T10:00:00Z", "commit": "a", "teamNote": "kept",
                 "history": [{"status": "deployed", "deployedAt": "2026-10-01T10:00:00Z", "commit": "old"}]}""");
        ObjectNode remote = node("""
                {"status": "deployed", "deployedAt": "2026-11-02T10:00:00Z", "commit": "b",
                 "history": [{"status": "failed", "deployedAt": "2026-10-15T10:00:00Z", "commit": "x"}]}""");
        RecordMerge.Result result = RecordMerge.merge(local, remote);
        JsonNode merged = result.merged();
        assertThat(result.remoteWasNewer()).isTrue();
        assertThat(merged.path("commit").asText()).isEqualTo("b");
        assertThat(merged.path("teamNote").asText()).isEqualTo("kept");
        assertThat(merged.path("history")).extracting(h -> h.path("commit").asText()).containsExactly("old", "x", "a");
    }

    @Test
    void historyIsTheUnionWhenBothSidesHaveEntriesTheOtherLacks() {
        ObjectNode local = node("""
                {"status": "deployed", "deployedAt": "2026-11-05T10:00:00Z", "commit": "c",
                 "history": [{"deployedAt": "2026-11-01T10:00:00Z", "commit": "a"},
                             {"deployedAt": "2026-11-03T10:00:00Z", "commit": "l"}]}""");
        ObjectNode remote = node("""
                {"status": "deployed", "deployedAt": "2026-11-05T10:00:00Z", "commit": "c",
                 "history": [{"deployedAt": "2026-11-01T10:00:00Z", "commit": "a"},
                             {"deployedAt": "2026-11-02T10:00:00Z", "commit": "r"}]}""");
        RecordMerge.Result result = RecordMerge.merge(local, remote);
        assertThat(result.merged().path("history")).extracting(h -> h.path("commit").asText())
                .containsExactly("a", "r", "l");
        assertThat(result.historyAdded()).isEqualTo(1);
        assertThat(result.remoteWasNewer()).isFalse();
    }

    @Test
    void aNewerCopyWhoseWordsWereCutToFitItsTrackerKeepsTheWholeLocalText() {
        String reason = "payment gateway 502 ".repeat(500);
        ObjectNode local = node("""
                {"status": "deployed", "deployedAt": "2026-11-05T10:00:00Z", "commit": "c", "note": "kept"}""");
        local.put("rollbackReason", reason);
        local.putArray("approvals").addObject().put("approvedBy", "ana").put("notes", reason);
        ObjectNode remote = local.deepCopy();
        remote.put("lastChecked", "2026-11-05T11:00:00Z").put("healthStatus", "healthy")
                .put("rollbackReason", FreeText.cut(reason, 300));
        ((ObjectNode) remote.path("approvals").get(0)).put("notes", FreeText.cut(reason, 300));

        RecordMerge.Result result = RecordMerge.merge(local, remote);

        assertThat(result.remoteWasNewer()).isTrue();
        assertThat(result.merged().path("healthStatus").asText()).isEqualTo("healthy");
        assertThat(result.merged().path("rollbackReason").asText()).isEqualTo(reason);
        assertThat(result.merged().path("approvals").get(0).path("notes").asText()).isEqualTo(reason);

        remote.put("rollbackReason", FreeText.cut("another reason " + reason, 300));
        assertThat(RecordMerge.merge(local, remote).merged().path("rollbackReason").asText())
                .as("words that are not a cut of the local ones are the newer side's").startsWith("another reason");
    }

    @Test
    void identicalCopiesChangeNothing() {
        ObjectNode local = node("{\"status\": \"deployed\", \"deployedAt\": \"2026-11-05T10:00:00Z\", \"commit\": \"c\"}");
        RecordMerge.Result result = RecordMerge.merge(local, local.deepCopy());
        assertThat(result.changed()).isFalse();
        assertThat(result.merged()).isEqualTo(local);
    }

    @Test
    void olderRemoteAddsOnlyItsHistory() {
        ObjectNode local = node("{\"status\": \"deployed\", \"deployedAt\": \"2026-11-05T10:00:00Z\", \"commit\": \"new\"}");
        ObjectNode remote = node("{\"status\": \"deployed\", \"deployedAt\": \"2026-11-01T10:00:00Z\", \"commit\": \"old\"}");
        RecordMerge.Result result = RecordMerge.merge(local, remote);
        assertThat(result.merged().path("commit").asText()).isEqualTo("new");
        assertThat(result.merged().path("history")).extracting(h -> h.path("commit").asText()).containsExactly("old");
    }
}
