package io.specweave.deploy.cli;

import io.specweave.deploy.Json;
import io.specweave.deploy.app.Operations;
import io.specweave.deploy.app.StatusOutcome;
import io.specweave.deploy.report.MarkdownStatusRenderer;
import io.specweave.deploy.report.StatusJson;
import io.specweave.deploy.report.TextStatusRenderer;
import io.specweave.deploy.status.PipelineStatus;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code status [<increment>|--active]}: where an increment is deployed; or every increment, one row each. */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = SpecweaveDeploy.Version.class,
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
    boolean markdown;

    @Option(names = "--window", paramLabel = "90d", defaultValue = Operations.DEFAULT_WINDOW,
            description = "The DORA block's window (days, weeks or hours). Default: ${DEFAULT-VALUE}.")
    String window;

    @Option(names = "--no-dora", negatable = false, description = "Leave out the DORA block.")
    boolean noDora;

    @Override
    public Integer call() {
        PrintWriter out = out();
        TextStatusRenderer text = new TextStatusRenderer(runtime().plain(), runtime().terminal().colour());
        String reference = active ? "active" : increment;
        if (reference == null) {
            StatusOutcome all = operations().increments(request().refresh(refresh).build());
            out.print(json ? Json.pretty(all.increments()) + "\n" : text.renderList(all.increments()));
            return 0;
        }
        StatusOutcome outcome = operations().status(request().increment(reference).refresh(refresh).dora(!noDora)
                .window(window).build());
        outcome.refreshed().forEach(line -> runtime().err().println("refresh " + line));
        outcome.warnings().forEach(line -> runtime().err().println("warning: " + line));
        PipelineStatus status = outcome.dora() == null ? outcome.pipeline() : outcome.pipeline().withDora(outcome.dora());
        if (markdown) {
            out.print(new MarkdownStatusRenderer().render(status, null));
        } else if (json) {
            out.println(Json.pretty(StatusJson.of(status, deployments)));
        } else {
            out.print(text.render(status));
            if (deployments) {
                out.print(text.renderHistory(status));
            }
        }
        return 0;
    }
}
