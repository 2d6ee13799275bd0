// Signature of jenkinsci/credentials-plugin (1504.vd96751bcc06d) src/main/java/com/cloudbees/plugins/credentials/common/StandardListBoxModel.java
package com.cloudbees.plugins.credentials.common;

public class StandardListBoxModel
        extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {

    @Override
    protected String describe(StandardCredentials c) {
        throw new UnsupportedOperationException("Jenkins API signature: needs a running Jenkins");
    }
}
