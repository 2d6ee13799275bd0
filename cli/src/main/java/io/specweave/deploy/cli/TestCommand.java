package io.specweave.deploy.cli;

import io.specweave.deploy.app.Progress;
import io.specweave.deploy.report.ProgressLines;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code test <increment> --environment E --suite NAME}: runs a test suite against an environment. */
@Command(name = "test",
        description = "Runs a test suite of deployment.testSuites against a deployed environment or slot and records "
                + "its results.")
final class TestCommand extends OperationCommand {

    @Mixin
    IncrementTarget target;

    @Option(names = "--slot", description = "Test this blue-green slot (or --environment ENV-SLOT).")
    String slot;

    @Option(names = "--suite", required = true, description = "The suite: a key of deployment.testSuites.")
    String suite;

    @Option(names = "--commit", description = "The commit under test (default: the one the environment or slot runs).")
    String commit;

    @Override
    public Integer call() {
        // With --json, stdout carries only the JSON result: the suite's own output goes to stderr.
        PrintWriter live = json ? runtime().err() : out();
        Progress progress = new ProgressLines(CliRuntime.lines(live), runtime().terminal().plain());
        return finish(operations(progress).test(request().slot(slot).suite(suite).commit(commit).build()));
    }
}
