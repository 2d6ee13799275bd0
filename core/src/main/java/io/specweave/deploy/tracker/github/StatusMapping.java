package io.specweave.deploy.tracker.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.config.SpecweaveConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SpecWeave's own {@code sync.statusSync.mappings.github}: for each increment status the issue
 * state ({@code "completed": "closed"}) or an object with a state and labels
 * ({@code "active": {"state": "open", "labels": ["in-progress"]}}).
 *
 * @param state      "open", "closed", or null when the config says nothing for the status (the state is left alone)
 * @param labels     labels the mapping adds for the status
 * @param allLabels  labels any status of the mapping adds: the ones to remove when the status no longer asks for them
 * @param warnings   entries that could not be read
 */
record StatusMapping(String state, List<String> labels, Set<String> allLabels, List<String> warnings) {

    static final String POINTER = "/sync/statusSync/mappings/github";

    static StatusMapping of(SpecweaveConfig config, String incrementStatus) {
        JsonNode mappings = config.at(POINTER);
        Set<String> all = new LinkedHashSet<>();
        List<String> warnings = new ArrayList<>();
        String state = null;
        List<String> labels = new ArrayList<>();
        if (!mappings.isObject()) {
            return new StatusMapping(null, List.of(), Set.of(), List.of());
        }
        for (var entry : mappings.properties()) {
            JsonNode value = entry.getValue();
            List<String> entryLabels = new ArrayList<>();
            JsonNode labelNode = value.path("labels");
            if (labelNode.isArray()) {
                labelNode.forEach(l -> {
                    if (l.isTextual() && !l.asText().isBlank()) {
                        entryLabels.add(l.asText().trim());
                    }
                });
            }
            all.addAll(entryLabels);
            if (incrementStatus == null || !entry.getKey().equalsIgnoreCase(incrementStatus)) {
                continue;
            }
            String raw = value.isTextual() ? value.asText() : value.path("state").asText(null);
            String normalized = raw == null ? null : raw.trim().toLowerCase(Locale.ROOT);
            if ("open".equals(normalized) || "closed".equals(normalized)) {
                state = normalized;
            } else {
                warnings.add(config.source() + ": sync.statusSync.mappings.github." + entry.getKey()
                        + ": expected \"open\" or \"closed\" (or {\"state\": ...}), got " + value
                        + "; the issue's state was left as it is");
            }
            labels.addAll(entryLabels);
        }
        return new StatusMapping(state, List.copyOf(labels), Set.copyOf(all), List.copyOf(warnings));
    }
}
