package io.specweave.deploy.dora;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
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
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"environment", "window", "from", "to", "deployments", "failures", "deploymentFrequency",
        "leadTimeForChanges", "changeFailureRate", "failedDeploymentRecoveryTime", "warnings"})
public record DoraReport(String environment, String window, String from, String to, int deployments, int failures,
        DoraMetric deploymentFrequency, DoraMetric leadTimeForChanges, DoraMetric changeFailureRate,
        DoraMetric failedDeploymentRecoveryTime,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings) {

    public DoraReport {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** This report with one more warning. */
    public DoraReport withWarning(String warning) {
        List<String> all = new ArrayList<>(warnings);
        all.add(warning);
        return new DoraReport(environment, window, from, to, deployments, failures, deploymentFrequency,
                leadTimeForChanges, changeFailureRate, failedDeploymentRecoveryTime, all);
    }
}
