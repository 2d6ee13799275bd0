package io.specweave.deploy.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a rollback did.
 *
 * @param rolledBackFrom the commit taken out
 * @param restoredCommit the commit running again
 * @param live           with blue-green slots: the slot live again; else null
 * @param idle           with blue-green slots: the slot now idle; else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"rolledBackFrom", "restoredCommit", "live", "idle"})
public record RollbackDetail(String rolledBackFrom, String restoredCommit, String live, String idle) {
}
