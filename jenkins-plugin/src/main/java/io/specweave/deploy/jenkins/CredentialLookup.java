package io.specweave.deploy.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.UsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The step parameters that name a credential, each with the kinds it takes: finds the credential on
 * the controller, reads its values and records its use on the run.
 */
enum CredentialLookup {

    /** The tracker's: a secret text (the token) or a username with password (Jira e-mail and its token). */
    TRACKER("credentialsId", "a \"Secret text\" (the token) or \"Username with password\" (Jira e-mail and API token) "
            + "credential", CredentialsMatchers.anyOf(CredentialsMatchers.instanceOf(StringCredentials.class),
                    CredentialsMatchers.instanceOf(UsernamePasswordCredentials.class))),

    /** What commitMetadata pushes with: git sends a user name and a token (or password) to an HTTPS remote. */
    GIT_PUSH("gitCredentialsId", "a \"Username with password\" credential (for GitHub: any user name and a token "
            + "with contents: write)", CredentialsMatchers.instanceOf(UsernamePasswordCredentials.class));

    private final String parameter;
    /** The kinds of credential it takes, in words. */
    final String expected;
    /** The kinds this parameter takes, as the Snippet Generator lists them. */
    final CredentialsMatcher usable;

    CredentialLookup(String parameter, String expected, CredentialsMatcher usable) {
        this.parameter = parameter;
        this.expected = expected;
        this.usable = usable;
    }

    /** The credential {@code id} as {@code run} may see it; null when no id was given. */
    StepCredential resolve(String id, Run<?, ?> run) throws AbortException {
        if (id == null) {
            return null;
        }
        StandardCredentials found = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run);
        if (found == null) {
            throw new AbortException(parameter + ": no credential \"" + id + "\" is visible to this build; expected the "
                    + "id of " + expected + " in a store this job can use");
        }
        StepCredential credential = from(found);
        CredentialsProvider.track(run, found);
        return credential;
    }

    /** A secret text is the token; a username with password is a user (Jira e-mail, git user) and its token. */
    StepCredential from(StandardCredentials credentials) throws AbortException {
        if (!usable.matches(credentials)) {
            throw new AbortException(parameter + ": credential \"" + credentials.getId() + "\" is a "
                    + credentials.getClass().getSimpleName() + "; expected " + expected);
        }
        if (credentials instanceof StringCredentials text) {
            return StepCredential.token(credentials.getId(), text.getSecret().getPlainText());
        }
        UsernamePasswordCredentials user = (UsernamePasswordCredentials) credentials;
        return StepCredential.usernamePassword(credentials.getId(), user.getUsername(), user.getPassword().getPlainText());
    }
}
