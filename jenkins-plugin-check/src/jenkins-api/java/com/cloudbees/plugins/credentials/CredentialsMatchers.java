// Signature of jenkinsci/credentials-plugin (1504.vd96751bcc06d) src/main/java/com/cloudbees/plugins/credentials/CredentialsMatchers.java (instanceOf and anyOf)
package com.cloudbees.plugins.credentials;

public class CredentialsMatchers {
    @SuppressWarnings("rawtypes")
    public static CredentialsMatcher instanceOf(Class clazz) {
        return item -> clazz.isInstance(item);
    }

    public static CredentialsMatcher anyOf(CredentialsMatcher... matchers) {
        return item -> java.util.Arrays.stream(matchers).anyMatch(m -> m.matches(item));
    }
}
