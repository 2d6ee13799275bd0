package io.specweave.deploy;

import java.util.Locale;

/**
 * A request input that a message can name. Core never spells an input the way one front end
 * does: each front end names it its own way ({@code --profile} on the command line, the
 * {@code profile} input of the Action, the {@code profile:} parameter of the Jenkins step), see
 * {@link Message.Spelling}.
 */
public enum Input {
    INCREMENT, PROFILE, ENVIRONMENT, SLOT, CANARY, ALL_ENVIRONMENTS, PROVIDER,
    DEPLOYED, FAILED, COMMIT, BRANCH, TAG, DEPLOYED_BY, RUN_URL, DEPLOYMENT_URL,
    FORCE, DRY_RUN, REFRESH, HEALTH_CHECK, ISSUE_KEYS, COMMIT_METADATA,
    TEST_RESULTS, COVERAGE, LOAD_TEST_RESULTS, METRICS, CHANGE_REQUEST,
    APPROVED_BY, ROLE, NOTES, REASON, WINDOW,
    SUITE, DURATION, INTERVAL, FAILURES, METRICS_FILE, PROMETHEUS_URL,
    MAX_ERROR_RATE_INCREASE, MAX_P95_INCREASE, MIN_REQUESTS, FAILURE_THRESHOLD,
    FLAG, FLAG_ACTION, FORMAT, CREATE, DIR,
    /** Which operation to run, for a front end that takes it as a value (the Action's {@code command} input). */
    COMMAND;

    /** An input that turns something on or off, true or false: see {@link #asksNothingOf}. */
    public boolean isSwitch() {
        return switch (this) {
            case FORCE, DRY_RUN, REFRESH, HEALTH_CHECK, CREATE, ALL_ENVIRONMENTS, COMMIT_METADATA, FAILED -> true;
            default -> false;
        };
    }

    /**
     * Whether this switch set to {@code value} asks nothing of {@code command}, which has no such
     * switch: it asks for what the command does anyway. False turns off what such a command does not
     * do, except health-check on a command that checks health all the same ({@link
     * Command#checksHealthAnyway}); true health-check is its default, which a runner passes to every step.
     */
    public boolean asksNothingOf(Command command, boolean value) {
        if (this == HEALTH_CHECK) {
            return value || !command.checksHealthAnyway();
        }
        return !value;
    }

    /**
     * The profile setting this input overrides for one run ({@code canaryAnalysis.minRequests}), or
     * null: a front end without the input names the setting instead.
     */
    public String profileSetting() {
        return switch (this) {
            case PROMETHEUS_URL -> "metrics.prometheusUrl";
            case MAX_ERROR_RATE_INCREASE -> "canaryAnalysis.maxErrorRateIncrease";
            case MAX_P95_INCREASE -> "canaryAnalysis.maxP95Increase";
            case MIN_REQUESTS -> "canaryAnalysis.minRequests";
            case FAILURE_THRESHOLD -> "canaryAnalysis.failureThreshold";
            default -> null;
        };
    }

    /** The input's name in words: {@code deployed-by}, {@code change-request}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
