// Signature of jenkinsci/workflow-step-api-plugin (716.v0773c3c68734) src/main/java/org/jenkinsci/plugins/workflow/steps/SynchronousNonBlockingStepExecution.java
// start() is Jenkins' thread pool in the real class; tests call run() directly instead.
package org.jenkinsci.plugins.workflow.steps;

public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    private static final long serialVersionUID = 1L;

    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        throw new UnsupportedOperationException("Jenkins API signature: runs on a Jenkins thread pool");
    }
}
