// Signature of jenkinsci/jenkins (tag jenkins-2.541.3) core/src/main/java/hudson/model/AbstractDescribableImpl.java
// (since 2.505 it adds nothing to Describable and is deprecated; workflow-step-api's Step still extends it)
package hudson.model;

@Deprecated(since = "2.505")
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {}
