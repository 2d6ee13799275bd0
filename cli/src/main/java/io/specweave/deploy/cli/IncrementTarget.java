package io.specweave.deploy.cli;

import io.specweave.deploy.app.Request;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The increment (the first argument) and the environment ({@code --profile}, {@code --environment}) to work on. */
final class IncrementTarget implements OperationCommand.RequestOptions {

    @Parameters(index = "0", arity = "0..1", paramLabel = "INCREMENT",
            description = "Increment id (0018, 18, 0018-name) or 'active' (default).")
    String increment;

    @Mixin
    TargetOptions target;

    @Override
    public Request.Builder applyTo(Request.Builder b) {
        return target.applyTo(b.increment(increment));
    }
}
