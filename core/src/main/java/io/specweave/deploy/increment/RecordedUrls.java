package io.specweave.deploy.increment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.http.Urls;
import java.util.ArrayList;
import java.util.List;

/**
 * URLs written into a record by hand with a credential in them (user info, a {@code token}
 * parameter). What this tool records never holds one (every such input is refused), but a file is
 * read as it is written: read, each URL is taken without its credential, so no view, output,
 * tracking item or record copy repeats it, and a change writes the file back without it.
 */
public final class RecordedUrls {

    private RecordedUrls() {
    }

    /**
     * Replaces each URL holding a credential in {@code node} and below with the URL without it
     * ({@link Urls#withoutCredentialParts}); returns the fields it changed, as paths from {@code path}.
     */
    public static List<String> dropCredentials(JsonNode node, String path) {
        List<String> changed = new ArrayList<>();
        drop(node, path, changed);
        return changed;
    }

    private static void drop(JsonNode node, String path, List<String> changed) {
        if (node instanceof ObjectNode object) {
            // Every record of every increment is walked (status over thousands): no copy of the names, no path
            // built unless a URL changes.
            for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                java.util.Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                String shown = value.isTextual() ? Urls.withoutCredentialParts(value.asText()) : null;
                if (shown != null) {
                    field.setValue(com.fasterxml.jackson.databind.node.TextNode.valueOf(shown));
                    changed.add(path + "." + field.getKey());
                } else if (value.isContainerNode()) {
                    drop(value, path + "." + field.getKey(), changed);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                String shown = value.isTextual() ? Urls.withoutCredentialParts(value.asText()) : null;
                if (shown != null) {
                    array.set(i, shown);
                    changed.add(path + "[" + i + "]");
                } else if (value.isContainerNode()) {
                    drop(value, path + "[" + i + "]", changed);
                }
            }
        }
    }
}
