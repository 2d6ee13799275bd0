package io.specweave.deploy.cli;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.DeployException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code specweave-deploy}: tracks one SpecWeave increment across every environment it is deployed to. */
@Command(name = "specweave-deploy",
        mixinStandardHelpOptions = true,
        versionProvider = SpecweaveDeploy.Version.class,
        description = "Tracks a SpecWeave increment across the environments it is deployed to.",
        subcommands = {SyncCommand.class, StatusCommand.class, DeployCommand.class, SwapSlotsCommand.class,
                RollbackCommand.class, MonitorCommand.class, FeatureFlagCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the operation failed (tracker error, unhealthy, gate refused)",
                "2:bad input (config, arguments)"})
public final class SpecweaveDeploy {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of errors.")
    boolean debug;

    private final CliRuntime runtime;

    public SpecweaveDeploy(CliRuntime runtime) {
        this.runtime = runtime;
    }

    CliRuntime runtime() {
        return runtime;
    }

    public static void main(String[] args) {
        System.exit(run(CliRuntime.system(), args));
    }

    /** Runs one command line and returns its exit code; output goes to the runtime's streams. */
    public static int run(CliRuntime runtime, String... args) {
        SpecweaveDeploy root = new SpecweaveDeploy(runtime);
        CommandLine cli = new CommandLine(root);
        cli.setOut(runtime.out());
        cli.setErr(runtime.err());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof DeployException de) {
                runtime.err().println("error: " + de.getMessage());
                if (root.debug) {
                    e.printStackTrace(runtime.err());
                }
                runtime.err().flush();
                return de.exitCode();
            }
            runtime.err().println("error: unexpected " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + (root.debug ? "" : " (run with --debug for details)"));
            if (root.debug) {
                e.printStackTrace(runtime.err());
            }
            runtime.err().flush();
            return 1;
        });
        int code = cli.execute(args);
        runtime.out().flush();
        runtime.err().flush();
        return code;
    }

    /** Reads the version the jar was built with. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SpecweaveDeploy.class.getPackage().getImplementationVersion();
            return new String[] {"specweave-deploy " + (v == null ? "(development build)" : v)};
        }
    }

    /** A usage error: exit code 2, like picocli's own. */
    static BadInputException usage(String message) {
        return new BadInputException(message);
    }
}
