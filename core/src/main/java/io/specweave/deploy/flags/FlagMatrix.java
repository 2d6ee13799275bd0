package io.specweave.deploy.flags;

import java.util.List;
import java.util.Map;

/**
 * Flags × environments.
 *
 * @param environments the environments, in pipeline order
 * @param flags        every flag of any of them, sorted by name regardless of case; names that differ only in
 *                     case are flags of their own
 * @param values       environment → flag → enabled; a flag missing in an environment is not set there
 */
public record FlagMatrix(List<String> environments, List<String> flags, Map<String, Map<String, Boolean>> values) {

    /** The flag's value in the environment, or null when it is not set there. */
    public Boolean value(String environment, String flag) {
        Map<String, Boolean> flags = values.get(environment);
        return flags == null ? null : flags.get(flag);
    }
}
