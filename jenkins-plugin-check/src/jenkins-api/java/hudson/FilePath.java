// Signature of jenkinsci/jenkins (tag jenkins-2.541.3) core/src/main/java/hudson/FilePath.java
// Only local paths: act() runs the callable in this JVM, as Jenkins does for a path on the controller.
package hudson;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

public final class FilePath implements SerializableOnlyOverRemoting {
    private static final long serialVersionUID = 1L;

    private String remote;

    public FilePath(File localPath) {
        this.remote = localPath.getPath();
    }

    public String getRemote() {
        return remote;
    }

    public FilePath child(String relOrAbsolute) {
        return new FilePath(new File(relOrAbsolute).isAbsolute() ? new File(relOrAbsolute) : new File(remote, relOrAbsolute));
    }

    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }

    public <T> T act(final FileCallable<T> callable) throws IOException, InterruptedException {
        return callable.invoke(new File(remote), null);
    }
}
