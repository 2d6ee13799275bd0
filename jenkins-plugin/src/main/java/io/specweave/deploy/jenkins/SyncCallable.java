package io.specweave.deploy.jenkins;

import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import io.specweave.deploy.DeployException;
import io.specweave.deploy.app.Project;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.ci.CiDetector;
import io.specweave.deploy.ci.MetadataCommitter;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.app.SyncRequest;
import io.specweave.deploy.app.SyncResult;
import io.specweave.deploy.app.SyncService;
import io.specweave.deploy.app.SyncSummary;
import io.specweave.deploy.app.TrackerFactory;
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
    static final MetadataCommitter.Author JENKINS = new MetadataCommitter.Author("Jenkins", "jenkins@localhost");
    /** Pushes tried when other jobs keep moving the branch. */
    private static final int COMMIT_ATTEMPTS = 4;

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
    private final boolean commitMetadata;
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
            boolean commitMetadata, Map<String, String> runEnvironment, StepCredential credential) {
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
        this.commitMetadata = commitMetadata;
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
        LinkedHashMap<String, Object> values = PipelineValues.of(SyncSummary.of(result));
        if (commitMetadata && !result.dryRun()) {
            commitBack(project, result, values);
        }
        return values;
    }

    /**
     * {@code commitMetadata}: the same commit-back as the Action's {@code commit-metadata}, by core's
     * {@link MetadataCommitter}, on the agent's checkout. The outcome goes into the returned map; a
     * push the remote refuses (a protected branch) leaves the record in this workspace and on the
     * tracking item, where later jobs read it with {@code --refresh}, so it is a warning.
     */
    private void commitBack(Project project, SyncResult result, Map<String, Object> values) {
        Path metadata = result.increment().metadataFile();
        String message = "Record deployment of " + result.increment().id() + " to " + result.environment()
                + " [ci skip]\n\nWritten by specweaveSync so the next environment's job sees this record."
                + (result.record().runUrl() == null ? "" : "\nRun: " + result.record().runUrl());
        MetadataCommitter.Result commit = new MetadataCommitter(project.dir(), author(runEnvironment), "origin",
                COMMIT_ATTEMPTS).commitAndPush(List.of(metadata), message, branch(runEnvironment),
                        () -> SyncService.rewrite(project, result));
        values.put("metadataCommitted", commit.onRemote());
        if (commit.outcome() == MetadataCommitter.Outcome.PUSHED && commit.commit() != null) {
            values.put("metadataCommit", commit.commit());
        }
        if (!commit.onRemote()) {
            String why = switch (commit.outcome()) {
                case REJECTED -> "the push to " + commit.branch() + " was rejected (a protected branch, or "
                        + "credentials without push access)";
                case CONFLICT -> "another job changed the same metadata.json on " + commit.branch();
                case GAVE_UP -> commit.branch() + " kept moving through " + commit.attempts() + " attempts";
                case NO_BRANCH -> "no branch to commit to (detached HEAD and neither BRANCH_NAME nor GIT_BRANCH set)";
                case NO_GIT -> "there is no git command on this agent";
                default -> "the workspace is not a git checkout";
            };
            String where = result.profile().provider() == Provider.LOCAL
                    ? "the record lives only in this workspace, so later jobs (a fresh checkout) will not see it; a "
                            + "tracker profile's item keeps a copy that `specweave-deploy status --refresh` reads"
                    : "the record is in this workspace and on the tracking item, where later jobs read it with "
                            + "`specweave-deploy status --refresh` or `sync --refresh` (promotion gates refresh the "
                            + "previous environment by themselves)";
            String warning = "commitMetadata: " + why + "; " + where
                    + (commit.detail().isBlank() ? "" : ". git said: " + commit.detail());
            values.put("metadataCommitWarning", credential == null ? warning : credential.redact(warning));
        }
    }

    /**
     * The branch to push to: a pull request's source branch ({@code CHANGE_BRANCH}), else
     * {@code BRANCH_NAME} (multibranch), else {@code GIT_BRANCH} without its remote; null: the
     * checked-out branch.
     */
    static String branch(Map<String, String> env) {
        if (Text.blankToNull(env.get("CHANGE_ID")) != null) {
            return Text.blankToNull(env.get("CHANGE_BRANCH"));
        }
        String name = Text.blankToNull(env.get("BRANCH_NAME"));
        if (name != null) {
            return name;
        }
        String git = Text.blankToNull(env.get("GIT_BRANCH"));
        if (git == null) {
            return null;
        }
        return git.replaceFirst("^refs/heads/", "").replaceFirst("^refs/remotes/", "").replaceFirst("^origin/", "");
    }

    /**
     * The commit's author: the identity the Git plugin's global settings give the run
     * ({@code GIT_COMMITTER_NAME}/{@code GIT_COMMITTER_EMAIL}, or the {@code GIT_AUTHOR_*} pair), else
     * "Jenkins" &lt;jenkins@localhost&gt;.
     */
    static MetadataCommitter.Author author(Map<String, String> env) {
        for (String who : List.of("GIT_COMMITTER", "GIT_AUTHOR")) {
            String name = Text.blankToNull(env.get(who + "_NAME"));
            String email = Text.blankToNull(env.get(who + "_EMAIL"));
            if (name != null && email != null) {
                return new MetadataCommitter.Author(name, email);
            }
        }
        return JENKINS;
    }

    /** The step's parameters as core's request; what is null falls back to the run and the profile. */
    SyncRequest request() {
        return new SyncRequest(increment, profile, environment, null, SyncRequest.Outcome.valueOf(outcome), commit,
                branch, tag, deployedBy, runUrl, deploymentUrl, dryRun, issueKeys,
                new SyncRequest.Attachments(testResults, coverage, loadTestResults, null, null), healthCheck, force);
    }
}
