package io.specweave.deploy.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import io.specweave.deploy.app.Request;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code specweaveSync}: records a deployment of a SpecWeave increment to a profile's environment
 * and creates or updates that environment's tracking item, in the workspace's {@code .specweave}.
 *
 * <pre>
 * def result = specweaveSync profile: 'github-qa', credentialsId: 'github-token'
 * specweaveSync environment: 'prod', increment: '0018', deployed: true
 * </pre>
 */
public class SpecweaveSyncStep extends Step {

    static final String ACTIVE = "active";

    private String profile;
    private String environment;
    private String increment = ACTIVE;
    private boolean deployed = true;
    private boolean failed;
    private String credentialsId;
    private String commit;
    private String branch;
    private String tag;
    private String deployedBy;
    private String runUrl;
    private String deploymentUrl;
    private boolean dryRun;
    private String workingDirectory;
    private boolean commitMetadata;
    private boolean healthCheck = true;
    private String testResults;
    private String coverage;
    private String loadTestResults;
    private boolean force;
    private List<String> issueKeys = List.of();

    /**
     * Every parameter is optional: the profile may come from {@code profile}, {@code environment} or
     * {@code sync.defaultProfile}. (A constructor parameter would be required in Declarative Pipeline.)
     */
    @DataBoundConstructor
    public SpecweaveSyncStep() {
    }

    public String getProfile() {
        return profile;
    }

    /** The sync profile ({@code sync.profiles.<name>}); empty to choose it by environment or by default. */
    @DataBoundSetter
    public void setProfile(String profile) {
        this.profile = Text.blankToNull(profile);
    }

    public String getEnvironment() {
        return environment;
    }

    /** Chooses the profile by the environment it records (dev, qa, ...). */
    @DataBoundSetter
    public void setEnvironment(String environment) {
        this.environment = Text.blankToNull(environment);
    }

    public String getIncrement() {
        return increment;
    }

    /** {@code 0018}, {@code 18}, {@code 0018-name} or {@code active} (the default). */
    @DataBoundSetter
    public void setIncrement(String increment) {
        String value = Text.blankToNull(increment);
        this.increment = value == null ? ACTIVE : value;
    }

    public boolean isDeployed() {
        return deployed;
    }

    /** True (the default): the deployment finished. False: it has started and is in progress. */
    @DataBoundSetter
    public void setDeployed(boolean deployed) {
        this.deployed = deployed;
    }

    public boolean isFailed() {
        return failed;
    }

    /** True: the deployment failed (for a {@code post { failure { ... } }} block); wins over {@code deployed}. */
    @DataBoundSetter
    public void setFailed(boolean failed) {
        this.failed = failed;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** A "Secret text" (the token) or "Username with password" (Jira e-mail + API token) credential. */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Text.blankToNull(credentialsId);
    }

    public String getCommit() {
        return commit;
    }

    @DataBoundSetter
    public void setCommit(String commit) {
        this.commit = Text.blankToNull(commit);
    }

    public String getBranch() {
        return branch;
    }

    @DataBoundSetter
    public void setBranch(String branch) {
        this.branch = Text.blankToNull(branch);
    }

    public String getTag() {
        return tag;
    }

    @DataBoundSetter
    public void setTag(String tag) {
        this.tag = Text.blankToNull(tag);
    }

    public String getDeployedBy() {
        return deployedBy;
    }

    @DataBoundSetter
    public void setDeployedBy(String deployedBy) {
        this.deployedBy = Text.blankToNull(deployedBy);
    }

    public String getRunUrl() {
        return runUrl;
    }

    @DataBoundSetter
    public void setRunUrl(String runUrl) {
        this.runUrl = Text.blankToNull(runUrl);
    }

    public String getDeploymentUrl() {
        return deploymentUrl;
    }

    @DataBoundSetter
    public void setDeploymentUrl(String deploymentUrl) {
        this.deploymentUrl = Text.blankToNull(deploymentUrl);
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public String getWorkingDirectory() {
        return workingDirectory;
    }

    /** The folder holding {@code .specweave}, relative to the workspace; default: the workspace. */
    @DataBoundSetter
    public void setWorkingDirectory(String workingDirectory) {
        this.workingDirectory = Text.blankToNull(workingDirectory);
    }

    public boolean isCommitMetadata() {
        return commitMetadata;
    }

    /**
     * True: after a successful sync, commit the changed {@code metadata.json} to the run's branch and
     * push it (fetch, rebase and retry when the branch moved). A refused push is a warning, not a failure.
     */
    @DataBoundSetter
    public void setCommitMetadata(boolean commitMetadata) {
        this.commitMetadata = commitMetadata;
    }

    public boolean isHealthCheck() {
        return healthCheck;
    }

    /** True (the default): after a finished deployment, check the environment's health URL. */
    @DataBoundSetter
    public void setHealthCheck(boolean healthCheck) {
        this.healthCheck = healthCheck;
    }

    public String getTestResults() {
        return testResults;
    }

    /** JUnit XML reports (a glob relative to the project folder) to record as testResults. */
    @DataBoundSetter
    public void setTestResults(String testResults) {
        this.testResults = Text.blankToNull(testResults);
    }

    public String getCoverage() {
        return coverage;
    }

    /** A JaCoCo or Cobertura XML report to record as line coverage. */
    @DataBoundSetter
    public void setCoverage(String coverage) {
        this.coverage = Text.blankToNull(coverage);
    }

    public String getLoadTestResults() {
        return loadTestResults;
    }

    /** A k6 summary JSON to record as loadTestResults. */
    @DataBoundSetter
    public void setLoadTestResults(String loadTestResults) {
        this.loadTestResults = Text.blankToNull(loadTestResults);
    }

    public boolean isForce() {
        return force;
    }

    /** True: record even when a promotion gate refuses; the record says forced. */
    @DataBoundSetter
    public void setForce(boolean force) {
        this.force = force;
    }

    /** The Jira issue keys as the Snippet Generator shows them: comma-separated, empty for none. */
    public String getIssueKeys() {
        return issueKeys.isEmpty() ? null : String.join(",", issueKeys);
    }

    /** Jira: existing issues to record the deployment on instead of a tracking issue of its own ("PROD-12,PROD-13"). */
    @DataBoundSetter
    public void setIssueKeys(String issueKeys) {
        String value = Text.blankToNull(issueKeys);
        this.issueKeys = value == null ? List.of()
                : Arrays.stream(value.split("[,\\s]+")).filter(k -> !k.isBlank()).toList();
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new SpecweaveSyncStepExecution(this, context);
    }

    /** What the agent needs to run the sync: this step's values, the run's variables and the credential. */
    SyncCallable callable(Map<String, String> runEnvironment, StepCredential credential) {
        SyncCallable.Parameters p = new SyncCallable.Parameters();
        p.increment = increment;
        p.profile = profile;
        p.environment = environment;
        p.outcome = (failed ? Request.Outcome.FAILED : deployed ? Request.Outcome.DEPLOYED
                : Request.Outcome.IN_PROGRESS).name();
        p.commit = commit;
        p.branch = branch;
        p.tag = tag;
        p.deployedBy = deployedBy;
        p.runUrl = runUrl;
        p.deploymentUrl = deploymentUrl;
        p.dryRun = dryRun;
        p.commitMetadata = commitMetadata;
        p.healthCheck = healthCheck;
        p.force = force;
        p.issueKeys = new java.util.ArrayList<>(issueKeys);
        p.testResults = testResults;
        p.coverage = coverage;
        p.loadTestResults = loadTestResults;
        return new SyncCallable(p, runEnvironment, credential);
    }

    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "specweaveSync";
        }

        @Override
        public String getDisplayName() {
            return "SpecWeave: record a deployment and sync its tracking item";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, TaskListener.class, EnvVars.class);
        }

        /**
         * The Snippet Generator's credential list: secret texts and usernames with password the job
         * can use. Without the right to see them, only the value already entered.
         */
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String credentialsId) {
            StandardListBoxModel result = new StandardListBoxModel();
            if (item == null || !item.hasPermission(Item.EXTENDED_READ)
                    && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
                return result.includeCurrentValue(credentialsId);
            }
            return result.includeEmptyValue()
                    .includeMatchingAs(ACL.SYSTEM2, item, StandardCredentials.class, List.of(),
                            CredentialLookup.USABLE)
                    .includeCurrentValue(credentialsId);
        }
    }
}
