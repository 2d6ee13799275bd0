package io.specweave.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.model.CanaryState;
import io.specweave.deploy.model.Slot;
import io.specweave.deploy.model.SlotsState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rollout state as metadata.json keeps it: records written by their components and read leniently. */
class TreesTest {

    private static ObjectNode node(String json) {
        return JsonInput.parseObject(json, "metadata.json", JsonInput.Syntax.JSON);
    }

    private static final CanaryState CANARY = new CanaryState("0002-x", "abc", "main", null, "old", 50, "running",
            "2026-12-04T10:00:00Z", "2026-12-04T10:30:00Z", null, null, "ops", "https://ci.example/1",
            List.of(new CanaryState.Step(25, "2026-12-04T10:00:00Z", "ops"),
                    new CanaryState.Step(50, "2026-12-04T10:30:00Z", null)), null);

    @Test
    void aRecordIsWrittenByItsComponentsInOrderWithoutTheUnsetOnes() {
        assertThat(Json.compact(Trees.toNode(CANARY))).isEqualTo("{\"increment\":\"0002-x\",\"commit\":\"abc\","
                + "\"branch\":\"main\",\"stableCommit\":\"old\",\"weight\":50,\"status\":\"running\","
                + "\"startedAt\":\"2026-12-04T10:00:00Z\",\"updatedAt\":\"2026-12-04T10:30:00Z\",\"deployedBy\":\"ops\","
                + "\"runUrl\":\"https://ci.example/1\",\"steps\":[{\"weight\":25,\"at\":\"2026-12-04T10:00:00Z\","
                + "\"by\":\"ops\"},{\"weight\":50,\"at\":\"2026-12-04T10:30:00Z\"}]}");
        SlotsState slots = new SlotsState("blue", null, null, Map.of("green",
                Slot.deployed("0002-x", "abc", null, null, "https://green.example", null, null, null)));
        assertThat(Json.compact(Trees.toNode(slots)))
                .isEqualTo("{\"live\":\"blue\",\"slots\":{\"green\":{\"increment\":\"0002-x\",\"commit\":\"abc\","
                        + "\"url\":\"https://green.example\"}}}");
    }

    @Test
    void whatIsWrittenReadsBackTheSame() {
        assertThat(Trees.read(Trees.toNode(CANARY), CanaryState.class)).isEqualTo(CANARY);
    }

    @Test
    void eachComponentIsReadOnItsOwnAndAValueOfTheWrongKindLosesOnlyThatOne() {
        CanaryState read = Trees.read(node("""
                {"increment": "0002-x", "commit": 123, "weight": "25", "status": {"not": "text"},
                 "steps": [{"weight": 10, "at": "t1"}, "not a step", {"weight": "x", "by": "ops"}],
                 "teamNote": "kept in the file, not in the record"}"""), CanaryState.class);

        assertThat(read.increment()).isEqualTo("0002-x");
        assertThat(read.commit()).isEqualTo("123");
        assertThat(read.weight()).isEqualTo(25);
        assertThat(read.status()).isNull();
        assertThat(read.steps()).containsExactly(new CanaryState.Step(10, "t1", null), new CanaryState.Step(null, null,
                "ops"));
        assertThat(Trees.read(node("{\"weight\": 99999999999}"), CanaryState.class).weight()).isNull();
        assertThat(Trees.integer(node("{\"n\": 12.7}"), "n")).isEqualTo(12);
        assertThat(Trees.longNumber(node("{\"n\": \" 41 \"}"), "n")).isEqualTo(41L);
        assertThat(Trees.decimal(node("{\"n\": \"75.5\"}"), "n")).isEqualTo(75.5);
        assertThat(Trees.read(node("{}").textNode("not an object"), CanaryState.class)).isNull();
        assertThat(Trees.read(null, CanaryState.class)).isNull();
    }

    @Test
    void mergeReplacesTheRecordsKeysRemovesItsUnsetOnesAndKeepsTheRest() {
        ObjectNode stored = node("{\"increment\": \"0001-old\", \"promotedAt\": \"t0\", \"teamNote\": \"kept\"}");

        Trees.merge(stored, CANARY);

        assertThat(stored.path("increment").asText()).isEqualTo("0002-x");
        assertThat(stored.has("promotedAt")).isFalse();
        assertThat(stored.path("teamNote").asText()).isEqualTo("kept");
        assertThat(stored.path("steps")).hasSize(2);
    }
}
