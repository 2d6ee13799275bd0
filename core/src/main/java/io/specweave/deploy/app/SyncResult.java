package io.specweave.deploy.app;

import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.tracker.TrackingRef;
import java.util.List;

/**
 * What a sync did.
 *
 * @param increment       the increment
 * @param profile         the profile used
 * @param record          the environment's record as stored (or as it would be, on a dry run)
 * @param tracking        the tracking item; null on a dry run
 * @param newDeployment   false when this was a re-run of the deployment already recorded
 * @param metadataChanged true when metadata.json was (or would be) written
 * @param dryRun          true when nothing was written
 * @param warnings        what the user should know
 */
public record SyncResult(
        Increment increment,
        SyncProfile profile,
        DeploymentRecord record,
        TrackingRef tracking,
        boolean newDeployment,
        boolean metadataChanged,
        boolean dryRun,
        List<String> warnings) {

    public SyncResult {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public String environment() {
        return profile.environment();
    }
}
