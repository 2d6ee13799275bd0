package io.specweave.deploy.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

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

    /** The statuses this tool writes and reads, in the order a deployment goes through them (as the docs list them). */
    public static final List<DeploymentStatus> LISTED = List.of(IN_PROGRESS, DEPLOYED, FAILED, ROLLED_BACK);

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
        for (DeploymentStatus known : LISTED) {
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

    /**
     * What every warning about a status outside {@link #LISTED} says of it, so {@code status}, {@code dora} and
     * the gates name the same list: {@code <what> is none of in_progress, deployed, failed, rolled_back}.
     *
     * @param what the field, as the warning names it ({@code status}, {@code deployments.dev.status "success"})
     */
    public static String unlisted(String what) {
        return what + " is none of " + LISTED.stream().map(DeploymentStatus::raw).collect(Collectors.joining(", "));
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
