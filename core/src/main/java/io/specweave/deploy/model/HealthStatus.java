package io.specweave.deploy.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A record's {@code healthStatus}: healthy, unhealthy (the service answered wrongly), unreachable
 * (no answer), or another tool's word, kept as found.
 */
public final class HealthStatus {

    /** What the health means to this tool. */
    public enum Kind {
        /** The service answered as expected. */
        HEALTHY,
        /** The service answered, but not as expected (status code or body). */
        UNHEALTHY,
        /** No answer: connection refused, DNS, timeout, TLS refused. */
        UNREACHABLE,
        /** A value this tool does not know; {@link #raw()} holds it. */
        OTHER
    }

    public static final HealthStatus HEALTHY = new HealthStatus(Kind.HEALTHY, "healthy");
    public static final HealthStatus UNHEALTHY = new HealthStatus(Kind.UNHEALTHY, "unhealthy");
    public static final HealthStatus UNREACHABLE = new HealthStatus(Kind.UNREACHABLE, "unreachable");

    private final Kind kind;
    private final String raw;

    private HealthStatus(Kind kind, String raw) {
        this.kind = kind;
        this.raw = raw;
    }

    @JsonCreator
    public static HealthStatus of(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String key = raw.trim().toLowerCase(Locale.ROOT);
        for (HealthStatus known : new HealthStatus[] {HEALTHY, UNHEALTHY, UNREACHABLE}) {
            if (known.raw.equals(key)) {
                return known.raw.equals(raw) ? known : new HealthStatus(known.kind, raw);
            }
        }
        return new HealthStatus(Kind.OTHER, raw);
    }

    /** True only for a status that says the service answered as expected; null (not checked) is not healthy. */
    public static boolean isHealthy(HealthStatus status) {
        return status != null && status.kind == Kind.HEALTHY;
    }

    /** True for a check that found the service unhealthy or unreachable; null (not checked) is not failing. */
    public static boolean isFailing(HealthStatus status) {
        return status != null && (status.kind == Kind.UNHEALTHY || status.kind == Kind.UNREACHABLE);
    }

    public Kind kind() {
        return kind;
    }

    public boolean healthy() {
        return kind == Kind.HEALTHY;
    }

    @JsonValue
    public String raw() {
        return raw;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HealthStatus other && kind == other.kind && (kind != Kind.OTHER || raw.equals(other.raw));
    }

    @Override
    public int hashCode() {
        return kind != Kind.OTHER ? kind.hashCode() : raw.hashCode();
    }

    @Override
    public String toString() {
        return raw;
    }
}
