package io.specweave.deploy.increment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.JsonInput;
import io.specweave.deploy.KeyNames;
import io.specweave.deploy.model.CanaryState;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.DeploymentStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An increment's {@code metadata.json} as a tree. This tool owns {@code deployments.<environment>}
 * and nothing else: every other key keeps its value and its place when the file is written back.
 */
public final class MetadataDocument {

    public static final String DEPLOYMENTS = "deployments";

    private final ObjectNode root;
    private final String source;
    private final boolean finalNewline;
    private final boolean crlf;
    /** The key holding the records: {@code deployments}, or a hand-written spelling of it ({@code Deployments}). */
    private String deploymentsKey = DEPLOYMENTS;
    /** The fields whose URL held a credential, taken without it ({@link RecordedUrls}). */
    private List<String> credentialsDropped = List.of();

    MetadataDocument(ObjectNode root, String source, boolean finalNewline) {
        this(root, source, finalNewline, false);
    }

    /** @param crlf the file's lines end in CR LF (a Windows checkout): written back so, to keep its diff small */
    MetadataDocument(ObjectNode root, String source, boolean finalNewline, boolean crlf) {
        this.root = root;
        this.source = source;
        this.finalNewline = finalNewline;
        this.crlf = crlf;
    }

    /** The document of a file's {@code text}: its tree, and the line ends to write it back with. */
    static MetadataDocument parse(String text, String source) {
        MetadataDocument document = new MetadataDocument(io.specweave.deploy.config.ConfigLoader.parseObject(text,
                source), source, text.endsWith("\n"), text.contains("\r\n"));
        document.deploymentsKey = deploymentsKey(document.root);
        document.credentialsDropped = RecordedUrls.dropCredentials(document.root.get(document.deploymentsKey),
                document.deploymentsKey);
        return document;
    }

    /**
     * The key of {@code root} that holds the records: {@code deployments}; else the first key that spells
     * it another way ({@code Deployments}, {@code DEPLOYMENTS}) and holds an object, read and written as it is
     * spelled.
     */
    /** True when {@code key} spells {@code deployments}, as written or another way ({@code Deployments}). */
    public static boolean spellsDeployments(String key) {
        return DEPLOYMENTS.equals(key) || KeyNames.plain(key).equals(DEPLOYMENTS);
    }

    private static String deploymentsKey(ObjectNode root) {
        if (root.has(DEPLOYMENTS)) {
            return DEPLOYMENTS;
        }
        java.util.Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            // Only an object of records: a team's own "Deployments": "see wiki" stays theirs.
            if (spellsDeployments(name) && root.get(name).isObject()) {
                return name;
            }
        }
        return DEPLOYMENTS;
    }

    /**
     * A new document for an increment that has no metadata.json yet, holding what SpecWeave's
     * metadata manager would fill in on its first read (its schema defaults), so SpecWeave neither
     * warns about nor rewrites the file this tool created.
     */
    static MetadataDocument create(Increment increment, String source) {
        ObjectNode root = Json.mapper().createObjectNode();
        String now = SPECWEAVE_TIME.format(Instant.now());
        root.put("id", increment.id());
        root.put("status", "planning");
        root.put("type", "feature");
        root.put("created", now);
        root.put("lastActivity", now);
        root.put("priority", "medium");
        root.put("testMode", "test-after");
        root.put("coverageTarget", 80);
        root.putObject("externalLinks");
        return new MetadataDocument(root, source, true);
    }

    /** How SpecWeave writes times ({@code Date.toISOString()}): milliseconds, UTC. */
    private static final DateTimeFormatter SPECWEAVE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** The whole tree; callers change only what they own. */
    public ObjectNode root() {
        return root;
    }

    /** How messages name the file. */
    public String source() {
        return source;
    }

    /** SpecWeave's increment status ({@code active}, {@code completed}, ...), or null. */
    public String status() {
        return Json.text(root, "status");
    }

    /** {@code deployments.<environment>}, if recorded. */
    public Optional<ObjectNode> deployment(String environment) {
        JsonNode deployments = deploymentsNode(false);
        if (deployments == null) {
            return Optional.empty();
        }
        JsonNode node = deployments.get(environment);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw new BadInputException(source + ": deployments." + environment + ": expected an object, got "
                    + io.specweave.deploy.config.ConfigLoader.describe(node));
        }
        return Optional.of((ObjectNode) node);
    }

    /** Every recorded environment's node, in file order; entries that are not objects are skipped. */
    public Map<String, ObjectNode> deployments() {
        Map<String, ObjectNode> result = new LinkedHashMap<>();
        JsonNode deployments = deploymentsNode(false);
        if (deployments != null) {
            Iterator<Map.Entry<String, JsonNode>> it = deployments.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isObject()) {
                    result.put(e.getKey(), (ObjectNode) e.getValue());
                }
            }
        }
        return result;
    }

    /**
     * What a view of the records ({@code status}, one increment or the list) warns of, each line naming
     * the file and the field: {@link #skippedDeployments}, then {@link #unlistedStatuses}.
     */
    public List<String> viewWarnings() {
        List<String> warnings = new ArrayList<>(skippedDeployments());
        warnings.addAll(unlistedStatuses());
        warnings.addAll(credentialsDropped());
        warnings.addAll(recordsNotRead());
        return warnings;
    }

    /**
     * For each other key spelling {@code deployments} that holds records ({@code Deployments} beside
     * {@code deployments}), a line naming it: only the key {@link #deploymentsKey} chose is read.
     */
    public List<String> recordsNotRead() {
        List<String> lines = new ArrayList<>();
        root.fields().forEachRemaining(e -> {
            if (!e.getKey().equals(deploymentsKey) && e.getValue().isObject()
                    && spellsDeployments(e.getKey())) {
                lines.add(source + ": " + e.getKey() + ": spells " + deploymentsKey + " another way; its records are "
                        + "not read (only those under " + deploymentsKey + " are): move them there");
            }
        });
        return lines;
    }

    /**
     * For each URL of a record that held a credential (written by hand: this tool refuses one), a line
     * naming the file and the field: it is shown, sent on and written back without it.
     */
    public List<String> credentialsDropped() {
        return credentialsDropped.stream().map(field -> source + ": " + field + ": the URL holds a credential (user "
                + "info, or a parameter such as token); it is shown and sent to trackers without it, and a change writes "
                + "the file back without it (the file's git history still has it: revoke it)").toList();
    }

    /**
     * What the views pass over: for each entry of {@code deployments}, or of a record's
     * {@code history}, that is not an object ({@code "qa": "pending"}), a line naming the file, the
     * field and what it holds.
     */
    public List<String> skippedDeployments() {
        List<String> skipped = new ArrayList<>();
        JsonNode deployments = deploymentsNode(false);
        if (deployments != null) {
            deployments.fields().forEachRemaining(e -> {
                if (!e.getValue().isObject() && !e.getValue().isNull()) {
                    skipped.add(source + ": deployments." + e.getKey() + ": expected an object (a deployment record), "
                            + "got " + io.specweave.deploy.config.ConfigLoader.describe(e.getValue())
                            + "; shown as not deployed");
                } else if (e.getValue().get("history") instanceof ArrayNode history) {
                    for (int i = 0; i < history.size(); i++) {
                        JsonNode entry = history.get(i);
                        if (!entry.isObject() && !entry.isNull()) {
                            skipped.add(source + ": deployments." + e.getKey() + ".history[" + i + "]: expected an "
                                    + "object (an earlier deployment), got " + io.specweave.deploy.config.ConfigLoader
                                            .describe(entry) + "; passed over, and counted by no DORA key");
                        }
                    }
                }
            });
        }
        return skipped;
    }

    /**
     * What the views show as written although this tool cannot read it: for each record whose
     * {@code status} is none of {@link DeploymentStatus#LISTED} ({@code "success"}), a line naming the
     * file, the field and the statuses expected. The value itself stays as it is.
     */
    public List<String> unlistedStatuses() {
        List<String> lines = new ArrayList<>();
        deployments().forEach((environment, node) -> {
            JsonNode written = node.get("status");
            DeploymentStatus listed = written != null && written.isTextual() ? DeploymentStatus.of(written.asText()) : null;
            if (listed != null && listed.known()) {
                // The common case, without reading the record as a whole: the views read every record of 5,000.
                return;
            }
            DeploymentStatus status = DeploymentRecord.stateOf(node).status();
            if (status != null && !status.known()) {
                lines.add(source + ": " + DeploymentStatus.unlisted("deployments." + environment + "."
                        + statusKey(node, status) + " " + (written != null && written.isContainerNode() ? status.raw()
                                : "\"" + status.raw() + "\""))
                        + "; shown as written, and read as neither deployed nor failed");
            }
        });
        return lines;
    }

    /** The key that holds the record's {@code status}: its own name, else the one spelling it another way. */
    private static String statusKey(ObjectNode node, DeploymentStatus status) {
        if (node.hasNonNull("status")) {
            return "status";
        }
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(key -> {
            if ("status".equals(DeploymentRecord.fieldSpelledBy(key)) && status.raw().equals(node.get(key).asText())) {
                keys.add(key);
            }
        });
        return keys.isEmpty() ? "status" : keys.get(keys.size() - 1);
    }

    /**
     * {@link #deploymentForUpdate}, for a change that writes the rollout state {@code key}
     * ({@code slots}, {@code canary}: objects; {@code flagChanges}: a list) into it. A value of
     * another kind there is the user's ({@code "slots": "managed by argo"}): writing would replace
     * it, so it is refused, naming the file and the field, and nothing is written.
     */
    public ObjectNode deploymentForUpdate(String environment, String key) {
        ObjectNode node = deploymentForUpdate(environment);
        requireWritable(environment, key, null);
        return node;
    }

    /**
     * Refuses, as {@link #deploymentForUpdate(String, String)} would when it writes, a change of the
     * rollout state {@code key} over a value of another kind, and one of its {@code entry} (a slot's
     * name; null for none) that is no object ({@code "green": "managed by argo"}). A change calls it
     * before it decides anything, so the same bad file is the same bad input whatever gates say.
     */
    public void requireWritable(String environment, String key, String entry) {
        JsonNode deployments = deploymentsNode(false);
        JsonNode node = deployments == null ? null : deployments.get(environment);
        JsonNode value = node == null ? null : node.get(key);
        String where = source + ": deployments." + environment + "." + key;
        boolean list = "flagChanges".equals(key);
        refuseOtherKind(where, value, list ? "a list" : "an object");
        // A canary's steps are appended to, as a list is.
        if (CanaryState.KEY.equals(key) && value != null) {
            refuseOtherKind(where + ".steps", value.get("steps"), "a list");
        }
        if (entry != null && value != null) {
            refuseOtherKind(where + "." + entry, value.get(entry), "an object");
        }
    }

    private static void refuseOtherKind(String where, JsonNode value, String kind) {
        if (value != null && !value.isNull() && ("a list".equals(kind) ? !value.isArray() : !value.isObject())) {
            throw new BadInputException(where + ": expected " + kind + ", got " + JsonInput.kind(value) + "; make it "
                    + kind + " (or remove it) so this change can be recorded");
        }
    }

    /** {@code deployments.<environment>}, created empty at the end of {@code deployments} when absent. */
    public ObjectNode deploymentForUpdate(String environment) {
        ObjectNode deployments = (ObjectNode) deploymentsNode(true);
        JsonNode node = deployments.get(environment);
        if (node == null || node.isNull()) {
            return deployments.putObject(environment);
        }
        if (!node.isObject()) {
            throw new BadInputException(source + ": deployments." + environment + ": expected an object, got "
                    + io.specweave.deploy.config.ConfigLoader.describe(node));
        }
        return (ObjectNode) node;
    }

    private JsonNode deploymentsNode(boolean create) {
        JsonNode node = root.get(deploymentsKey);
        // An empty list holds nothing an object would lose: read as none.
        if (node == null || node.isNull() || node.isArray() && node.isEmpty()) {
            return create ? root.putObject(deploymentsKey) : null;
        }
        if (!node.isObject()) {
            throw new BadInputException(source + ": " + deploymentsKey + ": expected an object keyed by environment, got "
                    + io.specweave.deploy.config.ConfigLoader.describe(node));
        }
        return node;
    }

    /**
     * The file's text, laid out as SpecWeave writes it; a final newline only if the file had one,
     * CR LF line ends if it had them (a JSON text holds no raw line break inside a string).
     */
    public String toText() {
        String text = Json.pretty(root) + (finalNewline ? "\n" : "");
        return crlf ? text.replace("\n", "\r\n") : text;
    }

    /** A deep copy, so a dry run can change it without touching the original. */
    public MetadataDocument copy() {
        MetadataDocument copy = new MetadataDocument(root.deepCopy(), source, finalNewline, crlf);
        copy.deploymentsKey = deploymentsKey;
        copy.credentialsDropped = credentialsDropped;
        return copy;
    }
}
