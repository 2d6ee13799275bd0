package io.specweave.deploy.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One flag set in one environment, as printed and as recorded in
 * {@code deployments.<env>.flagChanges} of the increment named with {@code --increment}.
 *
 * @param flag        the flag
 * @param environment the environment (only in output; the record sits under it already)
 * @param enabled     the new value
 * @param previous    the value before, null when the flag was new
 * @param changed     false when the flag already had that value (then nothing is recorded)
 * @param increment   the increment the change was recorded in, or null
 * @param at          when
 * @param by          who, may be null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"flag", "environment", "enabled", "previous", "changed", "increment", "at", "by"})
public record FlagChange(String flag, String environment, boolean enabled, Boolean previous, boolean changed,
        String increment, String at, String by) {
}
