package io.specweave.deploy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An operation a user runs by name: a command of the command line, a value of the Action's
 * {@code command} input, a command a message suggests. One list for every front end; each spells
 * the command its own way ({@link Message.Spelling#command}).
 */
public enum Command {
    SYNC(Input.INCREMENT, Input.PROVIDER, Input.PROFILE, Input.ENVIRONMENT, Input.DEPLOYED, Input.FAILED,
            Input.COMMIT, Input.BRANCH, Input.TAG, Input.DEPLOYED_BY, Input.RUN_URL, Input.DEPLOYMENT_URL,
            Input.ISSUE_KEYS, Input.HEALTH_CHECK, Input.TEST_RESULTS, Input.COVERAGE, Input.LOAD_TEST_RESULTS,
            Input.METRICS, Input.CHANGE_REQUEST, Input.FORCE, Input.DRY_RUN, Input.REFRESH, Input.COMMIT_METADATA),
    STATUS(Input.INCREMENT, Input.REFRESH, Input.WINDOW),
    HEALTH(Input.INCREMENT, Input.PROFILE, Input.ENVIRONMENT, Input.COMMIT_METADATA),
    APPROVE(Input.INCREMENT, Input.PROFILE, Input.ENVIRONMENT, Input.DRY_RUN, Input.APPROVED_BY, Input.COMMIT,
            Input.ROLE, Input.NOTES, Input.CHANGE_REQUEST, Input.METRICS, Input.COMMIT_METADATA),
    DORA(Input.WINDOW),
    DEPLOY(Input.INCREMENT, Input.PROFILE, Input.ENVIRONMENT, Input.SLOT, Input.CANARY, Input.COMMIT, Input.BRANCH,
            Input.TAG, Input.DEPLOYED_BY, Input.RUN_URL, Input.DRY_RUN, Input.DEPLOYMENT_URL,
            Input.ALL_ENVIRONMENTS, Input.FORCE, Input.HEALTH_CHECK, Input.COMMIT_METADATA),
    SWAP_SLOTS(Input.INCREMENT, Input.PROFILE, Input.ENVIRONMENT, Input.COMMIT, Input.BRANCH, Input.TAG,
            Input.DEPLOYED_BY, Input.RUN_URL, Input.DRY_RUN, Input.FORCE, Input.COMMIT_METADATA),
    ROLLBACK(Input.INCREMENT, Input.PROFILE, Input.ENVIRONMENT, Input.COMMIT, Input.BRANCH, Input.TAG,
            Input.DEPLOYED_BY, Input.RUN_URL, Input.DRY_RUN, Input.CANARY, Input.REASON, Input.HEALTH_CHECK,
            Input.COMMIT_METADATA),
    MONITOR(Input.INCREMENT, Input.PROFILE, Input.ENVIRONMENT, Input.CANARY, Input.DURATION, Input.INTERVAL,
            Input.METRICS_FILE, Input.PROMETHEUS_URL, Input.MAX_ERROR_RATE_INCREASE, Input.MAX_P95_INCREASE,
            Input.MIN_REQUESTS, Input.FAILURE_THRESHOLD, Input.FAILURES, Input.COMMIT_METADATA),
    TEST(Input.INCREMENT, Input.PROFILE, Input.ENVIRONMENT, Input.SLOT, Input.SUITE, Input.COMMIT,
            Input.COMMIT_METADATA),
    FEATURE_FLAG(Input.INCREMENT, Input.ENVIRONMENT, Input.FLAG, Input.FLAG_ACTION, Input.CREATE, Input.DRY_RUN,
            Input.FORMAT, Input.COMMIT_METADATA);

    /** Inputs every command reads: which project folder, which command. */
    private static final Set<Input> EVERY_COMMAND = EnumSet.of(Input.DIR, Input.COMMAND);

    private final Set<Input> inputs;

    Command(Input... inputs) {
        this.inputs = EnumSet.copyOf(List.of(inputs));
    }

    /**
     * Whether the command reads {@code input}: a front end refuses a value the command would ignore
     * (a URL to check given to a command that checks the recorded one), as the command line refuses
     * an option its command has not.
     */
    public boolean reads(Input input) {
        return inputs.contains(input) || everyCommandReads(input);
    }

    /**
     * Whether the command checks the environment's health whatever a health-check switch says:
     * {@code health}, {@code monitor}, and {@code swap-slots} the slot it makes live.
     */
    public boolean checksHealthAnyway() {
        return this == HEALTH || this == MONITOR || this == SWAP_SLOTS;
    }

    /** Whether every command reads {@code input}: which project folder, which command. */
    public static boolean everyCommandReads(Input input) {
        return EVERY_COMMAND.contains(input);
    }

    /** The commands that read {@code input}, in their order. */
    public static List<Command> reading(Input input) {
        return Arrays.stream(values()).filter(c -> c.inputs.contains(input)).toList();
    }

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
