package io.specweave.deploy.action;

import io.specweave.deploy.Command;
import io.specweave.deploy.Input;
import io.specweave.deploy.app.Operations;
import io.specweave.deploy.app.Request;
import io.specweave.deploy.app.TextInputs;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One input of action.yml and where its value goes. {@link #ALL} is the whole table: adding an
 * input is one line here plus its declaration in action.yml (a test checks that the two agree).
 * Core reads the values of its inputs ({@link TextInputs}); the Action keeps only its own.
 *
 * @param name       the input's name in action.yml
 * @param fallback   the value when the runner passes none (action.yml's default), may be null
 * @param input      the core input it gives; null for a credential
 * @param credential the variable core reads the value from ({@code GITHUB_TOKEN}, ...), or null
 * @param secret     true when the value must be masked in the log
 */
record ActionInput(String name, String fallback, Input input, String credential, boolean secret) {

    /** What the inputs say, parsed. */
    static final class Values {
        Command command = Command.SYNC;
        Request.Builder request;
        final Map<String, String> credentials = new HashMap<>();
    }

    static final List<ActionInput> ALL = List.of(
            core("command", "sync", Input.COMMAND),
            core("increment", "active", Input.INCREMENT),
            core("profile", null, Input.PROFILE),
            core("environment", null, Input.ENVIRONMENT),
            core("deployed", "true", Input.DEPLOYED),
            core("commit", null, Input.COMMIT),
            core("branch", null, Input.BRANCH),
            core("tag", null, Input.TAG),
            core("deployed-by", null, Input.DEPLOYED_BY),
            core("run-url", null, Input.RUN_URL),
            core("deployment-url", null, Input.DEPLOYMENT_URL),
            core("working-directory", ".", Input.DIR),
            core("commit-metadata", "false", Input.COMMIT_METADATA),
            core("dry-run", "false", Input.DRY_RUN),
            core("health-check", "true", Input.HEALTH_CHECK),
            core("test-results", null, Input.TEST_RESULTS),
            core("coverage", null, Input.COVERAGE),
            core("load-test-results", null, Input.LOAD_TEST_RESULTS),
            core("metrics", null, Input.METRICS),
            core("change-request", null, Input.CHANGE_REQUEST),
            core("force", "false", Input.FORCE),
            core("issue-keys", null, Input.ISSUE_KEYS),
            core("refresh", "false", Input.REFRESH),
            core("approved-by", null, Input.APPROVED_BY),
            core("role", null, Input.ROLE),
            core("notes", null, Input.NOTES),
            core("window", Operations.DEFAULT_WINDOW, Input.WINDOW),
            core("slot", null, Input.SLOT),
            core("canary", null, Input.CANARY),
            core("all-environments", "false", Input.ALL_ENVIRONMENTS),
            core("reason", null, Input.REASON),
            core("flag", null, Input.FLAG),
            core("action", null, Input.FLAG_ACTION),
            core("format", "env", Input.FORMAT),
            core("create-flag", "false", Input.CREATE),
            core("suite", null, Input.SUITE),
            core("duration", null, Input.DURATION),
            core("interval", null, Input.INTERVAL),
            core("failures", null, Input.FAILURES),
            core("metrics-file", null, Input.METRICS_FILE),
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

    /**
     * Parses every input of the table from the runner's environment; the command (and feature-flag's
     * action) decide which of the others the step may set.
     */
    static Values parse(Map<String, String> env) {
        Values values = new Values();
        Map<Input, String> texts = new EnumMap<>(Input.class);
        for (ActionInput input : ALL) {
            String value = input.read(env);
            if (value == null || value.isBlank()) {
                continue;
            }
            if (input.credential != null) {
                values.credentials.put(input.credential, value);
            } else if (input.input == Input.COMMAND) {
                values.command = Command.of(value);
            } else {
                texts.put(input.input, value);
            }
        }
        // The runner passes every input's default: a default the command does not read was not asked for.
        ALL.stream().filter(i -> i.input != null && i.fallback != null && i.fallback.equals(texts.get(i.input))
                && !TextInputs.reads(values.command, texts, i.input)).toList().forEach(i -> texts.remove(i.input));
        // working-directory is relative to the runner's workspace.
        String workspace = env.get("GITHUB_WORKSPACE");
        values.request = TextInputs.apply(Request.builder(Path.of(workspace == null || workspace.isBlank() ? "."
                : workspace)), values.command, texts);
        return values;
    }

    /** The Action's name of a core input, or null when the Action has no such input. */
    static String nameOf(Input input) {
        return ALL.stream().filter(i -> i.input == input).map(ActionInput::name).findFirst().orElse(null);
    }

    /** The input that gives the credential of {@code variable} ({@code github-token} for GITHUB_TOKEN), or null. */
    static String nameOfCredential(String variable) {
        return variable == null ? null : ALL.stream().filter(i -> variable.equals(i.credential)).map(ActionInput::name)
                .findFirst().orElse(null);
    }

    private static ActionInput core(String name, String fallback, Input input) {
        return new ActionInput(name, fallback, input, null, false);
    }

    private static ActionInput credential(String name, String variable, boolean secret) {
        return new ActionInput(name, null, null, variable, secret);
    }
}
