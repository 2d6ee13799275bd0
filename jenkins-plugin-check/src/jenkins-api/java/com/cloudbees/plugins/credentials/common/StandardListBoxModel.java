// Signature of jenkinsci/credentials-plugin (master) src/main/java/com/cloudbees/plugins/credentials/common/StandardListBoxModel.java
package com.cloudbees.plugins.credentials.common;

public class StandardListBoxModel
        extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {

    @Override
    protected String describe(StandardCredentials c) {
        throw new UnsupportedOperationException("Jenkins API signature: needs a running Jenkins");
    }
}
