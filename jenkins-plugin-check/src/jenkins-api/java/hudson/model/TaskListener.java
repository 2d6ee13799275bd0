// Signature of jenkinsci/jenkins (tag jenkins-2.541.3) core/src/main/java/hudson/model/TaskListener.java (its abstract member)
package hudson.model;

import java.io.PrintStream;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

public interface TaskListener extends SerializableOnlyOverRemoting {
    PrintStream getLogger();
}
