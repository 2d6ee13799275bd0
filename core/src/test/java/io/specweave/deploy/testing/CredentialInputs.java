package io.specweave.deploy.testing;

import io.specweave.deploy.Command;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import java.util.List;

/** A front end that takes every credential as an input, as the Action does: {@code GITHUB_TOKEN} reads {@code <GITHUB_TOKEN>}. */
public final class CredentialInputs implements Message.Spelling {

    public static final CredentialInputs SPELLING = new CredentialInputs();

    private CredentialInputs() {
    }

    @Override
    public String input(Input input, String value) {
        return input.word() + (value == null ? "" : " " + value);
    }

    @Override
    public String command(Command command, List<Message.Arg> args) {
        return command.word();
    }

    @Override
    public String credential(String name) {
        return "<" + name + ">";
    }
}
