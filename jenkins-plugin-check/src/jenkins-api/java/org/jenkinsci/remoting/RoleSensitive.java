// Signature of jenkinsci/remoting (3352.v17a_fb_4b_2773f) src/main/java/org/jenkinsci/remoting/RoleSensitive.java
package org.jenkinsci.remoting;

public interface RoleSensitive {
    void checkRoles(RoleChecker checker) throws SecurityException;
}
