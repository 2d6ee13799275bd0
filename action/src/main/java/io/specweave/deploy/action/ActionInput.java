package io.specweave.deploy.action;

import io.specweave.deploy.Durations;
import io.specweave.deploy.Input;
import io.specweave.deploy.app.Operations;
import io.specweave.deploy.app.Request;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * One input of action.yml and where its value goes. {@link #ALL} is the whole table: adding an
 * input is one line here plus its declaration in action.yml (a test checks that the two agree).
 *
 * @param name       the input's name in action.yml
 * @param fallback   the value when the runner passes none (action.yml's default), may be null
 * @param input      the core input it gives, for messages that name it; null for the Action's own
 * @param credential the variable core reads the value from ({@code GITHUB_TOKEN}, ...), or null
 * @param secret     true when the value must be masked in the log
 * @param apply      stores a non-blank value; throws {@link InputException} on a bad one
 */
record ActionInput(String name, String fallback, Input input, String credential, boolean secret,
        BiConsumer<ActionInput.Values, String> apply) {

    /** The commands of the {@code command} input: the CLI's. */
    static final List<String> COMMANDS = List.of("sync", "status", "health", "approve", "dora", "deploy",
            "swap-slots", "rollback", "feature-flag", "test", "monitor");

    /** What the inputs say, parsed. */
    static final class Values {
        String command = "sync";
        String workingDirectory = ".";
        boolean commitMetadata;
        String canary;
        final Request.Builder request = Request.builder(null);
        final Map<String, String> credentials = new HashMap<>();
    }

    static final List<ActionInput> ALL = List.of(
            own("command", "sync", (v, s) -> v.command = command(s)),
            core("increment", "active", Input.INCREMENT, (v, s) -> v.request.increment(s)),
            core("profile", null, Input.PROFILE, (v, s) -> v.request.profile(s)),
            core("environment", null, Input.ENVIRONMENT, (v, s) -> v.request.environment(s)),
            core("deployed", "true", Input.DEPLOYED, (v, s) -> v.request.outcome(outcome(s))),
            core("commit", null, Input.COMMIT, (v, s) -> v.request.commit(s)),
            core("branch", null, Input.BRANCH, (v, s) -> v.request.branch(s)),
            core("tag", null, Input.TAG, (v, s) -> v.request.tag(s)),
            core("deployed-by", null, Input.DEPLOYED_BY, (v, s) -> v.request.deployedBy(s)),
            core("run-url", null, Input.RUN_URL, (v, s) -> v.request.runUrl(s)),
            core("deployment-url", null, Input.DEPLOYMENT_URL, (v, s) -> v.request.deploymentUrl(s)),
            core("working-directory", ".", Input.DIR, (v, s) -> v.workingDirectory = s),
            core("commit-metadata", "false", Input.COMMIT_METADATA, (v, s) -> v.commitMetadata = bool("commit-metadata", s)),
            core("dry-run", "false", Input.DRY_RUN, (v, s) -> v.request.dryRun(bool("dry-run", s))),
            core("health-check", "true", Input.HEALTH_CHECK, (v, s) -> v.request.healthCheck(bool("health-check", s))),
            core("test-results", null, Input.TEST_RESULTS, (v, s) -> v.request.testResults(s)),
            core("coverage", null, Input.COVERAGE, (v, s) -> v.request.coverage(s)),
            core("load-test-results", null, Input.LOAD_TEST_RESULTS, (v, s) -> v.request.loadTestResults(s)),
            core("metrics", null, Input.METRICS, (v, s) -> v.request.metrics(s)),
            core("change-request", null, Input.CHANGE_REQUEST, (v, s) -> v.request.changeRequest(s)),
            core("force", "false", Input.FORCE, (v, s) -> v.request.force(bool("force", s))),
            // Keys separated by commas, spaces or new lines (a YAML block works too).
            core("issue-keys", null, Input.ISSUE_KEYS, (v, s) -> v.request.issueKeys(Arrays.asList(s.split("[,\\s]+")))),
            core("refresh", "false", Input.REFRESH, (v, s) -> v.request.refresh(bool("refresh", s))),
            core("approved-by", null, Input.APPROVED_BY, (v, s) -> v.request.approvedBy(s)),
            core("role", null, Input.ROLE, (v, s) -> v.request.role(s)),
            core("notes", null, Input.NOTES, (v, s) -> v.request.notes(s)),
            core("window", Operations.DEFAULT_WINDOW, Input.WINDOW, (v, s) -> v.request.window(s)),
            core("slot", null, Input.SLOT, (v, s) -> v.request.slot(s)),
            core("canary", null, Input.CANARY, (v, s) -> v.canary = s),
            core("reason", null, Input.REASON, (v, s) -> v.request.reason(s)),
            core("flag", null, Input.FLAG, (v, s) -> v.request.flag(s)),
            core("action", null, Input.FLAG_ACTION, (v, s) -> v.request.flagAction(flagAction(s))),
            core("format", "env", Input.FORMAT, (v, s) -> v.request.format(s)),
            core("create-flag", "false", Input.CREATE, (v, s) -> v.request.createFlag(bool("create-flag", s))),
            core("suite", null, Input.SUITE, (v, s) -> v.request.suite(s)),
            core("duration", null, Input.DURATION, (v, s) -> v.request.duration(Durations.parse(s, Input.DURATION))),
            core("interval", null, Input.INTERVAL, (v, s) -> v.request.interval(Durations.parse(s, Input.INTERVAL))),
            core("failures", null, Input.FAILURES, (v, s) -> v.request.failures(number("failures", s))),
            core("metrics-file", null, Input.METRICS_FILE, (v, s) -> v.request.metricsFile(s)),
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
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    /** Parses every input of the table from the runner's environment. */
    static Values parse(Map<String, String> env) {
        Values values = new Values();
        for (ActionInput input : ALL) {
            String value = input.read(env);
            if (value != null && !value.isBlank()) {
                input.apply.accept(values, value);
            }
        }
        if (values.canary != null) {
            String c = values.canary;
            switch (values.command) {
                case "deploy" -> values.request.canaryWeight(number("canary", c.replaceFirst("%$", "").strip()));
                case "rollback", "monitor" -> values.request.canary(bool("canary", c));
                default -> throw new InputException("canary", "is for commands deploy (the canary's share of "
                        + "traffic), rollback and monitor (true: the running canary), not " + values.command);
            }
        }
        return values;
    }

    /** The Action's name of a core input, or null when the Action has no such input. */
    static String nameOf(Input input) {
        return ALL.stream().filter(i -> i.input == input).map(ActionInput::name).findFirst().orElse(null);
    }

    private static ActionInput own(String name, String fallback, BiConsumer<Values, String> apply) {
        return new ActionInput(name, fallback, null, null, false, apply);
    }

    private static ActionInput core(String name, String fallback, Input input, BiConsumer<Values, String> apply) {
        return new ActionInput(name, fallback, input, null, false, apply);
    }

    private static ActionInput credential(String name, String variable, boolean secret) {
        return new ActionInput(name, null, null, variable, secret, (v, s) -> v.credentials.put(variable, s));
    }

    private static final Set<String> TRUE = Set.of("true", "True", "TRUE");
    private static final Set<String> FALSE = Set.of("false", "False", "FALSE");

    /** A boolean as the Actions toolkit's getBooleanInput accepts it (YAML 1.2 core schema). */
    static boolean bool(String name, String value) {
        if (TRUE.contains(value) || FALSE.contains(value)) {
            return TRUE.contains(value);
        }
        throw new InputException(name, "expected true or false, got \"" + value + "\"");
    }

    private static Integer number(String name, String value) {
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InputException(name, "expected a whole number, got \"" + value + "\"");
        }
    }

    private static String command(String value) {
        String command = value.strip().toLowerCase(Locale.ROOT);
        if (!COMMANDS.contains(command)) {
            throw new InputException("command", "unknown command \"" + value + "\"; expected one of "
                    + String.join(", ", COMMANDS));
        }
        return command;
    }

    private static Request.FlagAction flagAction(String value) {
        try {
            return Request.FlagAction.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputException("action", "expected enable, disable, list or export, got \"" + value + "\"");
        }
    }

    /** {@code deployed}: true (the deployment finished), false (it failed) or in-progress (started). */
    private static Request.Outcome outcome(String value) {
        if ("in-progress".equalsIgnoreCase(value) || "in_progress".equalsIgnoreCase(value)) {
            return Request.Outcome.IN_PROGRESS;
        }
        if (!TRUE.contains(value) && !FALSE.contains(value)) {
            throw new InputException("deployed", "expected true (the deployment finished), false (it failed) "
                    + "or in-progress, got \"" + value + "\"");
        }
        return TRUE.contains(value) ? Request.Outcome.DEPLOYED : Request.Outcome.FAILED;
    }
}
