package io.specweave.deploy.jenkins;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs {@code specweaveSync}: the credential is read on the controller, the sync runs on the node
 * holding the workspace, the outcome goes to the build log and back to the script as a map.
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
        SyncCallable callable = step.callable(RunEnvironment.of(run, env), credential);
        FilePath dir = step.getWorkingDirectory() == null ? workspace : workspace.child(step.getWorkingDirectory());
        Map<String, Object> result = dir.act(callable);
        PrintStream log = listener.getLogger();
        for (String line : lines(result)) {
            log.println(PREFIX + line);
        }
        return result;
    }

    /** What the build log says about a sync, from the returned map. */
    static List<String> lines(Map<String, Object> result) {
        List<String> lines = new ArrayList<>();
        boolean dryRun = Boolean.TRUE.equals(result.get("dryRun"));
        String verb = dryRun ? "Would record" : Boolean.FALSE.equals(result.get("newDeployment")) ? "Re-synced"
                : "Recorded";
        lines.add(verb + " " + result.get("increment") + " -> " + result.get("environment") + " ("
                + result.get("status") + ", profile " + result.get("profile") + ", " + result.get("provider") + ")");
        if (result.get("trackingId") != null || result.get("trackingUrl") != null) {
            lines.add("  tracking: " + join(result.get("trackingId"), result.get("trackingUrl")));
        }
        if (result.get("healthStatus") != null && !dryRun) {
            lines.add("  health: " + result.get("healthStatus"));
        }
        if (result.get("testResults") instanceof Map<?, ?> tests) {
            lines.add("  tests: " + tests.get("passed") + "/" + tests.get("total") + " passed");
        }
        if (dryRun) {
            lines.add(Boolean.TRUE.equals(result.get("metadataChanged")) ? "  metadata.json would change"
                    : "  metadata.json would not change");
        } else if (Boolean.FALSE.equals(result.get("metadataChanged"))) {
            lines.add("  metadata.json unchanged (same deployment)");
        }
        if (result.get("warnings") instanceof List<?> warnings) {
            warnings.forEach(w -> lines.add("  warning: " + w));
        }
        if (result.get("metadataCommit") != null) {
            lines.add("  committed metadata.json (" + result.get("metadataCommit") + ")");
        }
        if (result.get("metadataCommitWarning") != null) {
            lines.add("  warning: " + result.get("metadataCommitWarning"));
        }
        return lines;
    }

    private static String join(Object id, Object url) {
        if (id == null) {
            return String.valueOf(url);
        }
        return url == null ? String.valueOf(id) : id + " " + url;
    }
}
