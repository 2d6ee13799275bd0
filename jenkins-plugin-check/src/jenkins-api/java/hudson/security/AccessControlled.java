// Signature of jenkinsci/jenkins (tag jenkins-2.541.3) core/src/main/java/hudson/security/AccessControlled.java
package hudson.security;

public interface AccessControlled {
    ACL getACL();

    default boolean hasPermission(Permission permission) {
        throw new UnsupportedOperationException("Jenkins API signature: needs a running Jenkins");
    }
}
