package io.specweave.deploy.cli;

import io.specweave.deploy.Json;
import io.specweave.deploy.app.ApprovalService;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code approve <increment> --environment E --by NAME}: records an approval, a change request or metrics. */
@Command(name = "approve", mixinStandardHelpOptions = true, versionProvider = SpecweaveDeploy.Version.class,
        description = {"Records an approval (and a change request or metrics) for an increment in an environment.",
                "Given before the environment's next deployment, they count for that deployment's promotion gates."})
final class ApproveCommand implements Callable<Integer> {

    @ParentCommand
    SpecweaveDeploy parent;

    @Mixin
    ProjectOptions project;

    @Parameters(arity = "0..1", paramLabel = "INCREMENT", defaultValue = "active",
            description = "Increment id (0018, 18, 0018-name) or 'active' (default).")
    String increment;

    @Option(names = {"-p", "--profile"}, description = "Sync profile (sync.profiles.<name>).")
    String profile;

    @Option(names = {"-e", "--environment"}, description = "The environment the approval is for.")
    String environment;

    @Option(names = "--by", paramLabel = "NAME", description = "Who approves.")
    String by;

    @Option(names = "--role", description = "Their role (e.g. 'Release Manager').")
    String role;

    @Option(names = "--notes", description = "Free text.")
    String notes;

    @Option(names = "--change-request", paramLabel = "id=..,url=..,approvedAt=..,window=START/END",
            description = "The change request the deployment runs under.")
    String changeRequest;

    @Option(names = "--metrics", paramLabel = "JSON|@FILE", description = "Metrics to record, as a JSON object.")
    String metrics;

    @Option(names = "--json", description = "Print the record as JSON.")
    boolean json;

    @Override
    public Integer call() {
        CliRuntime runtime = parent.runtime();
        ApprovalService.Outcome outcome = new ApprovalService(runtime.clock()).approve(project.open(),
                new ApprovalService.Request(increment, profile, environment, by, role, notes, changeRequest, metrics));
        PrintWriter out = runtime.out();
        if (json) {
            out.println(Json.pretty(outcome.record().toNodeWithoutHistory()));
            return 0;
        }
        if (outcome.approval() != null) {
            out.println("Approved " + outcome.increment().id() + " → " + outcome.environment() + " by "
                    + outcome.approval().approvedBy() + (outcome.approval().role() == null ? ""
                    : " (" + outcome.approval().role() + ")") + " at " + outcome.approval().approvedAt());
        }
        if (changeRequest != null) {
            out.println("Recorded change request " + outcome.record().changeRequest().path("id").asText() + " for "
                    + outcome.increment().id() + " → " + outcome.environment());
        }
        if (metrics != null) {
            out.println("Recorded metrics for " + outcome.increment().id() + " → " + outcome.environment());
        }
        return 0;
    }
}
