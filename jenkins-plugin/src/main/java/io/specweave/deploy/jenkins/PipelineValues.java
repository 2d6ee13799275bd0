package io.specweave.deploy.jenkins;

import io.specweave.deploy.Json;
import io.specweave.deploy.app.SyncSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns core results into what a Pipeline script may read in the sandbox: maps, lists, strings,
 * numbers and booleans only (JDK types that Pipeline serializes and the sandbox allows).
 */
final class PipelineValues {

    private PipelineValues() {
    }

    /**
     * What {@code specweaveSync} returns: the summary's scalars (increment, environment, profile,
     * provider, trackingId, trackingUrl, healthStatus, deployedAt, status; absent when unknown), plus
     * newDeployment, metadataChanged, dryRun and warnings; and testResults ({total, passed, failed,
     * skipped, errors}) when the deployment has them.
     */
    static LinkedHashMap<String, Object> of(SyncSummary summary) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(summary.scalars());
        if (summary.deployment() != null && summary.deployment().testResults() != null
                && !summary.deployment().testResults().isNull()) {
            map.put("testResults", plain(Json.mapper().convertValue(summary.deployment().testResults(), Object.class)));
        }
        map.put("newDeployment", summary.newDeployment());
        map.put("metadataChanged", summary.metadataChanged());
        map.put("dryRun", summary.dryRun());
        map.put("warnings", new ArrayList<>(summary.warnings() == null ? List.of() : summary.warnings()));
        return map;
    }

    /** Any core value as plain maps and lists, through its JSON form (null fields are left out). */
    static LinkedHashMap<String, Object> tree(Object value) {
        Object converted = plain(Json.mapper().convertValue(value, Object.class));
        if (!(converted instanceof LinkedHashMap<?, ?>)) {
            throw new IllegalArgumentException("expected an object, got " + value.getClass().getSimpleName());
        }
        @SuppressWarnings("unchecked")
        LinkedHashMap<String, Object> map = (LinkedHashMap<String, Object>) converted;
        return map;
    }

    /** A copy holding only LinkedHashMap, ArrayList, String, Number and Boolean. */
    static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    copy.put(String.valueOf(k), plain(v));
                }
            });
            return copy;
        }
        if (value instanceof List<?> list) {
            ArrayList<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(plain(v)));
            return copy;
        }
        return String.valueOf(value);
    }
}
