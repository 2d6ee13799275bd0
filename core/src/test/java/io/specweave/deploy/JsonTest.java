package io.specweave.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void numbersAreWrittenAsJavaScriptWritesThemSoAUsersValueSurvivesARewrite() throws Exception {
        JsonNode read = Json.mapper().readTree("{\"errorRate\": 0.0001, \"p50\": 45.0, \"rps\": 5234, \"tiny\": 1e-9,"
                + " \"share\": 0.125, \"negative\": -2.5, \"huge\": 1e+21, \"big\": -1.5E22, \"small\": 1.25e-8,"
                + " \"edge\": 1e-7}");
        // JSON.stringify of the same values: {"errorRate":0.0001,...,"tiny":1e-9,...,"huge":1e+21,"big":-1.5e+22,...}
        assertThat(Json.mapper().writeValueAsString(read)).isEqualTo(
                "{\"errorRate\":0.0001,\"p50\":45,\"rps\":5234,\"tiny\":1e-9,\"share\":0.125,\"negative\":-2.5,"
                        + "\"huge\":1e+21,\"big\":-1.5e+22,\"small\":1.25e-8,\"edge\":1e-7}");
    }

    @Test
    void aNumberNoDoubleHoldsIsWrittenBackAsItWasReadNotAsInfinityOrANeighbour() throws Exception {
        JsonNode read = Json.mapper().readTree("{\"over\": 1e400, \"under\": -1e400, \"least\": 5e-324,"
                + " \"belowLeast\": 2.5e-400, \"digits\": 3.14159265358979323846, \"past\": 9007199254740993.5,"
                + " \"metrics\": {\"rps\": 1E400, \"errorRate\": 0.30}}");

        assertThat(Json.mapper().writeValueAsString(read)).isEqualTo("{\"over\":1e400,\"under\":-1e400,"
                + "\"least\":5e-324,\"belowLeast\":2.5e-400,\"digits\":3.14159265358979323846,"
                + "\"past\":9007199254740993.5,\"metrics\":{\"rps\":1e400,\"errorRate\":0.3}}");
        // A number a double holds is one, as every reader of this tool asks for it.
        assertThat(read.path("metrics").path("errorRate").isDouble()).isTrue();
        assertThat(read.path("metrics").path("rps").asDouble()).isInfinite();
        assertThat(read.path("least").asDouble()).isEqualTo(Double.MIN_VALUE);
    }

    @Test
    void theEdgesOfThePlainFormAreJavaScriptsToo() {
        // Each pair: a double, and how JSON.stringify (node 20) writes it.
        String[][] cases = {{"1e-6", "0.000001"}, {"9.99e-7", "9.99e-7"}, {"123456789012345680000", "123456789012345680000"},
            {"1e21", "1e+21"}, {"1.7976931348623157e308", "1.7976931348623157e+308"}, {"-0.000001234", "-0.000001234"}};
        for (String[] c : cases) {
            assertThat(Json.javaScriptText(Double.parseDouble(c[0]))).as(c[0]).isEqualTo(c[1]);
        }
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
