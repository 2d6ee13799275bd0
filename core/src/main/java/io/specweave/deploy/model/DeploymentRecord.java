package io.specweave.deploy.model;

import static io.specweave.deploy.Trees.bool;
import static io.specweave.deploy.Trees.decimal;
import static io.specweave.deploy.Trees.integer;
import static io.specweave.deploy.Trees.longNumber;
import static io.specweave.deploy.Trees.put;
import static io.specweave.deploy.Trees.text;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.KeyNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The state of one environment in an increment's {@code metadata.json} ({@code deployments.<env>}).
 * Field names are those of SpecWeave's documented example, plus {@code status}, {@code runUrl} and
 * {@code history}. Times are kept as the ISO-8601 text found in the file, so a value this tool does
 * not understand is kept, not lost; {@link #deployedAtInstant()} parses it leniently.
 */
public record DeploymentRecord(
        String profile,
        DeploymentStatus status,
        Integer issueNumber,
        String issueKey,
        Integer workItemId,
        String issueUrl,
        String workItemUrl,
        String deployedAt,
        String deployedBy,
        String commit,
        String branch,
        String tag,
        String deploymentUrl,
        String runUrl,
        HealthStatus healthStatus,
        Integer healthHttpStatus,
        Long healthLatencyMs,
        String healthMessage,
        String lastChecked,
        TestResults testResults,
        Double coverage,
        LoadTestResults loadTestResults,
        List<Approval> approvals,
        JsonNode metrics,
        ChangeRequest changeRequest,
        ChangeRequest nextChangeRequest,
        Boolean forced,
        List<DeploymentRecord> history) {

    /**
     * The fields this tool owns inside {@code deployments.<env>}; other keys there are left alone.
     * {@code note}, {@code rolledBackFrom} and {@code rollbackReason} are written by rollouts and rollbacks next to the
     * record (see {@code RollbackService}), {@code trackingPending} by a failed tracker update; listing them here
     * clears them when a later deployment replaces the record, so they never describe a deployment they do
     * not belong to.
     */
    public static final List<String> OWNED_FIELDS = List.of("profile", "status", "issueNumber", "issueKey",
            "workItemId", "issueUrl", "workItemUrl", "deployedAt", "deployedBy", "commit", "branch", "tag",
            "deploymentUrl", "runUrl", "healthStatus", "healthHttpStatus", "healthLatencyMs", "healthMessage",
            "lastChecked", "testResults", "coverage", "loadTestResults", "approvals", "metrics", "changeRequest",
            DeploymentRecord.NEXT_CHANGE_REQUEST, "forced", "note", "rolledBackFrom", "rollbackReason", DeploymentRecord.TRACKING_PENDING);

    /**
     * Set beside the record while its tracking item has not been told of its deployment (the tracker
     * failed): the next run tells it, although that run is no new deployment. Owned, so the tracker's
     * newer record wins over it and a later deployment clears it.
     */
    public static final String TRACKING_PENDING = "trackingPending";

    /**
     * A change request registered for the environment's next deployment while the record's own
     * {@code changeRequest} is its running deployment's: kept apart, so that deployment keeps its own in
     * history. The next deployment takes it as its {@code changeRequest}.
     */
    public static final String NEXT_CHANGE_REQUEST = "nextChangeRequest";

    /** True when {@code environmentNode} (an environment's entry) says its item is owed its deployment. */
    public static boolean trackingPending(JsonNode environmentNode) {
        return environmentNode != null && environmentNode.path(TRACKING_PENDING).asBoolean(false);
    }

    /**
     * Rollout state kept beside the record ({@code slots}, {@code canary}, {@code flagChanges}): each
     * belongs to the environment, not to one deployment, so history entries never carry it.
     */
    public static final List<String> ROLLOUT_KEYS = List.of(SlotsState.KEY, CanaryState.KEY, "flagChanges");

    /** {@code node} as a history entry stores it: without {@code history} and without rollout state. */
    public static ObjectNode historyEntry(ObjectNode node) {
        ObjectNode entry = node.deepCopy();
        entry.remove("history");
        entry.remove(ROLLOUT_KEYS);
        // What is owed to the item is the current deployment's; an earlier one is never told.
        entry.remove(TRACKING_PENDING);
        // The next deployment's, which took it.
        entry.remove(NEXT_CHANGE_REQUEST);
        return entry;
    }

    /**
     * True for a key that spells a field of the record another way ({@code health_status},
     * {@code Deployed-At}): a fact of the deployment it was written with, not of the environment.
     */
    public static boolean spellsAnOwnedField(String key) {
        return KeyNames.spelledOtherwise(key, OWNED_FIELDS) != null;
    }

    private static final Set<String> OWNED = Set.copyOf(OWNED_FIELDS);
    private static final Map<String, String> OWNED_BY_PLAIN_FORM = KeyNames.byPlainForm(OWNED_FIELDS);

    /** The field {@code key} names: itself, or the field it spells another way ({@code deployed_at}: deployedAt). */
    public static String fieldSpelledBy(String key) {
        if (OWNED.contains(key)) {
            return key;
        }
        return OWNED_BY_PLAIN_FORM.getOrDefault(KeyNames.plain(key), key);
    }

    /**
     * {@code node}, or a shallow copy of it in which a key that spells a field another way
     * ({@code deployed_at}, {@code Status}) stands under the field's name, when the node has no such
     * key itself: a hand-written record says when and what was deployed all the same.
     */
    static ObjectNode inOwnSpelling(ObjectNode node) {
        ObjectNode respelled = null;
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (OWNED.contains(key) || "history".equals(key)) {
                continue;
            }
            String name = OWNED_BY_PLAIN_FORM.get(KeyNames.plain(key));
            if (name != null && !node.has(name)) {
                if (respelled == null) {
                    respelled = node.objectNode().setAll(node);
                }
                respelled.set(name, field.getValue());
            }
        }
        return respelled == null ? node : respelled;
    }

    public DeploymentRecord {
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
        history = history == null ? List.of() : history instanceof StoredHistory ? history : List.copyOf(history);
    }

    /**
     * Reads a record leniently from its node; unknown keys are ignored here and kept in the file. Its
     * history is read when first used ({@link StoredHistory}), each entry as leniently.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DeploymentRecord fromNode(ObjectNode node) {
        ObjectNode current = node;
        if (node.has("history")) {
            // A shallow copy without the history: the current fields are read now, the history on demand.
            current = node.objectNode().setAll(node);
            current.remove("history");
        }
        DeploymentRecord record = currentFields(inOwnSpelling(current));
        List<DeploymentRecord> history = StoredHistory.of(node.get("history"));
        return history.isEmpty() ? record : record.toBuilder().history(history).build();
    }

    /**
     * The fields of {@code node} an environment's state is decided on ({@code status},
     * {@code deployedAt}, {@code healthStatus}), read as {@link #fromNode} reads them: for a view of
     * many records at once (a row per increment), which shows no more of each.
     */
    public static DeploymentRecord stateOf(ObjectNode environmentNode) {
        ObjectNode node = inOwnSpelling(environmentNode);
        return builder().status(status(node)).deployedAt(text(node, "deployedAt"))
                .healthStatus(HealthStatus.of(text(node, "healthStatus"))).build();
    }

    /**
     * The current fields, each read on its own: a value of the wrong kind ({@code "issueNumber":
     * "twelve"}, an object where text belongs) is left out of the record alone, and scalars are read as
     * a person would write them ({@code "12"} for a number, {@code 12} for text). Read by hand rather
     * than by Jackson's data binding, which costs a cold run (every CI step) more than the rest of a read.
     */
    private static DeploymentRecord currentFields(ObjectNode n) {
        return builder().profile(text(n, "profile")).status(status(n))
                .issueNumber(integer(n, "issueNumber")).issueKey(text(n, "issueKey"))
                .workItemId(integer(n, "workItemId")).issueUrl(text(n, "issueUrl"))
                .workItemUrl(text(n, "workItemUrl")).deployedAt(text(n, "deployedAt"))
                .deployedBy(text(n, "deployedBy")).commit(text(n, "commit")).branch(text(n, "branch"))
                .tag(text(n, "tag")).deploymentUrl(text(n, "deploymentUrl")).runUrl(text(n, "runUrl"))
                .healthStatus(HealthStatus.of(text(n, "healthStatus")))
                .healthHttpStatus(integer(n, "healthHttpStatus"))
                .healthLatencyMs(longNumber(n, "healthLatencyMs"))
                .healthMessage(text(n, "healthMessage")).lastChecked(text(n, "lastChecked"))
                .testResults(TestResults.from(copy(n, "testResults")))
                .coverage(decimal(n, "coverage"))
                .loadTestResults(LoadTestResults.from(copy(n, "loadTestResults")))
                .approvals(approvals(n.get("approvals"))).metrics(copy(n, "metrics"))
                .changeRequest(ChangeRequest.from(copy(n, "changeRequest")))
                .nextChangeRequest(ChangeRequest.from(copy(n, NEXT_CHANGE_REQUEST))).forced(bool(n, "forced"))
                .build();
    }

    /**
     * The record's status. SpecWeave's documented example writes none: a record of when it was
     * deployed and no status is a deployment that ran, and archived as one when the next comes. One
     * that is not a scalar ({@code {"phase": "ok"}}) is a status outside the list, written as JSON.
     */
    private static DeploymentStatus status(ObjectNode n) {
        JsonNode value = n.get("status");
        DeploymentStatus status = DeploymentStatus.of(value != null && value.isContainerNode() ? value.toString()
                : text(n, "status"));
        return status == null && text(n, "deployedAt") != null ? DeploymentStatus.DEPLOYED : status;
    }

    /** The record's own copy of a nested value; null for none and JSON null. */
    private static JsonNode copy(ObjectNode n, String field) {
        JsonNode value = n.get(field);
        return value == null || value.isNull() ? null : value.deepCopy();
    }

    /** The entries of an array; anything else is no approvals. */
    private static List<Approval> approvals(JsonNode value) {
        List<Approval> approvals = new ArrayList<>();
        if (value instanceof ArrayNode array) {
            array.forEach(entry -> approvals.add(Approval.from(entry.deepCopy())));
        }
        return approvals;
    }

    /** The record as a tree without {@code history}, as a history entry stores it: its fields in file order. */
    public ObjectNode toNodeWithoutHistory() {
        ObjectNode n = Json.mapper().createObjectNode();
        put(n, "profile", profile);
        put(n, "status", status == null ? null : status.raw());
        put(n, "issueNumber", issueNumber);
        put(n, "issueKey", issueKey);
        put(n, "workItemId", workItemId);
        put(n, "issueUrl", issueUrl);
        put(n, "workItemUrl", workItemUrl);
        put(n, "deployedAt", deployedAt);
        put(n, "deployedBy", deployedBy);
        put(n, "commit", commit);
        put(n, "branch", branch);
        put(n, "tag", tag);
        put(n, "deploymentUrl", deploymentUrl);
        put(n, "runUrl", runUrl);
        put(n, "healthStatus", healthStatus == null ? null : healthStatus.raw());
        put(n, "healthHttpStatus", healthHttpStatus);
        put(n, "healthLatencyMs", healthLatencyMs);
        put(n, "healthMessage", healthMessage);
        put(n, "lastChecked", lastChecked);
        put(n, "testResults", testResults == null ? null : testResults.toNode());
        put(n, "coverage", coverage);
        put(n, "loadTestResults", loadTestResults == null ? null : loadTestResults.toNode());
        if (!approvals.isEmpty()) {
            ArrayNode array = n.putArray("approvals");
            approvals.forEach(a -> array.add(a.toNode()));
        }
        put(n, "metrics", metrics == null ? null : metrics.deepCopy());
        put(n, "changeRequest", changeRequest == null ? null : changeRequest.toNode());
        put(n, NEXT_CHANGE_REQUEST, nextChangeRequest == null ? null : nextChangeRequest.toNode());
        put(n, "forced", forced);
        return n;
    }

    /** The record as a tree, history included, as {@code metadata.json} stores it (and any JSON output shows it). */
    @JsonValue
    public ObjectNode toNode() {
        ObjectNode node = toNodeWithoutHistory();
        if (!history.isEmpty()) {
            var array = node.putArray("history");
            history.forEach(h -> array.add(h.toNodeWithoutHistory()));
        }
        return node;
    }

    /** Parses {@link #deployedAt()}; null when absent or not a time. */
    public Instant deployedAtInstant() {
        return parseTime(deployedAt);
    }

    /** Parses ISO-8601 instants and offset date-times; null for anything else. */
    public static Instant parseTime(String text) {
        return io.specweave.deploy.Times.parse(text);
    }

    /** Issue number, Jira key or work item id, whichever the provider stores, as the {@code tracking-id} output shows it. */
    public String trackingId() {
        if (issueKey != null) {
            return issueKey;
        }
        if (issueNumber != null) {
            return String.valueOf(issueNumber);
        }
        return workItemId != null ? String.valueOf(workItemId) : null;
    }

    /** The tracking item as people write it: {@code #57} for a GitHub issue, else the key or id. */
    public String trackingLabel() {
        return issueKey == null && issueNumber != null ? "#" + issueNumber : trackingId();
    }

    /** Issue URL or work item URL. */
    public String trackingUrl() {
        return issueUrl != null ? issueUrl : workItemUrl;
    }

    /** Same commit and same run: a re-run of one deployment rather than a new one. */
    public boolean sameDeploymentAs(DeploymentRecord other) {
        return other != null && Commits.equal(commit, other.commit) && Objects.equals(runUrl, other.runUrl)
                && Objects.equals(tag, other.tag);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.profile = profile;
        b.status = status;
        b.issueNumber = issueNumber;
        b.issueKey = issueKey;
        b.workItemId = workItemId;
        b.issueUrl = issueUrl;
        b.workItemUrl = workItemUrl;
        b.deployedAt = deployedAt;
        b.deployedBy = deployedBy;
        b.commit = commit;
        b.branch = branch;
        b.tag = tag;
        b.deploymentUrl = deploymentUrl;
        b.runUrl = runUrl;
        b.healthStatus = healthStatus;
        b.healthHttpStatus = healthHttpStatus;
        b.healthLatencyMs = healthLatencyMs;
        b.healthMessage = healthMessage;
        b.lastChecked = lastChecked;
        b.testResults = testResults;
        b.coverage = coverage;
        b.loadTestResults = loadTestResults;
        b.approvals = approvals;
        b.metrics = metrics;
        b.changeRequest = changeRequest;
        b.nextChangeRequest = nextChangeRequest;
        b.forced = forced;
        b.history = history;
        return b;
    }

    /** Builds records field by field; unset fields stay null and are not written. */
    public static final class Builder {
        private String profile;
        private DeploymentStatus status;
        private Integer issueNumber;
        private String issueKey;
        private Integer workItemId;
        private String issueUrl;
        private String workItemUrl;
        private String deployedAt;
        private String deployedBy;
        private String commit;
        private String branch;
        private String tag;
        private String deploymentUrl;
        private String runUrl;
        private HealthStatus healthStatus;
        private Integer healthHttpStatus;
        private Long healthLatencyMs;
        private String healthMessage;
        private String lastChecked;
        private TestResults testResults;
        private Double coverage;
        private LoadTestResults loadTestResults;
        private List<Approval> approvals;
        private JsonNode metrics;
        private ChangeRequest changeRequest;
        private ChangeRequest nextChangeRequest;
        private Boolean forced;
        private List<DeploymentRecord> history;

        public Builder profile(String v) { profile = v; return this; }
        public Builder status(DeploymentStatus v) { status = v; return this; }
        public Builder issueNumber(Integer v) { issueNumber = v; return this; }
        public Builder issueKey(String v) { issueKey = v; return this; }
        public Builder workItemId(Integer v) { workItemId = v; return this; }
        public Builder issueUrl(String v) { issueUrl = v; return this; }
        public Builder workItemUrl(String v) { workItemUrl = v; return this; }
        public Builder deployedAt(String v) { deployedAt = v; return this; }
        public Builder deployedBy(String v) { deployedBy = v; return this; }
        public Builder commit(String v) { commit = v; return this; }
        public Builder branch(String v) { branch = v; return this; }
        public Builder tag(String v) { tag = v; return this; }
        public Builder deploymentUrl(String v) { deploymentUrl = v; return this; }
        public Builder runUrl(String v) { runUrl = v; return this; }
        public Builder healthStatus(HealthStatus v) { healthStatus = v; return this; }
        public Builder healthHttpStatus(Integer v) { healthHttpStatus = v; return this; }
        public Builder healthLatencyMs(Long v) { healthLatencyMs = v; return this; }
        public Builder healthMessage(String v) { healthMessage = v; return this; }
        public Builder lastChecked(String v) { lastChecked = v; return this; }
        public Builder testResults(TestResults v) { testResults = v; return this; }
        public Builder coverage(Double v) { coverage = v; return this; }
        public Builder loadTestResults(LoadTestResults v) { loadTestResults = v; return this; }
        public Builder approvals(List<Approval> v) { approvals = v; return this; }
        public Builder metrics(JsonNode v) { metrics = v; return this; }
        public Builder changeRequest(ChangeRequest v) { changeRequest = v; return this; }
        public Builder nextChangeRequest(ChangeRequest v) { nextChangeRequest = v; return this; }
        public Builder forced(Boolean v) { forced = v; return this; }
        public Builder history(List<DeploymentRecord> v) { history = v; return this; }

        public DeploymentRecord build() {
            return new DeploymentRecord(profile, status, issueNumber, issueKey, workItemId, issueUrl, workItemUrl,
                    deployedAt, deployedBy, commit, branch, tag, deploymentUrl, runUrl, healthStatus, healthHttpStatus,
                    healthLatencyMs, healthMessage, lastChecked, testResults, coverage, loadTestResults, approvals,
                    metrics, changeRequest, nextChangeRequest, forced, history);
        }
    }
}
