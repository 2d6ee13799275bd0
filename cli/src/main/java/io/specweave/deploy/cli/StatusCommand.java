package io.specweave.deploy.cli;

import io.specweave.deploy.app.Operations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code status [<increment>|--active]}: where an increment is deployed; or every increment, one row each. */
@Command(name = "status",
        description = "Shows an increment across its environments, or every increment with a mark per environment.")
final class StatusCommand extends OperationCommand {

    @Parameters(arity = "0..1", paramLabel = "INCREMENT", description = "Increment id (0018, 18, 0018-name) or 'active'.")
    String increment;

    @Option(names = "--active", description = "Show the active increment.")
    boolean active;

    @Option(names = "--deployments", description = "Include each environment's earlier deployments.")
    boolean deployments;

    @Option(names = "--refresh", description = "First read each environment's record from its tracking item "
            + "into metadata.json (for CI jobs that start from a fresh checkout).")
    boolean refresh;

    @Option(names = "--markdown", description = "Print Markdown (a table and a Mermaid flowchart) instead of text.")
    void markdown(boolean on) {
        markdown = on;
    }

    @Option(names = "--window", paramLabel = "90d", defaultValue = Operations.DEFAULT_WINDOW,
            description = "The DORA block's window (days, weeks or hours). Default: ${DEFAULT-VALUE}.")
    String window;

    @Option(names = "--no-dora", negatable = false, description = "Leave out the DORA block.")
    boolean noDora;

    @Override
    public Integer call() {
        if (active && increment != null && !increment.equalsIgnoreCase("active")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--active and " + increment
                    + " name two increments; give one of them");
        }
        String reference = active ? "active" : increment;
        if (reference == null) {
            return show(rendering().increments(operations().increments(request().refresh(refresh).window(window)
                    .build())));
        }
        return show(rendering().status(operations().status(request().increment(reference).refresh(refresh)
                .dora(!noDora).window(window).build()), deployments));
    }
}
