// Signature of jenkinsci/credentials-plugin (1504.vd96751bcc06d) src/main/java/com/cloudbees/plugins/credentials/common/StandardCredentials.java
package com.cloudbees.plugins.credentials.common;

public interface StandardCredentials extends IdCredentials {
    String getDescription();
}
