package io.specweave.deploy.jenkins;

/** Steps as a script would write them. */
final class Steps {

    private Steps() {
    }

    /** {@code specweaveSync profile: <profile>}; null for none. */
    static SpecweaveSyncStep sync(String profile) {
        SpecweaveSyncStep step = new SpecweaveSyncStep();
        step.setProfile(profile);
        return step;
    }

    /**
     * {@code specweaveSync profile: <profile>, healthCheck: false}: for syncs of examples/demo, whose
     * deploymentUrls are fake hosts that a health check would wait for in vain.
     */
    static SpecweaveSyncStep demoSync(String profile) {
        SpecweaveSyncStep step = sync(profile);
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
