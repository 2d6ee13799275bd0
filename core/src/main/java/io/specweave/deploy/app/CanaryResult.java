package io.specweave.deploy.app;

import io.specweave.deploy.model.CanaryState;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a canary step or a canary rollback did.
 *
 * @param increment   the increment id
 * @param environment the environment
 * @param canary      the canary state afterwards
 * @param promoted    true when this step made the canary the stable version
 * @param trackingId  the tracking item updated, or null
 * @param note        what the tracking item was told
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"increment", "environment", "promoted", "trackingId", "note", "canary"})
public record CanaryResult(String increment, String environment, CanaryState canary, boolean promoted,
        String trackingId, String note) {
}
