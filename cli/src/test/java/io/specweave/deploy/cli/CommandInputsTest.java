package io.specweave.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.specweave.deploy.Command;
import io.specweave.deploy.Input;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Core's table of which inputs each command reads ({@link Command#reads}) is what the Action and the
 * Jenkins step refuse by; the command line refuses by its options. The two must say the same.
 */
class CommandInputsTest {

    /** Inputs only a CI front end has: its commit-back, and the command as a value. */
    private static final Set<Input> CI_ONLY = EnumSet.of(Input.COMMIT_METADATA, Input.COMMAND, Input.DIR);

    @Test
    void everyCommandsOptionsAreTheInputsCoreSaysItReads() {
        CommandLine cli = SpecweaveDeploy.withAllCommands(new SpecweaveDeploy(CliRuntime.system(), null));
        for (Command command : Command.values()) {
            CommandLine line = cli.getSubcommands().get(command.word());
            assertThat(line).as(command.word()).isNotNull();
            Set<Input> expected = Arrays.stream(Input.values()).filter(command::reads)
                    .filter(i -> !CI_ONLY.contains(i)).collect(Collectors.toCollection(() -> EnumSet.noneOf(Input.class)));
            assertThat(inputsOf(line)).as(command.word()).isEqualTo(expected);
        }
    }

    /** The inputs a command's options and arguments give, its subcommands' too (feature-flag enable, ...). */
    private static Set<Input> inputsOf(CommandLine line) {
        List<CommandLine.Model.CommandSpec> specs = new ArrayList<>(List.of(line.getCommandSpec()));
        line.getSubcommands().values().forEach(sub -> specs.add(sub.getCommandSpec()));
        Set<Input> inputs = EnumSet.noneOf(Input.class);
        if (!line.getSubcommands().isEmpty()) {
            inputs.add(Input.FLAG_ACTION);
        }
        for (CommandLine.Model.CommandSpec spec : specs) {
            Set<String> names = spec.options().stream().flatMap(o -> Arrays.stream(o.names()))
                    .collect(Collectors.toSet());
            spec.positionalParameters().forEach(p -> Arrays.stream(p.paramLabel().replaceAll("[\\[\\]]", "")
                    .split(" ")).forEach(label -> names.add("<" + label + ">")));
            for (Input input : Input.values()) {
                // As the CLI names it (--by, --no-health-check), as an argument, or as an option (feature-flag's --increment).
                if (names.contains(CliSpelling.INSTANCE.input(input, "false").replace(" false", ""))
                        || names.contains("<" + input.name() + ">") || names.contains("--" + input.word())) {
                    inputs.add(input);
                }
            }
        }
        inputs.remove(Input.DIR);
        return inputs;
    }
}
