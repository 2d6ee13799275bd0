package io.specweave.deploy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An operation a user runs by name: a command of the command line, a value of the Action's
 * {@code command} input, a command a message suggests. One list for every front end; each spells
 * the command its own way ({@link Message.Spelling#command}).
 */
public enum Command {
    SYNC, STATUS, HEALTH, APPROVE, DORA, DEPLOY, SWAP_SLOTS, ROLLBACK, MONITOR, TEST, FEATURE_FLAG;

    /** The command's name as typed: {@code swap-slots}, {@code feature-flag}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The command {@code word} names, in any case and with blanks around it.
     *
     * @throws InputValueException naming every command, when {@code word} names none
     */
    public static Command of(String word) {
        String typed = word == null ? "" : word.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.word().equals(typed)).findFirst()
                .orElseThrow(() -> new InputValueException(Input.COMMAND, "unknown command \"" + word
                        + "\"; expected one of " + Arrays.stream(values()).map(Command::word)
                                .collect(Collectors.joining(", "))));
    }
}
