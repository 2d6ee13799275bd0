// Signature of spring-projects/spring-security (6.5.7, as Jenkins 2.541.3 bundles it)
// core/src/main/java/org/springframework/security/core/Authentication.java (the type only)
package org.springframework.security.core;

import java.io.Serializable;
import java.security.Principal;

public interface Authentication extends Principal, Serializable {
}
