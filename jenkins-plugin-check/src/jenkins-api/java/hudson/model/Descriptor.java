// Signature of jenkinsci/jenkins (tag jenkins-2.541.3) core/src/main/java/hudson/model/Descriptor.java
// (members the glue uses; its interfaces Loadable, Saveable and OnMaster are left out)
package hudson.model;

public abstract class Descriptor<T extends Describable<T>> {
    protected Descriptor() {
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("Jenkins API signature: needs a running Jenkins");
    }
}
