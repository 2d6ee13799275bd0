package io.specweave.deploy.app;

import io.specweave.deploy.model.DeploymentRecord;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of a sync as every front end reports it: the CLI's {@code --json}, the Action's
 * outputs and the map the Jenkins step returns carry the same names.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"increment", "environment", "profile", "provider", "trackingId", "trackingUrl", "healthStatus",
        "deployedAt", "status", "newDeployment", "metadataChanged", "dryRun", "warnings", "deployment"})
public record SyncSummary(
        String increment,
        String environment,
        String profile,
        String provider,
        String trackingId,
        String trackingUrl,
        String healthStatus,
        String deployedAt,
        String status,
        boolean newDeployment,
        boolean metadataChanged,
        boolean dryRun,
        java.util.List<String> warnings,
        DeploymentRecord deployment) {

    public static SyncSummary of(SyncResult result) {
        DeploymentRecord r = result.record();
        String trackingId = result.tracking() != null ? result.tracking().id() : r.trackingId();
        String trackingUrl = result.tracking() != null && result.tracking().url() != null ? result.tracking().url()
                : r.trackingUrl();
        return new SyncSummary(result.increment().id(), result.environment(), result.profile().name(),
                result.profile().provider().id(), trackingId, trackingUrl, r.healthStatus(), r.deployedAt(),
                r.status(), result.newDeployment(), result.metadataChanged(), result.dryRun(), result.warnings(), r);
    }

    /** The scalar fields as a map of strings, for front ends whose outputs are plain values. */
    public Map<String, String> scalars() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("increment", increment);
        map.put("environment", environment);
        map.put("profile", profile);
        map.put("provider", provider);
        map.put("trackingId", trackingId);
        map.put("trackingUrl", trackingUrl);
        map.put("healthStatus", healthStatus);
        map.put("deployedAt", deployedAt);
        map.put("status", status);
        map.values().removeIf(v -> v == null);
        return map;
    }
}
