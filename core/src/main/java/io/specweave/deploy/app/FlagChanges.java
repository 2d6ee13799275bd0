package io.specweave.deploy.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Input;
import io.specweave.deploy.Json;
import io.specweave.deploy.Message;
import io.specweave.deploy.config.ConfigLoader;
import io.specweave.deploy.flags.FeatureFlagStore;
import io.specweave.deploy.flags.FeatureFlags;
import io.specweave.deploy.flags.FlagMatrix;
import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.model.FlagChange;
import io.specweave.deploy.status.EnvironmentStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Feature flags per environment in {@code .specweave/config/feature-flags.json}: set them, list
 * them as a matrix in pipeline order, and export one environment's flags for the application
 * (environment variables, plain JSON, or an OpenFeature flagd flag definition). A change named
 * with an increment is also recorded in that increment's {@code deployments.<env>.flagChanges} and
 * told on its tracking item, as any other change of an environment is.
 */
final class FlagChanges {

    /** The export formats. */
    static final List<String> FORMATS = List.of("env", "json", "flagd");

    static final String FLAGD_SCHEMA = "https://flagd.dev/schema/v0/flags.json";
    // Letters of any script (neuÜberweisung, café), as flags files written by hand hold them.
    private static final Pattern FLAG_NAME = Pattern.compile("\\p{L}[\\p{L}\\p{M}\\p{Nd}._-]{0,99}");

    private FlagChanges() {
    }

    static FeatureFlagStore store(Project project) {
        return new FeatureFlagStore(project.config().specweaveDir());
    }

    /** The change {@code enable}/{@code disable} makes, checked against the file as it is; nothing written. */
    static FlagChange plan(Project project, Request request, boolean enabled, String at, String by,
            String incrementId) {
        String flag = request.flag;
        if (flag == null) {
            throw new BadInputException(Input.FLAG, Message.of("no flag given: ", Input.FLAG, " names the flag to turn "
                    + (enabled ? "on" : "off") + " (e.g. newCheckout)"));
        }
        if (!FLAG_NAME.matcher(flag).matches()) {
            throw new BadInputException(Message.of(Message.arg(Input.FLAG, flag), ": expected a name starting with a "
                    + "letter, of letters, digits, '.', '_' or '-' (e.g. newCheckout)"));
        }
        FeatureFlagStore store = store(project);
        FeatureFlags flags = flags(project, store);
        String env = requireEnvironment(project, store, flags, request.environment);
        // Judged as list and export judge it: a value there that is no flag is refused, never written over.
        Boolean previous = flags.value(env, flag);
        if (previous == null && !flags.names().contains(flag) && !request.createFlag) {
            // A typo would otherwise become a new flag that the application never reads.
            Set<String> known = flags.names();
            throw new BadInputException(Input.FLAG, Message.of(Message.arg(Input.FLAG, flag), ": no environment of "
                    + store.source() + " has this flag" + (known.isEmpty() ? "" : " (flags: " + String.join(", ",
                            known) + ")") + "; to add it, pass ", Input.CREATE));
        }
        return new FlagChange(flag, env, enabled, previous, previous == null || previous != enabled, incrementId, at,
                by);
    }

    /** The file's flags, judged once for every command, with the environments the config names. */
    static FeatureFlags flags(Project project, FeatureFlagStore store) {
        return store.flags(project.config().pipeline());
    }

    /** Writes {@code change} into {@code feature-flags.json}; idempotent. */
    static void write(Project project, FlagChange change) {
        store(project).set(change.environment(), change.flag(), change.enabled());
    }

    /** The change as a change of the increment's environment: recorded in its history, told on its item. */
    static Change<FlagChange> recorded(Project project, FlagChange change) {
        return new Change<>() {
            @Override
            public String name() {
                return "feature flag change";
            }

            @Override
            public Effect<FlagChange> act(ChangeContext context, MetadataDocument view) {
                String env = change.environment();
                // A record holding only an approval (from approve) is not a deployment yet.
                if (EnvironmentStatus.NOT_DEPLOYED.equals(EnvironmentStatus.stateOf(Deployments.get(view, env)
                        .orElse(null)))) {
                    throw new BadInputException(Message.of(context.increment().id() + ": no deployment to " + env
                            + " is recorded in " + view.source() + ", so the flag change has no deployment to belong "
                            + "to; deploy it first or leave out ", Input.INCREMENT));
                }
                Effect<FlagChange> effect = Change.Effect.<FlagChange>writing((document, decision) -> {
                    if (!change.changed()) {
                        return;
                    }
                    ObjectNode node = document.deploymentForUpdate(env, "flagChanges");
                    JsonNode list = node.get("flagChanges");
                    ArrayNode changes = list instanceof ArrayNode array ? array : node.putArray("flagChanges");
                    ObjectNode entry = Json.mapper().createObjectNode();
                    entry.put("flag", change.flag());
                    entry.put("enabled", change.enabled());
                    if (change.previous() != null) {
                        entry.put("previous", change.previous());
                    }
                    entry.put("at", change.at());
                    if (change.by() != null) {
                        entry.put("by", change.by());
                    }
                    for (JsonNode existing : changes) {
                        if (existing.equals(entry)) {
                            return;
                        }
                    }
                    changes.add(entry);
                }).alsoWrites(store(project).file(), () -> write(project, change)).detail(d -> change);
                if (change.changed()) {
                    effect.note(d -> "Feature flag " + change.flag() + " turned " + (change.enabled() ? "on" : "off")
                            + " in " + env + (change.previous() == null ? " (new flag)" : " (was "
                                    + (change.previous() ? "on" : "off") + ")") + ".");
                }
                return effect;
            }
        };
    }

    /**
     * Every flag × every environment (those of the config and those of the file), in pipeline order;
     * with {@code environment} (checked as a known one), that one's flags only, the others' entries not read.
     */
    static FlagMatrix matrix(Project project, String environment) {
        FeatureFlagStore store = store(project);
        FeatureFlags file = flags(project, store);
        String env = environment == null ? null : requireEnvironment(project, store, file, environment);
        List<String> environments = project.config().pipeline(file.environments());
        Map<String, Map<String, Boolean>> values = env == null ? file.all() : file.all(List.of(env));
        // Sorted as people read names; names that differ only in case are two flags, as the file's keys are.
        TreeSet<String> flags = new TreeSet<>(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()));
        values.values().forEach(m -> flags.addAll(m.keySet()));
        return new FlagMatrix(env == null ? environments : List.of(env), List.copyOf(flags), values);
    }

    /** One environment's flags as {@code env} (FEATURE_NAME=true lines), {@code json} or {@code flagd}. */
    static String export(Project project, String environment, String format) {
        String f = format == null ? "env" : format.trim().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(f)) {
            throw new BadInputException(Message.of(Message.arg(Input.FORMAT, format), ": expected one of "
                    + String.join(", ", FORMATS)));
        }
        FeatureFlagStore store = store(project);
        FeatureFlags file = flags(project, store);
        String env = requireEnvironment(project, store, file, environment);
        Map<String, Boolean> flags = file.flagsOf(env);
        switch (f) {
            case "env" -> {
                StringBuilder out = new StringBuilder();
                Map<String, String> seen = new LinkedHashMap<>();
                for (Map.Entry<String, Boolean> e : flags.entrySet()) {
                    requireEnvName(store, env, e.getKey());
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

    /** {@code newCheckout} → {@code FEATURE_NEW_CHECKOUT}; {@code neuÜberweisung} → {@code FEATURE_NEU_UBERWEISUNG}. */
    static String envName(String flag) {
        // Accents off first: a variable name holds only ASCII letters, and Ü is a U, not a word break.
        String ascii = withoutAccents(flag);
        String snake = ascii.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9]+", "_");
        return "FEATURE_" + snake.toUpperCase(Locale.ROOT);
    }

    /**
     * Refuses a flag whose name {@link #envName} cannot spell: a letter or digit left outside ASCII once
     * accents are dropped ({@code 日本}) would vanish from the variable's name, so the application would
     * read another variable than the flag's (or {@code FEATURE_}, none at all).
     */
    static void requireEnvName(FeatureFlagStore store, String environment, String flag) {
        String ascii = withoutAccents(flag);
        Set<String> lost = new java.util.LinkedHashSet<>();
        ascii.codePoints().filter(c -> c > 0x7F && Character.isLetterOrDigit(c))
                .forEach(c -> lost.add(new String(Character.toChars(c))));
        boolean empty = ascii.chars().noneMatch(c -> c < 0x80 && Character.isLetterOrDigit(c));
        if (lost.isEmpty() && !empty) {
            return;
        }
        String why = lost.isEmpty() ? "it has no letter or digit"
                : String.join(", ", lost) + (lost.size() == 1 ? " has" : " have") + " no ASCII spelling (only "
                        + "accents are dropped, as Ü in neuÜberweisung)";
        throw new BadInputException(Message.of(store.source() + ": " + environment + "." + flag + ": cannot be "
                + "exported as an environment variable: " + why + ", and a variable's name is ASCII letters, digits "
                + "and '_'; export with ", Message.arg(Input.FORMAT, "json"), " or ", Message.arg(Input.FORMAT,
                        "flagd"), ", which keep the name as it is, or rename the flag"));
    }

    private static String withoutAccents(String flag) {
        return java.text.Normalizer.normalize(flag, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }

    /** {@code environment} trimmed, once it is one the config or the flags file (read as {@code flags}) knows. */
    static String requireEnvironment(Project project, FeatureFlagStore store, FeatureFlags flags, String environment) {
        if (environment == null || environment.isBlank()) {
            throw new BadInputException(Message.of("no environment given: pass ", Input.ENVIRONMENT, ", e.g. ",
                    Message.arg(Input.ENVIRONMENT, "qa")));
        }
        String env = environment.trim();
        if (!ConfigLoader.isEnvironmentName(env)) {
            throw new BadInputException(Message.of(Message.arg(Input.ENVIRONMENT, env), ": expected a name of letters, "
                    + "digits, '.', '_' or '-'"));
        }
        List<String> known = new ArrayList<>(project.config().pipeline(flags.environments()));
        if (!known.contains(env)) {
            throw new BadInputException("environment \"" + env + "\" is neither in " + project.config().source()
                    + " (profiles, deployment.pipeline) nor in " + store.source() + "; known: "
                    + (known.isEmpty() ? "none" : String.join(", ", known)));
        }
        return env;
    }
}
