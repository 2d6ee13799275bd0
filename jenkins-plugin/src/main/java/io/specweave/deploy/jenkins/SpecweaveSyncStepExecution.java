package io.specweave.deploy.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.PrintStream;
import java.util.Map;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs {@code specweaveSync}: the credential is read on the controller, the sync runs on the node
 * holding the workspace, what it did goes to the build log and back to the script as a map; when it
 * failed (unhealthy, a refused gate, a tracker error) the build fails with the reason, after the log.
 */
public class SpecweaveSyncStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

    private static final long serialVersionUID = 1L;

    static final String PREFIX = "[specweaveSync] ";

    private final transient SpecweaveSyncStep step;

    SpecweaveSyncStepExecution(SpecweaveSyncStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        StepContext context = getContext();
        Run<?, ?> run = context.get(Run.class);
        FilePath workspace = context.get(FilePath.class);
        TaskListener listener = context.get(TaskListener.class);
        EnvVars env = context.get(EnvVars.class);

        StepCredential credential = CredentialLookup.resolve(step.getCredentialsId(), run);
        java.util.HashMap<String, String> variables = RunEnvironment.of(run, env);
        // Read on the controller: the agent has no Jenkins instance to ask.
        JenkinsProxy.addTo(variables, Jenkins.get().proxy);
        StepCredential gitCredential = CredentialLookup.resolveGitPush(step.getGitCredentialsId(), run);
        SyncCallable callable = step.callable(variables, credential, gitCredential);
        FilePath dir = step.getWorkingDirectory() == null ? workspace : workspace.child(step.getWorkingDirectory());
        SyncCallable.Result result = dir.act(callable);
        PrintStream log = listener.getLogger();
        result.lines().forEach(line -> log.println(PREFIX + line));
        if (result.failure() != null) {
            throw new AbortException(result.failure());
        }
        return result.values();
    }
}
