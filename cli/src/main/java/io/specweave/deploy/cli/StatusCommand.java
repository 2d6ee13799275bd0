package io.specweave.deploy.cli;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.app.Project;
import io.specweave.deploy.app.DoraService;
import io.specweave.deploy.status.EnvironmentStatus;
import io.specweave.deploy.report.MarkdownStatusRenderer;
import io.specweave.deploy.status.PipelineStatus;
import io.specweave.deploy.report.StatusJson;
import io.specweave.deploy.app.StatusService;
import io.specweave.deploy.report.TextStatusRenderer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code status [<increment>|--active]}: where an increment is deployed; or every increment, one row each. */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = SpecweaveDeploy.Version.class,
        description = "Shows an increment across its environments, or every increment with a mark per environment.")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    SpecweaveDeploy parent;

    @Mixin
    ProjectOptions project;

    @Parameters(arity = "0..1", paramLabel = "INCREMENT", description = "Increment id (0018, 18, 0018-name) or 'active'.")
    String increment;

    @Option(names = "--active", description = "Show the active increment.")
    boolean active;

    @Option(names = "--deployments", description = "Include each environment's earlier deployments.")
    boolean deployments;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--refresh", description = "First read each environment's record from its tracking item "
            + "into metadata.json (for CI jobs that start from a fresh checkout).")
    boolean refresh;

    @Option(names = "--markdown", description = "Print Markdown (a table and a Mermaid flowchart) instead of text.")
    boolean markdown;

    @Option(names = "--window", paramLabel = "90d", defaultValue = DoraService.DEFAULT_WINDOW,
            description = "The DORA block's window (days, weeks or hours). Default: ${DEFAULT-VALUE}.")
    String window;

    @Option(names = "--no-dora", negatable = false, description = "Leave out the DORA block.")
    boolean noDora;

    @Override
    public Integer call() {
        CliRuntime runtime = parent.runtime();
        PrintWriter out = runtime.out();
        Project opened = project.open();
        StatusService service = new StatusService(opened);
        TextStatusRenderer text = new TextStatusRenderer(runtime.plain(), runtime.colour());
        String reference = active ? "active" : increment;
        if (reference == null && refresh) {
            throw new BadInputException("--refresh needs an increment: status <increment> --refresh");
        }
        if (refresh) {
            RefreshReport.run(runtime, opened, opened.increments().resolve(reference), runtime.err());
        }
        if (reference == null) {
            var rows = service.list();
            out.print(json ? Json.pretty(rows) + "\n" : text.renderList(rows));
            return 0;
        }
        PipelineStatus status = service.status(reference);
        if (!noDora) {
            DoraService.parseWindow(window);
            try {
                status = status.withDora(new DoraService(opened, runtime.clock()).report(window));
            } catch (BadInputException e) {
                // Another increment's unreadable metadata must not hide this one's status.
                runtime.err().println("warning: DORA block left out: " + e.getMessage());
            }
        }
        if (markdown) {
            out.print(new MarkdownStatusRenderer().render(status, null));
            return 0;
        }
        if (json) {
            out.println(Json.pretty(StatusJson.of(status, deployments)));
            return 0;
        }
        out.print(text.render(status));
        if (deployments) {
            for (EnvironmentStatus env : status.environments()) {
                if (env.record() != null && !env.record().history().isEmpty()) {
                    out.println();
                    out.println("Earlier deployments to " + env.environment() + ":");
                    env.record().history().forEach(h -> out.println("  " + h.deployedAt() + "  "
                            + (h.status() == null ? "deployed" : h.status()) + "  "
                            + (h.commit() == null ? "-" : h.commit()) + (h.deployedBy() == null ? "" : "  " + h.deployedBy())));
                }
            }
        }
        return 0;
    }
}
