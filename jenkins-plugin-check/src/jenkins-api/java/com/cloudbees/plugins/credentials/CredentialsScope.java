// Signature of jenkinsci/credentials-plugin (1504.vd96751bcc06d) src/main/java/com/cloudbees/plugins/credentials/CredentialsScope.java (constants only)
package com.cloudbees.plugins.credentials;

import java.io.Serializable;

public enum CredentialsScope implements Serializable {
    SYSTEM,
    GLOBAL,
    USER
}
