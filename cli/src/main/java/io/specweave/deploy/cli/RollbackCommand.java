package io.specweave.deploy.cli;

import io.specweave.deploy.Json;
import io.specweave.deploy.app.Project;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.ci.CiDetector;
import io.specweave.deploy.app.RollbackResult;
import io.specweave.deploy.app.RollbackService;
import io.specweave.deploy.http.Sleeper;
import io.specweave.deploy.app.CanaryResult;
import io.specweave.deploy.app.CanaryService;
import io.specweave.deploy.app.EnvironmentTarget;
import io.specweave.deploy.health.HttpSlotHealthCheck;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rollback <increment> --environment E [--canary]}: puts the previous version back (with
 * blue-green slots, the previously live slot), or sets a running canary to 0 %.
 */
@Command(name = "rollback", mixinStandardHelpOptions = true, versionProvider = SpecweaveDeploy.Version.class,
        description = "Rolls an environment back to its previous deployment, or a canary back to 0 %%.")
final class RollbackCommand implements Callable<Integer> {

    @ParentCommand
    SpecweaveDeploy parent;

    @Mixin
    ProjectOptions project;

    @Parameters(index = "0", arity = "0..1", paramLabel = "INCREMENT",
            description = "Increment id (0018, 18, 0018-name) or 'active' (default).")
    String increment = "active";

    @Option(names = {"-e", "--environment"}, description = "The environment to roll back.")
    String environment;

    @Option(names = {"-p", "--profile"}, description = "Sync profile instead of --environment.")
    String profile;

    @Option(names = "--canary", description = "Roll back the running canary (0 %%, abandoned); stable stays.")
    boolean canary;

    @Option(names = "--reason", description = "Why, for the record and the tracking item.")
    String reason;

    @Option(names = "--no-health-check", negatable = false,
            description = "Do not check the restored version's health URL.")
    boolean noHealthCheck;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        CliRuntime runtime = parent.runtime();
        Project opened = project.open();
        EnvironmentTarget target = EnvironmentTarget.forRollback(opened.config(), profile, environment);
        CiContext ci = new CiDetector(runtime.env(), opened.dir()).detect();
        PrintWriter out = runtime.out();
        if (canary) {
            CanaryResult result = new CanaryService(runtime.trackerFactory(), runtime.clock())
                    .abandon(opened, increment, target, ci);
            out.println(json ? Json.pretty(result) : "Rolled back the canary of " + result.increment() + " in "
                    + result.environment() + ": 0 %, abandoned\n  " + result.note());
            return 0;
        }
        RollbackService service = new RollbackService(runtime.trackerFactory(),
                noHealthCheck ? null : new HttpSlotHealthCheck(Sleeper.system()), runtime.clock());
        RollbackResult result = service.rollback(opened, increment, target.profile(), reason, ci);
        if (json) {
            out.println(Json.pretty(result));
            return result.healthStatus() == null || "healthy".equals(result.healthStatus()) ? 0 : 1;
        }
        out.println("Rolled back " + result.increment() + " in " + result.environment() + ": commit "
                + result.restored().commit() + " is current again (was " + result.rolledBackFrom() + ")");
        if (result.live() != null) {
            out.println("  slot " + result.live() + " is live again, " + result.idle() + " is idle");
        }
        if (result.healthStatus() != null) {
            out.println("  health: " + result.healthStatus());
        }
        if (result.trackingId() != null) {
            out.println("  tracking: " + result.trackingId());
        }
        if (result.healthStatus() != null && !"healthy".equals(result.healthStatus())) {
            runtime.err().println("error: the restored version of " + result.environment() + " is "
                    + result.healthStatus() + "; the rollback is recorded, the environment still needs attention");
            return 1;
        }
        return 0;
    }
}
