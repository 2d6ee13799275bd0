// Signature of jenkinsci/jenkins (tag jenkins-2.479.3) core/src/main/java/hudson/ProxyConfiguration.java
// (one constructor and the getters the plugin reads; its supertypes and interfaces are left out)
package hudson;

import hudson.util.Secret;

public final class ProxyConfiguration {
    public final String name;
    public final int port;

    private final String userName;
    private final Secret secretPassword;
    private final String noProxyHost;

    public ProxyConfiguration(String name, int port, String userName, String password, String noProxyHost) {
        this.name = name;
        this.port = port;
        this.userName = userName;
        this.secretPassword = password == null ? null : Secret.fromString(password);
        this.noProxyHost = noProxyHost;
    }

    public String getUserName() {
        return userName;
    }

    public Secret getSecretPassword() {
        return secretPassword;
    }

    public int getPort() {
        return port;
    }

    public String getName() {
        return name;
    }

    public String getNoProxyHost() {
        return noProxyHost;
    }
}
