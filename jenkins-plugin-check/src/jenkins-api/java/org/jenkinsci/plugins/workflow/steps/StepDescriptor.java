// Signature of jenkinsci/workflow-step-api-plugin (716.v0773c3c68734) src/main/java/org/jenkinsci/plugins/workflow/steps/StepDescriptor.java (its abstract members)
package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Set;

public abstract class StepDescriptor extends Descriptor<Step> {
    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();
}
