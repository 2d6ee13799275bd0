package io.specweave.deploy.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code health <increment> --environment E}: re-checks a recorded deployment's health URL. */
@Command(name = "health", mixinStandardHelpOptions = true, versionProvider = SpecweaveDeploy.Version.class,
        description = "Checks a recorded deployment's health URL (an environment, or ENV-SLOT) and records the result.")
final class HealthCommand extends OperationCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "INCREMENT",
            description = "Increment id (0018, 18, 0018-name) or 'active' (default).")
    String increment;

    @Mixin
    TargetOptions target;

    @Override
    public Integer call() {
        return finish(operations().health(target.applyTo(request().increment(increment)).build()));
    }
}
