// Signature of jenkinsci/jenkins (tag jenkins-2.479.3) core/src/main/java/jenkins/MasterToSlaveFileCallable.java
package jenkins;

import hudson.FilePath.FileCallable;
import org.jenkinsci.remoting.RoleChecker;

public abstract class MasterToSlaveFileCallable<T> implements FileCallable<T> {
    @Override
    public void checkRoles(RoleChecker checker) throws SecurityException {
        throw new UnsupportedOperationException("Jenkins API signature: roles are checked by Jenkins remoting");
    }

    private static final long serialVersionUID = 1L;
}
