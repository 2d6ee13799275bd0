package io.specweave.deploy.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.app.Project;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.ci.CiDetector;
import io.specweave.deploy.app.FeatureFlagService;
import io.specweave.deploy.model.FlagChange;
import io.specweave.deploy.flags.FlagMatrix;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code feature-flag enable|disable|list|export}: flags per environment in
 * {@code .specweave/config/feature-flags.json}.
 */
@Command(name = "feature-flag", mixinStandardHelpOptions = true, versionProvider = SpecweaveDeploy.Version.class,
        description = "Turns feature flags on or off per environment, lists them, exports them for the application.",
        subcommands = {FeatureFlagCommand.Enable.class, FeatureFlagCommand.Disable.class,
                FeatureFlagCommand.ListFlags.class, FeatureFlagCommand.Export.class})
final class FeatureFlagCommand implements Callable<Integer> {

    @ParentCommand
    SpecweaveDeploy parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "feature-flag needs a subcommand: enable, disable, list or export");
    }

    CliRuntime runtime() {
        return parent.runtime();
    }

    /** Shared by enable and disable. */
    abstract static class Set implements Callable<Integer> {

        @ParentCommand
        FeatureFlagCommand parent;

        @Mixin
        ProjectOptions project;

        @Parameters(index = "0", paramLabel = "FLAG", description = "The flag, e.g. newCheckout.")
        String flag;

        @Option(names = {"-e", "--environment"}, required = true, description = "The environment.")
        String environment;

        @Option(names = {"-i", "--increment"}, description = "Record the change in this increment's history "
                + "(deployments.<env>.flagChanges).")
        String increment;

        @Option(names = "--json", description = "Print the change as JSON.")
        boolean json;

        abstract boolean enabled();

        @Override
        public Integer call() {
            CliRuntime runtime = parent.runtime();
            Project opened = project.open();
            CiContext ci = new CiDetector(runtime.env(), opened.dir()).detect();
            FlagChange change = new FeatureFlagService(runtime.clock()).set(opened, flag, enabled(), environment,
                    increment, ci);
            PrintWriter out = runtime.out();
            if (json) {
                out.println(Json.pretty(change));
                return 0;
            }
            String state = change.enabled() ? "on" : "off";
            out.println(change.changed() ? "Feature flag " + change.flag() + " is " + state + " in "
                    + change.environment() + (change.previous() == null ? " (new)" : " (was "
                    + (change.previous() ? "on" : "off") + ")")
                    : "Feature flag " + change.flag() + " was already " + state + " in " + change.environment()
                            + "; nothing changed");
            if (change.increment() != null && change.changed()) {
                out.println("  recorded in " + change.increment() + " (deployments." + change.environment()
                        + ".flagChanges)");
            }
            return 0;
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Turns a flag on in an environment.")
    static final class Enable extends Set {
        @Override
        boolean enabled() {
            return true;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Turns a flag off in an environment.")
    static final class Disable extends Set {
        @Override
        boolean enabled() {
            return false;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "One environment's flags, or every flag × every environment in pipeline order.")
    static final class ListFlags implements Callable<Integer> {

        @ParentCommand
        FeatureFlagCommand parent;

        @Mixin
        ProjectOptions project;

        @Option(names = {"-e", "--environment"}, description = "Only this environment.")
        String environment;

        @Option(names = "--json", description = "Print JSON: {environment: {flag: true|false}}.")
        boolean json;

        @Override
        public Integer call() {
            CliRuntime runtime = parent.runtime();
            Project opened = project.open();
            FeatureFlagService service = new FeatureFlagService(runtime.clock());
            PrintWriter out = runtime.out();
            if (environment != null) {
                Map<String, Boolean> flags = service.flags(opened, environment);
                if (json) {
                    ObjectNode root = Json.mapper().createObjectNode();
                    ObjectNode env = root.putObject(environment.trim());
                    flags.forEach(env::put);
                    out.println(Json.pretty(root));
                } else if (flags.isEmpty()) {
                    out.println("No feature flags in " + environment.trim());
                } else {
                    int width = flags.keySet().stream().mapToInt(String::length).max().orElse(4);
                    flags.forEach((name, on) -> out.println(pad(name, width) + "  " + (on ? "on" : "off")));
                }
                return 0;
            }
            FlagMatrix matrix = service.matrix(opened);
            if (json) {
                ObjectNode root = Json.mapper().createObjectNode();
                for (String env : matrix.environments()) {
                    ObjectNode node = root.putObject(env);
                    for (String flag : matrix.flags()) {
                        Boolean value = matrix.value(env, flag);
                        if (value != null) {
                            node.put(flag, value);
                        }
                    }
                }
                out.println(Json.pretty(root));
                return 0;
            }
            if (matrix.flags().isEmpty()) {
                out.println("No feature flags (.specweave/config/feature-flags.json has none)");
                return 0;
            }
            out.print(render(matrix));
            return 0;
        }

        static String render(FlagMatrix matrix) {
            int first = Math.max(4, matrix.flags().stream().mapToInt(String::length).max().orElse(4));
            List<Integer> widths = new ArrayList<>();
            StringBuilder s = new StringBuilder(pad("flag", first));
            for (String env : matrix.environments()) {
                int w = Math.max(3, env.length());
                widths.add(w);
                s.append("  ").append(pad(env, w));
            }
            s = new StringBuilder(s.toString().stripTrailing()).append('\n');
            for (String flag : matrix.flags()) {
                StringBuilder row = new StringBuilder(pad(flag, first));
                for (int i = 0; i < matrix.environments().size(); i++) {
                    Boolean value = matrix.value(matrix.environments().get(i), flag);
                    row.append("  ").append(pad(value == null ? "-" : value ? "on" : "off", widths.get(i)));
                }
                s.append(row.toString().stripTrailing()).append('\n');
            }
            return s.toString();
        }

        private static String pad(String text, int width) {
            return text.length() >= width ? text : text + " ".repeat(width - text.length());
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Prints one environment's flags for the application: env (FEATURE_NAME=true), json, or "
                    + "flagd (OpenFeature flag definitions).")
    static final class Export implements Callable<Integer> {

        @ParentCommand
        FeatureFlagCommand parent;

        @Mixin
        ProjectOptions project;

        @Option(names = {"-e", "--environment"}, required = true, description = "The environment.")
        String environment;

        @Option(names = "--format", defaultValue = "env", description = "env (default), json or flagd.")
        String format;

        @Override
        public Integer call() {
            CliRuntime runtime = parent.runtime();
            runtime.out().print(new FeatureFlagService(runtime.clock()).export(project.open(), environment, format));
            return 0;
        }
    }
}
