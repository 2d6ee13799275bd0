// Signature of jenkinsci/jenkins (tag jenkins-2.541.3) core/src/main/java/hudson/security/ACL.java
// (SYSTEM2 only; Jenkins gives it the SYSTEM user's authentication)
package hudson.security;

import org.springframework.security.core.Authentication;

public abstract class ACL {
    public static final Authentication SYSTEM2 = null;
}
