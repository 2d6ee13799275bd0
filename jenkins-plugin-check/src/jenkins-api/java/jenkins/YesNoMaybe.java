// Signature of jenkinsci/jenkins (tag jenkins-2.541.3) core/src/main/java/jenkins/YesNoMaybe.java (constants only)
package jenkins;

public enum YesNoMaybe {
    YES,
    NO,
    MAYBE
}
