package io.specweave.deploy.model;

/** Values of a record's {@code healthStatus}. */
public final class HealthStatus {

    /** The service answered as expected. */
    public static final String HEALTHY = "healthy";
    /** The service answered, but not as expected (status code or body). */
    public static final String UNHEALTHY = "unhealthy";
    /** No answer: connection refused, DNS, timeout, TLS refused. */
    public static final String UNREACHABLE = "unreachable";

    private HealthStatus() {
    }

    public static boolean isHealthy(String status) {
        return HEALTHY.equals(status);
    }
}
