package io.specweave.deploy.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A record's {@code status}: one this tool knows, or the text another tool wrote, kept as found.
 * Known values are read leniently ({@code Deployed}, {@code in-progress}) and compare by meaning;
 * an unknown one compares by its text and is written back unchanged.
 */
public final class DeploymentStatus {

    /** What the status means to this tool. */
    public enum Kind {
        DEPLOYED, IN_PROGRESS, FAILED, ROLLED_BACK,
        /** A status this tool does not know; {@link #raw()} holds it. */
        OTHER
    }

    public static final DeploymentStatus DEPLOYED = new DeploymentStatus(Kind.DEPLOYED, "deployed");
    public static final DeploymentStatus IN_PROGRESS = new DeploymentStatus(Kind.IN_PROGRESS, "in_progress");
    public static final DeploymentStatus FAILED = new DeploymentStatus(Kind.FAILED, "failed");
    public static final DeploymentStatus ROLLED_BACK = new DeploymentStatus(Kind.ROLLED_BACK, "rolled_back");

    private final Kind kind;
    private final String raw;

    private DeploymentStatus(Kind kind, String raw) {
        this.kind = kind;
        this.raw = raw;
    }

    /** Reads a status as found in a file; null for none. */
    @JsonCreator
    public static DeploymentStatus of(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String key = raw.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (DeploymentStatus known : new DeploymentStatus[] {DEPLOYED, IN_PROGRESS, FAILED, ROLLED_BACK}) {
            if (known.raw.equals(key)) {
                return known.raw.equals(raw) ? known : new DeploymentStatus(known.kind, raw);
            }
        }
        return new DeploymentStatus(Kind.OTHER, raw);
    }

    public Kind kind() {
        return kind;
    }

    public boolean is(Kind kind) {
        return this.kind == kind;
    }

    /** The text as found, or this tool's own spelling for a status it wrote. */
    @JsonValue
    public String raw() {
        return raw;
    }

    /** True for a status this tool wrote or can read as one of its own. */
    public boolean known() {
        return kind != Kind.OTHER;
    }

    /** Words for people: {@code rolled back}, {@code in progress}. */
    public String words() {
        return known() ? raw.toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ') : raw;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeploymentStatus other && kind == other.kind && (known() || raw.equals(other.raw));
    }

    @Override
    public int hashCode() {
        return known() ? kind.hashCode() : raw.hashCode();
    }

    @Override
    public String toString() {
        return raw;
    }
}
