// Signature of jenkinsci/jenkins (tag jenkins-2.541.3) core/src/main/java/hudson/model/Queue.java
// (only the nested Task interface, without its supertypes; Queue's own supertypes are left out)
package hudson.model;

public class Queue {

    public interface Task {
    }
}
