package io.specweave.deploy.flags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.JsonInput;
import io.specweave.deploy.Trees;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The flags of {@code feature-flags.json}: environment → flag → on/off. A flag is a boolean, or an
 * object with a boolean {@code enabled} (its other keys are the team's own and are kept). Top-level
 * keys starting with {@code $} or {@code _}, and values of other shapes (a team's {@code "note"}),
 * are not flags; they are left as they are. The text {@code "true"} or {@code "false"} reads as the
 * boolean, as hand-edited files have it.
 */
public final class FeatureFlags {

    private FeatureFlags() {
    }

    public static boolean isEnvironmentKey(String key, JsonNode value) {
        return value.isObject() && !key.startsWith("$") && !key.startsWith("_");
    }

    /** Environment → flag → enabled, in file order; a value that is not a flag is skipped. */
    public static Map<String, Map<String, Boolean>> read(ObjectNode root) {
        return read(root, null);
    }

    /**
     * As {@link #read(ObjectNode)}; with {@code source} (for a view or an export of the flags), a
     * value meant as a flag that does not read as one ({@code "yes"}, {@code 1},
     * {@code {"enabled": "on"}}) is bad input naming it: skipped, it would be exported as not set.
     */
    public static Map<String, Map<String, Boolean>> read(ObjectNode root, String source) {
        Map<String, Map<String, Boolean>> result = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> environments = root.fields();
        while (environments.hasNext()) {
            Map.Entry<String, JsonNode> env = environments.next();
            if (!isEnvironmentKey(env.getKey(), env.getValue())) {
                continue;
            }
            Map<String, Boolean> flags = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = env.getValue().fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> flag = it.next();
                Boolean value = value(flag.getValue());
                if (value != null) {
                    flags.put(flag.getKey(), value);
                } else if (source != null && meantAsFlag(flag.getValue())) {
                    throw new BadInputException(source + ": " + env.getKey() + "." + flag.getKey() + ": expected true, "
                            + "false or an object with a boolean \"enabled\", got " + JsonInput.kind(flag.getValue()));
                }
            }
            result.put(env.getKey(), flags);
        }
        return result;
    }

    /** On or off: a boolean, the text {@code "true"}/{@code "false"}, or an object whose {@code enabled} is one. */
    public static Boolean value(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            return node.has("enabled") ? Trees.bool(node.get("enabled")) : null;
        }
        return Trees.bool(node);
    }

    /** A switch word or number ({@code yes}, {@code off}, {@code 1}), or an object with an {@code enabled}. */
    private static boolean meantAsFlag(JsonNode node) {
        return node.isNumber() || node.isObject() && node.has("enabled")
                || node.isTextual() && SWITCH_WORD.matcher(node.asText().trim()).matches();
    }

    private static final Pattern SWITCH_WORD = Pattern.compile("(?i)yes|no|y|n|on|off|enabled|disabled|1|0");
}
