package io.specweave.deploy.results;

import io.specweave.deploy.model.LoadTestResults;
import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.JsonInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a k6 end-of-test summary in both shapes k6 writes: {@code k6 run --summary-export=file.json}
 * (each metric's values directly under it, a rate as {@code value}) and the data object a
 * {@code handleSummary} function serialises (values under {@code values}, a rate as {@code rate}).
 */
public final class K6SummaryParser {

    static final String EXPECTED = "a k6 summary JSON (what k6 run writes with its summary-export option, or handleSummary's data) with "
            + "metrics.http_reqs and metrics.http_req_duration";

    public LoadTestResults parse(Path file, String display) {
        JsonNode root;
        try {
            root = JsonInput.parse(JsonInput.readText(file, display), display, JsonInput.Syntax.JSON);
        } catch (NoSuchFileException e) {
            throw new BadInputException(display + ": no such file; expected " + EXPECTED);
        } catch (BadInputException e) {
            throw new BadInputException(e.getMessage() + "; expected " + EXPECTED, e);
        }
        JsonNode metrics = root == null ? null : root.get("metrics");
        if (metrics == null || !metrics.isObject()) {
            throw new BadInputException(display + ": no \"metrics\" object; expected " + EXPECTED);
        }
        JsonNode reqs = values(metrics.get("http_reqs"));
        JsonNode duration = values(metrics.get("http_req_duration"));
        if (reqs == null || duration == null) {
            throw new BadInputException(display + ": metrics." + (reqs == null ? "http_reqs" : "http_req_duration")
                    + " is missing (did the test make HTTP requests?); expected " + EXPECTED);
        }
        Double rate = number(reqs, "rate");
        Double avg = number(duration, "avg");
        if (rate == null || avg == null) {
            throw new BadInputException(display + ": " + (rate == null ? "metrics.http_reqs.rate"
                    : "metrics.http_req_duration.avg") + " is missing or not a number; expected " + EXPECTED);
        }
        Double errorRate = null;
        JsonNode failed = values(metrics.get("http_req_failed"));
        if (failed != null) {
            Double fraction = number(failed, "rate");
            if (fraction == null) {
                fraction = number(failed, "value");
            }
            if (fraction != null) {
                errorRate = fraction * 100.0;
            }
        }
        return LoadTestResults.of(rate, avg, number(duration, "p(95)"), number(duration, "p(99)"), errorRate);
    }

    /** The metric's numbers: under {@code values} (handleSummary) or the metric itself (summary export). */
    private static JsonNode values(JsonNode metric) {
        if (metric == null || !metric.isObject()) {
            return null;
        }
        JsonNode values = metric.get("values");
        return values != null && values.isObject() ? values : metric;
    }

    private static Double number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isNumber() ? v.asDouble() : null;
    }
}
