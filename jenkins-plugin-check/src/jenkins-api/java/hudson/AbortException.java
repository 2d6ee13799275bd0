// Signature of jenkinsci/jenkins (tag jenkins-2.541.3) core/src/main/java/hudson/AbortException.java
package hudson;

import java.io.IOException;

public class AbortException extends IOException {
    public AbortException() {
    }

    public AbortException(String message) {
        super(message);
    }

    private static final long serialVersionUID = 1L;
}
