package io.specweave.deploy.app;

import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.model.DeploymentRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.increment.MetadataStore;
import io.specweave.deploy.increment.SpecDocument;
import io.specweave.deploy.tracker.TrackingRef;
import io.specweave.deploy.tracker.TrackingRequest;
import java.util.List;

/**
 * Updates an environment's tracking item after a change that is already written to
 * {@code metadata.json} (a slot swap, a canary step, a rollback): the item shows the record as
 * stored, and its comment is the change's note. The item's link is stored back when the tracker
 * created or found one the record did not know.
 */
public final class TrackingNotes {

    private static final List<String> LINK_FIELDS = List.of("issueNumber", "issueKey", "workItemId", "issueUrl",
            "workItemUrl");

    private TrackingNotes() {
    }

    /**
     * @param newDeployment true when the change put a new version in front of the environment's
     *                      users (a canary promoted to 100 %), so the item gets a deployment comment
     * @param note          the comment for the change; null for none
     */
    public static TrackingRef send(TrackerFactory trackers, Project project, SyncProfile profile,
            Increment increment, String environment, boolean newDeployment, String note, String repositoryUrl) {
        MetadataStore store = project.metadata(increment);
        MetadataDocument document = store.read();
        DeploymentRecord record = Deployments.get(document, environment).orElse(null);
        if (record == null) {
            return null;
        }
        TrackingRequest request = new TrackingRequest(project.config(), profile, increment,
                SpecDocument.read(increment.specFile()), document.status(), record, newDeployment,
                Deployments.all(document), repositoryUrl, java.util.List.of(), note);
        TrackingRef ref;
        try {
            ref = trackers.forProfile(profile).upsert(request);
        } catch (OperationFailedException e) {
            throw new OperationFailedException(e.getMessage() + " (the change is recorded in " + increment.id()
                    + "/metadata.json; the tracking item shows it after the next sync)", e);
        }
        ObjectNode links = ref.linked(record).toNodeWithoutHistory();
        store.update(doc -> {
            ObjectNode node = doc.deploymentForUpdate(environment);
            for (String field : LINK_FIELDS) {
                JsonNode value = links.get(field);
                if (value != null && !value.isNull() && !value.equals(node.get(field))) {
                    node.set(field, value);
                }
            }
            return null;
        });
        return ref;
    }
}
