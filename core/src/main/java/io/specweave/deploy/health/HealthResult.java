package io.specweave.deploy.health;

import io.specweave.deploy.model.HealthStatus;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The outcome of a health check: the last attempt's answer.
 *
 * @param status     healthy, unhealthy or unreachable
 * @param httpStatus the HTTP status of the last answer, null when there was none
 * @param latencyMs  time of the last attempt in milliseconds, null when there was no answer
 * @param checkedAt  when the check finished, ISO-8601 UTC
 * @param url        the URL checked
 * @param attempts   attempts made
 * @param message    why it is not healthy (or "HTTP 200" when it is), written for a person
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthResult(HealthStatus status, Integer httpStatus, Long latencyMs, String checkedAt, String url,
        int attempts, String message) {

    public boolean healthy() {
        return HealthStatus.isHealthy(status);
    }
}
