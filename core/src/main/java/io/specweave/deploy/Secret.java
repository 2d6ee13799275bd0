package io.specweave.deploy;

import java.util.Objects;

/**
 * A credential read from the environment. {@link #toString()} never shows the value, so a secret
 * that slips into a log line or an exception message stays hidden; {@link #variable()} names where
 * it came from, which is what error messages should show instead.
 */
public final class Secret {

    private final String variable;
    private final String value;

    public Secret(String variable, String value) {
        this.variable = Objects.requireNonNull(variable, "variable");
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The environment variable (or credential id) the value came from. */
    public String variable() {
        return variable;
    }

    /** The value itself: only for putting it on the wire. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Secret[" + variable + "=****]";
    }
}
