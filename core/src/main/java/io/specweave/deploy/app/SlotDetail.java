package io.specweave.deploy.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a deployment to a blue-green slot, or a swap, did to the environment's slots.
 *
 * @param action      {@code deploy} or {@code swap}
 * @param slot        the slot deployed to, or made live
 * @param live        the live slot afterwards
 * @param idle        the idle slot afterwards
 * @param liveChanged true when what users see changed (the first slot deployed to, a swap)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"action", "slot", "live", "idle", "liveChanged"})
public record SlotDetail(String action, String slot, String live, String idle, boolean liveChanged) {
}
