// Signature of jenkinsci/remoting (main) src/main/java/hudson/remoting/VirtualChannel.java (the type only; the glue calls none of its methods)
package hudson.remoting;

public interface VirtualChannel {
}
