package io.specweave.deploy.config;

import io.specweave.deploy.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks credentials up in the process environment (or whatever map a front end passes: the
 * Jenkins step passes the values of its bound credentials). Credentials never live in config: a
 * profile may only name the variable to read, with {@code config.tokenEnv}.
 */
public final class Credentials {

    private final Map<String, String> env;

    public Credentials(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The process's own environment. */
    public static Credentials fromSystem() {
        return new Credentials(System.getenv());
    }

    /**
     * The variables to try for a profile's token: {@code config.<key>} when the profile names one,
     * else the provider's defaults in order.
     */
    public static List<String> candidates(SyncProfile profile, String key, List<String> defaults) {
        String named = profile.configText(key);
        return named != null ? List.of(named) : List.copyOf(defaults);
    }

    /** The first non-blank variable of {@code names}. */
    public Optional<Secret> find(List<String> names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(new Secret(name, value.trim()));
            }
        }
        return Optional.empty();
    }

    /** Every value that must be masked in output: the values of the given variables that are set. */
    public List<String> valuesOf(List<String> names) {
        List<String> values = new ArrayList<>();
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                values.add(value.trim());
            }
        }
        return values;
    }

    /** A plain (non-secret) variable, e.g. {@code GITHUB_API_URL}. */
    public Optional<String> variable(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
