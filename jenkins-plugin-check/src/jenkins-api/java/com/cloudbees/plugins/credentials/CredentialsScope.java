// Signature of jenkinsci/credentials-plugin (master) src/main/java/com/cloudbees/plugins/credentials/CredentialsScope.java (constants only)
package com.cloudbees.plugins.credentials;

import java.io.Serializable;

public enum CredentialsScope implements Serializable {
    SYSTEM,
    GLOBAL,
    USER
}
