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
import java.util.ArrayList;
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

    // What the agent gets: the parameters as core's request takes them. Each parameter is described
    // for users in its help-<parameter>.html beside config.jelly.
    private final SyncCallable.Parameters p = new SyncCallable.Parameters();
    private boolean deployed = true;
    private boolean failed;
    private String credentialsId;
    private String gitCredentialsId;
    private String workingDirectory;

    /**
     * Every parameter is optional: the profile may come from {@code profile}, {@code environment} or
     * the config's only environment. (A constructor parameter would be required in Declarative Pipeline.)
     */
    @DataBoundConstructor
    public SpecweaveSyncStep() {
        p.increment = ACTIVE;
    }

    public String getProfile() { return p.profile; }
    @DataBoundSetter
    public void setProfile(String profile) { p.profile = Text.blankToNull(profile); }

    public String getEnvironment() { return p.environment; }
    @DataBoundSetter
    public void setEnvironment(String environment) { p.environment = Text.blankToNull(environment); }

    public String getIncrement() { return p.increment; }
    @DataBoundSetter
    public void setIncrement(String increment) {
        String value = Text.blankToNull(increment);
        p.increment = value == null ? ACTIVE : value;
    }

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

    public String getCommit() { return p.commit; }
    @DataBoundSetter
    public void setCommit(String commit) { p.commit = Text.blankToNull(commit); }

    public String getBranch() { return p.branch; }
    @DataBoundSetter
    public void setBranch(String branch) { p.branch = Text.blankToNull(branch); }

    public String getTag() { return p.tag; }
    @DataBoundSetter
    public void setTag(String tag) { p.tag = Text.blankToNull(tag); }

    public String getDeployedBy() { return p.deployedBy; }
    @DataBoundSetter
    public void setDeployedBy(String deployedBy) { p.deployedBy = Text.blankToNull(deployedBy); }

    public String getRunUrl() { return p.runUrl; }
    @DataBoundSetter
    public void setRunUrl(String runUrl) { p.runUrl = Text.blankToNull(runUrl); }

    public String getDeploymentUrl() { return p.deploymentUrl; }
    @DataBoundSetter
    public void setDeploymentUrl(String deploymentUrl) { p.deploymentUrl = Text.blankToNull(deploymentUrl); }

    public boolean isDryRun() { return p.dryRun; }
    @DataBoundSetter
    public void setDryRun(boolean dryRun) { p.dryRun = dryRun; }

    public String getWorkingDirectory() { return workingDirectory; }
    @DataBoundSetter
    public void setWorkingDirectory(String workingDirectory) { this.workingDirectory = Text.blankToNull(workingDirectory); }

    public String getGitCredentialsId() { return gitCredentialsId; }
    /** The "Username with password" commitMetadata pushes with over HTTPS. */
    @DataBoundSetter
    public void setGitCredentialsId(String gitCredentialsId) { this.gitCredentialsId = Text.blankToNull(gitCredentialsId); }

    public boolean isCommitMetadata() { return p.commitMetadata; }
    @DataBoundSetter
    public void setCommitMetadata(boolean commitMetadata) { p.commitMetadata = commitMetadata; }

    public boolean isHealthCheck() { return p.healthCheck; }
    @DataBoundSetter
    public void setHealthCheck(boolean healthCheck) { p.healthCheck = healthCheck; }

    public String getTestResults() { return p.testResults; }
    @DataBoundSetter
    public void setTestResults(String testResults) { p.testResults = Text.blankToNull(testResults); }

    public String getCoverage() { return p.coverage; }
    @DataBoundSetter
    public void setCoverage(String coverage) { p.coverage = Text.blankToNull(coverage); }

    public String getLoadTestResults() { return p.loadTestResults; }
    @DataBoundSetter
    public void setLoadTestResults(String loadTestResults) { p.loadTestResults = Text.blankToNull(loadTestResults); }

    public boolean isForce() { return p.force; }
    @DataBoundSetter
    public void setForce(boolean force) { p.force = force; }

    /** As the Snippet Generator shows them: comma-separated, empty for none. */
    public String getIssueKeys() { return p.issueKeys.isEmpty() ? null : String.join(",", p.issueKeys); }
    @DataBoundSetter
    public void setIssueKeys(String issueKeys) {
        String value = Text.blankToNull(issueKeys);
        p.issueKeys = value == null ? new ArrayList<>()
                : Arrays.stream(value.split("[,\\s]+")).filter(k -> !k.isBlank())
                        .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

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
        p.outcome = (failed ? Request.Outcome.FAILED : deployed ? Request.Outcome.DEPLOYED
                : Request.Outcome.IN_PROGRESS).name();
        return new SyncCallable(p, runEnvironment, credential, gitCredential);
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
