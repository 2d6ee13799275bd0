package io.specweave.deploy.cli;

import io.specweave.deploy.app.Request;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sync [<provider>] <increment>}: records a deployment and updates its tracking item. */
@Command(name = "sync",
        description = "Records a deployment of an increment to an environment and updates its tracking item.")
final class SyncCommand extends OperationCommand {

    @Parameters(arity = "0..2", paramLabel = "[PROVIDER] INCREMENT",
            description = "Increment id (0018, 18, 0018-name) or 'active' (default). An optional provider word "
                    + "before it (github, jira, ado, local) must match the profile's provider.")
    List<String> positional;

    @Mixin
    TargetOptions target;

    @ArgGroup(exclusive = true)
    OutcomeOptions outcome = new OutcomeOptions();

    static final class OutcomeOptions {
        @Option(names = "--deployed", description = "The deployment finished successfully.")
        boolean deployed;

        @Option(names = "--failed", description = "The deployment failed.")
        boolean failed;
    }

    @Mixin
    FactsOptions facts;

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

    @Mixin
    DryRunOption dryRun;

    @Option(names = "--refresh", description = "First read the other environments' records from their "
            + "tracking items (for CI jobs that start from a fresh checkout).")
    boolean refresh;

    @Override
    public Integer call() {
        boolean withProvider = positional != null && positional.size() == 2;
        Request.Builder b = request()
                .provider(withProvider ? positional.get(0) : null)
                .increment(positional == null || positional.isEmpty() ? null : positional.get(positional.size() - 1))
                .outcome(outcome.failed ? Request.Outcome.FAILED : outcome.deployed ? Request.Outcome.DEPLOYED
                        : Request.Outcome.IN_PROGRESS)
                .deploymentUrl(deploymentUrl).issueKeys(issueKeys).healthCheck(!noHealthCheck)
                .testResults(testResults).coverage(coverage).loadTestResults(loadTestResults).metrics(metrics)
                .changeRequest(changeRequest).force(force).refresh(refresh);
        return finish(operations().sync(b.build()));
    }
}
