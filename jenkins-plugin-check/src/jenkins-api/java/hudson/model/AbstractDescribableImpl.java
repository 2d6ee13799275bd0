// Signature of jenkinsci/jenkins (tag jenkins-2.479.3) core/src/main/java/hudson/model/AbstractDescribableImpl.java
package hudson.model;

public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {
    @Override
    public Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("Jenkins API signature: needs a running Jenkins");
    }
}
