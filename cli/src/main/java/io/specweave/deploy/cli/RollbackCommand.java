package io.specweave.deploy.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rollback <increment> --environment E [--canary]}: puts back what ran before. */
@Command(name = "rollback",
        description = "Rolls an environment back to the version it ran before, or abandons its running canary.")
final class RollbackCommand extends OperationCommand {

    @Mixin
    IncrementTarget target;

    @Mixin
    FactsOptions facts;

    @Mixin
    DryRunOption dryRun;

    @Option(names = "--canary", description = "Roll back the running canary (0 %%, abandoned) instead.")
    boolean canary;

    @Option(names = "--reason", description = "Why, for the record and the tracking item.")
    String reason;

    @Option(names = "--no-health-check", negatable = false,
            description = "Do not check the restored version's health URL.")
    boolean noHealthCheck;

    @Override
    public Integer call() {
        return finish(operations().rollback(request().canary(canary).reason(reason).healthCheck(!noHealthCheck).build()));
    }
}
