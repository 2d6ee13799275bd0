package io.specweave.deploy.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.Message;
import io.specweave.deploy.app.AllEnvironmentsOutcome;
import io.specweave.deploy.app.ChangeOutcome;
import io.specweave.deploy.app.CommitBack;
import io.specweave.deploy.model.CanaryState;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.SlotsState;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of an outcome as every front end reports it — the CLI's {@code --json}, the Action's
 * outputs, the map the Jenkins step returns — with the same names everywhere. Messages are spelled
 * for the front end that reports them.
 */
public final class OutcomeJson {

    /** The fields with one plain value each, in the order they are reported. */
    public static final List<String> SCALARS = List.of("increment", "environment", "slot", "profile", "provider",
            "trackingId", "trackingUrl", "deploymentId", "healthStatus", "deployedAt", "status", "result");

    private OutcomeJson() {
    }

    public static ObjectNode of(ChangeOutcome<?> outcome, Message.Spelling spelling) {
        ObjectNode node = Json.mapper().createObjectNode();
        DeploymentRecord r = outcome.record();
        put(node, "increment", outcome.increment().id());
        put(node, "environment", outcome.environment());
        put(node, "slot", outcome.target().slot());
        put(node, "profile", outcome.target().profile().name());
        put(node, "provider", outcome.target().profile().provider().id());
        put(node, "trackingId", outcome.trackingId());
        put(node, "trackingUrl", outcome.trackingUrl());
        if (outcome.deploymentId() != null) {
            node.put("deploymentId", outcome.deploymentId());
        }
        // What this run's check saw: a step that checked nothing (a canary step, a deployment that has
        // only started) must not report an earlier check of another version; that one is in "deployment".
        put(node, "healthStatus", outcome.health() == null ? null : outcome.health().status().raw());
        put(node, "deployedAt", r == null ? null : r.deployedAt());
        put(node, "status", r == null || r.status() == null ? null : r.status().raw());
        node.put("result", outcome.result().name().toLowerCase(java.util.Locale.ROOT));
        node.put("operation", outcome.operation());
        node.put("newDeployment", outcome.newDeployment());
        node.put("metadataChanged", outcome.metadataChanged());
        node.put("dryRun", outcome.dryRun());
        // This run's: past the gates it met, or a new record that says so. A refusal recorded nothing, and a
        // change the record did not take (a deployment to the idle slot) shows an earlier run's forced.
        if (outcome.result() != ChangeOutcome.Result.REFUSED && (!outcome.refusals().isEmpty()
                || r != null && Boolean.TRUE.equals(r.forced()) && outcome.newDeployment())) {
            node.put("forced", true);
        }
        put(node, "note", outcome.note());
        strings(node, "warnings", outcome.warnings());
        if (!outcome.problems().isEmpty()) {
            ArrayNode problems = node.putArray("problems");
            outcome.problems().forEach(p -> problems.add(p.render(spelling)));
        }
        if (!outcome.refusals().isEmpty()) {
            ArrayNode refusals = node.putArray("refusedGates");
            outcome.refusals().forEach(g -> refusals.addObject().put("gate", g.gate()).put("reason", g.reason())
                    .put("missing", g.missing().render(spelling)));
        }
        if (!outcome.refreshed().isEmpty()) {
            strings(node, "refreshed", Message.render(outcome.refreshed(), spelling));
        }
        if (outcome.commit() != null) {
            node.set("commitBack", commitBack(outcome.commit()));
        }
        if (outcome.detail() != null) {
            JsonNode detail = Json.mapper().valueToTree(outcome.detail());
            if (detail instanceof ObjectNode object) {
                object.fields().forEachRemaining(e -> {
                    if (!node.has(e.getKey())) {
                        node.set(e.getKey(), e.getValue());
                    }
                });
            }
        }
        if (r != null) {
            node.set("deployment", r.toNodeWithoutHistory());
        }
        ObjectNode stored = outcome.stored();
        if (stored != null) {
            if (stored.get(SlotsState.KEY) instanceof ObjectNode slots && !node.has("slots")) {
                node.set("slots", slots);
            }
            if (stored.get(CanaryState.KEY) instanceof ObjectNode canary && !node.has("canary")) {
                node.set("canary", canary);
            }
        }
        return node;
    }

    public static ObjectNode of(AllEnvironmentsOutcome outcome, Message.Spelling spelling) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("increment", outcome.increment());
        put(node, "commit", outcome.commit());
        ArrayNode recorded = node.putArray("recorded");
        outcome.recorded().forEach(o -> recorded.add(of(o, spelling)));
        put(node, "stoppedAt", outcome.stoppedAt());
        put(node, "reason", outcome.reason() == null ? null : outcome.reason().render(spelling));
        strings(node, "notRecorded", outcome.notRecorded());
        if (!outcome.warnings().isEmpty()) {
            strings(node, "warnings", outcome.warnings());
        }
        if (!outcome.refreshed().isEmpty()) {
            strings(node, "refreshed", Message.render(outcome.refreshed(), spelling));
        }
        if (outcome.commitBack() != null) {
            node.set("commitBack", commitBack(outcome.commitBack()));
        }
        return node;
    }

    /** How a commit-back ended: {@code committed} (the branch holds the record), the branch and commit, or why not. */
    public static ObjectNode commitBack(CommitBack.Result result) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("committed", result.onRemote());
        put(node, "branch", result.git().branch());
        put(node, "commit", result.git().commit());
        node.put("outcome", result.git().outcome().name().toLowerCase(java.util.Locale.ROOT));
        put(node, "why", result.why());
        if (!result.git().notCarried().isEmpty()) {
            // An earlier step's uncommitted change collided with the branch's: the workspace alone holds it.
            node.put("earlierChangeNotCommitted", true);
        }
        return node;
    }

    /**
     * What an outcome reports by name, as text (JSON text for the structured ones), for front ends whose
     * outputs are named strings: increment, environment, profile, trackingUrl, trackingId, deploymentId, healthStatus,
     * deployment, and what the operation adds — testResults (a suite), recommendation and metrics (monitoring).
     */
    public static Map<String, String> named(ChangeOutcome<?> outcome) {
        ObjectNode json = of(outcome, Message.Spelling.DOMAIN);
        Map<String, String> named = new LinkedHashMap<>();
        named.put("increment", outcome.increment().id());
        named.put("environment", outcome.environment());
        named.put("profile", outcome.target().profile().name());
        named.put("trackingUrl", json.path("trackingUrl").asText(null));
        named.put("trackingId", json.path("trackingId").asText(null));
        named.put("deploymentId", outcome.deploymentId() == null ? null : String.valueOf(outcome.deploymentId()));
        named.put("healthStatus", json.path("healthStatus").asText(null));
        // The environment as metadata.json holds it: a canary or a slot without a full deployment yet,
        // and what this tool does not model itself (a rollback's reason, a team's own keys), are in it too.
        if (outcome.stored() != null && !outcome.stored().isEmpty()) {
            named.put("deployment", Json.compact(outcome.stored().deepCopy().without("history")));
        } else if (outcome.record() != null) {
            named.put("deployment", Json.compact(outcome.record().toNodeWithoutHistory()));
        }
        if (outcome.detail() instanceof io.specweave.deploy.app.SuiteDetail suite) {
            named.put("testResults", Json.compact(suite.testResults().toNode()));
        } else if (outcome.detail() instanceof io.specweave.deploy.metrics.MonitorReport monitor) {
            named.put("recommendation", monitor.verdict().name().replace('_', ' '));
            named.put("metrics", Json.compact(monitor.toMetricsNode()));
        } else if (outcome.detail() instanceof io.specweave.deploy.metrics.CanaryReport canary) {
            named.put("recommendation", canary.recommendation().label());
            ObjectNode metrics = Json.mapper().createObjectNode();
            if (outcome.stored() != null && outcome.stored().path(CanaryState.KEY).path("lastAnalysis")
                    instanceof ObjectNode analysis) {
                metrics.setAll(analysis.deepCopy());
            }
            metrics.set("canary", Json.mapper().valueToTree(canary.last().canary()));
            metrics.set("stable", Json.mapper().valueToTree(canary.last().stable()));
            named.put("metrics", Json.compact(metrics));
        }
        named.values().removeIf(v -> v == null);
        return named;
    }

    /** The plain values of {@code node} ({@link #SCALARS}), as strings, for outputs that hold only text. */
    public static Map<String, String> scalars(ObjectNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String field : SCALARS) {
            JsonNode value = node.get(field);
            if (value != null && !value.isNull() && value.isValueNode()) {
                map.put(field, value.asText());
            }
        }
        return map;
    }

    /** {@code node} as plain Java values: maps, lists, strings, numbers, booleans (a Jenkins script's view). */
    public static Object plain(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Object value = plain(e.getValue());
                if (value != null) {
                    map.put(e.getKey(), value);
                }
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new java.util.ArrayList<>();
            node.forEach(n -> list.add(plain(n)));
            return list;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToInt() ? (Object) node.asInt() : node.canConvertToLong() ? (Object) node.asLong()
                    : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            // Json reads as a decimal only a number no double holds (1e400): it stays so, not Infinity.
            return node.isBigDecimal() ? (Object) node.decimalValue() : (Object) node.asDouble();
        }
        return node.asText();
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void strings(ObjectNode node, String field, List<String> values) {
        ArrayNode array = node.putArray(field);
        values.forEach(array::add);
    }
}
