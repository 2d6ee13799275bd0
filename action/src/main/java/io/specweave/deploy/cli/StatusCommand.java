package io.specweave.deploy.cli;

import io.specweave.deploy.Json;
import io.specweave.deploy.Project;
import io.specweave.deploy.report.EnvironmentStatus;
import io.specweave.deploy.report.PipelineStatus;
import io.specweave.deploy.report.StatusJson;
import io.specweave.deploy.report.StatusService;
import io.specweave.deploy.report.TextStatusRenderer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code status [<increment>|--active]}: where an increment is deployed; or every increment, one row each. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows an increment across its environments in pipeline order,",
                "or, without an increment, every increment with a mark per environment."})
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

    @Override
    public Integer call() {
        CliRuntime runtime = parent.runtime();
        PrintWriter out = runtime.out();
        Project opened = project.open();
        StatusService service = new StatusService(opened);
        TextStatusRenderer text = new TextStatusRenderer(runtime.plain());
        String reference = active ? "active" : increment;
        if (reference == null) {
            var rows = service.list();
            out.print(json ? Json.pretty(rows) + "\n" : text.renderList(rows));
            return 0;
        }
        PipelineStatus status = service.status(reference);
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
