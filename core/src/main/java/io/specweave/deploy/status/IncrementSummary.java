package io.specweave.deploy.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.specweave.deploy.model.HealthStatus;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One row of {@code status} without an increment.
 *
 * @param id           folder name
 * @param title        from spec.md, may be null
 * @param status       SpecWeave's status, may be null
 * @param location     increments, _archive, _abandoned or _paused
 * @param environments environment → state, in pipeline order, as {@code status <increment>} gives it
 *                     ({@link EnvironmentStatus#stateOf(io.specweave.deploy.model.DeploymentRecord)})
 * @param healthStatus environment → its record's {@code healthStatus}, for those that have one; null when none has
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncrementSummary(String id, String title, String status, String location,
        Map<String, String> environments, Map<String, String> healthStatus) {

    /** The environments of {@code rows}, each once, in the order the rows name them: the list's columns. */
    public static List<String> environments(List<IncrementSummary> rows) {
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(r -> columns.addAll(r.environments().keySet()));
        return List.copyOf(columns);
    }

    /** The state the overview shows for {@code environment}: {@link EnvironmentStatus#shown}. */
    public String shownState(String environment) {
        return EnvironmentStatus.shown(environments.getOrDefault(environment, EnvironmentStatus.NOT_DEPLOYED),
                healthStatus == null ? null : HealthStatus.of(healthStatus.get(environment)));
    }
}
