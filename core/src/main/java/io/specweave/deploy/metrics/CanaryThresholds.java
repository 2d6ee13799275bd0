package io.specweave.deploy.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.config.SyncProfile;

/**
 * When a canary is worse than stable: a profile's {@code canaryAnalysis} settings.
 *
 * @param maxErrorRateIncrease how much higher the canary's error rate may be, in percentage points (default 1)
 * @param maxP95Increase       how much slower its p95 latency may be, in percent of stable's (default 20)
 * @param minRequests          canary requests a measurement needs to count (default 100)
 * @param failureThreshold     failed measurements that mean roll back (default 1)
 */
public record CanaryThresholds(double maxErrorRateIncrease, double maxP95Increase, double minRequests,
        int failureThreshold) {

    public static CanaryThresholds defaults() {
        return new CanaryThresholds(1.0, 20.0, 100, 1);
    }

    public static CanaryThresholds of(SyncProfile profile) {
        String where = profile.source() + ": " + profile.settingPath("canaryAnalysis");
        JsonNode node = profile.setting("canaryAnalysis");
        if (node == null || node.isNull()) {
            return defaults();
        }
        if (!node.isObject()) {
            throw new BadInputException(where + ": expected an object such as {\"maxErrorRateIncrease\": 1, "
                    + "\"maxP95Increase\": 20, \"minRequests\": 100, \"failureThreshold\": 1}");
        }
        CanaryThresholds d = defaults();
        int failures = (int) number(node, "failureThreshold", d.failureThreshold(), where);
        if (failures < 1) {
            throw new BadInputException(where + ".failureThreshold: expected 1 or more failed measurements, got "
                    + failures);
        }
        return new CanaryThresholds(number(node, "maxErrorRateIncrease", d.maxErrorRateIncrease(), where),
                number(node, "maxP95Increase", d.maxP95Increase(), where),
                number(node, "minRequests", d.minRequests(), where), failures);
    }

    private static double number(JsonNode node, String field, double fallback, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber() || value.asDouble() < 0) {
            throw new BadInputException(where + "." + field + ": expected a number of 0 or more, got " + value);
        }
        return value.asDouble();
    }
}
