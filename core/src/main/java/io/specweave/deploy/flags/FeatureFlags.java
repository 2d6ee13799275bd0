package io.specweave.deploy.flags;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.JsonInput;
import io.specweave.deploy.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The flags of {@code feature-flags.json} as every {@code feature-flag} command reads them, judged
 * entry by entry in one place: environment → flag → on/off. A flag is a boolean (the text
 * {@code "true"}/{@code "false"} too, as hand-edited files have it), or an object with a boolean
 * {@code enabled} (its other keys are the team's own and are kept).
 *
 * <p>What is not a flag is left as it is: top-level keys starting with {@code $} or {@code _}, other
 * top-level values ({@code "version": 3}), and values of other shapes among the flags (a team's
 * {@code "note": "frozen"}, an object without {@code enabled}). A value meant as a flag that does not
 * read as one — {@code null}, a number, a switch word such as {@code "yes"}, an object whose
 * {@code enabled} is no boolean — and an environment the config names whose value is no object, are bad
 * input wherever a command reads them: left out, the flag would be listed and exported as not set. So is
 * the last value of a key given twice (it is the one that counts, as with {@code JSON.parse}) that is no
 * flag when an earlier value of that key was one: the key is meant as a flag.
 * Each command asks only for what it uses (one environment's export, the flag it changes), so an entry
 * it does not use never stops it.
 */
public final class FeatureFlags {

    private static final String EXPECTED_FLAG = "expected true, false or an object with a boolean \"enabled\"";

    /** Environment → flag → on/off, of the entries that read as flags, in file order. */
    private final Map<String, Map<String, Boolean>> flags = new LinkedHashMap<>();
    /** Environment → the first reason it, or a flag of it, cannot be read; absent for a readable one. */
    private final Map<String, String> problems = new LinkedHashMap<>();
    /** Environment → why it is no object of flags, when it is not. */
    private final Map<String, String> shapes = new LinkedHashMap<>();
    /** Environment → entry → why it is no flag (one meant as a flag, or another value), for a change of it. */
    private final Map<String, Map<String, String>> notFlags = new LinkedHashMap<>();
    /** Every name meant as a flag in any environment, also one whose value does not read. */
    private final Set<String> names = new TreeSet<>();
    /**
     * Environment → flag → every value {@code text} gives it, in text order, over every object given for
     * the environment: the tree holds only the last value of a key given twice.
     */
    private final Map<String, Map<String, List<JsonNode>>> given;

    private FeatureFlags(Map<String, Map<String, List<JsonNode>>> given) {
        this.given = given;
    }

    /**
     * Judges every entry of {@code root}.
     *
     * @param root         the file's tree, which keeps the last value of a key given twice
     * @param text         the file's text, which {@code root} was read from (it holds the earlier values too)
     * @param source       how messages name the file
     * @param environments the environments the config names: a key among them is an environment whatever it holds
     */
    public static FeatureFlags of(ObjectNode root, String text, String source, Collection<String> environments) {
        FeatureFlags file = new FeatureFlags(givenValues(text));
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> entry = it.next();
            String env = entry.getKey();
            JsonNode value = entry.getValue();
            if (env.startsWith("$") || env.startsWith("_")) {
                continue;
            }
            boolean named = environments.contains(env);
            if (value.isObject()) {
                file.judge(source, env, value);
            } else if (named && value.isNull()) {
                // An environment without flags yet: the first change fills it in.
                file.flags.put(env, new LinkedHashMap<>());
            } else if (named) {
                String why = source + ": " + env + ": expected an object of flags such as {\"newCheckout\": true}, got "
                        + JsonInput.kind(value);
                file.flags.put(env, new LinkedHashMap<>());
                file.problems.put(env, why);
                file.shapes.put(env, why);
            }
        }
        return file;
    }

    private void judge(String source, String env, JsonNode node) {
        Map<String, Boolean> values = new LinkedHashMap<>();
        Map<String, String> others = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> entry = it.next();
            String flag = entry.getKey();
            JsonNode value = entry.getValue();
            String at = source + ": " + env + "." + flag;
            if (value.isObject() && value.has("enabled")) {
                names.add(flag);
                Boolean enabled = Trees.bool(value.get("enabled"));
                if (enabled != null) {
                    values.put(flag, enabled);
                } else {
                    // The field at fault, with the value found there, as for any other field.
                    problem(env, others, flag, at + ".enabled: expected true or false, got "
                            + JsonInput.kind(value.get("enabled")));
                }
            } else if (value.isObject()) {
                other(env, others, flag, at + ": " + EXPECTED_FLAG + ", got an object without \"enabled\"");
            } else if (Trees.bool(value) != null) {
                names.add(flag);
                values.put(flag, Trees.bool(value));
            } else if (meantAsFlag(value)) {
                names.add(flag);
                problem(env, others, flag, at + ": " + EXPECTED_FLAG + ", got " + JsonInput.kind(value));
            } else {
                other(env, others, flag, at + ": " + EXPECTED_FLAG + ", got " + JsonInput.kind(value));
            }
        }
        flags.put(env, values);
        notFlags.put(env, others);
    }

    private void problem(String env, Map<String, String> others, String flag, String why) {
        others.put(flag, why);
        problems.putIfAbsent(env, why);
    }

    /**
     * An entry that is no flag: the team's own, unless the file gave the key a flag before this last value
     * of it; then it is meant as a flag, and listing or exporting it as not set would hide the mistake.
     */
    private void other(String env, Map<String, String> others, String flag, String why) {
        List<JsonNode> values = given.getOrDefault(env, Map.of()).getOrDefault(flag, List.of());
        if (values.stream().anyMatch(FeatureFlags::givenAsFlag)) {
            names.add(flag);
            problem(env, others, flag, why);
        } else {
            others.put(flag, why);
        }
    }

    /** A value that reads as a flag, or is meant as one though it does not read. */
    private static boolean givenAsFlag(JsonNode value) {
        return value.isObject() ? value.has("enabled") : Trees.bool(value) != null || meantAsFlag(value);
    }

    /**
     * A value that says on or off in a way that is not true or false: {@code null}, a number, a switch
     * word ({@code yes}, {@code off}); other text is a team's note.
     */
    private static boolean meantAsFlag(JsonNode node) {
        return node.isNull() || node.isNumber()
                || node.isTextual() && SWITCH_WORD.matcher(node.asText().trim()).matches();
    }

    private static final Pattern SWITCH_WORD = Pattern.compile("(?i)yes|no|y|n|on|off|enabled|disabled|1|0");

    /** The values {@link #given} holds, read from {@code text} as the tree was (comments allowed). */
    private static Map<String, Map<String, List<JsonNode>>> givenValues(String text) {
        Map<String, Map<String, List<JsonNode>>> given = new LinkedHashMap<>();
        if (text.isBlank()) {
            return given;
        }
        JsonFactory factory = JsonInput.factory(JsonInput.Syntax.JSON_WITH_COMMENTS);
        try (JsonParser p = factory.createParser(JsonInput.withoutBom(text))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return given;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String env = p.currentName();
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    continue;
                }
                Map<String, List<JsonNode>> flagsOfEnv = given.computeIfAbsent(env, e -> new LinkedHashMap<>());
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String flag = p.currentName();
                    p.nextToken();
                    flagsOfEnv.computeIfAbsent(flag, f -> new ArrayList<>()).add(Json.mapper().readTree(p));
                }
            }
        } catch (IOException e) {
            // The tree was read from this very text, so it reads.
            throw new UncheckedIOException(e);
        }
        return given;
    }

    /** The file's environments, in file order. */
    public List<String> environments() {
        return List.copyOf(flags.keySet());
    }

    /** Every name meant as a flag in any environment (a typo is a name none has), sorted. */
    public Set<String> names() {
        return Collections.unmodifiableSet(names);
    }

    /**
     * {@code environment}'s flags, in file order; none when the file does not have it.
     *
     * @throws BadInputException naming the first entry meant as a flag that is not one, or the
     *                           environment when it is no object of flags
     */
    public Map<String, Boolean> flagsOf(String environment) {
        String problem = problems.get(environment);
        if (problem != null) {
            throw new BadInputException(problem);
        }
        return Collections.unmodifiableMap(flags.getOrDefault(environment, Map.of()));
    }

    /** Every environment's flags, as {@link #flagsOf(String)} reads each. */
    public Map<String, Map<String, Boolean>> all() {
        return all(flags.keySet());
    }

    /** The flags of {@code environments} the file has, as {@link #flagsOf(String)} reads each. */
    public Map<String, Map<String, Boolean>> all(Collection<String> environments) {
        Map<String, Map<String, Boolean>> result = new LinkedHashMap<>();
        for (String env : flags.keySet()) {
            if (environments.contains(env)) {
                result.put(env, flagsOf(env));
            }
        }
        return result;
    }

    /**
     * The value of {@code flag} in {@code environment}, for a change of it: null when the environment
     * does not have it.
     *
     * @throws BadInputException when the environment is no object of flags, or the entry is there but
     *                           is no flag (a change would write over it)
     */
    public Boolean value(String environment, String flag) {
        String shape = shapes.get(environment);
        if (shape != null) {
            throw new BadInputException(shape);
        }
        String why = notFlags.getOrDefault(environment, Map.of()).get(flag);
        if (why != null) {
            throw new BadInputException(why);
        }
        return flags.getOrDefault(environment, Map.of()).get(flag);
    }
}
