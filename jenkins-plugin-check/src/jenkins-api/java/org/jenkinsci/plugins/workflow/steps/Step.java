// Signature of jenkinsci/workflow-step-api-plugin (716.v0773c3c68734) src/main/java/org/jenkinsci/plugins/workflow/steps/Step.java
package org.jenkinsci.plugins.workflow.steps;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

public abstract class Step extends AbstractDescribableImpl<Step> implements ExtensionPoint {
    public abstract StepExecution start(StepContext context) throws Exception;

    @Override
    public StepDescriptor getDescriptor() {
        throw new UnsupportedOperationException("Jenkins API signature: needs a running Jenkins");
    }
}
