package io.specweave.deploy.cli;

import io.specweave.deploy.app.Request;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code feature-flag enable|disable|list|export}: flags per environment in
 * {@code .specweave/config/feature-flags.json}.
 */
@Command(name = "feature-flag", mixinStandardHelpOptions = true, versionProvider = SpecweaveDeploy.Version.class,
        description = "Turns feature flags on or off per environment, lists them, exports them for the application.",
        subcommands = {FeatureFlagCommand.Enable.class, FeatureFlagCommand.Disable.class,
                FeatureFlagCommand.ListFlags.class, FeatureFlagCommand.Export.class})
final class FeatureFlagCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "feature-flag needs a subcommand: enable, disable, list or export");
    }

    /** Shared by enable and disable: the action is the command's name. */
    abstract static class Set extends OperationCommand {

        @Parameters(index = "0", paramLabel = "FLAG", description = "The flag, e.g. newCheckout.")
        String flag;

        @Option(names = {"-e", "--environment"}, required = true, description = "The environment.")
        String environment;

        @Option(names = {"-i", "--increment"},
                description = "Also record the change in this increment's history (it needs a deployment there).")
        String increment;

        @Option(names = "--create", description = "Add the flag when no environment has it yet (otherwise a name "
                + "no environment has is refused, as a typo would be).")
        boolean create;

        @Mixin
        DryRunOption dryRun;

        @Override
        public Integer call() {
            Request.FlagAction action = Request.FlagAction.valueOf(spec.name().toUpperCase(Locale.ROOT));
            return show(rendering().flags(operations().featureFlag(request().flagAction(action).flag(flag)
                    .environment(environment).increment(increment).createFlag(create).build())));
        }
    }

    @Command(name = "enable", description = "Turns a flag on in an environment.")
    static final class Enable extends Set {
    }

    @Command(name = "disable", description = "Turns a flag off in an environment.")
    static final class Disable extends Set {
    }

    @Command(name = "list", description = "One environment's flags, or every flag × every environment in pipeline order.")
    static final class ListFlags extends OperationCommand {

        @Option(names = {"-e", "--environment"}, description = "Only this environment.")
        String environment;

        @Override
        public Integer call() {
            return show(rendering().flags(operations().featureFlag(request().flagAction(Request.FlagAction.LIST)
                    .environment(environment).build())));
        }
    }

    @Command(name = "export", description = "Prints one environment's flags for the application: env "
            + "(FEATURE_NAME=true), json, or flagd (OpenFeature flag definitions).")
    static final class Export extends OperationCommand {

        @Option(names = {"-e", "--environment"}, required = true, description = "The environment.")
        String environment;

        @Option(names = "--format", description = "env (default; json with --json), json or flagd.")
        String format;

        @Override
        public Integer call() {
            if (json && format != null && !format.strip().equalsIgnoreCase("json")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--json prints the json format; "
                        + "give it or --format " + format + ", not both");
            }
            return show(rendering().flags(operations().featureFlag(request().flagAction(Request.FlagAction.EXPORT)
                    .environment(environment).format(format != null ? format : json ? "json" : "env").build())));
        }
    }
}
