package io.specweave.deploy.cli;

import io.specweave.deploy.DeployException;
import io.specweave.deploy.app.Host;
import io.specweave.deploy.app.StopSignal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code specweave-deploy}: tracks one SpecWeave increment across every environment it is deployed to. */
@Command(name = "specweave-deploy",
        mixinStandardHelpOptions = true,
        versionProvider = SpecweaveDeploy.Version.class,
        description = "Tracks a SpecWeave increment across the environments it is deployed to.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the operation failed (tracker error, unhealthy, gate refused)",
                "2:bad input (config, arguments)", "130:stopped by Ctrl-C", "143:stopped by SIGTERM"})
public final class SpecweaveDeploy {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of errors, and how the config was read (profiles ignored, old shapes).")
    boolean debug;

    /**
     * The commands, built on demand: picocli reads every registered command's annotations up
     * front, which is most of a run's start-up, so a run registers only the command it executes
     * (all of them when it prints help).
     */
    static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("sync", SyncCommand::new);
        COMMANDS.put("status", StatusCommand::new);
        COMMANDS.put("health", HealthCommand::new);
        COMMANDS.put("approve", ApproveCommand::new);
        COMMANDS.put("dora", DoraCommand::new);
        COMMANDS.put("deploy", DeployCommand::new);
        COMMANDS.put("swap-slots", SwapSlotsCommand::new);
        COMMANDS.put("rollback", RollbackCommand::new);
        COMMANDS.put("monitor", MonitorCommand::new);
        COMMANDS.put("test", TestCommand::new);
        COMMANDS.put("feature-flag", FeatureFlagCommand::new);
    }

    private final CliRuntime runtime;
    private final StopSignal stop;

    public SpecweaveDeploy(CliRuntime runtime, StopSignal stop) {
        this.runtime = runtime;
        this.stop = stop;
    }

    CliRuntime runtime() {
        return runtime;
    }

    /** Ctrl-C or SIGTERM: waits end early, and the JVM exits once the command has written what it saw. */
    StopSignal stop() {
        return stop;
    }

    public static void main(String[] args) {
        // Basic credentials in HTTPS_PROXY would otherwise never reach the proxy of an https tunnel.
        Host.allowProxyCredentialsOnTunnels(System.getenv());
        System.exit(run(CliRuntime.system(), args));
    }

    /** Runs one command line and returns its exit code; output goes to the runtime's streams. */
    public static int run(CliRuntime runtime, String... args) {
        StopSignal stop = StopSignal.onShutdown();
        try {
            return run(new SpecweaveDeploy(runtime, stop), args);
        } finally {
            stop.done();
        }
    }

    private static int run(SpecweaveDeploy root, String[] args) {
        CliRuntime runtime = root.runtime;
        CommandLine cli = commandLine(root, args);
        cli.setOut(runtime.out());
        cli.setErr(runtime.err());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            runtime.err().println("error: " + DeployException.describe(e, CliSpelling.INSTANCE)
                    + (e instanceof DeployException || root.debug ? "" : " (run with --debug for details)"));
            if (root.debug) {
                e.printStackTrace(runtime.err());
            }
            runtime.err().flush();
            return DeployException.exitCodeOf(e);
        });
        int code = cli.execute(args);
        runtime.out().flush();
        runtime.err().flush();
        return code;
    }

    /** The command line of {@code root} with the command {@code args} name registered, or all when none. */
    private static CommandLine commandLine(SpecweaveDeploy root, String[] args) {
        CommandLine cli = new CommandLine(root);
        // picocli would replace "@reports/m.json" with the file's words; core reads @FILE values itself.
        cli.setExpandAtFiles(false);
        String command = firstWord(args);
        if (command != null && COMMANDS.containsKey(command)) {
            cli.addSubcommand(command, COMMANDS.get(command).get());
        } else {
            withAllCommands(cli);
        }
        return cli;
    }

    /** The command line of {@code root} with every command registered, as help and completion show them. */
    static CommandLine withAllCommands(SpecweaveDeploy root) {
        return withAllCommands(new CommandLine(root));
    }

    private static CommandLine withAllCommands(CommandLine cli) {
        COMMANDS.forEach((name, factory) -> cli.addSubcommand(name, factory.get()));
        // picocli's own completion script of every registered command; listed in the help like the rest.
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().name("completion");
        completion.getCommandSpec().usageMessage().hidden(false);
        completion.getCommandSpec().versionProvider(new Version());
        // picocli marks it a help command, which takes any arguments unchecked; it takes none, as docs say.
        completion.getCommandSpec().helpCommand(false);
        cli.addSubcommand("completion", completion);
        cli.addSubcommand("help", new CommandLine.HelpCommand());
        return cli;
    }

    private static String firstWord(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }

    /** Reads the version the jar was built with. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SpecweaveDeploy.class.getPackage().getImplementationVersion();
            return new String[] {"specweave-deploy " + (v == null ? "(development build)" : v)};
        }
    }
}
