package io.specweave.deploy.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.specweave.deploy.model.CanaryState;

/**
 * What a canary step or a canary rollback did.
 *
 * @param canary      the canary as stored
 * @param promoted    true when it reached 100 % and became the environment's current deployment
 * @param retriedStep the share of the step this run took already, when it ran again (a CI retry) after the
 *                    canary moved on: nothing was written; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"promoted", "retriedStep", "canary"})
public record CanaryDetail(CanaryState canary, boolean promoted, Integer retriedStep) {

    public CanaryDetail(CanaryState canary, boolean promoted) {
        this(canary, promoted, null);
    }
}
