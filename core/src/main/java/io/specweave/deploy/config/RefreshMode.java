package io.specweave.deploy.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import java.util.Locale;

/**
 * {@code deployment.refresh} of the config: whether a promotion gate that looks at an earlier
 * environment first reads that environment's record from its tracking item ({@link RefreshService}),
 * so a fresh CI checkout without the earlier jobs' {@code metadata.json} can still pass the gate.
 */
public enum RefreshMode {
    /** Refresh the earlier environment before a gate decides (the default). */
    AUTO,
    /** Decide on the local {@code metadata.json} only: no tracker is asked. */
    NEVER;

    public static final String PATH = "deployment.refresh";

    public static RefreshMode of(SpecweaveConfig config) {
        JsonNode node = config.at("/deployment/refresh");
        if (node.isMissingNode() || node.isNull()) {
            return AUTO;
        }
        if (node.isTextual()) {
            switch (node.asText().trim().toLowerCase(Locale.ROOT)) {
                case "auto":
                    return AUTO;
                case "never":
                    return NEVER;
                default:
                    break;
            }
        }
        throw new BadInputException(config.source() + ": " + PATH + ": expected \"auto\" (every change first reads the "
                + "environment's record, and the previous one's for a gate, from its tracking item) or \"never\" "
                + "(decide on metadata.json alone), got "
                + ConfigLoader.describe(node));
    }
}
