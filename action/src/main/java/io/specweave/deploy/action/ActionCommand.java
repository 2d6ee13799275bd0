package io.specweave.deploy.action;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The values of the {@code command} input: the CLI commands the Action runs. */
enum ActionCommand {
    /** Record a deployment and sync its tracking item (the CLI's {@code sync}). */
    SYNC("sync"),
    /** Report an increment across its environments (the CLI's {@code status}). */
    STATUS("status");

    private final String word;

    ActionCommand(String word) {
        this.word = word;
    }

    String word() {
        return word;
    }

    static Optional<ActionCommand> parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.word.equals(wanted)).findFirst();
    }

    static String known() {
        return Arrays.stream(values()).map(ActionCommand::word).collect(Collectors.joining(", "));
    }
}
