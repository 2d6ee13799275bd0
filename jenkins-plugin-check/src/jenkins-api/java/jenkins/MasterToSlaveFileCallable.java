// Signature of jenkinsci/jenkins (tag jenkins-2.541.3) core/src/main/java/jenkins/MasterToSlaveFileCallable.java
// (checkRoles is ControllerToAgentFileCallable's default method since 2.541's line)
package jenkins;

import jenkins.agents.ControllerToAgentFileCallable;

public abstract class MasterToSlaveFileCallable<T> implements ControllerToAgentFileCallable<T> {

    private static final long serialVersionUID = 1L;
}
