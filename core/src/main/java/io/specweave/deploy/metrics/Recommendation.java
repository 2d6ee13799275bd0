package io.specweave.deploy.metrics;

/** What the canary analysis tells the pipeline to do next. Only {@link #SAFE} lets {@code monitor} exit 0. */
public enum Recommendation {
    SAFE("SAFE TO INCREASE CANARY"),
    HOLD("HOLD"),
    ROLL_BACK("ROLL BACK");

    private final String label;

    Recommendation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
