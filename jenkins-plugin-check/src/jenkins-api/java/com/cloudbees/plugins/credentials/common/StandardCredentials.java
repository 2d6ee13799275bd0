// Signature of jenkinsci/credentials-plugin (master) src/main/java/com/cloudbees/plugins/credentials/common/StandardCredentials.java
package com.cloudbees.plugins.credentials.common;

public interface StandardCredentials extends IdCredentials {
    String getDescription();
}
