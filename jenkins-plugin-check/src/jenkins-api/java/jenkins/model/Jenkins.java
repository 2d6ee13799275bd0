// Signature of jenkinsci/jenkins (tag jenkins-2.479.3) core/src/main/java/jenkins/model/Jenkins.java
// (get() and the proxy field; its supertypes, interfaces and constructors are left out; get()
// answers one instance, as a running controller does, so the step runs locally in tests)
package jenkins.model;

import hudson.ProxyConfiguration;

public class Jenkins {
    private static final Jenkins INSTANCE = new Jenkins();

    public transient volatile ProxyConfiguration proxy;

    private Jenkins() {
    }

    public static Jenkins get() throws IllegalStateException {
        return INSTANCE;
    }
}
