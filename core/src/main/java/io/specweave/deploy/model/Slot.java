package io.specweave.deploy.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one blue-green slot of an environment runs, as stored under
 * {@code deployments.<env>.slots.<slot>}.
 *
 * @param increment    the increment deployed to the slot
 * @param commit       its commit
 * @param branch       its branch, may be null
 * @param tag          its tag, may be null
 * @param url          the slot's own URL (from the profile's {@code slots.<slot>.url} or the deploy)
 * @param deployedAt   when it was deployed to the slot
 * @param deployedBy   who deployed it
 * @param runUrl       the pipeline run
 * @param healthStatus the slot's last health check (its deployment, {@code health ENV-SLOT}, a swap), may be null
 * @param healthHttpStatus that check's HTTP status, may be null
 * @param healthLatencyMs  its latency, may be null
 * @param healthMessage    why it was not healthy; null when it was
 * @param lastChecked  when that check ran
 * @param testResults  what {@code test ENV-SLOT} recorded of the slot's deployment (see {@link #tests()}); a new
 *                     deployment to the slot has none, so results of an earlier one never pass for it
 */
@JsonPropertyOrder({"increment", "commit", "branch", "tag", "url", "deployedAt", "deployedBy", "runUrl",
        "healthStatus", "healthHttpStatus", "healthLatencyMs", "healthMessage", "lastChecked", "testResults"})
public record Slot(String increment, String commit, String branch, String tag, String url, String deployedAt,
        String deployedBy, String runUrl, String healthStatus, Integer healthHttpStatus, Long healthLatencyMs,
        String healthMessage, String lastChecked, JsonNode testResults) {

    /** A slot deployed now: nothing checked or tested yet. */
    public static Slot deployed(String increment, String commit, String branch, String tag, String url,
            String deployedAt, String deployedBy, String runUrl) {
        return new Slot(increment, commit, branch, tag, url, deployedAt, deployedBy, runUrl, null, null, null, null,
                null, null);
    }

    /** This slot with a health check's outcome, as an environment's record keeps it. */
    public Slot withHealth(HealthStatus status, Integer httpStatus, Long latencyMs, String message, String checkedAt) {
        return new Slot(increment, commit, branch, tag, url, deployedAt, deployedBy, runUrl,
                status == null ? null : status.raw(), httpStatus, latencyMs, message, checkedAt, testResults);
    }

    /** This slot at another URL (one given to a re-run of its deployment), all else as recorded. */
    public Slot withUrl(String newUrl) {
        return new Slot(increment, commit, branch, tag, newUrl, deployedAt, deployedBy, runUrl, healthStatus,
                healthHttpStatus, healthLatencyMs, healthMessage, lastChecked, testResults);
    }

    /** This slot with a test suite's results. */
    public Slot withTestResults(TestResults results) {
        return new Slot(increment, commit, branch, tag, url, deployedAt, deployedBy, runUrl, healthStatus,
                healthHttpStatus, healthLatencyMs, healthMessage, lastChecked, results == null ? null : results.toNode());
    }

    /** The slot's test results, typed; null when none were recorded. */
    public TestResults tests() {
        return TestResults.from(testResults);
    }
}
