package io.specweave.deploy.cli;

import io.specweave.deploy.app.Request;
import picocli.CommandLine.Option;

/** {@code --profile} / {@code --environment}: which environment a command works on. */
final class TargetOptions implements OperationCommand.RequestOptions {

    @Option(names = {"-p", "--profile"}, description = "Sync profile (sync.profiles.<name>).")
    String profile;

    @Option(names = {"-e", "--environment"}, paramLabel = "ENV",
            description = "The environment, or ENV-SLOT (prod-green) for a blue-green slot; resolves the profile.")
    String environment;

    @Override
    public Request.Builder applyTo(Request.Builder b) {
        return b.profile(profile).environment(environment);
    }
}
