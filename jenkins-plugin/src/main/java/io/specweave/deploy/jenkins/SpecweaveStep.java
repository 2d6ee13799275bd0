package io.specweave.deploy.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.specweave.deploy.Input;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What the SpecWeave steps share: their parameters as core's text inputs, the folder holding
 * {@code .specweave}, and one execution ({@link SpecweaveStepExecution}) that runs the step's core
 * operation on the agent. Each parameter is described for users in its help-&lt;parameter&gt;.html
 * beside the step's config.jelly.
 */
public abstract class SpecweaveStep extends Step {

    static final String ACTIVE = "active";

    // What the agent gets: the parameters as core reads text inputs (a boolean's text is "true" or "false").
    final EnumMap<Input, String> inputs = new EnumMap<>(Input.class);

    String get(Input input) {
        return inputs.get(input);
    }

    boolean is(Input input, boolean fallback) {
        return inputs.containsKey(input) ? Boolean.parseBoolean(inputs.get(input)) : fallback;
    }

    /** Sets a parameter; null or blank (an empty Snippet Generator field) unsets it. */
    void set(Input input, Object value) {
        String text = Text.blankToNull(value == null ? null : value.toString());
        if (text == null) {
            inputs.remove(input);
        } else {
            inputs.put(input, text);
        }
    }

    public String getIncrement() { return inputs.getOrDefault(Input.INCREMENT, ACTIVE); }

    /** {@code 0018}, {@code 0018-name} or {@code active} (the default). */
    @DataBoundSetter
    public void setIncrement(String increment) { set(Input.INCREMENT, increment); }

    public String getWorkingDirectory() { return get(Input.DIR); }

    /** The folder holding {@code .specweave}, inside the workspace (core refuses one outside it); default: the workspace. */
    @DataBoundSetter
    public void setWorkingDirectory(String workingDirectory) { set(Input.DIR, workingDirectory); }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new SpecweaveStepExecution(this, context);
    }

    /**
     * What the agent runs, read on the controller: this step's values, the run's variables (with
     * Jenkins' proxy) and the credentials the step names, looked up for {@code run}; it logs to {@code listener}.
     */
    abstract OperationCallable operation(Run<?, ?> run, HashMap<String, String> variables, TaskListener listener)
            throws AbortException;

    /** The steps' descriptors: what a step needs from Pipeline is the same for both. */
    public abstract static class SpecweaveDescriptor extends StepDescriptor {

        /** The run (for its variables and credentials), the workspace, the log and the environment. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, TaskListener.class, EnvVars.class);
        }
    }
}
