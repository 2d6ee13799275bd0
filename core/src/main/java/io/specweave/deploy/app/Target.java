package io.specweave.deploy.app;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.config.SlotSettings;
import io.specweave.deploy.config.SpecweaveConfig;
import io.specweave.deploy.config.SyncProfile;

/**
 * The environment (and, for blue-green, the slot) an operation works on, resolved the same way for
 * every operation: by profile name, or by environment, or the default profile. An environment
 * {@code prod-green} means environment {@code prod}, slot {@code green}, when no profile records
 * {@code prod-green} itself but one records {@code prod}.
 *
 * @param profile     the environment's profile
 * @param environment the environment, without a slot suffix
 * @param slot        the slot, or null
 */
public record Target(SyncProfile profile, String environment, String slot) {

    /** Resolves the request's profile, environment and slot; checks the provider word when one was given. */
    static Target resolve(SpecweaveConfig config, Request request) {
        String environment = request.environment;
        String slot = request.slot;
        if (environment != null && config.profilesForEnvironment(environment).isEmpty()) {
            int dash = environment.lastIndexOf('-');
            if (dash > 0 && dash < environment.length() - 1) {
                String base = environment.substring(0, dash);
                String suffix = environment.substring(dash + 1);
                if (!config.profilesForEnvironment(base).isEmpty()) {
                    if (slot != null && !slot.equals(suffix)) {
                        throw new BadInputException(Message.of(Input.ENVIRONMENT, " " + environment + " names slot \""
                                + suffix + "\" but ", Input.SLOT, " says \"" + slot + "\"; give one of them"));
                    }
                    environment = base;
                    slot = suffix;
                }
            }
        }
        SyncProfile profile = config.resolveProfile(request.profile, environment);
        String resolved = profile.requireEnvironment();
        if (slot != null) {
            SlotSettings.of(profile).requireSlot(slot, request.slot != null ? Input.SLOT : Input.ENVIRONMENT);
        }
        if (request.provider != null) {
            Provider asked = Provider.parse(request.provider).orElseThrow(() -> new BadInputException(Message.of(
                    Input.PROVIDER, ": unknown provider \"" + request.provider + "\"; expected one of "
                            + Provider.known())));
            if (asked != profile.provider()) {
                throw new BadInputException(Message.of("profile \"" + profile.name() + "\" uses provider \""
                        + profile.provider() + "\", not \"" + asked + "\" (" + profile.source() + ": "
                        + profile.settingPath("provider") + ")"));
            }
        }
        return new Target(profile, resolved, slot);
    }

    /** The target of an operation that works on the environment as a whole, never on one slot. */
    Target requireEnvironmentOnly(String operation, String why) {
        if (slot != null) {
            throw new BadInputException(Message.of(operation + " works on the environment (" + environment
                    + "), not on one slot: " + why + "; give ", Message.arg(Input.ENVIRONMENT, environment)));
        }
        return this;
    }

    /** {@code prod} or {@code prod (slot green)}. */
    public String describe() {
        return slot == null ? environment : environment + " (slot " + slot + ")";
    }
}
