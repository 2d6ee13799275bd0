package io.specweave.deploy.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.UsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** Finds the credential a step names, on the controller, and records its use on the run. */
final class CredentialLookup {

    /** The kinds a step can use: a secret text (the token) or a username with password. */
    static final CredentialsMatcher USABLE = CredentialsMatchers.anyOf(
            CredentialsMatchers.instanceOf(StringCredentials.class),
            CredentialsMatchers.instanceOf(UsernamePasswordCredentials.class));

    /** What commitMetadata pushes with: a user name and a token (or password) for an HTTPS remote. */
    static final CredentialsMatcher GIT_PUSH = CredentialsMatchers.instanceOf(UsernamePasswordCredentials.class);

    private CredentialLookup() {
    }

    /** The credential {@code gitCredentialsId} names, for the push of commitMetadata; null when none was given. */
    static StepCredential resolveGitPush(String id, Run<?, ?> run) throws AbortException {
        if (id == null) {
            return null;
        }
        StandardCredentials found = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run);
        if (found == null) {
            throw new AbortException("gitCredentialsId: no credential \"" + id + "\" is visible to this build; expected "
                    + "the id of a \"Username with password\" credential (for GitHub: any user name and a token with "
                    + "contents: write) in a store this job can use");
        }
        StepCredential credential = gitPush(found);
        CredentialsProvider.track(run, found);
        return credential;
    }

    static StepCredential gitPush(StandardCredentials credentials) throws AbortException {
        if (credentials instanceof UsernamePasswordCredentials user) {
            return StepCredential.usernamePassword(credentials.getId(), user.getUsername(),
                    user.getPassword().getPlainText());
        }
        throw new AbortException("gitCredentialsId: credential \"" + credentials.getId() + "\" is a "
                + credentials.getClass().getSimpleName() + "; expected a \"Username with password\" credential: git "
                + "sends a user name and a token (or password) to an HTTPS remote");
    }

    /** The credential {@code id} as this run may see it; null when no id was given. */
    static StepCredential resolve(String id, Run<?, ?> run) throws AbortException {
        if (id == null) {
            return null;
        }
        StandardCredentials found = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run);
        if (found == null) {
            throw new AbortException("credentialsId: no credential \"" + id + "\" is visible to this build; expected "
                    + "the id of a \"Secret text\" or \"Username with password\" credential in a store this job can use");
        }
        StepCredential credential = from(found);
        CredentialsProvider.track(run, found);
        return credential;
    }

    /** A secret text is the token; a username with password is a user (Jira e-mail) and its token. */
    static StepCredential from(StandardCredentials credentials) throws AbortException {
        if (credentials instanceof StringCredentials text) {
            return StepCredential.token(credentials.getId(), text.getSecret().getPlainText());
        }
        if (credentials instanceof UsernamePasswordCredentials user) {
            return StepCredential.usernamePassword(credentials.getId(), user.getUsername(),
                    user.getPassword().getPlainText());
        }
        throw new AbortException("credentialsId: credential \"" + credentials.getId() + "\" is a "
                + credentials.getClass().getSimpleName() + "; expected a \"Secret text\" (the token) or "
                + "\"Username with password\" (Jira e-mail and API token) credential");
    }
}
