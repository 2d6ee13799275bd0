package io.specweave.deploy.cli;

import io.specweave.deploy.app.Request;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deploy <increment> --environment E [--slot S | --canary N]}, or {@code --all-environments}. */
@Command(name = "deploy",
        description = "Records a finished deployment the way it was rolled out: plainly, to a blue-green slot, as a "
                + "canary step, or to every environment at once.")
final class DeployCommand extends OperationCommand {

    @Mixin
    IncrementTarget target;

    @Option(names = "--slot", description = "The blue-green slot deployed to (e.g. green).")
    String slot;

    @Option(names = "--canary", paramLabel = "PERCENT",
            description = "The canary's share of traffic: starts a canary, or moves it; 100 promotes it.")
    Integer canary;

    @Mixin
    FactsOptions facts;

    @Mixin
    DryRunOption dryRun;

    @Option(names = "--deployment-url", description = "The slot's or environment's URL (default: the profile's).")
    String deploymentUrl;

    @Option(names = "--all-environments",
            description = "Record the commit in every environment of the pipeline, in order, gates in turn.")
    boolean allEnvironments;

    @Option(names = "--force", description = "Record even when a promotion gate refuses (the record says forced: true).")
    boolean force;

    @Option(names = "--no-health-check", negatable = false,
            description = "Do not check the environment's (or slot's) health URL after the deployment.")
    boolean noHealthCheck;

    @Override
    public Integer call() {
        Request request = request().slot(slot).canaryWeight(canary).deploymentUrl(deploymentUrl).force(force)
                .healthCheck(!noHealthCheck).allEnvironments(allEnvironments).build();
        return allEnvironments ? show(rendering().allEnvironments(operations().deployAll(request)))
                : finish(operations().deploy(request));
    }
}
