package io.specweave.deploy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import io.specweave.deploy.Json;
import io.specweave.deploy.JsonInput;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code .specweave/config.json}. Real files carry many keys this tool does not use; they
 * are ignored. Only the parts this tool reads are validated, and each error names the file, the
 * JSON path and what was expected.
 */
public final class ConfigLoader {

    /** Environment names end up in labels, JSON keys and file names: keep them plain. */
    static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private ConfigLoader() {
    }

    /** Loads the config of the project in {@code projectDir} (the folder holding {@code .specweave}). */
    public static SpecweaveConfig load(Path projectDir) {
        Path dir = projectDir.toAbsolutePath().normalize();
        Path specweave = dir.resolve(".specweave");
        if (!Files.isDirectory(specweave)) {
            throw new BadInputException(Input.DIR, Message.of(dir + ": no .specweave folder here; run in the project root or pass ",
                    Input.DIR));
        }
        Path file = specweave.resolve("config.json");
        String source = display(dir, file);
        ObjectNode root;
        try {
            root = parseObject(JsonInput.readText(file, source), source);
        } catch (NoSuchFileException e) {
            root = Json.mapper().createObjectNode();
        }
        return fromTree(dir, source, root);
    }

    /** Builds a config from a parsed tree; {@code source} names it in messages. */
    public static SpecweaveConfig fromTree(Path projectDir, String source, ObjectNode root) {
        JsonNode sync = optionalObject(root, "sync", "sync", source);
        Map<String, SyncProfile> profiles = new LinkedHashMap<>();
        String defaultProfile = null;
        if (sync != null) {
            JsonNode profilesNode = optionalObject(sync, "profiles", "sync.profiles", source);
            if (profilesNode != null) {
                Iterator<Map.Entry<String, JsonNode>> fields = profilesNode.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> entry = fields.next();
                    profiles.put(entry.getKey(), profile(entry.getKey(), entry.getValue(), source));
                }
            }
            defaultProfile = oneOf(optionalText(sync, "defaultProfile", "sync.defaultProfile", source),
                    optionalText(sync, "activeProfile", "sync.activeProfile", source),
                    "sync.defaultProfile", "sync.activeProfile", source);
        }
        List<String> pipeline = null;
        JsonNode deployment = optionalObject(root, "deployment", "deployment", source);
        if (deployment != null && deployment.has("pipeline") && !deployment.get("pipeline").isNull()) {
            pipeline = pipeline(deployment.get("pipeline"), source);
        }
        return new SpecweaveConfig(projectDir, source, root, profiles, defaultProfile, pipeline);
    }

    /** Parses JSON text that must be an object, as {@link JsonInput} reads every JSON input. */
    public static ObjectNode parseObject(String text, String source) {
        return JsonInput.parseObject(text, source, JsonInput.Syntax.JSON);
    }

    private static SyncProfile profile(String name, JsonNode node, String source) {
        String path = "sync.profiles." + name;
        if (!node.isObject()) {
            throw new BadInputException(source + ": " + path + ": expected an object, got " + describe(node));
        }
        String providerText = optionalText(node, "provider", path + ".provider", source);
        if (providerText == null) {
            throw new BadInputException(source + ": " + path + ".provider: expected one of "
                    + Provider.known() + ", got " + describe(node.get("provider")));
        }
        Provider provider = Provider.parse(providerText).orElseThrow(() -> new BadInputException(
                source + ": " + path + ".provider: unknown provider \"" + providerText + "\"; expected one of "
                        + Provider.known()));
        String displayName = optionalText(node, "displayName", path + ".displayName", source);
        String environment = optionalText(node, "environment", path + ".environment", source);
        if (environment != null && !ENVIRONMENT_NAME.matcher(environment).matches()) {
            throw new BadInputException(source + ": " + path + ".environment: expected a name of letters, digits, "
                    + "'.', '_' or '-' (e.g. \"qa\"), got \"" + environment + "\"");
        }
        String url = optionalText(node, "deploymentUrl", path + ".deploymentUrl", source);
        if (url != null) {
            checkUrl(url, path + ".deploymentUrl", source);
        }
        JsonNode config = optionalObject(node, "config", path + ".config", source);
        ObjectNode configObject = config == null ? Json.mapper().createObjectNode() : (ObjectNode) config;
        for (String key : List.of("tokenEnv", "emailEnv", "apiUrl", "baseUrl")) {
            optionalText(configObject, key, path + ".config." + key, source);
        }
        for (String key : List.of("apiUrl", "baseUrl")) {
            String value = Json.text(configObject, key);
            if (value != null) {
                checkUrl(value, path + ".config." + key, source);
            }
        }
        return new SyncProfile(name, provider, displayName, environment, url, configObject, (ObjectNode) node, source);
    }

    /**
     * The value of a setting SpecWeave reads under two names. Both given and different is refused:
     * which one SpecWeave would use is not this tool's to guess, and picking the other would make
     * the two tools disagree about the same file.
     */
    public static String oneOf(String first, String second, String firstPath, String secondPath, String source) {
        if (first != null && second != null && !first.equals(second)) {
            throw new BadInputException(source + ": " + firstPath + " is \"" + first + "\" but " + secondPath
                    + " is \"" + second + "\"; they name the same setting, so keep one of them (or make them equal)");
        }
        return first != null ? first : second;
    }

    private static List<String> pipeline(JsonNode node, String source) {
        if (!node.isArray()) {
            throw new BadInputException(source + ": deployment.pipeline: expected an array of environment names, got "
                    + describe(node));
        }
        List<String> environments = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() || !ENVIRONMENT_NAME.matcher(item.asText()).matches()) {
                throw new BadInputException(source + ": deployment.pipeline[" + i
                        + "]: expected an environment name such as \"qa\", got " + describe(item));
            }
            if (environments.contains(item.asText())) {
                throw new BadInputException(source + ": deployment.pipeline[" + i + "]: \"" + item.asText()
                        + "\" is listed twice; each environment appears once in the pipeline");
            }
            environments.add(item.asText());
        }
        return environments;
    }

    private static void checkUrl(String url, String path, String source) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                throw new URISyntaxException(url, "not an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw new BadInputException(source + ": " + path + ": expected an absolute http(s) URL such as "
                    + "\"https://qa.example.com\", got \"" + url + "\"");
        }
    }

    private static JsonNode optionalObject(JsonNode parent, String field, String path, String source) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new BadInputException(source + ": " + path + ": expected an object, got " + describe(node));
        }
        return node;
    }

    private static String optionalText(JsonNode parent, String field, String path, String source) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new BadInputException(source + ": " + path + ": expected a string, got " + describe(node));
        }
        String text = node.asText().trim();
        return text.isEmpty() ? null : text;
    }

    /** "42", "an object", "an array", "nothing": how a message names a value it did not expect. */
    public static String describe(JsonNode node) {
        return JsonInput.kind(node);
    }

    /** A path as a user would type it from the project folder: {@code .specweave/config.json}. */
    public static String display(Path projectDir, Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = file.toAbsolutePath().normalize();
        if (absolute.startsWith(cwd)) {
            return cwd.relativize(absolute).toString();
        }
        return absolute.toString();
    }
}
