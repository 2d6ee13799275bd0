package io.specweave.deploy.cli;

import io.specweave.deploy.Json;
import io.specweave.deploy.dora.DoraReport;
import io.specweave.deploy.app.DoraService;
import io.specweave.deploy.report.MarkdownStatusRenderer;
import io.specweave.deploy.report.TextStatusRenderer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code dora [--window 90d]}: DORA's four keys over every increment's production deployments. */
@Command(name = "dora", mixinStandardHelpOptions = true, versionProvider = SpecweaveDeploy.Version.class,
        description = {"DORA's four keys over the production deployments of every increment in a window.",
                "Deployment frequency, lead time for changes, change failure rate, failed deployment recovery time."})
final class DoraCommand implements Callable<Integer> {

    @ParentCommand
    SpecweaveDeploy parent;

    @Mixin
    ProjectOptions project;

    @Option(names = "--window", paramLabel = "90d", defaultValue = DoraService.DEFAULT_WINDOW,
            description = "How far back to look: days, weeks or hours (90d, 12w, 48h). Default: ${DEFAULT-VALUE}.")
    String window;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--markdown", description = "Print a Markdown table.")
    boolean markdown;

    @Override
    public Integer call() {
        CliRuntime runtime = parent.runtime();
        DoraReport report = new DoraService(project.open(), runtime.clock()).report(window);
        if (json) {
            runtime.out().println(Json.pretty(report));
        } else if (markdown) {
            runtime.out().print(new MarkdownStatusRenderer().renderDora(report));
        } else {
            runtime.out().print(new TextStatusRenderer(runtime.plain(), runtime.colour()).renderDora(report));
        }
        return 0;
    }
}
