package io.specweave.deploy.flags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The flags of {@code feature-flags.json}: environment → flag → on/off. A flag is a boolean, or an
 * object with a boolean {@code enabled} (its other keys are the team's own and are kept). Top-level
 * keys starting with {@code $} or {@code _}, and values of other shapes, are not flags; they are
 * left as they are.
 */
public final class FeatureFlags {

    private FeatureFlags() {
    }

    public static boolean isEnvironmentKey(String key, JsonNode value) {
        return value.isObject() && !key.startsWith("$") && !key.startsWith("_");
    }

    /** Environment → flag → enabled, in file order. */
    public static Map<String, Map<String, Boolean>> read(ObjectNode root) {
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
                }
            }
            result.put(env.getKey(), flags);
        }
        return result;
    }

    public static Boolean value(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isObject() && node.has("enabled") && node.get("enabled").isBoolean()) {
            return node.get("enabled").asBoolean();
        }
        return null;
    }
}
