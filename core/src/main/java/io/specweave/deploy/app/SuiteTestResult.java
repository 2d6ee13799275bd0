package io.specweave.deploy.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What {@code test <increment> --environment E --suite NAME} found and recorded.
 *
 * @param increment   the increment's id
 * @param environment the environment tested
 * @param slot        the blue-green slot tested, or null
 * @param suite       the suite's name
 * @param url         the URL the suite ran against ({@code DEPLOYMENT_URL}), or null
 * @param recordedAt  where the results were written, e.g. {@code deployments.qa.testResults}
 * @param testResults the recorded {@code testResults} object
 * @param passed      true when the suite exited 0, wrote a report and the report holds no failure or error
 * @param problem     why it did not pass, for a person; null when it passed
 * @param trackingId  the tracking item that was updated, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SuiteTestResult(String increment, String environment, String slot, String suite, String url,
        String recordedAt, JsonNode testResults, boolean passed, String problem, String trackingId) {
}
