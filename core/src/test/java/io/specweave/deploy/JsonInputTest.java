package io.specweave.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.flags.FlagFileText;
import io.specweave.deploy.increment.IncrementRepository;
import io.specweave.deploy.metrics.FileMetricsSource;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.results.K6SummaryParser;
import io.specweave.deploy.results.Metrics;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonInputTest {

    @TempDir
    Path dir;

    @Test
    void aKeyGivenTwiceKeepsItsLastValueAsJsonParseDoes() {
        JsonNode node = JsonInput.parse("{\"a\": {\"x\": 1}, \"b\": 1, \"a\": {\"y\": 2}, \"b\": 2}", "f.json",
                JsonInput.Syntax.JSON);

        // JSON.parse replaces the earlier object; it never merges the two.
        assertThat(node.toString()).isEqualTo("{\"a\":{\"y\":2},\"b\":2}");
    }

    @Test
    void typedRecordsAreBoundFromTheTreeSoTheyKeepTheLastValueToo() {
        ObjectNode node = JsonInput.parseObject("{\"commit\": \"1111111\", \"status\": \"failed\", "
                + "\"commit\": \"2222222\", \"status\": \"deployed\"}", "metadata.json", JsonInput.Syntax.JSON);

        DeploymentRecord record = DeploymentRecord.fromNode(node);

        assertThat(record.commit()).isEqualTo("2222222");
        assertThat(record.status().raw()).isEqualTo("deployed");
    }

    @Test
    void byteOrderMarkCrlfAndTrailingCommasAreAccepted() {
        JsonNode node = JsonInput.parse("\uFEFF{\r\n  \"a\": [1, 2,],\r\n  \"b\": true,\r\n}\r\n", "f.json",
                JsonInput.Syntax.JSON);

        assertThat(node.toString()).isEqualTo("{\"a\":[1,2],\"b\":true}");
    }

    @Test
    void aStrictFirstReadSaysWhereEachTrailingCommaIsThatJsonParseRefuses() {
        JsonInput.Parsed parsed = JsonInput.parseObjectStrictFirst("{\r\n  \"a\": [1, 2,],\r\n  \"b\": {\"c\": true,\n"
                + "  },\r  \"d\": 1\n  ,}\n", "config.json");

        assertThat(parsed.object().toString()).isEqualTo("{\"a\":[1,2],\"b\":{\"c\":true},\"d\":1}");
        // In the order of the text, each comma itself; \r\n, \n and a lone \r each end a line.
        assertThat(parsed.trailingCommas()).containsExactly(new JsonInput.Position(2, 13),
                new JsonInput.Position(3, 18), new JsonInput.Position(6, 3));
        assertThat(parsed.trailingCommas().get(0)).hasToString("line 2, column 13");
        assertThat(parsed.byteOrderMark()).isFalse();
    }

    @Test
    void aStrictFirstReadOfPlainJsonFindsNothingAndAByteOrderMarkIsTold() {
        JsonInput.Parsed plain = JsonInput.parseObjectStrictFirst("{\"a\": [1, 2], \"s\": \",]\", \"e\": {}}",
                "c.json");
        JsonInput.Parsed marked = JsonInput.parseObjectStrictFirst("\uFEFF{\"a\": 1}", "c.json");

        assertThat(plain.trailingCommas()).isEmpty();
        assertThat(plain.byteOrderMark()).isFalse();
        assertThat(plain.object().toString()).isEqualTo("{\"a\":[1,2],\"s\":\",]\",\"e\":{}}");
        assertThat(marked.trailingCommas()).isEmpty();
        assertThat(marked.byteOrderMark()).isTrue();
    }

    @Test
    void aStrictFirstReadRefusesWhatEveryReadRefusesInTheSameWords() {
        for (String text : new String[] {"{\"a\": 1,,}", "{\"a\": 1} {}", "[1,]", "", "{\"a\": 1,\n  // x\n}"}) {
            Throwable strict = org.assertj.core.api.Assertions.catchThrowable(
                    () -> JsonInput.parseObjectStrictFirst(text, "c.json"));
            Throwable every = org.assertj.core.api.Assertions.catchThrowable(
                    () -> JsonInput.parseObject(text, "c.json", JsonInput.Syntax.JSON));

            assertThat(strict).as(text).isInstanceOf(BadInputException.class).hasMessage(every.getMessage());
        }
    }

    @Test
    void blankTextHoldsNoValue() {
        assertThat(JsonInput.parse(" \n", "f.json", JsonInput.Syntax.JSON)).isNull();
        assertThatThrownBy(() -> JsonInput.parseObject("", "f.json", JsonInput.Syntax.JSON))
                .hasMessage("f.json: expected a JSON object, but the file is empty");
    }

    @Test
    void commentsAreNamedAsSuchWhereJsonHasNone() {
        assertThat(error("{\n  \"a\": 1,\n  // note\n  \"b\": 2\n}")).isEqualTo(
                "dir/config.json: not valid JSON at line 3, column 3: comments are not allowed in config.json "
                        + "(JSON has none); remove the // comment");
        assertThat(error("{ /* note */ \"a\": 1 }")).isEqualTo(
                "dir/config.json: not valid JSON at line 1, column 3: comments are not allowed in config.json "
                        + "(JSON has none); remove the /* */ comment");
        assertThat(JsonInput.parse("{ /* note */ \"a\": 1 // and this\n}", "flags.json",
                JsonInput.Syntax.JSON_WITH_COMMENTS).toString()).isEqualTo("{\"a\":1}");
    }

    @Test
    void eachSyntaxMistakeSaysWhatWasExpectedWithoutTheParsersWords() {
        assertThat(error("{\"a\" 1}")).endsWith("at line 1, column 6: expected ':' after the key, found '1'");
        assertThat(error("{\"a\": 1 \"b\": 2}"))
                .endsWith("at line 1, column 9: expected ',' or '}' after the value, found '\"'; is a comma missing?");
        assertThat(error("[1 2]"))
                .endsWith("at line 1, column 4: expected ',' or ']' after the value, found '2'; is a comma missing?");
        assertThat(error("{'a': 1}")).endsWith("at line 1, column 2: keys are written in double quotes, not single quotes");
        assertThat(error("{a: 1}")).endsWith("at line 1, column 2: expected a key in double quotes, found 'a'");
        assertThat(error("{\"a\": tru}")).endsWith("at line 1, column 7: unexpected 'tru'; expected a value: a string "
                + "in double quotes, a number, true, false, null, an object or an array (strings are in double quotes)");
        assertThat(error("{\"a\": NaN}")).endsWith("NaN is not a JSON number; write a number or null");
        assertThat(error("{\"a\": 01}")).endsWith("a number starts with 0; JSON numbers have no leading zeros");
        assertThat(error("{\"a\": \"x\ny\"}")).contains("at line 1, column 9: a line break, tab or other control "
                + "character inside a string");
        assertThat(error("{\"a\": \"\\q\"}")).contains("unknown escape \\q in a string");
        assertThat(error("{\"a\": 1")).endsWith(
                "the text ends before the object opened at line 1, column 1 is closed; a '}' is missing");
        assertThat(error("{\"a\": \"x")).endsWith("the text ends inside a string; a closing \" is missing");
        assertThat(error("{\"a\": 1}}")).endsWith("at line 1, column 9: found '}' with nothing open to close");
        assertThat(error("{\"a\": 1} {\"b\": 2}")).endsWith(
                "at line 1, column 10: more text after the end of the JSON value; a file holds one value");
    }

    @Test
    void nestingBeyondTheLimitIsNamedAsSuch() {
        String deep = "{\"a\": " + "[".repeat(JsonInput.MAX_NESTING) + "]".repeat(JsonInput.MAX_NESTING) + "}";

        assertThat(error(deep)).contains(": nesting deeper than 1000 levels of objects and arrays")
                .doesNotContain("StreamReadConstraints");
    }

    @Test
    void oversizedAndNonUtf8FilesAreRefusedBeforeParsing() throws IOException {
        Path big = dir.resolve("big.json");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength((JsonInput.MAX_FILE_MIB + 1) * 1024L * 1024L); // sparse: no disk is spent
        }
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xE9, '"', '}'});

        assertThatThrownBy(() -> JsonInput.readText(big, "big.json")).isInstanceOf(BadInputException.class)
                .hasMessage("big.json: 65 MiB is larger than the 64 MiB this tool reads from a JSON file");
        assertThatThrownBy(() -> JsonInput.readText(latin1, "latin1.json")).isInstanceOf(BadInputException.class)
                .hasMessage("latin1.json: not UTF-8 text; save it as UTF-8 (JSON files are UTF-8)");
    }

    @Test
    void inlineValuesAreNamedByTheirInput() {
        assertThatThrownBy(() -> Metrics.parse("{\"errorRate\": 0.2,, }", dir))
                .isInstanceOf(BadInputException.class)
                .hasMessage("metrics: not valid JSON at line 1, column 19: found ',' where a key was expected; "
                        + "is there a comma too many?");
    }

    @Test
    void metricsFromAFileAreReadOnceByCoreForEveryFrontEnd() throws IOException {
        Files.writeString(dir.resolve("m.json"), "\uFEFF{\"errorRate\": 0.1, \"errorRate\": 0.2}");

        assertThat(Metrics.parse("@m.json", dir).toString()).isEqualTo("{\"errorRate\":0.2}");
        assertThatThrownBy(() -> Metrics.parse("@", dir)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("metrics @: a file name is missing after @");
        assertThatThrownBy(() -> Metrics.parse("@.", dir)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("is a folder, not a file");
    }

    @Test
    void aFlagWrittenAsTextIsReplacedInItsOwnKindNotGivenAnEnabledBesideIt() {
        assertThat(FlagFileText.set("{ \"qa\": { \"newCheckout\": \"true\" } }", "qa", "newCheckout", false))
                .isEqualTo("{ \"qa\": { \"newCheckout\": \"false\" } }");
        assertThat(FlagFileText.set("{\"qa\": {\"x\": {\"enabled\": \"false\", \"owner\": \"web\"}}}", "qa", "x", true))
                .isEqualTo("{\"qa\": {\"x\": {\"enabled\": \"true\", \"owner\": \"web\"}}}");
        assertThat(FlagFileText.set("{\"qa\": {\"x\": null}}", "qa", "x", true)).isEqualTo("{\"qa\": {\"x\": true}}");
    }

    @Test
    void flagFileEditsTheLastOfDuplicateKeysAndKeepsATrailingComma() {
        assertThat(FlagFileText.set("{\"qa\": {\"x\": true}, \"qa\": {\"x\": false}}", "qa", "x", true))
                .isEqualTo("{\"qa\": {\"x\": true}, \"qa\": {\"x\": true}}");
        assertThat(FlagFileText.set("{\"qa\": {\"x\": {\"enabled\": true, \"enabled\": false}}}", "qa", "x", true))
                .isEqualTo("{\"qa\": {\"x\": {\"enabled\": true, \"enabled\": true}}}");
        assertThat(FlagFileText.set("{\n  \"qa\": {\n    \"x\": true,\n  },\n}\n", "qa", "y", false))
                .isEqualTo("{\n  \"qa\": {\n    \"x\": true,\n    \"y\": false\n  },\n}\n");
    }

    @Test
    void k6SummaryWithDuplicatesAndErrorsReadsAsEveryOtherFile() throws IOException {
        Path summary = dir.resolve("k6.json");
        Files.writeString(summary, "{\"metrics\": {\"http_reqs\": {\"rate\": 1}, \"http_req_duration\": {}},\n"
                + " \"metrics\": // replaced\n {}}");

        assertThatThrownBy(() -> new K6SummaryParser().parse(summary, "k6.json"))
                .hasMessageStartingWith("k6.json: not valid JSON at line 2, column 13: comments are not allowed in "
                        + "k6.json (JSON has none); remove the // comment; expected a k6 summary JSON");
    }

    @Test
    void metricsThatCannotBeMeasurementsAreRefusedNamingTheField() throws IOException {
        Path file = dir.resolve("metrics.json");
        String rest = "\"requestRate\": 1, \"p50Latency\": 0.1";
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("\"errorRate\": -5, \"p95Latency\": 0.2, \"requests\": 10",
                "canary.errorRate: expected a percent of requests from 0 to 100, got -5");
        refused.put("\"errorRate\": 250, \"p95Latency\": 0.2, \"requests\": 10",
                "canary.errorRate: expected a percent of requests from 0 to 100, got 250");
        refused.put("\"errorRate\": 0.4, \"p95Latency\": 0.2, \"requests\": -750",
                "canary.requests: expected a number of 0 or more, got -750");
        refused.put("\"errorRate\": 0.4, \"p95LatencyMs\": -1, \"requests\": 10",
                "canary.p95LatencyMs: expected a number of 0 or more, got -1");
        for (Map.Entry<String, String> c : refused.entrySet()) {
            Files.writeString(file, "{\"canary\": {" + rest + ", " + c.getKey() + "}}");

            assertThatThrownBy(() -> new FileMetricsSource(file).read("canary", "v2")).as(c.getKey())
                    .isInstanceOf(BadInputException.class).hasMessageEndingWith(c.getValue());
        }
    }

    @Test
    void metricsFileWithBothSpellingsOfALatencyIsRefused() throws IOException {
        Path file = dir.resolve("metrics.json");
        Files.writeString(file, "{\"canary\": {\"requestRate\": 1, \"errorRate\": 0, \"p50Latency\": 0.1, "
                + "\"p95Latency\": 0.2, \"p95LatencyMs\": 900, \"requests\": 10}}");

        assertThatThrownBy(() -> new FileMetricsSource(file).read("canary", "v2"))
                .isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("canary.p95Latency (seconds) and canary.p95LatencyMs (milliseconds) are both "
                        + "given; keep one of them");
    }

    @Test
    void activeIncrementStateKeepsTheLastOfDuplicateKeys() throws IOException {
        Path specweave = dir.resolve(".specweave");
        Files.createDirectories(specweave.resolve("increments/0001-a"));
        Files.createDirectories(specweave.resolve("increments/0002-b"));
        Files.createDirectories(specweave.resolve("state"));
        Files.writeString(specweave.resolve("increments/0001-a/metadata.json"), "{\"status\": \"active\"}");
        Files.writeString(specweave.resolve("increments/0002-b/metadata.json"), "{\"status\": \"active\"}");
        Files.writeString(specweave.resolve("state/active-increment.json"),
                "{\"ids\": [\"0001-a\"], \"ids\": [\"0002-b\"]}");

        assertThat(new IncrementRepository(specweave).active().id()).isEqualTo("0002-b");
    }

    @Test
    void aBrokenMetadataFileIsNamedRatherThanSayingNoIncrementIsActive() throws IOException {
        Path specweave = dir.resolve(".specweave");
        Files.createDirectories(specweave.resolve("increments/0001-a"));
        Files.writeString(specweave.resolve("increments/0001-a/metadata.json"), "{\"status\": \"active\",, }");

        assertThatThrownBy(() -> new IncrementRepository(specweave).active()).isInstanceOf(BadInputException.class)
                .hasMessageContaining("cannot tell which increment is active: ")
                .hasMessageContaining("0001-a/metadata.json: not valid JSON at line 1, column 21");
    }

    private static String error(String text) {
        try {
            JsonInput.parse(text, "dir/config.json", JsonInput.Syntax.JSON);
        } catch (BadInputException e) {
            assertThat(e.getMessage()).doesNotContain("code ").doesNotContain("Feature").doesNotContain("`")
                    .doesNotContain("REDACTED").doesNotContain("JSON String");
            return e.getMessage();
        }
        throw new AssertionError("no error for " + text);
    }
}
