package io.specweave.deploy.action;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.app.SyncRequest;
import io.specweave.deploy.Durations;
import io.specweave.deploy.app.DoraService;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * One input of action.yml and how its value reaches the core call. {@link #ALL} is the whole
 * table: adding an input is one line here plus its declaration in action.yml (a test checks that
 * the two agree).
 *
 * @param name       the input's name in action.yml
 * @param fallback   the value when the runner passes none (action.yml's default), may be null
 * @param credential the variable core reads the value from ({@code GITHUB_TOKEN}, ...), or null
 * @param secret     true when the value must be masked in the log
 * @param apply      stores a non-blank value in the request; throws {@link InputException} on a bad one
 */
record ActionInput(String name, String fallback, String credential, boolean secret,
        BiConsumer<ActionRequest, String> apply) {

    static final List<ActionInput> ALL = List.of(
            text("command", "sync", (r, v) -> r.command = ActionCommand.parse(v).orElseThrow(() ->
                    new InputException("command", "unknown command \"" + v + "\"; expected one of "
                            + ActionCommand.known()))),
            text("increment", "active", (r, v) -> r.increment = v),
            text("profile", null, (r, v) -> r.profile = v),
            text("environment", null, (r, v) -> r.environment = v),
            text("deployed", "true", (r, v) -> r.outcome = outcome(v)),
            text("commit", null, (r, v) -> r.commit = v),
            text("branch", null, (r, v) -> r.branch = v),
            text("tag", null, (r, v) -> r.tag = v),
            text("deployed-by", null, (r, v) -> r.deployedBy = v),
            text("run-url", null, (r, v) -> r.runUrl = v),
            text("deployment-url", null, (r, v) -> r.deploymentUrl = v),
            text("working-directory", ".", (r, v) -> r.workingDirectory = v),
            flag("commit-metadata", "false", (r, v) -> r.commitMetadata = v),
            flag("dry-run", "false", (r, v) -> r.dryRun = v),
            flag("health-check", "true", (r, v) -> r.healthCheck = v),
            text("test-results", null, (r, v) -> r.testResults = v),
            text("coverage", null, (r, v) -> r.coverage = v),
            text("load-test-results", null, (r, v) -> r.loadTestResults = v),
            text("metrics", null, (r, v) -> r.metrics = v),
            text("change-request", null, (r, v) -> r.changeRequest = v),
            flag("force", "false", (r, v) -> r.force = v),
            text("issue-keys", null, (r, v) -> r.issueKeys = issueKeys(v)),
            flag("refresh", "false", (r, v) -> r.refresh = v),
            text("approved-by", null, (r, v) -> r.approvedBy = v),
            text("role", null, (r, v) -> r.role = v),
            text("notes", null, (r, v) -> r.notes = v),
            text("window", DoraService.DEFAULT_WINDOW, (r, v) -> r.window = window(v)),
            text("slot", null, (r, v) -> r.slot = v),
            text("canary", null, (r, v) -> r.canary = v),
            text("reason", null, (r, v) -> r.reason = v),
            text("flag", null, (r, v) -> r.flag = v),
            text("action", null, (r, v) -> r.flagAction = ActionRequest.FlagAction.parse(v)),
            text("format", "env", (r, v) -> r.format = v),
            text("suite", null, (r, v) -> r.suite = v),
            text("duration", null, (r, v) -> r.duration = duration("duration", v)),
            text("interval", null, (r, v) -> r.interval = duration("interval", v)),
            text("failures", null, (r, v) -> r.failures = failures(v)),
            text("metrics-file", null, (r, v) -> r.metricsFile = v),
            credential("github-token", "GITHUB_TOKEN", true),
            credential("jira-email", "JIRA_EMAIL", false),
            credential("jira-api-token", "JIRA_API_TOKEN", true),
            credential("jira-pat", "JIRA_PAT", true),
            credential("azure-devops-pat", "AZURE_DEVOPS_PAT", true));

    /** The runner's spelling of the variable: {@code INPUT_} + name upper-cased, spaces to {@code _}, hyphens kept. */
    String variable() {
        return "INPUT_" + name.toUpperCase(Locale.ROOT).replace(' ', '_');
    }

    /** The value the runner passed, or the fallback; null when neither. */
    String read(Map<String, String> env) {
        String value = env.get(variable());
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return value.strip();
    }

    /** Parses every input of the table from the runner's environment. */
    static ActionRequest parse(Map<String, String> env) {
        ActionRequest request = new ActionRequest();
        for (ActionInput input : ALL) {
            String value = input.read(env);
            if (value != null && !value.isBlank()) {
                input.apply.accept(request, value);
            }
        }
        return request;
    }

    private static ActionInput text(String name, String fallback, BiConsumer<ActionRequest, String> apply) {
        return new ActionInput(name, fallback, null, false, apply);
    }

    private static ActionInput flag(String name, String fallback, BiConsumer<ActionRequest, Boolean> apply) {
        return new ActionInput(name, fallback, null, false, (r, v) -> apply.accept(r, bool(name, v)));
    }

    private static ActionInput credential(String name, String variable, boolean secret) {
        return new ActionInput(name, null, variable, secret, (r, v) -> r.credentials.put(variable, v));
    }

    private static final Set<String> TRUE = Set.of("true", "True", "TRUE");
    private static final Set<String> FALSE = Set.of("false", "False", "FALSE");

    /** A boolean as the Actions toolkit's getBooleanInput accepts it (YAML 1.2 core schema). */
    static boolean bool(String name, String value) {
        if (TRUE.contains(value)) {
            return true;
        }
        if (FALSE.contains(value)) {
            return false;
        }
        throw new InputException(name, "expected true or false, got \"" + value + "\"");
    }

    /** {@code issue-keys}: keys separated by commas, spaces or new lines (a YAML block works too). */
    static List<String> issueKeys(String value) {
        return Arrays.stream(value.split("[,\\s]+")).filter(k -> !k.isBlank()).toList();
    }

    /** {@code window}: core's DORA window ({@code 90d}, {@code 12w}, {@code 48h}), checked before any work. */
    static String window(String value) {
        try {
            DoraService.parseWindow(value);
        } catch (BadInputException e) {
            throw new InputException("window", e.getMessage().replace("--window ", ""), e);
        }
        return value;
    }

    /** {@code canary} for {@code deploy}: the canary's share of traffic, a whole number (core checks 1-100). */
    static Integer canaryWeight(String value) {
        try {
            return Integer.valueOf(value.strip().replaceFirst("%$", "").strip());
        } catch (NumberFormatException e) {
            throw new InputException("canary", "expected the canary's share of traffic in percent, a whole number "
                    + "from 1 to 100 (e.g. 10), got \"" + value + "\"");
        }
    }

    /** {@code canary} for {@code rollback}: true rolls back the running canary; false the deployment. */
    static boolean canaryRollback(String value) {
        if (!TRUE.contains(value) && !FALSE.contains(value)) {
            throw new InputException("canary", "with command rollback, expected true (roll back the running "
                    + "canary) or false, got \"" + value + "\"");
        }
        return TRUE.contains(value);
    }

    /** {@code canary} for {@code monitor}: true compares the running canary with stable; false watches the environment. */
    static boolean canaryMonitor(String value) {
        if (!TRUE.contains(value) && !FALSE.contains(value)) {
            throw new InputException("canary", "with command monitor, expected true (compare the running canary "
                    + "with stable) or false (watch the environment's health), got \"" + value + "\"");
        }
        return TRUE.contains(value);
    }

    /** {@code duration}, {@code interval}: core's durations ({@code 500ms}, {@code 30s}, {@code 15m}, {@code 1h}). */
    static Duration duration(String name, String value) {
        try {
            return Durations.parse(value, name);
        } catch (BadInputException e) {
            throw new InputException(name, "expected a duration such as 30s, 1m, 15m or 1h, got \"" + value + "\"",
                    e);
        }
    }

    /** {@code failures}: unhealthy polls in a row that end a monitor run, a whole number (core checks 1 or more). */
    static Integer failures(String value) {
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InputException("failures", "expected a whole number of unhealthy polls in a row, 1 or more "
                    + "(e.g. 3), got \"" + value + "\"");
        }
    }

    /** {@code deployed}: true (finished), false (failed) or in-progress (started, not finished). */
    static SyncRequest.Outcome outcome(String value) {
        if ("in-progress".equalsIgnoreCase(value) || "in_progress".equalsIgnoreCase(value)) {
            return SyncRequest.Outcome.IN_PROGRESS;
        }
        if (!TRUE.contains(value) && !FALSE.contains(value)) {
            throw new InputException("deployed", "expected true (the deployment finished), false (it failed) "
                    + "or in-progress, got \"" + value + "\"");
        }
        return bool("deployed", value) ? SyncRequest.Outcome.DEPLOYED : SyncRequest.Outcome.FAILED;
    }
}
