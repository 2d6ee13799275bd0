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
    STATUS("status"),
    /** Re-check a recorded deployment's health URL (the CLI's {@code health}). */
    HEALTH("health"),
    /** Record an approval, change request or metrics (the CLI's {@code approve}). */
    APPROVE("approve"),
    /** DORA's four keys over every increment (the CLI's {@code dora}). */
    DORA("dora"),
    /** Record a deployment to a blue-green slot, a canary step, or a plain deployment (the CLI's {@code deploy}). */
    DEPLOY("deploy"),
    /** Make the idle blue-green slot live (the CLI's {@code swap-slots}). */
    SWAP_SLOTS("swap-slots"),
    /** Put the previous version back, or a canary to 0 % (the CLI's {@code rollback}). */
    ROLLBACK("rollback"),
    /** Turn a flag on or off, list or export flags (the CLI's {@code feature-flag}). */
    FEATURE_FLAG("feature-flag"),
    /** Run a test suite against an environment and record its results (the CLI's {@code test}). */
    TEST("test"),
    /** Watch an environment's health, or compare a canary with stable (the CLI's {@code monitor}). */
    MONITOR("monitor");

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
