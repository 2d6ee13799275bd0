package io.specweave.deploy.jenkins;

import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import io.specweave.deploy.DeployException;
import io.specweave.deploy.Project;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.ci.CiDetector;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.deploy.SyncRequest;
import io.specweave.deploy.deploy.SyncResult;
import io.specweave.deploy.deploy.SyncService;
import io.specweave.deploy.deploy.SyncSummary;
import io.specweave.deploy.tracker.TrackerFactory;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * The sync, run on the node that holds the workspace: opens the project, builds the core objects
 * there and makes one core call. It carries strings and maps only; user errors come back as
 * {@link AbortException}s with core's message, secrets masked.
 */
final class SyncCallable extends MasterToSlaveFileCallable<Map<String, Object>> {

    private static final long serialVersionUID = 1L;

    private final String increment;
    private final String profile;
    private final String environment;
    private final String outcome;
    private final String commit;
    private final String branch;
    private final String tag;
    private final String deployedBy;
    private final String runUrl;
    private final String deploymentUrl;
    private final boolean dryRun;
    private final HashMap<String, String> runEnvironment;
    private final StepCredential credential;
    private boolean healthCheck;
    private boolean force;
    private ArrayList<String> issueKeys = new ArrayList<>();
    private String testResults;
    private String coverage;
    private String loadTestResults;

    SyncCallable(String increment, String profile, String environment, SyncRequest.Outcome outcome, String commit,
            String branch, String tag, String deployedBy, String runUrl, String deploymentUrl, boolean dryRun,
            Map<String, String> runEnvironment, StepCredential credential) {
        this.increment = increment;
        this.profile = profile;
        this.environment = environment;
        this.outcome = outcome.name();
        this.commit = commit;
        this.branch = branch;
        this.tag = tag;
        this.deployedBy = deployedBy;
        this.runUrl = runUrl;
        this.deploymentUrl = deploymentUrl;
        this.dryRun = dryRun;
        this.runEnvironment = new HashMap<>(runEnvironment);
        this.credential = credential;
    }

    /**
     * The step's health check, force, Jira issue keys and result files, as {@code sync}'s
     * {@code --no-health-check}, {@code --force}, {@code --issue-keys}, {@code --test-results},
     * {@code --coverage} and {@code --load-test-results} give them.
     */
    SyncCallable withChecks(boolean healthCheck, boolean force, List<String> issueKeys, String testResults,
            String coverage, String loadTestResults) {
        this.healthCheck = healthCheck;
        this.force = force;
        this.issueKeys = new ArrayList<>(issueKeys == null ? List.of() : issueKeys);
        this.testResults = testResults;
        this.coverage = coverage;
        this.loadTestResults = loadTestResults;
        return this;
    }

    @Override
    public Map<String, Object> invoke(File dir, VirtualChannel channel) throws IOException, InterruptedException {
        try {
            return sync(dir.toPath(), Clock.systemUTC());
        } catch (DeployException e) {
            throw new AbortException(credential == null ? e.getMessage() : credential.redact(e.getMessage()));
        }
    }

    /** The core call; {@code dir} holds {@code .specweave}. */
    LinkedHashMap<String, Object> sync(Path dir, Clock clock) {
        Project project = Project.open(dir);
        Map<String, String> variables = new HashMap<>(runEnvironment);
        if (credential != null) {
            SyncProfile chosen = project.config().resolveProfile(profile, environment);
            variables.putAll(credential.environmentFor(chosen));
        }
        CiContext ci = new CiDetector(runEnvironment, project.dir()).detect();
        SyncService service = new SyncService(TrackerFactory.standard(new Credentials(variables)), clock);
        SyncResult result = service.sync(project, request(), ci);
        return PipelineValues.of(SyncSummary.of(result));
    }

    /** The step's parameters as core's request; what is null falls back to the run and the profile. */
    SyncRequest request() {
        return new SyncRequest(increment, profile, environment, null, SyncRequest.Outcome.valueOf(outcome), commit,
                branch, tag, deployedBy, runUrl, deploymentUrl, dryRun, issueKeys,
                new SyncRequest.Attachments(testResults, coverage, loadTestResults, null, null), healthCheck, force);
    }
}
