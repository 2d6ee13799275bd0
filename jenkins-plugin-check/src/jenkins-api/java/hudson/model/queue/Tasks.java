// Signature of jenkinsci/jenkins (tag jenkins-2.541.3) core/src/main/java/hudson/model/queue/Tasks.java
// (getAuthenticationOf2 only, without its @NonNull annotations; Jenkins asks the configured
// QueueItemAuthenticators)
package hudson.model.queue;

import hudson.model.Queue;
import org.springframework.security.core.Authentication;

public class Tasks {

    public static Authentication getAuthenticationOf2(Queue.Task t) {
        throw new UnsupportedOperationException("Jenkins API signature: needs a running Jenkins");
    }
}
