package io.specweave.deploy.model;

/** Values of a record's {@code status}. Files may hold others; they are shown as found. */
public final class DeploymentStatus {

    public static final String DEPLOYED = "deployed";
    public static final String IN_PROGRESS = "in_progress";
    public static final String FAILED = "failed";
    public static final String ROLLED_BACK = "rolled_back";

    private DeploymentStatus() {
    }
}
