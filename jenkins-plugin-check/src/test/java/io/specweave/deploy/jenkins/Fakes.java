package io.specweave.deploy.jenkins;

import com.cloudbees.plugins.credentials.CredentialsDescriptor;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.UsernamePasswordCredentials;
import hudson.model.Cause;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** Stand-ins for what Jenkins hands a step: its context, the run, the log, credentials. */
final class Fakes {

    private Fakes() {
    }

    /** A step context that serves fixed objects by type, as Pipeline's does. */
    static final class Context extends StepContext {
        private static final long serialVersionUID = 1L;
        private final transient Map<Class<?>, Object> values = new HashMap<>();

        Context with(Class<?> type, Object value) {
            values.put(type, value);
            return this;
        }

        @Override
        public <T> T get(Class<T> key) {
            return key.cast(values.get(key));
        }

        @Override
        public void onSuccess(Object result) {
            throw new AssertionError("the execution's run() returns its result; onSuccess is Jenkins' business");
        }

        @Override
        public void onFailure(Throwable t) {
            throw new AssertionError("the execution's run() throws its failure; onFailure is Jenkins' business", t);
        }
    }

    static final class FakeJob extends Job<FakeJob, FakeRun> {
    }

    /** A run whose "Started by user" cause names {@code userId}, or that was not started by a user. */
    static final class FakeRun extends Run<FakeJob, FakeRun> {
        private final String userId;

        FakeRun(String userId) throws IOException {
            super(null);
            this.userId = userId;
        }

        @Override
        public <T extends Cause> T getCause(Class<T> type) {
            return userId != null && type == Cause.UserIdCause.class ? type.cast(new Cause.UserIdCause(userId)) : null;
        }
    }

    /** A build log in memory. */
    static final class Log implements TaskListener {
        private static final long serialVersionUID = 1L;
        private final transient ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final transient PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        @Override
        public PrintStream getLogger() {
            return out;
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    record SecretText(String id, String value) implements StringCredentials {
        @Override
        public Secret getSecret() {
            return Secret.fromString(value);
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public String getDescription() {
            return "";
        }

        @Override
        public CredentialsScope getScope() {
            return CredentialsScope.GLOBAL;
        }

        @Override
        public CredentialsDescriptor getDescriptor() {
            throw new UnsupportedOperationException("not needed by the glue");
        }
    }

    record UsernamePassword(String id, String username, String password)
            implements StandardCredentials, UsernamePasswordCredentials {
        @Override
        public String getUsername() {
            return username;
        }

        @Override
        public Secret getPassword() {
            return Secret.fromString(password);
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public String getDescription() {
            return "";
        }

        @Override
        public CredentialsScope getScope() {
            return CredentialsScope.GLOBAL;
        }

        @Override
        public CredentialsDescriptor getDescriptor() {
            throw new UnsupportedOperationException("not needed by the glue");
        }
    }

    /** Any other kind, e.g. an SSH key. */
    record SshKey(String id) implements StandardCredentials {
        @Override
        public String getId() {
            return id;
        }

        @Override
        public String getDescription() {
            return "";
        }

        @Override
        public CredentialsScope getScope() {
            return CredentialsScope.GLOBAL;
        }

        @Override
        public CredentialsDescriptor getDescriptor() {
            throw new UnsupportedOperationException("not needed by the glue");
        }
    }
}
