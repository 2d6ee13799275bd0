// Signature of jenkinsci/jenkins (tag jenkins-2.541.3) core/src/main/java/hudson/model/Cause.java (Cause and Cause.UserIdCause)
package hudson.model;

public abstract class Cause {
    public abstract String getShortDescription();

    public static class UserIdCause extends Cause {
        private String userId;

        public UserIdCause(String userId) {
            this.userId = userId;
        }

        public String getUserId() {
            return userId;
        }

        @Override
        public String getShortDescription() {
            throw new UnsupportedOperationException("Jenkins API signature: needs a running Jenkins");
        }
    }
}
