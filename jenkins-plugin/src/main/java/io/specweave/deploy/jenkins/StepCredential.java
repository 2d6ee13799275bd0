package io.specweave.deploy.jenkins;

import java.io.Serializable;
import java.util.Objects;

/**
 * The values of the Jenkins credential a step names, read on the controller and carried to the
 * agent, where the profile is known and core says which variables they go to. Plain strings only,
 * so it crosses the remoting channel as is; {@link #toString()} never shows a value.
 *
 * @param username the user name of a username-with-password credential; null for a secret text
 */
record StepCredential(String id, String username, String secret) implements Serializable {

    StepCredential {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
    }

    /** A "Secret text" credential: the token of the profile's provider. */
    static StepCredential token(String id, String token) {
        return new StepCredential(id, null, token);
    }

    /** A "Username with password" credential: Jira e-mail + API token, or any user + token. */
    static StepCredential usernamePassword(String id, String username, String password) {
        return new StepCredential(id, username == null ? "" : username, password);
    }

    @Override
    public String toString() {
        return "credential " + id + (username == null ? " (secret text)" : " (username with password)");
    }
}
