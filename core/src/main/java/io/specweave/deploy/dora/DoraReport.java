package io.specweave.deploy.dora;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Trees;
import java.util.ArrayList;
import java.util.List;

/**
 * DORA's four keys over the production deployments of every increment in a window.
 *
 * @param environment          the production environment
 * @param window               the window as given ("90d")
 * @param from                 start of the measured period (the window, or the first recorded deployment if later)
 * @param to                   end of the period (now)
 * @param deployments          successful production deployments in the period
 * @param failures             failed or rolled-back production deployments in the period
 * @param deploymentFrequency  per week, banded by deployment days per week as Four Keys does
 * @param leadTimeForChanges   median commit to production deployment, in hours
 * @param changeFailureRate    failed or rolled back ÷ all finished production deployments, in percent
 * @param failedDeploymentRecoveryTime median failed deployment to next healthy one, in hours
 * @param warnings             what makes a figure less exact than it looks (a shallow git history)
 */
public record DoraReport(String environment, String window, String from, String to, int deployments, int failures,
        DoraMetric deploymentFrequency, DoraMetric leadTimeForChanges, DoraMetric changeFailureRate,
        DoraMetric failedDeploymentRecoveryTime,
        List<String> warnings) {

    public DoraReport {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /**
     * The report as JSON output shows it: its components in order, the unset ones and an empty
     * warnings list left out. Written by its components, not by Jackson's bean serializer, which
     * costs a cold run more than the rest of rendering it.
     */
    @JsonValue
    public ObjectNode toNode() {
        ObjectNode node = Trees.toNode(this);
        if (warnings.isEmpty()) {
            node.remove("warnings");
        }
        return node;
    }

    /** This report with one more warning. */
    public DoraReport withWarning(String warning) {
        List<String> all = new ArrayList<>(warnings);
        all.add(warning);
        return new DoraReport(environment, window, from, to, deployments, failures, deploymentFrequency,
                leadTimeForChanges, changeFailureRate, failedDeploymentRecoveryTime, all);
    }
}
