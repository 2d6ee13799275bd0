package io.specweave.deploy.status;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.DeploymentStatus;
import io.specweave.deploy.model.CanaryState;
import io.specweave.deploy.model.SlotsState;

/**
 * One environment of an increment's pipeline.
 *
 * @param environment the environment
 * @param state       deployed, failed, in_progress, rolled_back, not_deployed, or a status found in the file
 * @param profile     the profile recording it, may be null
 * @param provider    that profile's provider, may be null
 * @param trackingId  issue number, key or work item id, may be null
 * @param trackingUrl link to the tracking item, may be null
 * @param record      the record, null when never deployed
 * @param slots       the environment's blue-green slots, null when it has none
 * @param canary      the environment's canary (running, promoted or abandoned), null when it never had one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvironmentStatus(
        String environment,
        String state,
        String profile,
        String provider,
        String trackingId,
        String trackingUrl,
        @JsonUnwrapped DeploymentRecord record,
        SlotsState slots,
        CanaryState canary) {

    public static final String NOT_DEPLOYED = "not_deployed";

    /** An environment without blue-green slots or canary. */
    public EnvironmentStatus(String environment, String state, String profile, String provider, String trackingId,
            String trackingUrl, DeploymentRecord record) {
        this(environment, state, profile, provider, trackingId, trackingUrl, record, null, null);
    }

    @JsonIgnore
    public boolean isDeployed() {
        return DeploymentStatus.DEPLOYED.equals(state);
    }

    /** The mark the text view shows. */
    @JsonIgnore
    public String mark() {
        return switch (state) {
            case DeploymentStatus.DEPLOYED -> "✅";
            case DeploymentStatus.FAILED -> "❌";
            case DeploymentStatus.IN_PROGRESS -> "🔄";
            case DeploymentStatus.ROLLED_BACK -> "↩️";
            case NOT_DEPLOYED -> "⏳";
            default -> "•";
        };
    }

    /** The mark in plain ASCII, for {@code NO_COLOR} or non-UTF-8 terminals. */
    @JsonIgnore
    public String asciiMark() {
        return switch (state) {
            case DeploymentStatus.DEPLOYED -> "[x]";
            case DeploymentStatus.FAILED -> "[!]";
            case DeploymentStatus.IN_PROGRESS -> "[~]";
            case DeploymentStatus.ROLLED_BACK -> "[<]";
            case NOT_DEPLOYED -> "[ ]";
            default -> "[?]";
        };
    }
}
