package io.specweave.deploy.jenkins;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.specweave.deploy.Command;
import java.util.HashMap;
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
public class SpecweaveStatusStep extends SpecweaveStep {

    private boolean plain;

    /** Every parameter is optional, so {@code specweaveStatus()} works in Declarative Pipeline too. */
    @DataBoundConstructor
    public SpecweaveStatusStep() {
    }

    public boolean isPlain() { return plain; }

    /** ASCII marks instead of emoji (also when the run has {@code NO_COLOR} set). */
    @DataBoundSetter
    public void setPlain(boolean plain) { this.plain = plain; }

    /**
     * The status read on the agent with the run's variables, as a sync's: {@code active} is the
     * increment of the run's branch when two are active. {@code plain} is {@code NO_COLOR} for this step.
     */
    @Override
    OperationCallable operation(Run<?, ?> run, HashMap<String, String> variables, TaskListener listener) {
        if (plain) {
            variables.put("NO_COLOR", "1");
        }
        return new OperationCallable(Command.STATUS, inputs, variables, null, null, listener);
    }

    @Extension
    public static class DescriptorImpl extends SpecweaveStep.SpecweaveDescriptor {

        @Override
        public String getFunctionName() {
            return "specweaveStatus";
        }

        @Override
        public String getDisplayName() {
            return "SpecWeave: show an increment's deployment status";
        }
    }
}
