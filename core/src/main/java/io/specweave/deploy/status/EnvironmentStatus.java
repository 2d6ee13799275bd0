package io.specweave.deploy.status;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.Trees;
import io.specweave.deploy.model.CanaryState;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.DeploymentStatus;
import io.specweave.deploy.model.SlotsState;
import java.util.ArrayList;
import java.util.List;

/**
 * One environment of an increment's pipeline.
 *
 * @param environment the environment
 * @param state       deployed, failed, in_progress, rolled_back, not_deployed, or a status found in the file
 * @param profile     the profile recording it, may be null
 * @param provider    that profile's provider, may be null
 * @param trackingId  issue number, key or work item id, may be null
 * @param trackingUrl link to the tracking item, may be null
 * @param record      the record, null when never deployed
 * @param slots       the environment's blue-green slots, null when it has none
 * @param canary      the environment's canary (running, promoted or abandoned), null when it never had one
 * @param stored      the environment's entry as {@code metadata.json} holds it ({@code deployments.<env>}), for
 *                    what the record does not model; null when there is none (or it was not read)
 */
public record EnvironmentStatus(
        String environment,
        String state,
        String profile,
        String provider,
        String trackingId,
        String trackingUrl,
        DeploymentRecord record,
        SlotsState slots,
        CanaryState canary,
        ObjectNode stored) {

    public static final String NOT_DEPLOYED = "not_deployed";
    /** The states a known {@link DeploymentStatus} shows as: its own spelling. */
    public static final String DEPLOYED = "deployed";
    public static final String FAILED = "failed";
    public static final String IN_PROGRESS = "in_progress";
    public static final String ROLLED_BACK = "rolled_back";
    /**
     * How a finished deployment whose health check failed is shown (marks, colours, the overview):
     * deployed, but not a success to take for granted. Its {@code state} stays {@code deployed}.
     */
    public static final String DEPLOYED_UNHEALTHY = "deployed_unhealthy";

    /** {@link #DEPLOYED_UNHEALTHY} for a deployed record whose last health check failed, else {@code state}. */
    public static String shown(String state, io.specweave.deploy.model.HealthStatus health) {
        return DEPLOYED.equals(state) && io.specweave.deploy.model.HealthStatus.isFailing(health) ? DEPLOYED_UNHEALTHY
                : state;
    }

    /**
     * The state of an environment holding {@code record} (null: none), the one rule of every status
     * view and of both {@code status --json} forms: its status in this tool's spelling; without one,
     * not deployed (a record holding only approvals or a change request, from {@code approve}, is not
     * a deployment yet; one that says when it was deployed reads as deployed already, {@link
     * DeploymentRecord#fromNode}). A failed health check leaves the state
     * as it is: {@link #shown} is how the views mark it.
     */
    public static String stateOf(DeploymentRecord record) {
        if (record == null) {
            return NOT_DEPLOYED;
        }
        return record.status() == null ? NOT_DEPLOYED : stateOf(record.status());
    }

    /** The state a record's status shows as: this tool's spelling for a status it knows, else the text as found. */
    public static String stateOf(DeploymentStatus status) {
        if (status == null) {
            return NOT_DEPLOYED;
        }
        return switch (status.kind()) {
            case DEPLOYED -> DEPLOYED;
            case FAILED -> FAILED;
            case IN_PROGRESS -> IN_PROGRESS;
            case ROLLED_BACK -> ROLLED_BACK;
            case OTHER -> status.raw();
        };
    }

    /** An environment without blue-green slots or canary. */
    public EnvironmentStatus(String environment, String state, String profile, String provider, String trackingId,
            String trackingUrl, DeploymentRecord record) {
        this(environment, state, profile, provider, trackingId, trackingUrl, record, null, null);
    }

    /** An environment whose stored entry was not read: JSON shows what the record and its rollout state model. */
    public EnvironmentStatus(String environment, String state, String profile, String provider, String trackingId,
            String trackingUrl, DeploymentRecord record, SlotsState slots, CanaryState canary) {
        this(environment, state, profile, provider, trackingId, trackingUrl, record, slots, canary, null);
    }

    /**
     * The environment as JSON output shows it: its own fields, then the record's fields among them
     * (a field both have shows the record's value), then slots and canary, then every other key of
     * the stored entry as stored (a team's own keys, a rollback's reason, a value the record could not
     * read), as the outcome's {@code deployment} shows the entry. Its {@code history} is the record's.
     */
    @JsonValue
    public ObjectNode toNode() {
        ObjectNode node = Json.mapper().createObjectNode();
        Trees.put(node, "environment", environment);
        Trees.put(node, "state", state);
        Trees.put(node, "profile", profile);
        Trees.put(node, "provider", provider);
        Trees.put(node, "trackingId", trackingId);
        Trees.put(node, "trackingUrl", trackingUrl);
        if (record != null) {
            node.setAll(record.toNode());
        }
        // Slots and canary as stored, the state read from them written over (their other keys kept:
        // a canary's lastAnalysis and rollbackReason, a team's own), as metadata.json holds them.
        ObjectNode rollout = Json.mapper().createObjectNode();
        if (stored != null) {
            for (String key : List.of(SlotsState.KEY, CanaryState.KEY)) {
                if (stored.get(key) instanceof ObjectNode kept) {
                    rollout.set(key, kept.deepCopy());
                }
            }
        }
        if (slots != null) {
            if (rollout.has(SlotsState.KEY)) {
                slots.write(rollout);
            } else {
                rollout.set(SlotsState.KEY, Trees.toNode(slots));
            }
        }
        if (canary != null) {
            canary.write(rollout);
        }
        if (slots != null) {
            node.set(SlotsState.KEY, rollout.get(SlotsState.KEY));
        }
        if (canary != null) {
            node.set(CanaryState.KEY, rollout.get(CanaryState.KEY));
        }
        if (stored != null) {
            keepOtherKeys(node, stored);
            historyKeepsOtherKeys(node, stored);
        }
        return node;
    }

    /** Every key of {@code stored} that {@code shown} has not, as stored; history aside. */
    private static void keepOtherKeys(ObjectNode shown, ObjectNode stored) {
        stored.fields().forEachRemaining(e -> {
            if (!shown.has(e.getKey()) && !"history".equals(e.getKey())) {
                shown.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }

    /**
     * Each earlier deployment shown with its stored keys the record does not read (a team's
     * {@code ticket}, a rollback's {@code reason}), as the current one is. The record's history is
     * the stored entries that are objects, in order; when it is not (a refresh brought another), the
     * record's alone.
     */
    private static void historyKeepsOtherKeys(ObjectNode shown, ObjectNode stored) {
        if (!(shown.get("history") instanceof ArrayNode entries) || !(stored.get("history") instanceof ArrayNode all)) {
            return;
        }
        List<ObjectNode> storedEntries = new ArrayList<>();
        all.forEach(entry -> {
            if (entry instanceof ObjectNode object) {
                storedEntries.add(object);
            }
        });
        if (storedEntries.size() != entries.size()) {
            return;
        }
        for (int i = 0; i < entries.size(); i++) {
            keepOtherKeys((ObjectNode) entries.get(i), storedEntries.get(i));
        }
    }

    /** The tracking item as people write it: {@code #57} for a GitHub issue, else the key or id. */
    @JsonIgnore
    public String trackingLabel() {
        return trackingId != null && "github".equals(provider) && trackingId.matches("\\d+") ? "#" + trackingId : trackingId;
    }

    @JsonIgnore
    public boolean isDeployed() {
        return DEPLOYED.equals(state);
    }

    /** What the views show: the state, or {@link #DEPLOYED_UNHEALTHY}. */
    @JsonIgnore
    public String shownState() {
        return shown(state, record == null ? null : record.healthStatus());
    }

    /** The mark the text view shows. */
    @JsonIgnore
    public String mark() {
        return mark(shownState());
    }

    /** The mark of a shown state. */
    public static String mark(String state) {
        return switch (state) {
            case DEPLOYED -> "✅";
            case DEPLOYED_UNHEALTHY -> "⚠️";
            case FAILED -> "❌";
            case IN_PROGRESS -> "🔄";
            case ROLLED_BACK -> "↩️";
            case NOT_DEPLOYED -> "⏳";
            default -> "•";
        };
    }

    /** The mark in plain ASCII, for {@code NO_COLOR} or non-UTF-8 terminals. */
    @JsonIgnore
    public String asciiMark() {
        return asciiMark(shownState());
    }

    /** The ASCII mark of a shown state. */
    public static String asciiMark(String state) {
        return switch (state) {
            case DEPLOYED -> "[x]";
            case DEPLOYED_UNHEALTHY -> "[u]";
            case FAILED -> "[!]";
            case IN_PROGRESS -> "[~]";
            case ROLLED_BACK -> "[<]";
            case NOT_DEPLOYED -> "[ ]";
            default -> "[?]";
        };
    }
}
