// Signature of jenkinsci/credentials-plugin (1504.vd96751bcc06d) src/main/java/com/cloudbees/plugins/credentials/common/AbstractIdCredentialsListBoxModel.java
// (the members the step's descriptor uses; listing credentials needs a running Jenkins)
package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import java.util.List;
import org.springframework.security.core.Authentication;

public abstract class AbstractIdCredentialsListBoxModel<T extends AbstractIdCredentialsListBoxModel<T, C>,
        C extends IdCredentials>
        extends ListBoxModel {

    protected abstract String describe(C c);

    public AbstractIdCredentialsListBoxModel<T, C> includeEmptyValue() {
        if (stream().noneMatch(o -> "".equals(o.value))) {
            add(0, new Option("- none -", ""));
        }
        return this;
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeMatchingAs(Authentication authentication, Item context,
            Class<? extends C> type, List<DomainRequirement> domainRequirements, CredentialsMatcher matcher) {
        throw new UnsupportedOperationException("Jenkins API signature: needs a running Jenkins");
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeCurrentValue(String value) {
        if (value == null || value.isEmpty()) {
            return includeEmptyValue();
        }
        if (stream().noneMatch(o -> value.equals(o.value))) {
            add(new Option(value, value));
        }
        return this;
    }
}
