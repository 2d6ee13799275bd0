package io.specweave.deploy.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code swap-slots [<increment>] --environment E}: makes the idle blue-green slot live. */
@Command(name = "swap-slots",
        description = "Checks the idle blue-green slot's health and makes it live.")
final class SwapSlotsCommand extends OperationCommand {

    @Mixin
    IncrementTarget target;

    @Mixin
    FactsOptions facts;

    @Mixin
    DryRunOption dryRun;

    @Option(names = "--force", description = "Swap even when the idle slot is unhealthy or cannot be checked.")
    boolean force;

    @Override
    public Integer call() {
        return finish(operations().swap(request().force(force).build()));
    }
}
