package io.specweave.deploy.cli;

import io.specweave.deploy.Message;
import io.specweave.deploy.app.ChangeOutcome;
import io.specweave.deploy.app.Operations;
import io.specweave.deploy.app.Progress;
import io.specweave.deploy.app.Request;
import io.specweave.deploy.report.Rendering;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every command shares: the project folder, {@code --json}, help and version, the runtime, the
 * request its option mixins fill, and how a result is printed (stdout; notes before it and each
 * problem as an {@code error:} line on stderr) and turned into the exit code.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = SpecweaveDeploy.Version.class)
abstract class OperationCommand implements Callable<Integer> {

    /** Options that fill part of every request of the commands that mix them in. */
    interface RequestOptions {
        Request.Builder applyTo(Request.Builder b);
    }

    @Spec
    CommandSpec spec;

    @Option(names = {"-C", "--dir"}, paramLabel = "PROJECT", defaultValue = ".",
            description = "Project folder holding .specweave (default: the current folder).")
    Path dir;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    /** Set by the commands that offer {@code --markdown}. */
    boolean markdown;

    CliRuntime runtime() {
        return ((SpecweaveDeploy) spec.root().userObject()).runtime();
    }

    Operations operations() {
        return operations(Progress.NONE);
    }

    /**
     * Core for this run: a stop (Ctrl-C, SIGTERM) ends its waits early, and what it saw is recorded
     * before the JVM exits. With {@code --debug}, core's debug lines (how the config was read) go to stderr.
     */
    Operations operations(Progress progress) {
        Consumer<String> err = CliRuntime.lines(runtime().err());
        SpecweaveDeploy root = (SpecweaveDeploy) spec.root().userObject();
        return new Operations(runtime().host(progress, root.stop())
                .withDebug(root.debug ? line -> err.accept("debug: " + line) : null));
    }

    /** A request for the project folder with every {@link RequestOptions} mixin of the command applied. */
    Request.Builder request() {
        Request.Builder b = Request.builder(dir);
        spec.mixins().values().stream().map(CommandSpec::userObject).filter(RequestOptions.class::isInstance)
                .forEach(options -> ((RequestOptions) options).applyTo(b));
        return b;
    }

    PrintWriter out() {
        return runtime().out();
    }

    Rendering rendering() {
        if (json && markdown) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--json and --markdown are two output formats; give one of them");
        }
        Rendering.Format format = json ? Rendering.Format.JSON
                : markdown ? Rendering.Format.MARKDOWN : Rendering.Format.TEXT;
        return new Rendering(format, runtime().terminal(), CliSpelling.INSTANCE);
    }

    int finish(ChangeOutcome<?> outcome) {
        return show(rendering().change(outcome));
    }

    /** Prints the result, its notes and its problems; returns the exit code. */
    int show(Rendering.Rendered result) {
        result.notes().forEach(runtime().err()::println);
        runtime().err().flush();
        out().print(result.body());
        out().flush();
        result.problems().forEach(this::error);
        return result.exitCode();
    }

    private void error(Message message) {
        runtime().err().println("error: " + message.render(CliSpelling.INSTANCE));
        runtime().err().flush();
    }
}
