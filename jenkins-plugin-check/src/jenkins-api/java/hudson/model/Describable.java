// Signature of jenkinsci/jenkins (tag jenkins-2.479.3) core/src/main/java/hudson/model/Describable.java
package hudson.model;

public interface Describable<T extends Describable<T>> {
    Descriptor<T> getDescriptor();
}
