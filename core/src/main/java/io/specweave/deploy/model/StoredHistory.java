package io.specweave.deploy.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * A record's {@code history} as read from {@code metadata.json}, turned into records only when
 * something reads it. A sync reads an environment's record several times (gates, the tracker's
 * request, the write) and most of those look at the current fields only; the history grows with
 * every deployment, so parsing it each time made a run slower the longer an environment lived.
 * Holds its own copy of the entries: the document's nodes change as the run writes.
 */
final class StoredHistory extends AbstractList<DeploymentRecord> {

    private ArrayNode entries;
    private List<DeploymentRecord> records;

    private StoredHistory(ArrayNode entries) {
        this.entries = entries;
    }

    /** The entries of {@code history} that are objects (anything else is left in the file, unread). */
    static List<DeploymentRecord> of(JsonNode history) {
        if (!(history instanceof ArrayNode array)) {
            return List.of();
        }
        ArrayNode entries = array.arrayNode();
        array.forEach(entry -> {
            if (entry instanceof ObjectNode) {
                entries.add(entry.deepCopy());
            }
        });
        return entries.isEmpty() ? List.of() : new StoredHistory(entries);
    }

    private synchronized List<DeploymentRecord> records() {
        if (records == null) {
            List<DeploymentRecord> parsed = new ArrayList<>(entries.size());
            entries.forEach(entry -> parsed.add(DeploymentRecord.fromNode((ObjectNode) entry)));
            records = List.copyOf(parsed);
            entries = null;
        }
        return records;
    }

    @Override
    public DeploymentRecord get(int index) {
        return records().get(index);
    }

    /** One record per entry: known without reading them. */
    @Override
    public synchronized int size() {
        return records != null ? records.size() : entries.size();
    }
}
