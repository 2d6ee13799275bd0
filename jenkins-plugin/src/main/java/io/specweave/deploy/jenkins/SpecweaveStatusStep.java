package io.specweave.deploy.jenkins;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code specweaveStatus}: prints an increment's pipeline status (each environment in pipeline
 * order) to the build log and returns it as a map.
 *
 * <pre>
 * def status = specweaveStatus increment: '0018'
 * echo "prod: ${status.environments.find { it.environment == 'prod' }.state}"
 * </pre>
 */
public class SpecweaveStatusStep extends Step {

    private String increment = SpecweaveSyncStep.ACTIVE;
    private boolean plain;
    private String workingDirectory;

    /** Every parameter is optional, so {@code specweaveStatus()} works in Declarative Pipeline too. */
    @DataBoundConstructor
    public SpecweaveStatusStep() {
    }

    public String getIncrement() { return increment; }

    /** {@code 0018}, {@code 0018-name} or {@code active} (the default). */
    @DataBoundSetter
    public void setIncrement(String increment) {
        String value = Text.blankToNull(increment);
        this.increment = value == null ? SpecweaveSyncStep.ACTIVE : value;
    }

    public boolean isPlain() { return plain; }

    /** ASCII marks instead of emoji (also when the run has {@code NO_COLOR} set). */
    @DataBoundSetter
    public void setPlain(boolean plain) { this.plain = plain; }

    public String getWorkingDirectory() { return workingDirectory; }

    /** The folder holding {@code .specweave}, relative to the workspace; default: the workspace. */
    @DataBoundSetter
    public void setWorkingDirectory(String workingDirectory) { this.workingDirectory = Text.blankToNull(workingDirectory); }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new SpecweaveStatusStepExecution(this, context);
    }

    /** The status read on the agent; plain when asked or when the run's environment has NO_COLOR. */
    StatusCallable callable(EnvVars env) {
        return new StatusCallable(increment, plain || env.containsKey("NO_COLOR"));
    }

    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "specweaveStatus";
        }

        @Override
        public String getDisplayName() {
            return "SpecWeave: show an increment's deployment status";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, TaskListener.class, EnvVars.class);
        }
    }
}
