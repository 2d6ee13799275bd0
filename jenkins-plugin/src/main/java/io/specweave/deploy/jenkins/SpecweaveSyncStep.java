package io.specweave.deploy.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import io.specweave.deploy.Command;
import io.specweave.deploy.Input;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code specweaveSync}: records a deployment of a SpecWeave increment to a profile's environment
 * and creates or updates that environment's tracking item, in the workspace's {@code .specweave}.
 *
 * <pre>
 * def result = specweaveSync profile: 'github-qa', credentialsId: 'github-token'
 * specweaveSync environment: 'prod', increment: '0018', deployed: true
 * </pre>
 */
public class SpecweaveSyncStep extends SpecweaveStep {

    private String credentialsId;
    private String gitCredentialsId;

    /**
     * Every parameter is optional: the profile may come from {@code profile}, {@code environment} or
     * the config's only environment. (A constructor parameter would be required in Declarative Pipeline.)
     */
    @DataBoundConstructor
    public SpecweaveSyncStep() {
    }

    public String getProfile() { return get(Input.PROFILE); }
    @DataBoundSetter
    public void setProfile(String profile) { set(Input.PROFILE, profile); }

    public String getEnvironment() { return get(Input.ENVIRONMENT); }
    @DataBoundSetter
    public void setEnvironment(String environment) { set(Input.ENVIRONMENT, environment); }

    public boolean isDeployed() { return get(Input.DEPLOYED) == null; }
    /** {@code false}: a deployment that has started, as the CLI's sync without --deployed. */
    @DataBoundSetter
    public void setDeployed(boolean deployed) { set(Input.DEPLOYED, deployed ? null : "in-progress"); }

    public boolean isFailed() { return is(Input.FAILED, false); }
    /** Wins over {@code deployed}: a {@code post { failure { ... } }} block says so. */
    @DataBoundSetter
    public void setFailed(boolean failed) { set(Input.FAILED, failed); }

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

    public String getGitCredentialsId() { return gitCredentialsId; }
    /** The "Username with password" commitMetadata pushes with over HTTPS. */
    @DataBoundSetter
    public void setGitCredentialsId(String gitCredentialsId) { this.gitCredentialsId = Text.blankToNull(gitCredentialsId); }

    public boolean isCommitMetadata() { return is(Input.COMMIT_METADATA, false); }
    @DataBoundSetter
    public void setCommitMetadata(boolean commitMetadata) { set(Input.COMMIT_METADATA, commitMetadata); }

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
    OperationCallable operation(Run<?, ?> run, HashMap<String, String> variables, TaskListener listener)
            throws AbortException {
        return callable(variables, CredentialLookup.TRACKER.resolve(credentialsId, run),
                CredentialLookup.GIT_PUSH.resolve(gitCredentialsId, run), listener);
    }

    /** The sync on the agent; {@code gitCredential} is what commitMetadata pushes with, null for the checkout's own. */
    OperationCallable callable(Map<String, String> runEnvironment, StepCredential credential,
            StepCredential gitCredential, TaskListener listener) {
        return new OperationCallable(Command.SYNC, inputs, runEnvironment, credential, gitCredential, listener);
    }

    @Extension
    public static class DescriptorImpl extends SpecweaveStep.SpecweaveDescriptor {

        @Override
        public String getFunctionName() {
            return "specweaveSync";
        }

        @Override
        public String getDisplayName() {
            return "SpecWeave: record a deployment and sync its tracking item";
        }

        /**
         * The Snippet Generator's credential list: secret texts and usernames with password the job
         * can use.
         */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String credentialsId) {
            return credentials(item, credentialsId, CredentialLookup.TRACKER.usable);
        }

        /** The credentials commitMetadata can push with: usernames with password the job can use. */
        @POST
        public ListBoxModel doFillGitCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String gitCredentialsId) {
            return credentials(item, gitCredentialsId, CredentialLookup.GIT_PUSH.usable);
        }

        /**
         * The job's credentials {@code matcher} takes, as the job's builds see them (Authorize Project);
         * without the right to see them, only the value entered.
         */
        private static ListBoxModel credentials(Item item, String current, CredentialsMatcher matcher) {
            StandardListBoxModel result = new StandardListBoxModel();
            if (item == null || !item.hasPermission(Item.EXTENDED_READ)
                    && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
                return result.includeCurrentValue(current);
            }
            return result.includeEmptyValue()
                    .includeMatchingAs(item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2,
                            item, StandardCredentials.class, List.of(), matcher)
                    .includeCurrentValue(current);
        }
    }
}
