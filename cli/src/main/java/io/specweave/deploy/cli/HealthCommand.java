package io.specweave.deploy.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code health <increment> --environment E}: re-checks a recorded deployment's health URL. */
@Command(name = "health",
        description = "Checks a recorded deployment's health URL (an environment, or ENV-SLOT) and records the result.")
final class HealthCommand extends OperationCommand {

    @Mixin
    IncrementTarget target;

    @Override
    public Integer call() {
        return finish(operations().health(request().build()));
    }
}
