// Signature of jenkinsci/remoting (3352.v17a_fb_4b_2773f) src/main/java/hudson/remoting/VirtualChannel.java (the type only; the glue calls none of its methods)
package hudson.remoting;

public interface VirtualChannel {
}
