package io.specweave.deploy.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import org.junit.jupiter.api.Test;

class RecordCopyTest {

    private static ObjectNode record(int history) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("status", "deployed").put("commit", "abc").put("deployedBy", "x--y <a@b.c> -->");
        var h = r.putArray("history");
        for (int i = 0; i < history; i++) {
            h.addObject().put("deployedAt", "2026-01-0" + (1 + i % 9) + "T00:00:00Z").put("commit", "c" + i);
        }
        return r;
    }

    @Test
    void hiddenCommentRoundTripsEvenWithCommentTerminatorsInValues() {
        ObjectNode original = record(2);
        String body = "# Title\n\ntext\n" + RecordCopy.hiddenComment(RecordCopy.envelope("0018-x", "qa", original, 60_000))
                + "\n<!-- other -->\n";
        assertThat(body.indexOf("-->")).isGreaterThan(body.indexOf("specweave-deploy:record") + 40);
        assertThat(RecordCopy.fromHiddenComment(body, "0018-x", "qa")).contains(original);
        assertThat(RecordCopy.fromHiddenComment(body, "0018-x", "prod")).isEmpty();
        assertThat(RecordCopy.fromHiddenComment("no copy here", "0018-x", "qa")).isEmpty();
    }

    @Test
    void anOversizedReasonIsCutWithAMarkerBeforeHistoryGoesAndTheCopyStillReadsBack() {
        ObjectNode original = record(20);
        String reason = "stack -- trace ".repeat(8_000);
        original.put("rollbackReason", reason).put("note", "rollback: a rolled back to b: " + reason);

        String hidden = RecordCopy.hiddenComment("0018-x", "qa", original, 24_000);

        assertThat(hidden.length()).isLessThanOrEqualTo(24_000);
        ObjectNode read = RecordCopy.fromHiddenComment("text\n" + hidden, "0018-x", "qa").orElseThrow();
        assertThat(read.path("rollbackReason").asText()).hasSize(2_000).startsWith("stack -- trace stack")
                .endsWith("… [cut from " + reason.length() + " characters; metadata.json keeps the whole text]");
        assertThat(read.path("note").asText()).hasSize(2_000).startsWith("rollback: a rolled back to b: stack");
        assertThat(read.path("history")).as("cutting the words was enough").hasSize(20);
        assertThat(read.path("deployedBy").asText()).isEqualTo("x--y <a@b.c> -->");
        assertThat(RecordCopy.envelope("0018-x", "qa", record(2), 24_000).path("record"))
                .as("a copy within its bound is the record as it is").isEqualTo(record(2));
    }

    @Test
    void oversizedCopyDropsOldestHistoryFirst() {
        ObjectNode envelope = RecordCopy.envelope("0018-x", "qa", record(500), 4_000);
        assertThat(Json.compact(envelope).length()).isLessThanOrEqualTo(4_000);
        var history = envelope.path("record").path("history");
        assertThat(history.size()).isLessThan(500).isPositive();
        assertThat(history.get(history.size() - 1).path("commit").asText()).isEqualTo("c499");
        assertThat(envelope.path("historyTrimmed").asInt()).isEqualTo(500 - history.size());
    }

    @Test
    void aValueTooLargeEvenWithoutHistoryIsLeftOutSaidSoAndReadingTheCopyBackKeepsTheLocalOne() {
        ObjectNode local = record(3);
        local.put("deployedAt", "2026-02-01T00:00:00Z").put("runUrl", "https://ci.example/runs/9");
        ObjectNode metrics = local.putObject("metrics");
        for (int i = 0; i < 1_500; i++) {
            metrics.put("latency_p99_endpoint_" + i, 0.25 + i);
        }

        ObjectNode envelope = RecordCopy.envelope("0018-x", "qa", local, 24_000);

        assertThat(Json.compact(envelope).length()).isLessThanOrEqualTo(24_000);
        ObjectNode copy = (ObjectNode) envelope.path("record");
        assertThat(copy.path("metrics").asText()).startsWith("[left out of the tracker's copy: ")
                .endsWith(" characters; metadata.json keeps it]");
        assertThat(copy.path("commit").asText()).isEqualTo("abc");
        assertThat(copy.path("history")).as("kept: only the large value went").hasSize(3);
        assertThat(envelope.path("valuesLeftOut").asInt()).isEqualTo(1);

        io.specweave.deploy.model.RecordMerge.Result same = io.specweave.deploy.model.RecordMerge.merge(local, copy);
        assertThat(same.merged().path("metrics")).as("this side's, of the same deployment").isEqualTo(metrics);
        io.specweave.deploy.model.RecordMerge.Result fresh = io.specweave.deploy.model.RecordMerge.merge(null, copy);
        assertThat(fresh.merged().has("metrics")).as("a fresh checkout gets none, not the mark").isFalse();
        assertThat(fresh.merged().path("commit").asText()).isEqualTo("abc");
    }
}
