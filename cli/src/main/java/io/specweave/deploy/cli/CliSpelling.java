package io.specweave.deploy.cli;

import io.specweave.deploy.Command;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import java.util.List;

/** How the command line names core's inputs: {@code --canary 100}, and commands as they are typed. */
final class CliSpelling implements Message.Spelling {

    static final CliSpelling INSTANCE = new CliSpelling();

    @Override
    public String input(Input input, String value) {
        String option = switch (input) {
            case INCREMENT -> value != null ? value : "the increment (0018, 0018-name or active)";
            case FLAG -> value != null ? value : "the flag";
            case FLAG_ACTION -> value != null ? value : "enable, disable, list or export";
            case PROVIDER -> value != null ? value : "the provider word";
            case APPROVED_BY -> "--by";
            case HEALTH_CHECK -> "false".equals(value) ? "--no-health-check" : "--health-check";
            default -> "--" + input.word();
        };
        boolean positional = input == Input.INCREMENT || input == Input.FLAG || input == Input.FLAG_ACTION
                || input == Input.PROVIDER;
        // A switch named on ("true") is the bare option: --canary, --force.
        return value == null || "true".equals(value) || positional || input == Input.HEALTH_CHECK ? option
                : option + " " + value;
    }

    @Override
    public String command(Command command, List<Message.Arg> args) {
        StringBuilder s = new StringBuilder("`specweave-deploy ").append(command.word());
        args.stream().filter(a -> a.input() == Input.INCREMENT).forEach(a -> s.append(' ').append(a.value()));
        args.stream().filter(a -> a.input() != Input.INCREMENT).forEach(a -> s.append(' ')
                .append(input(a.input(), a.value())));
        return s.append('`').toString();
    }
}
