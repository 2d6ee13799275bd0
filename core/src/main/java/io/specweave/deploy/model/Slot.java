package io.specweave.deploy.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What one blue-green slot of an environment runs, as stored under
 * {@code deployments.<env>.slots.<slot>}.
 *
 * @param increment    the increment deployed to the slot
 * @param commit       its commit
 * @param branch       its branch, may be null
 * @param tag          its tag, may be null
 * @param url          the slot's own URL (from the profile's {@code slots.<slot>.url} or the deploy)
 * @param deployedAt   when it was deployed to the slot
 * @param deployedBy   who deployed it
 * @param runUrl       the pipeline run
 * @param healthStatus the last health check before a swap, may be null
 * @param lastChecked  when that check ran
 */
@JsonPropertyOrder({"increment", "commit", "branch", "tag", "url", "deployedAt", "deployedBy", "runUrl",
        "healthStatus", "lastChecked"})
public record Slot(String increment, String commit, String branch, String tag, String url, String deployedAt,
        String deployedBy, String runUrl, String healthStatus, String lastChecked) {

    public Slot withHealth(HealthStatus status, String checkedAt) {
        return new Slot(increment, commit, branch, tag, url, deployedAt, deployedBy, runUrl,
                status == null ? null : status.raw(), checkedAt);
    }
}
