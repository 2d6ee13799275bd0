package io.specweave.deploy.app;

import io.specweave.deploy.Trees;
import io.specweave.deploy.flags.FeatureFlagStore;
import io.specweave.deploy.flags.FeatureFlags;
import io.specweave.deploy.flags.FlagMatrix;
import io.specweave.deploy.model.FlagChange;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.increment.MetadataDocument;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Feature flags per environment in {@code .specweave/config/feature-flags.json}: set them, list
 * them as a matrix in pipeline order, and export one environment's flags for the application
 * (environment variables, plain JSON, or an OpenFeature flagd flag definition).
 */
public final class FeatureFlagService {

    /** The export formats {@link #export} knows. */
    public static final List<String> FORMATS = List.of("env", "json", "flagd");

    static final String FLAGD_SCHEMA = "https://flagd.dev/schema/v0/flags.json";
    private static final Pattern FLAG_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,99}");
    private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private final Clock clock;

    public FeatureFlagService(Clock clock) {
        this.clock = clock;
    }

    private static FeatureFlagStore store(Project project) {
        return new FeatureFlagStore(project.config().specweaveDir());
    }

    /**
     * Turns {@code flag} on or off in {@code environment}. With {@code incrementRef}, the change
     * is also recorded in that increment's {@code deployments.<env>.flagChanges}, which needs a
     * recorded deployment of the increment to that environment.
     */
    public FlagChange set(Project project, String flag, boolean enabled, String environment, String incrementRef,
            CiContext ci) {
        if (flag == null || !FLAG_NAME.matcher(flag).matches()) {
            throw new BadInputException("flag \"" + flag + "\": expected a name starting with a letter, of letters, "
                    + "digits, '.', '_' or '-' (e.g. newCheckout)");
        }
        FeatureFlagStore store = store(project);
        String env = requireEnvironment(project, store, environment);
        Increment increment = null;
        if (incrementRef != null) {
            increment = project.increments().resolve(incrementRef);
            MetadataDocument document = project.metadata(increment).read();
            if (Deployments.get(document, env).isEmpty()) {
                throw new BadInputException(increment.id() + ": no deployment to " + env + " is recorded in "
                        + document.source() + ", so the flag change has no deployment to belong to; deploy it "
                        + "first or leave out --increment");
            }
        }
        String at = Trees.now(clock);
        String incrementId = increment == null ? null : increment.id();
        FlagChange change = store.update(root -> {
            JsonNode existing = root.get(env);
            if (existing != null && !existing.isNull() && !existing.isObject()) {
                throw new BadInputException(store.source() + ": " + env + ": expected an object of flags such as "
                        + "{\"newCheckout\": true}, got " + existing);
            }
            ObjectNode flags = Trees.object(root, env);
            Boolean previous = FeatureFlags.value(flags.get(flag));
            if (flags.has(flag) && previous == null) {
                throw new BadInputException(store.source() + ": " + env + "." + flag + ": expected true, false or "
                        + "an object with a boolean \"enabled\", got " + flags.get(flag));
            }
            boolean changed = previous == null || previous != enabled;
            FeatureFlags.set(flags, flag, enabled);
            return new FlagChange(flag, env, enabled, previous, changed, incrementId, at, ci.actor());
        });
        if (increment != null && change.changed()) {
            project.metadata(increment).update(document -> {
                ObjectNode node = document.deploymentForUpdate(env);
                JsonNode list = node.get("flagChanges");
                ArrayNode changes = list instanceof ArrayNode array ? array : node.putArray("flagChanges");
                ObjectNode entry = changes.addObject();
                entry.put("flag", flag);
                entry.put("enabled", enabled);
                if (change.previous() != null) {
                    entry.put("previous", change.previous());
                }
                entry.put("at", at);
                if (ci.actor() != null) {
                    entry.put("by", ci.actor());
                }
                return null;
            });
        }
        return change;
    }

    /** Every flag × every environment (those of the config and those of the file), in pipeline order. */
    public FlagMatrix matrix(Project project) {
        Map<String, Map<String, Boolean>> values = FeatureFlags.read(store(project).read());
        List<String> environments = project.config().pipeline(values.keySet());
        TreeSet<String> flags = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        values.values().forEach(m -> flags.addAll(m.keySet()));
        return new FlagMatrix(environments, List.copyOf(flags), values);
    }

    /** One environment's flags, in file order. */
    public Map<String, Boolean> flags(Project project, String environment) {
        FeatureFlagStore store = store(project);
        String env = requireEnvironment(project, store, environment);
        Map<String, Boolean> flags = FeatureFlags.read(store.read()).get(env);
        return flags == null ? Map.of() : flags;
    }

    /** One environment's flags as {@code env} (FEATURE_NAME=true lines), {@code json} or {@code flagd}. */
    public String export(Project project, String environment, String format) {
        String f = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(f)) {
            throw new BadInputException("--format " + format + ": expected one of " + String.join(", ", FORMATS));
        }
        Map<String, Boolean> flags = flags(project, environment);
        switch (f) {
            case "env" -> {
                StringBuilder out = new StringBuilder();
                Map<String, String> seen = new LinkedHashMap<>();
                for (Map.Entry<String, Boolean> e : flags.entrySet()) {
                    String name = envName(e.getKey());
                    String clash = seen.putIfAbsent(name, e.getKey());
                    if (clash != null) {
                        throw new BadInputException("flags \"" + clash + "\" and \"" + e.getKey() + "\" both export as "
                                + name + "; rename one of them");
                    }
                    out.append(name).append('=').append(e.getValue()).append('\n');
                }
                return out.toString();
            }
            case "json" -> {
                ObjectNode node = Json.mapper().createObjectNode();
                flags.forEach(node::put);
                return Json.pretty(node) + "\n";
            }
            default -> {
                ObjectNode root = Json.mapper().createObjectNode();
                root.put("$schema", FLAGD_SCHEMA);
                ObjectNode defs = root.putObject("flags");
                flags.forEach((name, on) -> {
                    ObjectNode def = defs.putObject(name);
                    def.put("state", "ENABLED");
                    ObjectNode variants = def.putObject("variants");
                    variants.put("on", true);
                    variants.put("off", false);
                    def.put("defaultVariant", on ? "on" : "off");
                });
                return Json.pretty(root) + "\n";
            }
        }
    }

    /** {@code newCheckout} → {@code FEATURE_NEW_CHECKOUT}. */
    static String envName(String flag) {
        String snake = flag.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9]+", "_");
        return "FEATURE_" + snake.toUpperCase(Locale.ROOT);
    }

    private static String requireEnvironment(Project project, FeatureFlagStore store, String environment) {
        if (environment == null || environment.isBlank()) {
            throw new BadInputException("no environment given: pass --environment, e.g. --environment qa");
        }
        String env = environment.trim();
        if (!ENVIRONMENT_NAME.matcher(env).matches()) {
            throw new BadInputException("--environment " + env + ": expected a name of letters, digits, '.', '_' or '-'");
        }
        List<String> known = new ArrayList<>(project.config().pipeline(FeatureFlags.read(store.read()).keySet()));
        if (!known.contains(env)) {
            throw new BadInputException("environment \"" + env + "\" is neither in " + project.config().source()
                    + " (profiles, deployment.pipeline) nor in " + store.source() + "; known: "
                    + (known.isEmpty() ? "none" : String.join(", ", known)));
        }
        return env;
    }
}
