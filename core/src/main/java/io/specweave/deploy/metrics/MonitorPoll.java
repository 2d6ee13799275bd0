package io.specweave.deploy.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.specweave.deploy.health.HealthResult;

/**
 * One poll of an environment being monitored.
 *
 * @param number         1 for the first poll
 * @param of             polls planned
 * @param health         the health check's answer (one attempt)
 * @param metrics        the metrics read at this poll, or null when the profile has no metric queries
 * @param unhealthyInARow polls in a row, this one included, that were not healthy
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonitorPoll(int number, int of, HealthResult health, EnvironmentSample metrics, int unhealthyInARow) {
}
