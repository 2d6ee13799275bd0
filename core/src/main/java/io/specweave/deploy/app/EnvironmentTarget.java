package io.specweave.deploy.app;

import io.specweave.deploy.config.SlotSettings;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.config.SpecweaveConfig;
import io.specweave.deploy.config.SyncProfile;

/**
 * The environment (and slot, for blue-green) a rollout command works on. {@code --environment
 * prod-green} means environment {@code prod}, slot {@code green} when no profile records
 * {@code prod-green} itself but one records {@code prod}.
 *
 * @param profile     the environment's profile
 * @param environment the environment, without a slot suffix
 * @param slot        the slot, or null
 */
public record EnvironmentTarget(SyncProfile profile, String environment, String slot) {

    /** Resolves {@code --environment} / {@code --profile} / {@code --slot} as typed. */
    public static EnvironmentTarget resolve(SpecweaveConfig config, String profileName, String environment,
            String slot) {
        String env = environment;
        String slotName = blankToNull(slot);
        if (env != null && !env.isBlank() && config.profilesForEnvironment(env).isEmpty()) {
            int dash = env.lastIndexOf('-');
            if (dash > 0 && dash < env.length() - 1) {
                String base = env.substring(0, dash);
                String suffix = env.substring(dash + 1);
                if (!config.profilesForEnvironment(base).isEmpty()) {
                    if (slotName != null && !slotName.equals(suffix)) {
                        throw new BadInputException("--environment " + env + " names slot \"" + suffix
                                + "\" but --slot says \"" + slotName + "\"; pass one of them");
                    }
                    env = base;
                    slotName = suffix;
                }
            }
        }
        SyncProfile profile = config.resolveProfile(profileName, env);
        String resolved = profile.requireEnvironment();
        if (slotName != null) {
            SlotSettings.of(profile).requireSlot(slotName);
        }
        return new EnvironmentTarget(profile, resolved, slotName);
    }

    /**
     * The target of {@code deploy}: a blue-green slot or a canary step, never both, and a canary
     * goes to the environment itself, not to one of its slots.
     */
    public static EnvironmentTarget forDeploy(SpecweaveConfig config, String profileName, String environment,
            String slot, Integer canary) {
        if (blankToNull(slot) != null && canary != null) {
            throw new BadInputException("--slot and --canary are two ways to roll out; pass one of them");
        }
        EnvironmentTarget target = resolve(config, profileName, environment, slot);
        if (target.slot() != null && canary != null) {
            throw new BadInputException("--environment " + environment + " names slot " + target.slot()
                    + "; a canary is not deployed to a slot: pass --environment " + target.environment());
        }
        return target;
    }

    /** The target of {@code rollback}: an environment; with slots it swaps back, so naming one slot is refused. */
    public static EnvironmentTarget forRollback(SpecweaveConfig config, String profileName, String environment) {
        EnvironmentTarget target = resolve(config, profileName, environment, null);
        if (target.slot() != null) {
            throw new BadInputException("rollback works on the environment (" + target.environment()
                    + "), not on one slot: it makes the previously live slot live again");
        }
        return target;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
