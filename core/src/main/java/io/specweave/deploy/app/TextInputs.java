package io.specweave.deploy.app;

import io.specweave.deploy.Command;
import io.specweave.deploy.Durations;
import io.specweave.deploy.Input;
import io.specweave.deploy.InputValueException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A request from inputs given as text, the way the Action's {@code INPUT_*} variables and a Jenkins
 * step's parameters come: one reading of each input's value for every front end that has no typed
 * options of its own. Booleans are YAML 1.2's ({@code true}, {@code True}, {@code TRUE}, and the
 * same for false), as the Actions toolkit's {@code getBooleanInput} reads them.
 */
public final class TextInputs {

    private static final Set<String> TRUE = Set.of("true", "True", "TRUE");
    private static final Set<String> FALSE = Set.of("false", "False", "FALSE");

    private TextInputs() {
    }

    /**
     * Sets every non-blank value of {@code values} on {@code request}. {@code command} decides what a
     * canary value means: the canary's share of traffic for {@code deploy} ({@code 25} or
     * {@code 25%}), "work on the running canary" for {@code rollback} and {@code monitor}.
     *
     * @throws InputValueException for a value that is not of its input's kind, or of an input the
     *         command does not read
     * @throws IllegalArgumentException for an input a request does not take (the front end's own)
     */
    public static Request.Builder apply(Request.Builder request, Command command, Map<Input, String> values) {
        // In the inputs' order, so that failed wins over deployed however the front end holds them.
        new TreeMap<>(values).forEach((input, text) -> {
            if (text == null || text.isBlank()) {
                return;
            }
            if (!reads(command, values, input)) {
                // A switch left as it is, or turned off, asks nothing of a command that has no such switch.
                String value = text.strip();
                if (input.isSwitch() && (TRUE.contains(value) || FALSE.contains(value))
                        && input.asksNothingOf(command, TRUE.contains(value))) {
                    return;
                }
                if (input == Input.HEALTH_CHECK && command.checksHealthAnyway()) {
                    throw new InputValueException(input, "command " + command.word() + " checks health whatever "
                            + "this says, so false cannot skip it; remove it from this step");
                }
                throw new InputValueException(input, "not read by " + unread(command, values, input)
                        + "; remove it from this step");
            }
            set(request, command, input, text.strip());
        });
        return request;
    }

    /**
     * Whether {@code command} reads {@code input}, with the other {@code values} given: feature-flag
     * reads per action ({@link Request.FlagAction#reads}), so a list takes no flag.
     */
    public static boolean reads(Command command, Map<Input, String> values, Input input) {
        Request.FlagAction action = flagActionOf(command, values);
        return command.reads(input) && (action == null || action.reads(input));
    }

    /** Who does not read {@code input}, and who would: {@code command health (only by deploy, test)}. */
    private static String unread(Command command, Map<Input, String> values, Input input) {
        Request.FlagAction action = flagActionOf(command, values);
        if (command.reads(input) && action != null) {
            return "feature-flag " + action.word() + " (only by feature-flag " + Arrays.stream(Request.FlagAction
                    .values()).filter(a -> a.reads(input)).map(Request.FlagAction::word)
                    .collect(Collectors.joining(", ")) + ")";
        }
        List<String> readers = Command.reading(input).stream().map(Command::word).toList();
        return "command " + command.word() + (readers.isEmpty() ? "" : " (only by " + String.join(", ", readers) + ")");
    }

    /** feature-flag's action as given; null for another command, or when the action is missing or unknown. */
    private static Request.FlagAction flagActionOf(Command command, Map<Input, String> values) {
        return command == Command.FEATURE_FLAG ? Request.FlagAction.of(values.get(Input.FLAG_ACTION)).orElse(null)
                : null;
    }

    private static void set(Request.Builder b, Command command, Input input, String v) {
        switch (input) {
            case INCREMENT -> b.increment(v);
            case PROFILE -> b.profile(v);
            case DIR -> b.workingDirectory(v);
            case ENVIRONMENT -> b.environment(v);
            case SLOT -> b.slot(v);
            case PROVIDER -> b.provider(v);
            case COMMIT -> b.commit(v);
            case BRANCH -> b.branch(v);
            case TAG -> b.tag(v);
            case DEPLOYED_BY -> b.deployedBy(v);
            case RUN_URL -> b.runUrl(v);
            case DEPLOYMENT_URL -> b.deploymentUrl(v);
            case TEST_RESULTS -> b.testResults(v);
            case COVERAGE -> b.coverage(v);
            case LOAD_TEST_RESULTS -> b.loadTestResults(v);
            case METRICS -> b.metrics(v);
            case CHANGE_REQUEST -> b.changeRequest(v);
            case APPROVED_BY -> b.approvedBy(v);
            case ROLE -> b.role(v);
            case NOTES -> b.notes(v);
            case REASON -> b.reason(v);
            case WINDOW -> b.window(v);
            case SUITE -> b.suite(v);
            case METRICS_FILE -> b.metricsFile(v);
            case PROMETHEUS_URL -> b.prometheusUrl(v);
            case FLAG -> b.flag(v);
            case FORMAT -> b.format(v);
            case FORCE -> b.force(bool(input, v));
            case DRY_RUN -> b.dryRun(bool(input, v));
            case REFRESH -> b.refresh(bool(input, v));
            case HEALTH_CHECK -> b.healthCheck(bool(input, v));
            case CREATE -> b.createFlag(bool(input, v));
            case ALL_ENVIRONMENTS -> b.allEnvironments(bool(input, v));
            // Pushed with the checkout's credentials; a front end with a push credential of its own sets the spec.
            case COMMIT_METADATA -> b.commitBack(bool(input, v) ? CommitBack.Spec.by("specweave-deploy") : null);
            case DEPLOYED -> b.outcome(outcome(v));
            // A failure wins over deployed: a post-failure block says so whatever else is set.
            case FAILED -> {
                if (bool(input, v)) {
                    b.outcome(Request.Outcome.FAILED);
                }
            }
            // Separated by commas, spaces or new lines (a YAML block works too): the request reads them (IssueKeys).
            case ISSUE_KEYS -> b.issueKeys(List.of(v));
            case FLAG_ACTION -> b.flagAction(flagAction(v));
            case DURATION -> b.duration(Durations.parse(v, input));
            case INTERVAL -> b.interval(Durations.parse(v, input));
            case FAILURES -> b.failures(number(input, v));
            case CANARY -> {
                switch (command) {
                    case DEPLOY -> b.canaryWeight(number(input, v.replaceFirst("%$", "").strip()));
                    // rollback and monitor, the only others that read it: true is the running canary.
                    default -> b.canary(bool(input, v));
                }
            }
            default -> throw new IllegalArgumentException(input + " is not an input of a request");
        }
    }

    /** A switch's value: true or false as YAML 1.2 spells them. */
    public static boolean bool(Input input, String value) {
        if (!TRUE.contains(value) && !FALSE.contains(value)) {
            throw new InputValueException(input, "expected true or false, got \"" + value + "\"");
        }
        return TRUE.contains(value);
    }

    private static Integer number(Input input, String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new InputValueException(input, "expected a whole number, got \"" + value + "\"");
        }
    }

    private static Request.FlagAction flagAction(String value) {
        return Request.FlagAction.of(value).orElseThrow(() -> new InputValueException(Input.FLAG_ACTION,
                "expected enable, disable, list or export, got \"" + value + "\""));
    }

    /** true (the deployment finished), false (it failed) or in-progress (it started). */
    private static Request.Outcome outcome(String value) {
        if ("in-progress".equalsIgnoreCase(value) || "in_progress".equalsIgnoreCase(value)) {
            return Request.Outcome.IN_PROGRESS;
        }
        if (!TRUE.contains(value) && !FALSE.contains(value)) {
            throw new InputValueException(Input.DEPLOYED, "expected true (the deployment finished), false (it "
                    + "failed) or in-progress, got \"" + value + "\"");
        }
        return TRUE.contains(value) ? Request.Outcome.DEPLOYED : Request.Outcome.FAILED;
    }
}
