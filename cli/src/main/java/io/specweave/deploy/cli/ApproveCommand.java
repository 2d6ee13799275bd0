package io.specweave.deploy.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code approve [<increment>] --environment E --by NAME}: records an approval, a change request, metrics. */
@Command(name = "approve",
        description = "Records an approval (and a change request or metrics) for an environment's deployment.")
final class ApproveCommand extends OperationCommand {

    @Mixin
    IncrementTarget target;

    @Mixin
    DryRunOption dryRun;

    @Option(names = "--by", paramLabel = "NAME", description = "Who approves.")
    String by;

    @Option(names = "--commit", paramLabel = "SHA", description = "The commit whose deployment is approved (default: "
            + "the CI run's commit, else the one the environment runs, else the one before it in the pipeline).")
    String commit;

    @Option(names = "--role", description = "Their role, e.g. \"Release Manager\".")
    String role;

    @Option(names = "--notes", description = "Free text.")
    String notes;

    @Option(names = "--change-request", paramLabel = "id=..,url=..,approvedAt=..,window=START/END",
            description = "The change request the deployment runs under.")
    String changeRequest;

    @Option(names = "--metrics", paramLabel = "JSON|@FILE", description = "Metrics to record, as a JSON object.")
    String metrics;

    @Override
    public Integer call() {
        return finish(operations().approve(request().approvedBy(by).commit(commit).role(role).notes(notes)
                .changeRequest(changeRequest).metrics(metrics).build()));
    }
}
