// Signature of jenkinsci/jenkins (tag jenkins-2.541.3) core/src/main/java/hudson/util/Secret.java
// (fromString/getPlainText; the value is kept in memory as is, Jenkins encrypts it)
package hudson.util;

import java.io.Serializable;

public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String value;

    Secret(String value) {
        this.value = value;
    }

    public String getPlainText() {
        return value;
    }

    public static Secret fromString(String data) {
        return new Secret(data == null ? "" : data);
    }
}
