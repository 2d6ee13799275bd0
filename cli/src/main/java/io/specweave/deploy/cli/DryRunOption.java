package io.specweave.deploy.cli;

import io.specweave.deploy.app.Request;
import picocli.CommandLine.Option;

/** {@code --dry-run}: what a command that changes an environment would change, written nowhere. */
final class DryRunOption implements OperationCommand.RequestOptions {

    @Option(names = "--dry-run", description = "Print what would change; write nothing, call no tracker.")
    boolean dryRun;

    @Override
    public Request.Builder applyTo(Request.Builder b) {
        return b.dryRun(dryRun);
    }
}
