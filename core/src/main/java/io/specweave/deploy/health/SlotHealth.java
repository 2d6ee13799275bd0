package io.specweave.deploy.health;

/**
 * The outcome of checking one slot's (or environment's) health URL.
 *
 * @param status   {@code healthy}, {@code unhealthy} (it answered, but not with success) or
 *                 {@code unreachable} (no answer at all)
 * @param httpCode the last HTTP status code, null when there was no answer
 * @param url      the URL checked
 * @param attempts how many requests were sent
 * @param detail   what a person should read: the code, or why there was no answer
 */
public record SlotHealth(io.specweave.deploy.model.HealthStatus status, Integer httpCode, String url, int attempts, String detail) {

    public static final String HEALTHY = "healthy";
    public static final String UNHEALTHY = "unhealthy";
    public static final String UNREACHABLE = "unreachable";

    public boolean healthy() {
        return HEALTHY.equals(status);
    }
}
