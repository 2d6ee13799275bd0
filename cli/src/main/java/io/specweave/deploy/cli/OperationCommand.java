package io.specweave.deploy.cli;

import io.specweave.deploy.DeployException;
import io.specweave.deploy.Json;
import io.specweave.deploy.Message;
import io.specweave.deploy.app.AllEnvironmentsOutcome;
import io.specweave.deploy.app.ChangeOutcome;
import io.specweave.deploy.app.Operations;
import io.specweave.deploy.app.Request;
import io.specweave.deploy.config.ConfigLoader;
import io.specweave.deploy.report.OutcomeJson;
import io.specweave.deploy.report.OutcomeText;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every command shares: the project folder, {@code --json}, the runtime, and how an outcome is
 * printed (the text or JSON on stdout, each problem as an {@code error:} line on stderr) and turned
 * into the exit code.
 */
abstract class OperationCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOptions project;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    CliRuntime runtime() {
        return ((SpecweaveDeploy) spec.root().userObject()).runtime();
    }

    Operations operations() {
        return new Operations(runtime().host());
    }

    Request.Builder request() {
        if (((SpecweaveDeploy) spec.root().userObject()).debug) {
            debugConfigNotes();
        }
        return Request.builder(project.dir);
    }

    /**
     * With {@code --debug}: what the config loader read leniently (profiles no command here uses,
     * the old profile shape, SpecWeave keys it skipped). Never an error: the operation itself
     * reports what it cannot use.
     */
    private void debugConfigNotes() {
        try {
            for (String note : ConfigLoader.load(project.dir).notes()) {
                runtime().err().println("debug: " + note);
            }
        } catch (DeployException e) {
            // The operation loads the same file and reports this itself.
        }
        runtime().err().flush();
    }

    PrintWriter out() {
        return runtime().out();
    }

    /** Prints the outcome and its problems; returns the exit code. */
    int finish(ChangeOutcome<?> outcome) {
        PrintWriter out = out();
        if (json) {
            out.println(Json.pretty(OutcomeJson.of(outcome, CliSpelling.INSTANCE)));
        } else {
            out.println(new OutcomeText(runtime().plain()).render(outcome));
        }
        out.flush();
        outcome.problems().forEach(this::error);
        return outcome.exitCode();
    }

    int finish(AllEnvironmentsOutcome outcome) {
        PrintWriter out = out();
        out.println(json ? Json.pretty(OutcomeJson.of(outcome, CliSpelling.INSTANCE))
                : new OutcomeText(runtime().plain()).render(outcome));
        out.flush();
        if (outcome.problem() != null) {
            error(outcome.problem());
        }
        return outcome.exitCode();
    }

    void error(Message message) {
        runtime().err().println("error: " + message.render(CliSpelling.INSTANCE));
        runtime().err().flush();
    }
}
