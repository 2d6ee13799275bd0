package io.specweave.deploy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import io.specweave.deploy.Json;
import io.specweave.deploy.JsonInput;
import io.specweave.deploy.KeyNames;
import io.specweave.deploy.Trees;
import io.specweave.deploy.http.Urls;
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

    /** True for a name an environment may have: letters, digits, '.', '_' and '-', at most 63. */
    public static boolean isEnvironmentName(String name) {
        return name != null && ENVIRONMENT_NAME.matcher(name).matches();
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
        JsonInput.Parsed parsed;
        try {
            parsed = JsonInput.parseObjectStrictFirst(JsonInput.readText(file, source), source);
        } catch (NoSuchFileException e) {
            return fromTree(dir, source, Json.mapper().createObjectNode());
        }
        return fromTree(dir, source, parsed.object(), refusedBySpecweave(parsed, source));
    }

    /** How many trailing commas a warning lists by place; the rest it counts. */
    private static final int PLACES_LISTED = 3;

    /**
     * What SpecWeave cannot read in the file although this tool reads it: SpecWeave reads config.json
     * with {@code JSON.parse}, which refuses a byte order mark and trailing commas, so its own commands
     * fail on a file this tool would otherwise take without a word. A warning, not a note: the user must
     * hear it.
     */
    private static List<String> refusedBySpecweave(JsonInput.Parsed parsed, String source) {
        String why = ": SpecWeave reads this file with JSON.parse, which refuses ";
        List<String> warnings = new ArrayList<>();
        if (parsed.byteOrderMark()) {
            warnings.add(source + ": a byte order mark before the JSON" + why + "it; save the file as UTF-8 "
                    + "without a byte order mark");
        }
        List<JsonInput.Position> commas = parsed.trailingCommas();
        if (commas.size() == 1) {
            warnings.add(source + ": a trailing comma at " + commas.get(0) + why + "it; remove the comma");
        } else if (!commas.isEmpty()) {
            List<String> places = new ArrayList<>(commas.stream().limit(PLACES_LISTED).map(Object::toString).toList());
            if (commas.size() > PLACES_LISTED) {
                places.add(commas.size() - PLACES_LISTED + " more");
            }
            warnings.add(source + ": " + commas.size() + " trailing commas, at " + String.join("; ", places) + why
                    + "them; remove the commas");
        }
        return warnings;
    }

    /** Where this tool binds environments to profiles (its own key; SpecWeave's schema has no {@code deployment}). */
    public static final String ENVIRONMENTS_PATH = "deployment.environments";

    /** How a note about an unreadable {@code sync} section starts (SpecWeave's key: an error only when a profile is needed). */
    static final String UNREADABLE_SYNC = "SpecWeave's sync section: ";

    /** Why a deployment URL may not hold a password: where it goes. */
    public static final String RECORDED = "the URL is recorded in metadata.json and on the tracking items";

    /** Builds a config from a parsed tree; {@code source} names it in messages. */
    public static SpecweaveConfig fromTree(Path projectDir, String source, ObjectNode file) {
        return fromTree(projectDir, source, file, List.of());
    }

    /** {@link #fromTree(Path, String, ObjectNode)} of a file with {@code warnings} about its text. */
    private static SpecweaveConfig fromTree(Path projectDir, String source, ObjectNode file, List<String> warnings) {
        List<String> notes = new ArrayList<>();
        ObjectNode root = spelledAsRead(file, notes);
        Map<String, SyncProfile> syncProfiles = new LinkedHashMap<>();
        // Profiles that could not be read: an error only for the command that uses one.
        Map<String, BadInputException> broken = new LinkedHashMap<>();
        Map<String, BadInputException> brokenEnvironments = new LinkedHashMap<>();
        JsonNode sync = root.get("sync");
        JsonNode profilesNode = sync != null && sync.isObject() ? sync.get("profiles") : null;
        if (sync != null && !sync.isNull() && !sync.isObject()) {
            notes.add(UNREADABLE_SYNC + "sync: not an object, so no profile was read from it");
        } else if (profilesNode != null && !profilesNode.isNull() && !profilesNode.isObject()) {
            notes.add(UNREADABLE_SYNC + "sync.profiles: expected an object of profiles, got "
                    + describe(profilesNode) + ", so no profile was read from it");
        } else if (profilesNode != null) {
            Iterator<Map.Entry<String, JsonNode>> fields = profilesNode.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> entry = fields.next();
                String name = entry.getKey();
                try {
                    SyncProfile profile = profile(name, entry.getValue(), source);
                    syncProfiles.put(name, profile);
                    if (profile.provider() == Provider.LOCAL) {
                        notes.add("sync.profiles." + name + ": provider \"local\" is read for compatibility; SpecWeave "
                                + "accepts only github, jira and ado there: move it to " + ENVIRONMENTS_PATH + "."
                                + (profile.environment() == null ? "<environment>" : profile.environment())
                                + " as {\"provider\": \"local\"}");
                    }
                } catch (BadInputException e) {
                    broken.put(name, e);
                    JsonNode environment = entry.getValue().get("environment");
                    if (environment != null && environment.isTextual()) {
                        brokenEnvironments.putIfAbsent(environment.asText().trim(), e);
                    }
                    notes.add("sync.profiles." + name + ": ignored unless a command uses it: " + e.getMessage());
                }
            }
        }
        JsonNode deployment = optionalObject(root, "deployment", "deployment", source);
        Map<String, SyncProfile> bindings = new LinkedHashMap<>();
        JsonNode environments = deployment == null ? null : optionalObject(deployment, "environments",
                ENVIRONMENTS_PATH, source);
        if (environments != null) {
            Map<String, String> boundProfiles = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = environments.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> entry = fields.next();
                String environment = entry.getKey();
                try {
                    SyncProfile bound = binding(environment, entry.getValue(), syncProfiles, broken, boundProfiles,
                            source);
                    bindings.put(environment, bound);
                    boundProfiles.put(bound.name(), environment);
                } catch (BadInputException e) {
                    brokenEnvironments.put(environment, e);
                    // --profile with the name the binding would have had gets the binding's error too.
                    JsonNode reference = entry.getValue().get("profile");
                    broken.putIfAbsent(reference != null && reference.isTextual() ? reference.asText().trim()
                            : "local-" + environment, e);
                    notes.add(ENVIRONMENTS_PATH + "." + environment + ": ignored unless a command uses it: "
                            + e.getMessage());
                }
            }
        }
        Map<String, SyncProfile> profiles = new LinkedHashMap<>();
        for (SyncProfile profile : syncProfiles.values()) {
            String environment = profile.environment();
            if (environment != null && (bindings.containsKey(environment) || brokenEnvironments.containsKey(environment))
                    && bindings.values().stream().noneMatch(b -> b.name().equals(profile.name()))) {
                notes.add("sync.profiles." + profile.name() + ".environment: \"" + environment + "\" is bound in "
                        + ENVIRONMENTS_PATH + "." + environment + ", which wins; this profile records nothing");
                profiles.put(profile.name(), withoutEnvironment(profile));
            } else {
                profiles.put(profile.name(), profile);
            }
        }
        for (SyncProfile bound : bindings.values()) {
            profiles.put(bound.name(), bound);
        }
        List<String> pipeline = null;
        if (deployment != null && deployment.has("pipeline") && !deployment.get("pipeline").isNull()) {
            pipeline = pipeline(deployment.get("pipeline"), source);
        }
        if (pipeline != null) {
            requireBoundSpelling(pipeline, profiles.values(), brokenEnvironments.keySet(), source);
        }
        List<ReleaseEnvironment> release = ReleaseEnvironment.read(root, notes);
        if (pipeline != null && !release.isEmpty()) {
            notes.add("cicd.release.environments: order not used; deployment.pipeline sets it");
        }
        return new SpecweaveConfig(projectDir, source, root, profiles, pipeline, release, broken, brokenEnvironments,
                notes, warnings);
    }

    /** The settings of a profile or an environment binding, as this tool and SpecWeave spell them. */
    static final List<String> SETTINGS = List.of("provider", "profile", "displayName", "environment", "deploymentUrl",
            "config", "healthCheck", "slots", "canaryAnalysis", "metrics", "githubDeployment", "issueKeysFromIncrement",
            "timeRange", "rateLimits");

    /** The keys of each other object of this tool's settings, by its name. */
    private static final Map<String, List<String>> KEYS = Map.of(
            "deployment", List.of("environments", "pipeline", "promotion", "refresh", "productionEnvironment",
                    "testSuites", "monitor"),
            "promotion", List.of("requirePrevious", "allowDifferentCommit", "requireApproval", "requireTestsPassed",
                    "changeWindow"),
            "monitor", List.of("maxConsecutiveFailures"),
            "testSuite", List.of("command", "workingDirectory", "reports", "timeoutSeconds"),
            "healthCheck", List.of("path", "expectStatus", "bodyContains", "timeoutSeconds", "retries",
                    "intervalSeconds"),
            "canaryAnalysis", List.of("maxErrorRateIncrease", "maxP95Increase", "minRequests", "failureThreshold"),
            "metrics", List.of("prometheusUrl", "queries"));

    /**
     * The file's tree with each of this tool's settings spelled another way ({@code deployment_url},
     * {@code require_approval}, {@code HealthCheck}) under its own name, each with a note; one given
     * both ways keeps its own, and the other is noted as not read. Hand-written configs have them;
     * ignoring them without a word would turn a gate, a health check or a URL off. The names a user
     * chooses (environments, profiles, suites) are never changed.
     */
    private static ObjectNode spelledAsRead(ObjectNode file, List<String> notes) {
        ObjectNode root = file.deepCopy();
        if (root.get("deployment") instanceof ObjectNode deployment) {
            respell(deployment, KEYS.get("deployment"), "deployment", notes);
            for (String section : List.of("promotion", "monitor")) {
                if (deployment.get(section) instanceof ObjectNode node) {
                    respell(node, KEYS.get(section), "deployment." + section, notes);
                }
            }
            eachEntry(deployment.get("testSuites"), "deployment.testSuites", (path, suite) ->
                    respell(suite, KEYS.get("testSuite"), path, notes));
            eachEntry(deployment.get("environments"), ENVIRONMENTS_PATH, (path, binding) ->
                    respellSettings(binding, path, notes));
        }
        if (root.get("sync") instanceof ObjectNode sync) {
            eachEntry(sync.get("profiles"), "sync.profiles", (path, profile) -> respellSettings(profile, path, notes));
        }
        return root;
    }

    private static void eachEntry(JsonNode map, String path, java.util.function.BiConsumer<String, ObjectNode> action) {
        if (map instanceof ObjectNode object) {
            object.fields().forEachRemaining(e -> {
                if (e.getValue() instanceof ObjectNode entry) {
                    action.accept(path + "." + e.getKey(), entry);
                }
            });
        }
    }

    private static void respellSettings(ObjectNode node, String path, List<String> notes) {
        respell(node, SETTINGS, path, notes);
        for (String nested : List.of("healthCheck", "canaryAnalysis", "metrics")) {
            if (node.get(nested) instanceof ObjectNode child) {
                respell(child, KEYS.get(nested), path + "." + nested, notes);
            }
        }
    }

    /** Renames, in {@code node}, each key that spells one of {@code keys} another way. */
    private static void respell(ObjectNode node, List<String> keys, String path, List<String> notes) {
        for (String key : io.specweave.deploy.Trees.fieldNames(node)) {
            String setting = KeyNames.spelledOtherwise(key, keys);
            if (setting == null) {
                continue;
            }
            if (node.has(setting)) {
                notes.add(path + "." + key + ": not read, " + path + "." + setting + " is given");
                continue;
            }
            node.set(setting, node.remove(key));
            notes.add(path + "." + key + ": read as " + setting);
        }
    }

    /** One environment of {@code deployment.environments}: a reference to a sync profile, or the local provider. */
    private static SyncProfile binding(String environment, JsonNode node, Map<String, SyncProfile> syncProfiles,
            Map<String, BadInputException> broken, Map<String, String> boundProfiles, String source) {
        String path = ENVIRONMENTS_PATH + "." + environment;
        if (!ENVIRONMENT_NAME.matcher(environment).matches()) {
            throw new BadInputException(source + ": " + path + ": expected an environment name of letters, digits, "
                    + "'.', '_' or '-' (e.g. \"qa\")");
        }
        if (!node.isObject()) {
            throw new BadInputException(source + ": " + path + ": expected an object such as {\"provider\": \"local\"} "
                    + "or {\"profile\": \"github-qa\"}, got " + describe(node));
        }
        ObjectNode binding = (ObjectNode) node;
        String reference = optionalText(binding, "profile", path + ".profile", source);
        String providerText = optionalText(binding, "provider", path + ".provider", source);
        String displayName = optionalText(binding, "displayName", path + ".displayName", source);
        String url = optionalText(binding, "deploymentUrl", path + ".deploymentUrl", source);
        if (url != null) {
            checkRecordedUrl(url, path + ".deploymentUrl", source);
        }
        if (reference != null && providerText != null) {
            throw new BadInputException(source + ": " + path + ": give either \"profile\" (a profile under "
                    + "sync.profiles) or \"provider\": \"local\", not both");
        }
        if (reference == null) {
            if (providerText == null || Provider.parse(providerText).orElse(null) != Provider.LOCAL) {
                throw new BadInputException(source + ": " + path + (providerText == null ? "" : ".provider")
                        + ": expected \"profile\": the name of a github, jira or ado profile under sync.profiles, or "
                        + "\"provider\": \"local\"" + (providerText == null ? "" : ", got \"" + providerText + "\""));
            }
            return new SyncProfile("local-" + environment, Provider.LOCAL, displayName, environment, url,
                    Json.mapper().createObjectNode(), binding.deepCopy(), source, binding);
        }
        if (broken.containsKey(reference)) {
            throw new BadInputException(source + ": " + path + ".profile: names \"" + reference + "\", which cannot "
                    + "be used: " + broken.get(reference).getMessage(), broken.get(reference));
        }
        SyncProfile profile = syncProfiles.get(reference);
        if (profile == null) {
            throw new BadInputException(source + ": " + path + ".profile: no profile named \"" + reference
                    + "\" under sync.profiles" + (syncProfiles.isEmpty() ? "" : "; known profiles: "
                    + String.join(", ", syncProfiles.keySet())));
        }
        if (boundProfiles.containsKey(reference)) {
            throw new BadInputException(source + ": " + path + ".profile: \"" + reference + "\" is already bound to "
                    + "environment " + boundProfiles.get(reference) + "; each environment needs a profile of its own");
        }
        ObjectNode merged = profile.raw().deepCopy();
        merged.setAll(binding.deepCopy());
        merged.remove("profile");
        merged.put("environment", environment);
        return new SyncProfile(profile.name(), profile.provider(),
                displayName != null ? displayName : profile.displayName(), environment,
                url != null ? url : profile.deploymentUrl(), profile.config(), merged, source, binding);
    }

    private static SyncProfile withoutEnvironment(SyncProfile profile) {
        return new SyncProfile(profile.name(), profile.provider(), profile.displayName(), null, profile.deploymentUrl(),
                profile.config(), profile.raw(), profile.source());
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
            checkRecordedUrl(url, path + ".deploymentUrl", source);
        }
        JsonNode config = optionalObject(node, "config", path + ".config", source);
        ObjectNode configObject = config == null ? Json.mapper().createObjectNode() : (ObjectNode) config;
        for (String key : List.of("tokenEnv", "emailEnv", "apiUrl", "baseUrl")) {
            optionalText(configObject, key, path + ".config." + key, source);
        }
        for (String key : List.of("apiUrl", "baseUrl")) {
            String value = Json.text(configObject, key);
            if (value != null) {
                checkUrl(value, path + ".config." + key, source,
                        "credentials come from the profile's variables, never from its URL");
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

    /**
     * A pipeline entry may name an environment not bound yet (a planned one), but not one bound under
     * another spelling ("Prod" for prod): it would be a column of its own that no deployment reaches.
     */
    private static void requireBoundSpelling(List<String> pipeline, java.util.Collection<SyncProfile> profiles,
            java.util.Set<String> broken, String source) {
        java.util.Set<String> bound = new java.util.LinkedHashSet<>(broken);
        profiles.stream().map(SyncProfile::environment).filter(java.util.Objects::nonNull).forEach(bound::add);
        for (int i = 0; i < pipeline.size(); i++) {
            String listed = pipeline.get(i);
            if (bound.contains(listed)) {
                continue;
            }
            for (String environment : bound) {
                if (environment.equalsIgnoreCase(listed)) {
                    throw new BadInputException(source + ": deployment.pipeline[" + i + "]: \"" + listed
                            + "\" is bound as \"" + environment + "\"; spell it as the environment is bound (names are "
                            + "case-sensitive)");
                }
            }
        }
    }

    private static void checkUrl(String url, String path, String source, String why) {
        Urls.withoutUserInfo(url, source + ": " + path, why);
    }

    /** A deployment URL: recorded and shown as it is, so it may carry no credential at all. */
    private static void checkRecordedUrl(String url, String path, String source) {
        Urls.withoutCredentials(url, source + ": " + path, RECORDED);
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

    /**
     * A setting that is a switch: null when absent or null; {@code true} or {@code false}, also
     * written as text in any case ({@code "true"}), as hand-edited configs have them.
     *
     * @throws BadInputException naming {@code where} for anything else
     */
    public static Boolean flag(JsonNode node, String where) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        Boolean value = Trees.bool(node);
        if (value == null) {
            throw new BadInputException(where + ": expected true or false, got " + describe(node));
        }
        return value;
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
