package io.specweave.deploy.cli;

import io.specweave.deploy.app.Operations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dora [--window 90d]}: DORA's four keys over the production deployments of every increment. */
@Command(name = "dora",
        description = "DORA's four keys (deployment frequency, lead time, change failure rate, recovery time) over "
                + "the production deployments of every increment.")
final class DoraCommand extends OperationCommand {

    @Option(names = "--window", paramLabel = "90d", defaultValue = Operations.DEFAULT_WINDOW,
            description = "How far back to look: days, weeks or hours (90d, 12w, 48h). Default: ${DEFAULT-VALUE}.")
    String window;

    @Option(names = "--markdown", description = "Print a Markdown table.")
    void markdown(boolean on) {
        markdown = on;
    }

    @Override
    public Integer call() {
        return show(rendering().dora(operations().dora(request().window(window).build())));
    }
}
