package io.specweave.deploy.tracker;

import io.specweave.deploy.config.Provider;
import io.specweave.deploy.model.DeploymentRecord;
import java.util.List;

/**
 * Where an environment's tracking item lives.
 *
 * @param provider the tracker
 * @param number   GitHub issue number or Azure DevOps work item id; null for Jira and local
 * @param key      Jira issue key; for the other providers the id as text
 * @param url      a link a person can open; null for the local provider
 * @param created  true when this sync created the item
 * @param changed  true when this sync changed anything on the item
 * @param warnings what the user should know but that did not fail the sync
 * @param deploymentId the GitHub Deployment this sync created or updated ({@code githubDeployment: true}),
 *                 for workflows that chain other deployment actions; null when there is none
 */
public record TrackingRef(Provider provider, Integer number, String key, String url, boolean created,
        boolean changed, List<String> warnings, Long deploymentId) {

    public TrackingRef {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** An item without a GitHub Deployment: every provider but GitHub, and GitHub without {@code githubDeployment}. */
    public TrackingRef(Provider provider, Integer number, String key, String url, boolean created, boolean changed,
            List<String> warnings) {
        this(provider, number, key, url, created, changed, warnings, null);
    }

    /** Issue number, Jira key or work item id, as the Action's {@code tracking-id} output shows it. */
    public String id() {
        if (key != null) {
            return key;
        }
        return number == null ? null : String.valueOf(number);
    }

    /** {@code record} with this item's link stored in the provider's fields. */
    public DeploymentRecord linked(DeploymentRecord record) {
        DeploymentRecord.Builder b = record.toBuilder();
        switch (provider) {
            case GITHUB -> b.issueNumber(number).issueUrl(url);
            case JIRA -> b.issueKey(key).issueUrl(url);
            case ADO -> b.workItemId(number).workItemUrl(url);
            case LOCAL -> {
                // The local provider's item is the record itself.
            }
        }
        return b.build();
    }
}
