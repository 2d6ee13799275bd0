package io.specweave.deploy.jenkins;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.TaskListener;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/** Runs {@code specweaveStatus}: reads the status on the workspace's node, prints it, returns it. */
public class SpecweaveStatusStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

    private static final long serialVersionUID = 1L;

    private final transient SpecweaveStatusStep step;

    SpecweaveStatusStepExecution(SpecweaveStatusStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        StepContext context = getContext();
        FilePath workspace = context.get(FilePath.class);
        TaskListener listener = context.get(TaskListener.class);
        EnvVars env = context.get(EnvVars.class);
        FilePath dir = step.getWorkingDirectory() == null ? workspace : workspace.child(step.getWorkingDirectory());
        StatusCallable.Report report = dir.act(step.callable(env));
        listener.getLogger().print(report.text());
        return report.status();
    }
}
