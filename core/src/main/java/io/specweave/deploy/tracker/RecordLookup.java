package io.specweave.deploy.tracker;

import io.specweave.deploy.config.SpecweaveConfig;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.increment.Increment;

/**
 * What a tracker needs to find the item of (increment, profile) without a deployment to record:
 * used to read back the copy of the record the item carries.
 *
 * @param config    the whole config
 * @param profile   the profile whose tracker holds the item
 * @param increment the increment
 * @param local     the local record of the profile's environment, carrying the stored link; may be null
 */
public record RecordLookup(SpecweaveConfig config, SyncProfile profile, Increment increment, DeploymentRecord local) {

    public String environment() {
        return profile.requireEnvironment();
    }
}
