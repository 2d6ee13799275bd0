// Signature of jenkinsci/jenkins (tag jenkins-2.541.3) core/src/main/java/jenkins/agents/ControllerToAgentFileCallable.java
package jenkins.agents;

import hudson.FilePath;
import org.jenkinsci.remoting.RoleChecker;

public interface ControllerToAgentFileCallable<T> extends FilePath.FileCallable<T> {
    @Override
    default void checkRoles(RoleChecker checker) throws SecurityException {
        throw new UnsupportedOperationException("Jenkins API signature: roles are checked by Jenkins remoting");
    }
}
