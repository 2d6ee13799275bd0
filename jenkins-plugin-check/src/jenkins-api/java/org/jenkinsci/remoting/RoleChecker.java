// Signature of jenkinsci/remoting (main) src/main/java/org/jenkinsci/remoting/RoleChecker.java (the type only)
package org.jenkinsci.remoting;

public abstract class RoleChecker {
}
