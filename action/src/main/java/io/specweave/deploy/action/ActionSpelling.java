package io.specweave.deploy.action;

import io.specweave.deploy.Command;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import java.util.List;
import java.util.stream.Collectors;

/** How the Action names core's inputs: {@code `canary: 100`}, and a command as a step's {@code with:} values. */
final class ActionSpelling implements Message.Spelling {

    static final ActionSpelling INSTANCE = new ActionSpelling();

    @Override
    public String input(Input input, String value) {
        String name = ActionInput.nameOf(input);
        if (name == null) {
            // Not an input of the Action: the profile's setting it stands for, else its own name.
            return input.profileSetting() != null ? "the profile's `" + input.profileSetting() + "`"
                    : "`" + input.word() + (value == null ? "" : " " + value) + "`";
        }
        // A switch named without a value means true (deployed too, whose other values are words).
        // Not canary: a percentage for deploy, a switch only for rollback and monitor, named with its value.
        if (value == null && !input.isSwitch() && input != Input.DEPLOYED) {
            return "the `" + name + "` input";
        }
        return "`" + name + ": " + (value != null ? value : "true") + "`";
    }

    @Override
    public String name(Input input) {
        String name = ActionInput.nameOf(input);
        return name == null ? input(input, null) : "input \"" + name + "\"";
    }

    @Override
    public boolean has(Input input) {
        return ActionInput.nameOf(input) != null;
    }

    /** A credential variable an input of the Action gives: {@code `github-token` (GITHUB_TOKEN)}. */
    @Override
    public String credential(String name) {
        String input = ActionInput.nameOfCredential(name);
        return input == null ? name : "`" + input + "` (" + name + ")";
    }

    @Override
    public String command(Command command, List<Message.Arg> args) {
        return "a step with `command: " + command.word() + "`" + (args.isEmpty() ? "" : ", " + args.stream()
                .map(a -> input(a.input(), a.value() == null ? "true" : a.value())).collect(Collectors.joining(", ")));
    }
}
