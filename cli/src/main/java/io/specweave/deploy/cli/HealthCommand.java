package io.specweave.deploy.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code health <increment> --environment E}: re-checks a recorded deployment's health URL. */
@Command(name = "health", mixinStandardHelpOptions = true, versionProvider = SpecweaveDeploy.Version.class,
        description = "Checks a recorded deployment's health URL (an environment, or ENV-SLOT) and records the result.")
final class HealthCommand extends OperationCommand {

    @Mixin
    IncrementParameter increment;

    @Mixin
    TargetOptions target;

    @Override
    public Integer call() {
        return finish(operations().health(target.applyTo(request().increment(increment.increment)).build()));
    }
}
