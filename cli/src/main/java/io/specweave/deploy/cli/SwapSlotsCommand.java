package io.specweave.deploy.cli;

import io.specweave.deploy.Json;
import io.specweave.deploy.app.Project;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.ci.CiDetector;
import io.specweave.deploy.http.Sleeper;
import io.specweave.deploy.app.EnvironmentTarget;
import io.specweave.deploy.health.HttpSlotHealthCheck;
import io.specweave.deploy.app.SlotResult;
import io.specweave.deploy.app.SlotService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code swap-slots [<increment>] --environment E [--force]}: makes the idle blue-green slot live. */
@Command(name = "swap-slots", mixinStandardHelpOptions = true, versionProvider = SpecweaveDeploy.Version.class,
        description = "Checks the idle slot's health, then makes it live; the swap goes into the environment's history.")
final class SwapSlotsCommand implements Callable<Integer> {

    @ParentCommand
    SpecweaveDeploy parent;

    @Mixin
    ProjectOptions project;

    @Parameters(index = "0", arity = "0..1", paramLabel = "INCREMENT",
            description = "Increment id (0018, 18, 0018-name) or 'active' (default).")
    String increment = "active";

    @Option(names = {"-e", "--environment"}, description = "The environment whose slots to swap.")
    String environment;

    @Option(names = {"-p", "--profile"}, description = "Sync profile instead of --environment.")
    String profile;

    @Option(names = "--force", description = "Swap even when the idle slot is unhealthy or cannot be checked.")
    boolean force;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        CliRuntime runtime = parent.runtime();
        Project opened = project.open();
        EnvironmentTarget target = EnvironmentTarget.resolve(opened.config(), profile, environment, null);
        CiContext ci = new CiDetector(runtime.env(), opened.dir()).detect();
        SlotResult result = new SlotService(runtime.trackerFactory(), new HttpSlotHealthCheck(Sleeper.system()),
                runtime.clock()).swap(opened, increment, target, force, ci);
        runtime.out().println(json ? Json.pretty(result) : SlotPrinter.text(result));
        return 0;
    }
}
