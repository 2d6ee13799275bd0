package io.specweave.deploy.cli;

import io.specweave.deploy.Json;
import io.specweave.deploy.app.Operations;
import io.specweave.deploy.dora.DoraReport;
import io.specweave.deploy.report.MarkdownStatusRenderer;
import io.specweave.deploy.report.TextStatusRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dora [--window 90d]}: DORA's four keys over the production deployments of every increment. */
@Command(name = "dora", mixinStandardHelpOptions = true, versionProvider = SpecweaveDeploy.Version.class,
        description = "DORA's four keys (deployment frequency, lead time, change failure rate, recovery time) over "
                + "the production deployments of every increment.")
final class DoraCommand extends OperationCommand {

    @Option(names = "--window", paramLabel = "90d", defaultValue = Operations.DEFAULT_WINDOW,
            description = "How far back to look: days, weeks or hours (90d, 12w, 48h). Default: ${DEFAULT-VALUE}.")
    String window;

    @Option(names = "--markdown", description = "Print a Markdown table.")
    boolean markdown;

    @Override
    public Integer call() {
        DoraReport report = operations().dora(request().window(window).build());
        if (json) {
            // The text and Markdown blocks carry their warnings; JSON is read by programs, not people.
            report.warnings().forEach(line -> runtime().err().println("warning: " + line));
        }
        out().print(json ? Json.pretty(report) + "\n" : markdown ? new MarkdownStatusRenderer().renderDora(report)
                : new TextStatusRenderer(runtime().plain(), runtime().terminal().colour()).renderDora(report));
        return 0;
    }
}
