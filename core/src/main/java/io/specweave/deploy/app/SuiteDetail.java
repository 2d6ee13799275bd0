package io.specweave.deploy.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.specweave.deploy.model.TestResults;

/**
 * What {@code test} ran and found.
 *
 * @param suite       the suite (a key of {@code deployment.testSuites})
 * @param url         the URL it tested, may be null
 * @param recordedAt  where the results are kept ({@code deployments.qa.testResults}, or a slot's)
 * @param testResults the results as recorded
 * @param passed      true when the suite passed
 * @param problem     why it did not pass, in words; null when it passed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"suite", "url", "recordedAt", "passed", "problem", "testResults"})
public record SuiteDetail(String suite, String url, String recordedAt, TestResults testResults, boolean passed,
        String problem) {
}
