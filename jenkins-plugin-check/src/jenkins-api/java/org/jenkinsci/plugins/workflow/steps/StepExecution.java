// Signature of jenkinsci/workflow-step-api-plugin (716.v0773c3c68734) src/main/java/org/jenkinsci/plugins/workflow/steps/StepExecution.java
package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;

    private StepContext context;

    protected StepExecution(StepContext context) {
        this.context = context;
    }

    public StepContext getContext() {
        return context;
    }

    public abstract boolean start() throws Exception;
}
