// Signature of jenkinsci/plain-credentials-plugin (199.v9f8e1f741799) src/main/java/org/jenkinsci/plugins/plaincredentials/StringCredentials.java
package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.util.Secret;

public interface StringCredentials extends StandardCredentials {
    Secret getSecret();
}
