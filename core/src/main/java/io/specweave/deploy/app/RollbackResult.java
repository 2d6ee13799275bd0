package io.specweave.deploy.app;

import io.specweave.deploy.model.DeploymentRecord;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a rollback did.
 *
 * @param increment      the increment id
 * @param environment    the environment
 * @param rolledBackFrom the commit that was current and is now in history as {@code rolled_back}
 * @param restored       the environment's record afterwards: the earlier version, deployed again
 * @param live           with blue-green slots: the slot that is live again; else null
 * @param idle           with blue-green slots: the slot that left service; else null
 * @param healthStatus   the restored version's health when it was checked, else null
 * @param trackingId     the tracking item updated, or null
 * @param note           what the tracking item was told
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"increment", "environment", "rolledBackFrom", "live", "idle", "healthStatus", "trackingId",
        "note", "restored"})
public record RollbackResult(String increment, String environment, String rolledBackFrom, DeploymentRecord restored,
        String live, String idle, String healthStatus, String trackingId, String note) {
}
