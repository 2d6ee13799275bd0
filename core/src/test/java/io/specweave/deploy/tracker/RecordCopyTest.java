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
    void oversizedCopyDropsOldestHistoryFirst() {
        ObjectNode envelope = RecordCopy.envelope("0018-x", "qa", record(500), 4_000);
        assertThat(Json.compact(envelope).length()).isLessThanOrEqualTo(4_000);
        var history = envelope.path("record").path("history");
        assertThat(history.size()).isLessThan(500).isPositive();
        assertThat(history.get(history.size() - 1).path("commit").asText()).isEqualTo("c499");
        assertThat(envelope.path("historyTrimmed").asInt()).isEqualTo(500 - history.size());
    }
}
