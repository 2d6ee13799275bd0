package io.specweave.deploy.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.HashMap;
import java.util.Map;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs a step: credentials and Jenkins' proxy are read on the controller, the operation runs on the
 * node holding the workspace and writes to the build log as it goes, what it did goes back to the
 * script as a map; when it failed (unhealthy, a refused gate, a tracker error) the build fails with
 * the reason, after the log.
 */
public class SpecweaveStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

    private static final long serialVersionUID = 1L;

    private final transient SpecweaveStep step;

    SpecweaveStepExecution(SpecweaveStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        StepContext context = getContext();
        Run<?, ?> run = context.get(Run.class);
        FilePath workspace = context.get(FilePath.class);
        HashMap<String, String> variables = RunEnvironment.of(run, context.get(EnvVars.class));
        // Read on the controller: the agent has no Jenkins instance to ask.
        JenkinsProxy.addTo(variables, Jenkins.get().proxy);
        OperationCallable callable = step.operation(run, variables, context.get(TaskListener.class));
        // On the workspace: core resolves workingDirectory in it, and refuses a folder outside it.
        OperationCallable.Result result = workspace.act(callable);
        if (result.failure() != null) {
            throw new AbortException(result.failure());
        }
        return result.values();
    }
}
