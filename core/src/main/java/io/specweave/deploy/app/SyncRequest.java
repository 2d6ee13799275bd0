package io.specweave.deploy.app;

import io.specweave.deploy.model.DeploymentStatus;
import java.util.List;

/**
 * What a front end asks {@link SyncService} to do: record a deployment of an increment to a
 * profile's environment and sync its tracking item. Null fields fall back to the CI context and
 * the profile.
 *
 * @param increment     {@code 0018}, {@code 0018-name} or {@code active}
 * @param profile       profile name; or null to resolve by environment / default
 * @param environment   environment to resolve the profile by; may be null
 * @param provider      the provider word of {@code sync <provider> <increment>}; must match the profile's
 * @param outcome       what happened to the deployment
 * @param commit        overrides the detected commit
 * @param branch        overrides the detected branch
 * @param tag           overrides the detected tag
 * @param deployedBy    overrides the detected actor
 * @param runUrl        overrides the detected run link
 * @param deploymentUrl overrides the profile's deploymentUrl
 * @param dryRun        compute and report, write nothing, call no tracker
 * @param issueKeys     existing tracker items to record the deployment on ({@code --issue-keys}); empty
 *                      for the profile's own item
 * @param results       test, coverage and load-test files, metrics and change request to attach
 * @param healthCheck   check the environment's health after a successful deployment (when it has a URL)
 * @param force         record even when a promotion gate refuses; the record says {@code forced: true}
 */
public record SyncRequest(
        String increment,
        String profile,
        String environment,
        String provider,
        Outcome outcome,
        String commit,
        String branch,
        String tag,
        String deployedBy,
        String runUrl,
        String deploymentUrl,
        boolean dryRun,
        List<String> issueKeys,
        Attachments results,
        boolean healthCheck,
        boolean force) {

    public SyncRequest {
        issueKeys = issueKeys == null ? List.of() : List.copyOf(issueKeys);
        results = results == null ? Attachments.NONE : results;
    }

    /** A plain request: no issue keys, nothing attached, no health check, no force. */
    public SyncRequest(String increment, String profile, String environment, String provider, Outcome outcome,
            String commit, String branch, String tag, String deployedBy, String runUrl, String deploymentUrl,
            boolean dryRun) {
        this(increment, profile, environment, provider, outcome, commit, branch, tag, deployedBy, runUrl,
                deploymentUrl, dryRun, List.of(), Attachments.NONE, false, false);
    }

    /**
     * What a deploy job attaches to its deployment. Paths and globs are relative to the project folder;
     * every field may be null.
     *
     * @param testResults     glob of JUnit XML files ({@code build/test-results/**}{@code /*.xml})
     * @param coverage        a JaCoCo or Cobertura XML report
     * @param loadTestResults a k6 summary JSON ({@code --summary-export} or {@code handleSummary})
     * @param metrics         a JSON object of metrics, inline or {@code @file}
     * @param changeRequest   {@code id=CHG-1,url=...,approvedAt=...,window=start/end}
     */
    public record Attachments(String testResults, String coverage, String loadTestResults, String metrics,
            String changeRequest) {

        public static final Attachments NONE = new Attachments(null, null, null, null, null);

        public boolean isEmpty() {
            return testResults == null && coverage == null && loadTestResults == null && metrics == null
                    && changeRequest == null;
        }
    }

    /** The deployment's state as the pipeline reports it. */
    public enum Outcome {
        /** The deploy job has started; the item shows the environment as in progress. */
        IN_PROGRESS(DeploymentStatus.IN_PROGRESS),
        /** The deploy job succeeded ({@code --deployed}). */
        DEPLOYED(DeploymentStatus.DEPLOYED),
        /** The deploy job failed ({@code --failed}). */
        FAILED(DeploymentStatus.FAILED);

        private final String status;

        Outcome(String status) {
            this.status = status;
        }

        public String status() {
            return status;
        }
    }

    /** A request with only the increment and profile set, deployed, not a dry run. */
    public static SyncRequest deployed(String increment, String profile) {
        return new SyncRequest(increment, profile, null, null, Outcome.DEPLOYED, null, null, null, null, null, null,
                false);
    }
}
