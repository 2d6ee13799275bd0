package io.specweave.deploy.cli;

import io.specweave.deploy.Json;
import io.specweave.deploy.health.HealthChecker;
import io.specweave.deploy.app.HealthService;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code health <increment> --environment E}: re-checks a recorded deployment's health URL. */
@Command(name = "health", mixinStandardHelpOptions = true, versionProvider = SpecweaveDeploy.Version.class,
        description = {"Checks the health URL of an increment's deployment to an environment and records the result.",
                "Exit code 1 when the environment is unhealthy or unreachable."})
final class HealthCommand implements Callable<Integer> {

    @ParentCommand
    SpecweaveDeploy parent;

    @Mixin
    ProjectOptions project;

    @Parameters(arity = "0..1", paramLabel = "INCREMENT", defaultValue = "active",
            description = "Increment id (0018, 18, 0018-name) or 'active' (default).")
    String increment;

    @Option(names = {"-p", "--profile"}, description = "Sync profile (sync.profiles.<name>).")
    String profile;

    @Option(names = {"-e", "--environment"}, description = "The environment to check.")
    String environment;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        CliRuntime runtime = parent.runtime();
        HealthService.Outcome outcome = new HealthService(new HealthChecker(
                io.specweave.deploy.http.Sleeper.system(), runtime.clock()))
                .check(project.open(), increment, profile, environment);
        PrintWriter out = runtime.out();
        if (json) {
            out.println(Json.pretty(outcome.result()));
        } else {
            var r = outcome.result();
            out.println(outcome.increment().id() + " → " + outcome.environment() + ": " + r.status()
                    + (r.httpStatus() == null ? "" : " (HTTP " + r.httpStatus() + ", " + r.latencyMs() + " ms)"));
            out.println("  url:      " + r.url());
            out.println("  attempts: " + r.attempts());
            if (!r.healthy()) {
                out.println("  reason:   " + r.message());
            }
        }
        if (!outcome.result().healthy()) {
            runtime.err().println("error: " + outcome.increment().id() + " in " + outcome.environment() + " is "
                    + outcome.result().status() + ": " + outcome.result().message());
            return 1;
        }
        return 0;
    }
}
