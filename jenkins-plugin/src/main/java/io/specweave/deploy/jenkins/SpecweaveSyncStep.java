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
import io.specweave.deploy.Input;
import java.util.EnumMap;
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

    // What the agent gets: the parameters as core reads text inputs (the text of a boolean is
    // "true" or "false"). Each parameter is described for users in its help-<parameter>.html
    // beside config.jelly.
    private final EnumMap<Input, String> values = new EnumMap<>(Input.class);
    private boolean deployed = true;
    private boolean failed;
    private boolean commitMetadata;
    private String credentialsId;
    private String gitCredentialsId;
    private String workingDirectory;

    /**
     * Every parameter is optional: the profile may come from {@code profile}, {@code environment} or
     * the config's only environment. (A constructor parameter would be required in Declarative Pipeline.)
     */
    @DataBoundConstructor
    public SpecweaveSyncStep() {
    }

    private String get(Input input) {
        return values.get(input);
    }

    private boolean is(Input input, boolean fallback) {
        return values.containsKey(input) ? Boolean.parseBoolean(values.get(input)) : fallback;
    }

    private void set(Input input, Object value) {
        String text = Text.blankToNull(value == null ? null : value.toString());
        if (text == null) {
            values.remove(input);
        } else {
            values.put(input, text);
        }
    }

    public String getProfile() { return get(Input.PROFILE); }
    @DataBoundSetter
    public void setProfile(String profile) { set(Input.PROFILE, profile); }

    public String getEnvironment() { return get(Input.ENVIRONMENT); }
    @DataBoundSetter
    public void setEnvironment(String environment) { set(Input.ENVIRONMENT, environment); }

    public String getIncrement() { return values.getOrDefault(Input.INCREMENT, ACTIVE); }
    @DataBoundSetter
    public void setIncrement(String increment) { set(Input.INCREMENT, increment); }

    public boolean isDeployed() { return deployed; }
    @DataBoundSetter
    public void setDeployed(boolean deployed) { this.deployed = deployed; }

    public boolean isFailed() { return failed; }
    /** Wins over {@code deployed}: a {@code post { failure { ... } }} block says so. */
    @DataBoundSetter
    public void setFailed(boolean failed) { this.failed = failed; }

    public String getCredentialsId() { return credentialsId; }
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) { this.credentialsId = Text.blankToNull(credentialsId); }

    public String getCommit() { return get(Input.COMMIT); }
    @DataBoundSetter
    public void setCommit(String commit) { set(Input.COMMIT, commit); }

    public String getBranch() { return get(Input.BRANCH); }
    @DataBoundSetter
    public void setBranch(String branch) { set(Input.BRANCH, branch); }

    public String getTag() { return get(Input.TAG); }
    @DataBoundSetter
    public void setTag(String tag) { set(Input.TAG, tag); }

    public String getDeployedBy() { return get(Input.DEPLOYED_BY); }
    @DataBoundSetter
    public void setDeployedBy(String deployedBy) { set(Input.DEPLOYED_BY, deployedBy); }

    public String getRunUrl() { return get(Input.RUN_URL); }
    @DataBoundSetter
    public void setRunUrl(String runUrl) { set(Input.RUN_URL, runUrl); }

    public String getDeploymentUrl() { return get(Input.DEPLOYMENT_URL); }
    @DataBoundSetter
    public void setDeploymentUrl(String deploymentUrl) { set(Input.DEPLOYMENT_URL, deploymentUrl); }

    public boolean isDryRun() { return is(Input.DRY_RUN, false); }
    @DataBoundSetter
    public void setDryRun(boolean dryRun) { set(Input.DRY_RUN, dryRun); }

    public String getWorkingDirectory() { return workingDirectory; }
    @DataBoundSetter
    public void setWorkingDirectory(String workingDirectory) { this.workingDirectory = Text.blankToNull(workingDirectory); }

    public String getGitCredentialsId() { return gitCredentialsId; }
    /** The "Username with password" commitMetadata pushes with over HTTPS. */
    @DataBoundSetter
    public void setGitCredentialsId(String gitCredentialsId) { this.gitCredentialsId = Text.blankToNull(gitCredentialsId); }

    public boolean isCommitMetadata() { return commitMetadata; }
    @DataBoundSetter
    public void setCommitMetadata(boolean commitMetadata) { this.commitMetadata = commitMetadata; }

    public boolean isHealthCheck() { return is(Input.HEALTH_CHECK, true); }
    @DataBoundSetter
    public void setHealthCheck(boolean healthCheck) { set(Input.HEALTH_CHECK, healthCheck); }

    public String getTestResults() { return get(Input.TEST_RESULTS); }
    @DataBoundSetter
    public void setTestResults(String testResults) { set(Input.TEST_RESULTS, testResults); }

    public String getCoverage() { return get(Input.COVERAGE); }
    @DataBoundSetter
    public void setCoverage(String coverage) { set(Input.COVERAGE, coverage); }

    public String getLoadTestResults() { return get(Input.LOAD_TEST_RESULTS); }
    @DataBoundSetter
    public void setLoadTestResults(String loadTestResults) { set(Input.LOAD_TEST_RESULTS, loadTestResults); }

    public boolean isForce() { return is(Input.FORCE, false); }
    @DataBoundSetter
    public void setForce(boolean force) { set(Input.FORCE, force); }

    /** Keys separated by commas, spaces or new lines; empty for none. */
    public String getIssueKeys() { return get(Input.ISSUE_KEYS); }
    @DataBoundSetter
    public void setIssueKeys(String issueKeys) { set(Input.ISSUE_KEYS, issueKeys); }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new SpecweaveSyncStepExecution(this, context);
    }

    /** What the agent needs to run the sync: this step's values, the run's variables and the credential. */
    SyncCallable callable(Map<String, String> runEnvironment, StepCredential credential) {
        return callable(runEnvironment, credential, null);
    }

    /** ... and the credential {@code commitMetadata} pushes with; null for the checkout's own. */
    SyncCallable callable(Map<String, String> runEnvironment, StepCredential credential, StepCredential gitCredential) {
        EnumMap<Input, String> inputs = new EnumMap<>(values);
        // deployed: false is a deployment that has started, as the CLI's sync without --deployed.
        inputs.put(Input.DEPLOYED, deployed ? "true" : "in-progress");
        inputs.put(Input.FAILED, String.valueOf(failed));
        return new SyncCallable(inputs, commitMetadata, runEnvironment, credential, gitCredential);
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

        /** The credentials commitMetadata can push with: usernames with password the job can use. */
        public ListBoxModel doFillGitCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String gitCredentialsId) {
            StandardListBoxModel result = new StandardListBoxModel();
            if (item == null || !item.hasPermission(Item.EXTENDED_READ)
                    && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
                return result.includeCurrentValue(gitCredentialsId);
            }
            return result.includeEmptyValue()
                    .includeMatchingAs(ACL.SYSTEM2, item, StandardCredentials.class, List.of(),
                            CredentialLookup.GIT_PUSH)
                    .includeCurrentValue(gitCredentialsId);
        }
    }
}
