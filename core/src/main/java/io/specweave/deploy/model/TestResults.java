package io.specweave.deploy.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;

/**
 * A deployment's {@code testResults}, typed over the object as stored: the counts, and what a
 * suite run ({@code test --suite}) adds — suite, commit tested, exit code, timeout. The object is
 * kept as found (numbers as written, keys this tool does not know), so reading and writing a record
 * never changes it.
 */
public record TestResults(ObjectNode node) {

    public static final TestResults EMPTY = of(0, 0, 0, 0);

    public TestResults {
        node = node == null ? Json.mapper().createObjectNode() : node.deepCopy();
    }

    /** Counts as a report gave them; passed is derived. */
    public static TestResults of(long total, long failed, long skipped, long errors) {
        return counts(total, Math.max(0, total - failed - skipped - errors), failed, skipped, errors);
    }

    /** Counts as given. */
    public static TestResults counts(long total, long passed, long failed, long skipped, long errors) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("total", total).put("passed", passed).put("failed", failed).put("skipped", skipped)
                .put("errors", errors);
        return new TestResults(node);
    }

    /** Reads a stored {@code testResults}; null when absent or not an object. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TestResults from(JsonNode node) {
        return node instanceof ObjectNode object ? new TestResults(object) : null;
    }

    @JsonValue
    public ObjectNode toNode() {
        return node.deepCopy();
    }

    /** True when the object holds counts (a {@code total}); an object without is no test result. */
    public boolean counted() {
        return node.has("total");
    }

    public long total() {
        return node.path("total").asLong();
    }

    public long failed() {
        return node.path("failed").asLong();
    }

    public long skipped() {
        return node.path("skipped").asLong();
    }

    public long errors() {
        return node.path("errors").asLong();
    }

    /** As stored, else total minus failed, skipped and errors. */
    public long passed() {
        return node.has("passed") ? node.path("passed").asLong()
                : Math.max(0, total() - failed() - skipped() - errors());
    }

    /** The counts of both added up. */
    public TestResults plus(TestResults other) {
        return counts(total() + other.total(), passed() + other.passed(), failed() + other.failed(),
                skipped() + other.skipped(), errors() + other.errors());
    }

    /** These results with {@code key} set. */
    public TestResults with(String key, JsonNode value) {
        ObjectNode copy = node.deepCopy();
        copy.set(key, value);
        return new TestResults(copy);
    }

    /** No failure, no error, and at least one test ran. */
    public boolean allPassed() {
        return failed() == 0 && errors() == 0 && total() - skipped() > 0;
    }

    /** Passed as a share of total, in percent, rounded; null with no tests. */
    public Long passRatePercent() {
        return total() == 0 ? null : Math.round(passed() * 100.0 / total());
    }

    /** The suite that recorded these results ({@code test --suite}), or null for attached reports. */
    public String suite() {
        return Json.text(node, "suite");
    }

    /** The commit the results are of, when they say. */
    public String commit() {
        return Json.text(node, "commit");
    }

    /** The suite's exit code; null when unknown or when it was stopped at its timeout. */
    public Integer exitCode() {
        JsonNode exit = node.get("exitCode");
        return exit != null && exit.isNumber() ? exit.asInt() : null;
    }

    /** True when the suite ran past its timeout and was stopped. */
    public boolean timedOut() {
        return node.path("timedOut").asBoolean(false);
    }
}
