package io.specweave.deploy.jenkins;

/** Steps as a script would write them. */
final class Steps {

    private Steps() {
    }

    /**
     * {@code specweaveSync profile: <profile>, healthCheck: false}; null for no profile. The tests sync
     * examples/demo, whose deploymentUrls are made-up hosts a health check would wait for in vain; a
     * test of the health check sets it back on against a loopback server.
     */
    static SpecweaveSyncStep sync(String profile) {
        SpecweaveSyncStep step = new SpecweaveSyncStep();
        step.setProfile(profile);
        step.setHealthCheck(false);
        return step;
    }

    /** {@code specweaveStatus increment: <increment>}; null for the default. */
    static SpecweaveStatusStep status(String increment) {
        SpecweaveStatusStep step = new SpecweaveStatusStep();
        step.setIncrement(increment);
        return step;
    }
}
