package io.specweave.deploy.cli;

import io.specweave.deploy.Json;
import io.specweave.deploy.app.Project;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.ci.CiDetector;
import io.specweave.deploy.app.SuiteTestResult;
import io.specweave.deploy.app.SuiteTestService;
import io.specweave.deploy.app.EnvironmentTarget;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code test <increment> --environment E --suite NAME}: runs a test suite of
 * {@code deployment.testSuites} against a deployed environment or slot, streams its output and
 * records its results as the environment's {@code testResults}.
 */
@Command(name = "test", mixinStandardHelpOptions = true, versionProvider = SpecweaveDeploy.Version.class,
        description = {"Runs a test suite (deployment.testSuites.<name>) against a deployed environment and records "
                + "its JUnit results as the environment's testResults.",
                "Exit code 1 when the suite fails, writes no report or runs past its timeout."})
final class TestCommand implements Callable<Integer> {

    @ParentCommand
    SpecweaveDeploy parent;

    @Mixin
    ProjectOptions project;

    @Parameters(index = "0", arity = "0..1", paramLabel = "INCREMENT",
            description = "Increment id (0018, 18, 0018-name) or 'active' (default).")
    String increment = "active";

    @Option(names = {"-e", "--environment"}, description = "The environment; ENV-SLOT (prod-green) names a slot too.")
    String environment;

    @Option(names = {"-p", "--profile"}, description = "Sync profile instead of --environment.")
    String profile;

    @Option(names = "--slot", description = "Blue-green slot to test (e.g. green).")
    String slot;

    @Option(names = "--suite", required = true, description = "The suite: a key of deployment.testSuites.")
    String suite;

    @Option(names = "--commit", description = "The commit under test (default: the slot's, else from CI, else the "
            + "recorded deployment's).")
    String commit;

    @Option(names = "--json", description = "Print the result as JSON; the suite's output then goes to stderr.")
    boolean json;

    @Override
    public Integer call() {
        CliRuntime runtime = parent.runtime();
        PrintWriter out = runtime.out();
        // With --json, stdout carries only the JSON result: the suite's own output goes to stderr.
        PrintWriter live = json ? runtime.err() : out;
        Project opened = project.open();
        EnvironmentTarget target = EnvironmentTarget.resolve(opened.config(), profile, environment, slot);
        CiContext ci = new CiDetector(runtime.env(), opened.dir()).detect();
        live.println("Running test suite " + suite + " against " + target.environment()
                + (target.slot() == null ? "" : " (slot " + target.slot() + ")"));
        live.flush();
        SuiteTestResult result;
        try {
            result = new SuiteTestService(runtime.trackerFactory(), runtime.clock()).run(opened, increment, target,
                    suite, commit, ci, line -> {
                        synchronized (live) {
                            live.println(line);
                            live.flush();
                        }
                    });
        } catch (SuiteTestService.SuiteFailedException e) {
            print(out, e.result());
            throw e;
        }
        print(out, result);
        return 0;
    }

    private void print(PrintWriter out, SuiteTestResult result) {
        if (json) {
            out.println(Json.pretty(result));
            out.flush();
            return;
        }
        var t = result.testResults();
        out.println();
        out.println("Suite " + result.suite() + " against " + result.environment()
                + (result.slot() == null ? "" : " (slot " + result.slot() + ")") + ": "
                + (result.passed() ? "passed" : "FAILED"));
        out.println("  tests:    " + t.path("passed").asLong() + "/" + t.path("total").asLong() + " passed, "
                + t.path("failed").asLong() + " failed, " + t.path("errors").asLong() + " errors, "
                + t.path("skipped").asLong() + " skipped");
        out.println("  exit:     " + (t.path("timedOut").asBoolean(false) ? "stopped at the timeout"
                : "code " + t.path("exitCode").asText()) + ", " + t.path("durationSeconds").asText() + " s, "
                + t.path("reports").asInt() + " report" + (t.path("reports").asInt() == 1 ? "" : "s"));
        if (result.url() != null) {
            out.println("  url:      " + result.url());
        }
        out.println("  recorded: " + result.recordedAt());
        if (result.trackingId() != null) {
            out.println("  tracking: " + result.trackingId());
        }
        out.flush();
    }
}
