package io.specweave.deploy.cli;

import io.specweave.deploy.Json;
import io.specweave.deploy.app.Project;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.ci.CiDetector;
import io.specweave.deploy.app.SyncRequest;
import io.specweave.deploy.app.SyncResult;
import io.specweave.deploy.app.SyncService;
import io.specweave.deploy.app.SyncSummary;
import io.specweave.deploy.app.UnhealthyDeploymentException;
import io.specweave.deploy.health.HealthChecker;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code sync [<provider>] <increment>}: records a deployment and updates its tracking item. */
@Command(name = "sync", mixinStandardHelpOptions = true, versionProvider = SpecweaveDeploy.Version.class,
        description = "Records a deployment of an increment to an environment and updates its tracking item.")
final class SyncCommand implements Callable<Integer> {

    @ParentCommand
    SpecweaveDeploy parent;

    @Mixin
    ProjectOptions project;

    @Parameters(arity = "0..2", paramLabel = "[PROVIDER] INCREMENT",
            description = "Increment id (0018, 18, 0018-name) or 'active' (default). An optional provider word "
                    + "before it (github, jira, ado, local) must match the profile's provider.")
    List<String> positional;

    @Option(names = {"-p", "--profile"}, description = "Sync profile (sync.profiles.<name>).")
    String profile;

    @Option(names = {"-e", "--environment"}, description = "Resolve the profile by its environment instead.")
    String environment;

    @ArgGroup(exclusive = true)
    OutcomeOptions outcome = new OutcomeOptions();

    static final class OutcomeOptions {
        @Option(names = "--deployed", description = "The deployment finished successfully.")
        boolean deployed;

        @Option(names = "--failed", description = "The deployment failed.")
        boolean failed;
    }

    @Option(names = "--commit", description = "Commit SHA (default: from CI or git).")
    String commit;

    @Option(names = "--branch", description = "Branch (default: from CI or git).")
    String branch;

    @Option(names = "--tag", description = "Tag (default: from CI or git).")
    String tag;

    @Option(names = "--deployed-by", description = "Who deployed (default: the CI actor or git user).")
    String deployedBy;

    @Option(names = "--run-url", description = "Link to the pipeline run (default: from CI).")
    String runUrl;

    @Option(names = "--deployment-url", description = "Environment URL (default: the profile's deploymentUrl).")
    String deploymentUrl;

    @Option(names = "--issue-keys", split = ",", paramLabel = "KEY",
            description = "Jira: record the deployment on these existing issues (comment, links, env label) "
                    + "instead of the profile's own issue; overrides config.issueKeys.")
    List<String> issueKeys;

    @Option(names = "--no-health-check", negatable = false,
            description = "Do not check the environment's health URL after a successful deployment.")
    boolean noHealthCheck;

    @Option(names = "--test-results", paramLabel = "GLOB",
            description = "JUnit XML reports to attach as testResults (e.g. 'target/surefire-reports/*.xml').")
    String testResults;

    @Option(names = "--coverage", paramLabel = "FILE", description = "JaCoCo or Cobertura XML report: line coverage.")
    String coverage;

    @Option(names = "--load-test-results", paramLabel = "FILE",
            description = "k6 summary JSON (--summary-export or handleSummary) to attach as loadTestResults.")
    String loadTestResults;

    @Option(names = "--metrics", paramLabel = "JSON|@FILE", description = "Metrics to record, as a JSON object.")
    String metrics;

    @Option(names = "--change-request", paramLabel = "id=..,url=..,approvedAt=..,window=START/END",
            description = "The change request this deployment runs under.")
    String changeRequest;

    @Option(names = "--force", description = "Record even when a promotion gate refuses (the record says forced: true).")
    boolean force;

    @Option(names = "--dry-run", description = "Print what would change; write nothing, call no tracker.")
    boolean dryRun;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--refresh", description = "First read the other environments' records from their "
            + "tracking items (for CI jobs that start from a fresh checkout).")
    boolean refresh;

    @Override
    public Integer call() {
        CliRuntime runtime = parent.runtime();
        String provider = null;
        String increment = "active";
        if (positional != null && positional.size() == 2) {
            provider = positional.get(0);
            increment = positional.get(1);
        } else if (positional != null && positional.size() == 1) {
            increment = positional.get(0);
        }
        Project opened = project.open();
        if (refresh && !dryRun) {
            RefreshReport.run(runtime, opened, opened.increments().resolve(increment), runtime.err());
        }
        SyncRequest.Outcome result = outcome.failed ? SyncRequest.Outcome.FAILED
                : outcome.deployed ? SyncRequest.Outcome.DEPLOYED : SyncRequest.Outcome.IN_PROGRESS;
        SyncRequest request = new SyncRequest(increment, profile, environment, provider, result, commit, branch, tag,
                deployedBy, runUrl, deploymentUrl, dryRun, issueKeys, new SyncRequest.Attachments(testResults,
                        coverage, loadTestResults, metrics, changeRequest), !noHealthCheck, force);
        CiContext ci = new CiDetector(runtime.env(), opened.dir()).detect();
        SyncService service = new SyncService(runtime.trackerFactory(), runtime.clock(), HealthChecker.system());
        SyncResult done;
        try {
            done = service.sync(opened, request, ci);
        } catch (UnhealthyDeploymentException e) {
            // Recorded, but unhealthy: show what was recorded, then fail with the reason (exit 1).
            print(runtime.out(), e.result());
            throw e;
        }
        print(runtime.out(), done);
        return 0;
    }

    private void print(PrintWriter out, SyncResult result) {
        SyncSummary summary = SyncSummary.of(result);
        if (json) {
            out.println(Json.pretty(summary));
            return;
        }
        String verb = result.dryRun() ? "Would record" : result.newDeployment() ? "Recorded" : "Re-synced";
        out.println(verb + " " + result.increment().id() + " → " + result.environment() + " (" + summary.status()
                + ", profile " + result.profile().name() + ", " + result.profile().provider() + ")");
        if (result.record().commit() != null) {
            out.println("  commit:   " + result.record().commit());
        }
        if (result.record().deploymentUrl() != null) {
            out.println("  url:      " + result.record().deploymentUrl());
        }
        if (result.record().healthStatus() != null && !result.dryRun()) {
            out.println("  health:   " + result.record().healthStatus()
                    + (result.record().healthHttpStatus() == null ? "" : " (HTTP " + result.record().healthHttpStatus()
                    + (result.record().healthLatencyMs() == null ? "" : ", " + result.record().healthLatencyMs() + " ms")
                    + ")"));
        }
        if (Boolean.TRUE.equals(result.record().forced())) {
            out.println("  forced:   yes (recorded past refused promotion gates)");
        }
        if (summary.trackingId() != null) {
            out.println("  tracking: " + summary.trackingId()
                    + (summary.trackingUrl() == null ? "" : " " + summary.trackingUrl())
                    + (result.tracking() != null && result.tracking().created() ? " (created)" : ""));
        }
        if (result.dryRun()) {
            out.println(result.metadataChanged() ? "  metadata.json would change:" : "  metadata.json would not change");
            if (result.metadataChanged()) {
                out.println(Json.pretty(result.record().toNodeWithoutHistory()).indent(4).stripTrailing());
            }
        } else if (!result.metadataChanged()) {
            out.println("  metadata.json unchanged (same deployment)");
        }
        for (String warning : result.warnings()) {
            out.println("  warning: " + warning);
        }
    }
}
