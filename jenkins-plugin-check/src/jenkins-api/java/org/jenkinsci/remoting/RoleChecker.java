// Signature of jenkinsci/remoting (3352.v17a_fb_4b_2773f) src/main/java/org/jenkinsci/remoting/RoleChecker.java (the type only)
package org.jenkinsci.remoting;

public abstract class RoleChecker {
}
