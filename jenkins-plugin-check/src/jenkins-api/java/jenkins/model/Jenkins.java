// Signature of jenkinsci/jenkins (tag jenkins-2.479.3) core/src/main/java/jenkins/model/Jenkins.java
// (get() and the proxy field; its supertypes, interfaces and constructors are left out)
package jenkins.model;

import hudson.ProxyConfiguration;

public class Jenkins {
    public transient volatile ProxyConfiguration proxy;

    private Jenkins() {
    }

    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("Jenkins API signature: needs a running Jenkins");
    }
}
