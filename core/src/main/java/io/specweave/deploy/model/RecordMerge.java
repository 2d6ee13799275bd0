package io.specweave.deploy.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.Trees;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Merges two copies of one environment's record — the local {@code metadata.json} and the copy a
 * tracker keeps on its item — into one: the newer current state wins, and the history is the
 * union of both sides' histories (never dropping an entry), oldest first. The older current
 * state, when it is a different deployment, becomes a history entry too. Keys of the local node
 * that this tool does not own are kept, and so is a local free text the copy holds cut
 * ({@link FreeText}).
 */
public final class RecordMerge {

    private RecordMerge() {
    }

    /** The outcome: the merged node and whether it differs from the local one. */
    public record Result(ObjectNode merged, boolean changed, boolean remoteWasNewer, int historyAdded) {
    }

    public static Result merge(ObjectNode local, ObjectNode remote) {
        if (remote == null || !hasState(remote)) {
            return new Result(local == null ? null : local.deepCopy(), false, false, 0);
        }
        if (local == null || !hasState(local)) {
            ObjectNode copy = remote.deepCopy();
            if (local != null) {
                // keep whatever foreign keys the local node had
                local.fields().forEachRemaining(e -> {
                    if (!copy.has(e.getKey())) {
                        copy.set(e.getKey(), e.getValue().deepCopy());
                    }
                });
            }
            LeftOut.restore(copy, local, false);
            return new Result(copy, true, true, history(copy).size());
        }
        boolean remoteNewer = isNewer(remote, local);
        ObjectNode newer = remoteNewer ? remote : local;
        ObjectNode older = remoteNewer ? local : remote;

        List<ObjectNode> entries = new ArrayList<>();
        entries.addAll(history(local));
        entries.addAll(history(remote));
        if (!sameDeployment(newer, older) && DeploymentRecord.OWNED_FIELDS.stream().anyMatch(older::hasNonNull)) {
            entries.add(DeploymentRecord.historyEntry(older));
        }
        List<ObjectNode> union = dedupe(entries);
        union.sort(Comparator.comparing(RecordMerge::timeOrMin));

        ObjectNode merged = local.deepCopy();
        for (String field : DeploymentRecord.OWNED_FIELDS) {
            JsonNode value = newer.get(field);
            if (value == null || value.isNull()) {
                merged.remove(field);
            } else {
                merged.set(field, value.deepCopy());
            }
        }
        // Keys the remote copy has and the local lacks (e.g. rollout state) come along.
        newer.fields().forEachRemaining(e -> {
            if (!merged.has(e.getKey()) && !e.getKey().equals("history")) {
                merged.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        mergeRolloutState(merged, local, remote);
        JsonNode written = local.get("history");
        // A history that is not a list stays as the user wrote it (a new deployment over it is refused, naming the file).
        if (written == null || written.isNull() || written.isArray()) {
            merged.remove("history");
            if (!union.isEmpty()) {
                ArrayNode history = merged.putArray("history");
                union.forEach(history::add);
            }
        }
        // A copy's free text may be cut to fit its tracker; the whole text this side has stays, and so does a
        // value the copy left out.
        FreeText.restoreWhole(merged, local);
        LeftOut.restore(merged, local, sameDeployment(merged, local));
        int added = union.size() - history(local).size();
        boolean changed = !Trees.sameValue(merged, local);
        return new Result(merged, changed, remoteNewer, Math.max(0, added));
    }

    private static boolean hasState(ObjectNode node) {
        return DeploymentRecord.OWNED_FIELDS.stream().anyMatch(node::hasNonNull)
                || DeploymentRecord.ROLLOUT_KEYS.stream().anyMatch(node::has);
    }

    /**
     * Rollout state beside the record has its own times, so each side's newest state wins on its own.
     * Blue-green slots and the canary are taken from the side whose state changed last (the latest
     * time anywhere in it); flag changes are the union of both sides' entries, oldest first.
     */
    private static void mergeRolloutState(ObjectNode merged, ObjectNode local, ObjectNode remote) {
        for (String key : List.of(SlotsState.KEY, CanaryState.KEY)) {
            JsonNode mine = local.get(key);
            JsonNode theirs = remote.get(key);
            if (theirs == null || theirs.isNull()) {
                continue;
            }
            if (mine == null || mine.isNull() || latest(theirs).isAfter(latest(mine))) {
                merged.set(key, theirs.deepCopy());
            }
        }
        JsonNode mine = local.get("flagChanges");
        JsonNode theirs = remote.get("flagChanges");
        if (mine instanceof ArrayNode a && theirs instanceof ArrayNode b) {
            Map<String, JsonNode> union = new LinkedHashMap<>();
            for (ArrayNode side : List.of(a, b)) {
                side.forEach(change -> union.putIfAbsent(Json.compact(change), change));
            }
            List<JsonNode> entries = new ArrayList<>(union.values());
            entries.sort(Comparator.comparing(c -> {
                Instant at = DeploymentRecord.parseTime(c.path("at").asText(null));
                return at == null ? Instant.MIN : at;
            }));
            ArrayNode array = merged.putArray("flagChanges");
            entries.forEach(c -> array.add(c.deepCopy()));
        }
    }

    /** The latest ISO-8601 time anywhere in {@code node}: when that state last changed. */
    private static Instant latest(JsonNode node) {
        Instant latest = Instant.MIN;
        if (node.isTextual()) {
            Instant t = DeploymentRecord.parseTime(node.asText());
            return t == null ? latest : t;
        }
        for (JsonNode child : node) {
            Instant t = latest(child);
            if (t.isAfter(latest)) {
                latest = t;
            }
        }
        return latest;
    }

    private static boolean isNewer(ObjectNode a, ObjectNode b) {
        Instant ta = DeploymentRecord.parseTime(text(a, "deployedAt"));
        Instant tb = DeploymentRecord.parseTime(text(b, "deployedAt"));
        if (ta != null && tb != null && !ta.equals(tb)) {
            return ta.isAfter(tb);
        }
        if (ta != null && tb == null) {
            return true;
        }
        if (sameDeployment(a, b)) {
            // Same deployment on both sides: the one checked more recently knows more.
            Instant ca = DeploymentRecord.parseTime(text(a, "lastChecked"));
            Instant cb = DeploymentRecord.parseTime(text(b, "lastChecked"));
            return ca != null && (cb == null || ca.isAfter(cb));
        }
        return false;
    }

    private static boolean sameDeployment(ObjectNode a, ObjectNode b) {
        return Objects.equals(text(a, "commit"), text(b, "commit")) && Objects.equals(text(a, "runUrl"), text(b, "runUrl"))
                && Objects.equals(text(a, "tag"), text(b, "tag")) && Objects.equals(text(a, "deployedAt"), text(b, "deployedAt"));
    }

    private static List<ObjectNode> history(ObjectNode node) {
        List<ObjectNode> list = new ArrayList<>();
        JsonNode history = node.get("history");
        if (history != null && history.isArray()) {
            history.forEach(h -> {
                if (h.isObject()) {
                    list.add((ObjectNode) h.deepCopy());
                }
            });
        }
        return list;
    }

    /** Entries are the same when their identifying facts agree; the first seen is kept. */
    private static List<ObjectNode> dedupe(List<ObjectNode> entries) {
        Map<String, ObjectNode> unique = new LinkedHashMap<>();
        for (ObjectNode entry : entries) {
            String key = String.join("\u0000", String.valueOf(text(entry, "deployedAt")), String.valueOf(text(entry, "commit")),
                    String.valueOf(text(entry, "runUrl")), String.valueOf(text(entry, "tag")), String.valueOf(text(entry, "status")));
            unique.putIfAbsent(key, entry);
        }
        return new ArrayList<>(unique.values());
    }

    private static Instant timeOrMin(ObjectNode node) {
        Instant t = DeploymentRecord.parseTime(text(node, "deployedAt"));
        return t == null ? Instant.MIN : t;
    }

    private static String text(ObjectNode node, String field) {
        return Json.text(node, field);
    }
}
