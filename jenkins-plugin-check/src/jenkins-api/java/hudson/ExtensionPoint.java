// Signature of jenkinsci/jenkins (tag jenkins-2.541.3) core/src/main/java/hudson/ExtensionPoint.java (marker interface; its nested annotation is left out)
package hudson;

public interface ExtensionPoint {
}
