package io.specweave.deploy.metrics;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What the canary analysis tells the pipeline to do next. Only {@link #SAFE} lets {@code monitor} exit 0.
 * Written as its label everywhere (JSON, the record, the Action's output), so a script matches one spelling.
 */
public enum Recommendation {
    SAFE("SAFE TO INCREASE CANARY"),
    HOLD("HOLD"),
    ROLL_BACK("ROLL BACK");

    private final String label;

    Recommendation(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }
}
