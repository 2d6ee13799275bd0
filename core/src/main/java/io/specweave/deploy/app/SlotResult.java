package io.specweave.deploy.app;

import io.specweave.deploy.health.SlotHealth;
import io.specweave.deploy.model.SlotsState;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a slot deployment or a swap did.
 *
 * @param increment   the increment id
 * @param environment the environment
 * @param action      {@code deploy} or {@code swap}
 * @param slot        the slot deployed to, or the slot that went live on a swap
 * @param live        the live slot afterwards
 * @param idle        the idle slot afterwards
 * @param liveChanged true when the environment's current version changed
 * @param slots       the slot state afterwards
 * @param health      the health check before a swap, null when none ran
 * @param trackingId  the tracking item, null when none was updated
 * @param note        what the tracking item was told
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"increment", "environment", "action", "slot", "live", "idle", "liveChanged", "health",
        "trackingId", "note", "slots"})
public record SlotResult(String increment, String environment, String action, String slot, String live, String idle,
        boolean liveChanged, SlotsState slots, SlotHealth health, String trackingId, String note) {
}
