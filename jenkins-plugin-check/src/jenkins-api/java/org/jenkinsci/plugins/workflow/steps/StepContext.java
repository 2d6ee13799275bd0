// Signature of jenkinsci/workflow-step-api-plugin (716.v0773c3c68734) src/main/java/org/jenkinsci/plugins/workflow/steps/StepContext.java (get and the FutureCallback members)
package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import java.io.IOException;
import java.io.Serializable;

public abstract class StepContext implements FutureCallback<Object>, Serializable {
    private static final long serialVersionUID = 1L;

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    @Override
    public abstract void onSuccess(Object result);
}
