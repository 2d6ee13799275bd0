package io.specweave.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void numbersAreWrittenAsJavaScriptWritesThemSoAUsersValueSurvivesARewrite() throws Exception {
        JsonNode read = Json.mapper().readTree("{\"errorRate\": 0.0001, \"p50\": 45.0, \"rps\": 5234, \"tiny\": 1e-9,"
                + " \"share\": 0.125, \"negative\": -2.5}");
        assertThat(Json.mapper().writeValueAsString(read)).isEqualTo(
                "{\"errorRate\":0.0001,\"p50\":45,\"rps\":5234,\"tiny\":1.0E-9,\"share\":0.125,\"negative\":-2.5}");
    }

    @Test
    void prettyOutputIsTheLayoutOfJsonStringifyWithTwoSpaces() {
        JsonNode read = Json.mapper().createObjectNode().put("a", 0.5).set("b", Json.mapper().createArrayNode());
        assertThat(Json.pretty(read)).isEqualTo("{\n  \"a\": 0.5,\n  \"b\": []\n}");
    }

    @Test
    void fortyFiveAndFortyFivePointZeroAreTheSameValueWhoeverWroteThem() throws Exception {
        JsonNode java = Json.mapper().readTree("{\"m\": {\"p50\": 45.0}, \"l\": [1.50]}");
        JsonNode javaScript = Json.mapper().readTree("{\"m\": {\"p50\": 45}, \"l\": [1.5]}");
        assertThat(Trees.sameValue(java, javaScript)).isTrue();
        assertThat(Trees.sameValue(java, Json.mapper().readTree("{\"m\": {\"p50\": 46}, \"l\": [1.5]}"))).isFalse();
    }
}
