// Signature of jenkinsci/jenkins (tag jenkins-2.541.3) core/src/main/java/hudson/model/Run.java
// (type parameters, one constructor and getCause; its supertypes are left out)
package hudson.model;

import java.io.IOException;

public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {
    protected Run(JobT job) throws IOException {
    }

    public <T extends Cause> T getCause(Class<T> type) {
        throw new UnsupportedOperationException("Jenkins API signature: needs a running Jenkins");
    }
}
