package io.specweave.deploy.jenkins;

import hudson.EnvVars;
import hudson.model.Cause;
import hudson.model.Run;
import java.util.HashMap;
import java.util.List;

/**
 * The run's variables as core's CI detection reads them ({@code GIT_COMMIT}, {@code BRANCH_NAME},
 * {@code TAG_NAME}, {@code BUILD_URL}, {@code BUILD_USER_EMAIL}, ...). When no plugin named the
 * user who started the build, the user of the run's "Started by user" cause is added as
 * {@code BUILD_USER_ID}, the variable the Build User Vars plugin would set.
 */
final class RunEnvironment {

    static final List<String> USER_VARIABLES = List.of("BUILD_USER_EMAIL", "BUILD_USER_ID", "BUILD_USER");

    private RunEnvironment() {
    }

    static HashMap<String, String> of(Run<?, ?> run, EnvVars env) {
        // EnvVars refuses null names and values, as core's copy of the variables does.
        HashMap<String, String> variables = new HashMap<>(env);
        if (USER_VARIABLES.stream().allMatch(name -> Text.blankToNull(variables.get(name)) == null)) {
            Cause.UserIdCause cause = run.getCause(Cause.UserIdCause.class);
            if (cause != null && Text.blankToNull(cause.getUserId()) != null) {
                variables.put("BUILD_USER_ID", cause.getUserId());
            }
        }
        return variables;
    }
}
