package io.specweave.deploy.tracker;

import io.specweave.deploy.config.SpecweaveConfig;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.increment.SpecDocument;
import io.specweave.deploy.increment.SpecweaveLinks;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
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
 * @param newDeployment   true when the item has not been told of the record's deployment yet: a new one,
 *                        or one an earlier run recorded but could not tell it (its tracker failed)
 * @param environments    every environment's current record, for links between items
 * @param repositoryUrl   web URL of the source repository for commit links, may be null
 * @param issueKeys       existing items to record the deployment on instead of the profile's own item
 *                        (Jira's {@code --issue-keys}); empty when not given
 * @param note            what happened to the environment besides a deployment (a slot swap, a
 *                        rollback, a canary step), for the item's comment; null for a plain sync
 * @param environmentNode the environment's whole node as it will be stored — the record with its
 *                        history, blue-green slots, canary and flag changes — which the item keeps as
 *                        its record copy; null to keep {@code record} alone
 * @param links           what SpecWeave's own sync stored for the increment (its GitHub issue, Jira
 *                        epic, Azure DevOps feature), which the item references
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
        List<String> issueKeys,
        String note,
        ObjectNode environmentNode,
        SpecweaveLinks links) {

    public TrackingRequest {
        issueKeys = issueKeys == null ? List.of() : List.copyOf(issueKeys);
        environmentNode = environmentNode == null ? null : environmentNode.deepCopy();
        links = links == null ? SpecweaveLinks.NONE : links;
    }

    /** A request without SpecWeave's links. */
    public TrackingRequest(SpecweaveConfig config, SyncProfile profile, Increment increment, SpecDocument spec,
            String incrementStatus, DeploymentRecord record, boolean newDeployment,
            Map<String, DeploymentRecord> environments, String repositoryUrl, List<String> issueKeys, String note,
            ObjectNode environmentNode) {
        this(config, profile, increment, spec, incrementStatus, record, newDeployment, environments, repositoryUrl,
                issueKeys, note, environmentNode, null);
    }

    /** A request whose record copy is the record alone. */
    public TrackingRequest(SpecweaveConfig config, SyncProfile profile, Increment increment, SpecDocument spec,
            String incrementStatus, DeploymentRecord record, boolean newDeployment,
            Map<String, DeploymentRecord> environments, String repositoryUrl, List<String> issueKeys, String note) {
        this(config, profile, increment, spec, incrementStatus, record, newDeployment, environments, repositoryUrl,
                issueKeys, note, null);
    }

    /** What the item keeps as its record copy: the environment's whole node, else the record. */
    public ObjectNode recordCopyNode() {
        return environmentNode != null ? environmentNode.deepCopy() : record.toNode();
    }

    /** A plain sync's request: no explicit issue keys, no note. */
    public TrackingRequest(SpecweaveConfig config, SyncProfile profile, Increment increment, SpecDocument spec,
            String incrementStatus, DeploymentRecord record, boolean newDeployment,
            Map<String, DeploymentRecord> environments, String repositoryUrl) {
        this(config, profile, increment, spec, incrementStatus, record, newDeployment, environments, repositoryUrl,
                List.of(), null, null);
    }

    public String environment() {
        return profile.requireEnvironment();
    }
}
