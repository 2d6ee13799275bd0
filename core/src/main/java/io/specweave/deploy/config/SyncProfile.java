package io.specweave.deploy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;

/**
 * One entry of {@code sync.profiles}: which tracker an environment's items live in.
 *
 * @param name          the key under {@code sync.profiles}
 * @param provider      github, jira, ado or local
 * @param displayName   a human name, may be null
 * @param environment   the environment this profile tracks (dev, qa, ...); may be null for
 *                      SpecWeave's plain issue-sync profiles, which then cannot record deployments
 * @param deploymentUrl the environment's base URL, may be null
 * @param config        the provider settings ({@code owner}, {@code repo}, {@code domain}, ...)
 * @param raw           the whole profile object, for settings other modules own (healthCheck, ...);
 *                      for an environment bound in {@code deployment.environments}, the bound
 *                      profile's object overlaid with the binding's keys
 * @param source        the config file, for error messages
 * @param binding       the environment's entry under {@code deployment.environments}, or null for a
 *                      profile that names its environment itself ({@code sync.profiles.<name>.environment})
 */
public record SyncProfile(
        String name,
        Provider provider,
        String displayName,
        String environment,
        String deploymentUrl,
        ObjectNode config,
        ObjectNode raw,
        String source,
        ObjectNode binding) {

    /** A profile of {@code sync.profiles} that names its environment itself (or none). */
    public SyncProfile(String name, Provider provider, String displayName, String environment, String deploymentUrl,
            ObjectNode config, ObjectNode raw, String source) {
        this(name, provider, displayName, environment, deploymentUrl, config, raw, source, null);
    }

    /** True when the environment is bound under {@code deployment.environments}. */
    public boolean bound() {
        return binding != null;
    }

    /** Where the profile's environment is named: its key under deployment.environments, else its own setting. */
    public String environmentPath() {
        return binding != null ? ConfigLoader.ENVIRONMENTS_PATH + "." + environment
                : "sync.profiles." + name + ".environment";
    }

    /** Where a setting of this profile is written: the binding when it holds the key, else the profile. */
    public String settingPath(String key) {
        if (binding != null && (binding.has(key) || provider == Provider.LOCAL)) {
            return ConfigLoader.ENVIRONMENTS_PATH + "." + environment + "." + key;
        }
        return "sync.profiles." + name + "." + key;
    }

    /** {@code config.<key>} as text, or null when absent or blank. */
    public String configText(String key) {
        return Json.text(config, key);
    }

    /** {@code config.<key>}, or null. */
    public JsonNode configNode(String key) {
        return config.get(key);
    }

    /** A top-level setting of the profile (e.g. {@code healthCheck}), or null. */
    public JsonNode setting(String key) {
        return raw.get(key);
    }

    /** What a reader calls this environment: the display name, else the environment, else the name. */
    public String label() {
        if (displayName != null) {
            return displayName;
        }
        return environment != null ? environment : name;
    }

    /** The environment, or a bad-input error saying how to add one. */
    public String requireEnvironment() {
        if (environment == null) {
            throw new BadInputException(source + ": " + ConfigLoader.ENVIRONMENTS_PATH + ".<environment>.profile: "
                    + "expected an environment bound to profile \"" + name + "\", but none is; bind the one it "
                    + "deploys to, e.g. \"deployment\": {\"environments\": {\"qa\": {\"profile\": \"" + name + "\"}}}");
        }
        return environment;
    }

    /** A required {@code config.<key>} for a provider, or a bad-input error naming it. */
    public String requireConfig(String key, String expected) {
        String value = configText(key);
        if (value == null) {
            throw new BadInputException(source + ": sync.profiles." + name + ".config." + key
                    + ": expected " + expected + ", got " + ConfigLoader.describe(config.get(key)));
        }
        return value;
    }
}
