package io.specweave.deploy.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;

/**
 * A deployment's {@code testResults}.
 *
 * @param total   test cases run or skipped
 * @param passed  total minus failed, errors and skipped
 * @param failed  assertion failures
 * @param skipped skipped or disabled
 * @param errors  tests that broke with an unexpected error
 */
public record TestResults(long total, long passed, long failed, long skipped, long errors) {

    public static final TestResults EMPTY = new TestResults(0, 0, 0, 0, 0);

    public static TestResults of(long total, long failed, long skipped, long errors) {
        return new TestResults(total, Math.max(0, total - failed - skipped - errors), failed, skipped, errors);
    }

    public TestResults plus(TestResults other) {
        return new TestResults(total + other.total, passed + other.passed, failed + other.failed,
                skipped + other.skipped, errors + other.errors);
    }

    /** No failure, no error, and at least one test ran. */
    public boolean allPassed() {
        return failed == 0 && errors == 0 && total - skipped > 0;
    }

    /** Passed as a share of total, in percent, rounded; null with no tests. */
    public Long passRatePercent() {
        return total == 0 ? null : Math.round(passed * 100.0 / total);
    }

    public ObjectNode toNode() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("total", total).put("passed", passed).put("failed", failed).put("skipped", skipped)
                .put("errors", errors);
        return node;
    }

    /** Reads a stored {@code testResults} leniently: missing counts are 0, missing passed is derived. */
    public static TestResults from(JsonNode node) {
        if (node == null || !node.isObject() || !node.has("total")) {
            return null;
        }
        long total = node.path("total").asLong();
        long failed = node.path("failed").asLong();
        long skipped = node.path("skipped").asLong();
        long errors = node.path("errors").asLong();
        long passed = node.has("passed") ? node.path("passed").asLong() : Math.max(0, total - failed - skipped - errors);
        return new TestResults(total, passed, failed, skipped, errors);
    }
}
