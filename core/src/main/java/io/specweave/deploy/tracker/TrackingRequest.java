package io.specweave.deploy.tracker;

import io.specweave.deploy.config.SpecweaveConfig;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.deploy.DeploymentRecord;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.increment.SpecDocument;
import java.util.Map;

/**
 * Everything a tracker needs to create or update the item of (increment, profile).
 *
 * @param config          the whole config (pipeline order, status mappings)
 * @param profile         the profile whose tracker holds the item
 * @param increment       the increment
 * @param spec            title and summary from spec.md
 * @param incrementStatus SpecWeave's status of the increment (active, completed, ...), may be null
 * @param record          the environment's record as it will be stored, history included; it
 *                        carries the stored link ({@code issueNumber}, ...) when there is one
 * @param newDeployment   true when this sync records a deployment the item has not seen yet
 * @param environments    every environment's current record, for links between items
 * @param repositoryUrl   web URL of the source repository for commit links, may be null
 * @param note            what happened to the environment besides a deployment (a slot swap, a
 *                        rollback, a canary step), for the item's comment; null for a plain sync
 */
public record TrackingRequest(
        SpecweaveConfig config,
        SyncProfile profile,
        Increment increment,
        SpecDocument spec,
        String incrementStatus,
        DeploymentRecord record,
        boolean newDeployment,
        Map<String, DeploymentRecord> environments,
        String repositoryUrl,
        String note) {

    /** A request without a note: what a plain sync sends. */
    public TrackingRequest(SpecweaveConfig config, SyncProfile profile, Increment increment, SpecDocument spec,
            String incrementStatus, DeploymentRecord record, boolean newDeployment,
            Map<String, DeploymentRecord> environments, String repositoryUrl) {
        this(config, profile, increment, spec, incrementStatus, record, newDeployment, environments, repositoryUrl,
                null);
    }

    public String environment() {
        return profile.requireEnvironment();
    }
}
