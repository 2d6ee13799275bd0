// Signature of jenkinsci/jenkins (tag jenkins-2.541.3) core/src/main/java/hudson/model/Describable.java
package hudson.model;

public interface Describable<T extends Describable<T>> {
    default Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("Jenkins API signature: needs a running Jenkins");
    }
}
