// Signature of jenkinsci/jenkins (tag jenkins-2.541.3) core/src/main/java/hudson/security/Permission.java (the type only)
package hudson.security;

public final class Permission {
    private Permission() {
    }
}
