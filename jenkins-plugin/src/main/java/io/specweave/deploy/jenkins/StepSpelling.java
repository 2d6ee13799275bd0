package io.specweave.deploy.jenkins;

import io.specweave.deploy.Command;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import java.util.List;
import java.util.Map;

/** How the Jenkins steps name core's inputs: {@code force: true}; what no step has, as the CLI names it. */
final class StepSpelling implements Message.Spelling {

    static final StepSpelling INSTANCE = new StepSpelling();

    /** The step parameters that give a core input. */
    private static final Map<Input, String> PARAMETERS = Map.ofEntries(Map.entry(Input.PROFILE, "profile"),
            Map.entry(Input.ENVIRONMENT, "environment"), Map.entry(Input.INCREMENT, "increment"),
            Map.entry(Input.DEPLOYED, "deployed"), Map.entry(Input.FAILED, "failed"), Map.entry(Input.COMMIT, "commit"),
            Map.entry(Input.BRANCH, "branch"), Map.entry(Input.TAG, "tag"), Map.entry(Input.DEPLOYED_BY, "deployedBy"),
            Map.entry(Input.RUN_URL, "runUrl"), Map.entry(Input.DEPLOYMENT_URL, "deploymentUrl"),
            Map.entry(Input.DRY_RUN, "dryRun"), Map.entry(Input.DIR, "workingDirectory"),
            Map.entry(Input.COMMIT_METADATA, "commitMetadata"), Map.entry(Input.HEALTH_CHECK, "healthCheck"),
            Map.entry(Input.TEST_RESULTS, "testResults"), Map.entry(Input.COVERAGE, "coverage"),
            Map.entry(Input.LOAD_TEST_RESULTS, "loadTestResults"), Map.entry(Input.FORCE, "force"),
            Map.entry(Input.ISSUE_KEYS, "issueKeys"));

    @Override
    public String input(Input input, String value) {
        String parameter = PARAMETERS.get(input);
        if (parameter == null) {
            return "--" + input.word() + (value == null ? "" : " " + value);
        }
        // Groovy: booleans and numbers bare, text quoted.
        return parameter + ": " + (value == null ? "true" : value.matches("true|false|-?\\d+") ? value
                : "'" + value + "'");
    }

    @Override
    public String name(Input input) {
        return PARAMETERS.getOrDefault(input, "--" + input.word());
    }

    /** The step takes the tracker's credential by id, as well as from the build's environment. */
    @Override
    public String credentialSource() {
        return "; or give the step credentialsId: " + CredentialLookup.TRACKER.expected;
    }

    @Override
    public boolean has(Input input) {
        return PARAMETERS.containsKey(input);
    }

    @Override
    public String command(Command command, List<Message.Arg> args) {
        StringBuilder s = new StringBuilder("`specweave-deploy ").append(command.word());
        args.forEach(a -> s.append(' ').append(a.input() == Input.INCREMENT ? a.value()
                : "--" + a.input().word() + (a.value() == null ? "" : " " + a.value())));
        return s.append('`').toString();
    }
}
