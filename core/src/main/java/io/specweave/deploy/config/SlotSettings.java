package io.specweave.deploy.config;

import io.specweave.deploy.http.Urls;
import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Input;
import io.specweave.deploy.Json;
import io.specweave.deploy.Message;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A profile's blue-green slots: {@code "slots": {"blue": {"url": "https://blue.myapp.com"},
 * "green": {"url": "https://green.myapp.com"}}}. Without the setting the slots are {@code blue}
 * and {@code green}, with no URL of their own (a deploy may pass one).
 *
 * @param names two slot names, in config order
 * @param urls  slot name → URL, for the slots that have one
 * @param where how messages name the setting
 */
public record SlotSettings(List<String> names, Map<String, String> urls, String where) {

    static final List<String> DEFAULT_NAMES = List.of("blue", "green");
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,30}");
    /** Keys of the stored {@code slots} object that are not slot names. */
    static final Set<String> RESERVED = Set.of("live", "previouslive", "swappedat", "swaps");

    public static SlotSettings of(SyncProfile profile) {
        String where = profile.source() + ": " + profile.settingPath("slots");
        JsonNode node = profile.setting("slots");
        if (node == null || node.isNull()) {
            return new SlotSettings(DEFAULT_NAMES, Map.of(), where);
        }
        if (!node.isObject()) {
            throw new BadInputException(where + ": expected an object of two slots, e.g. {\"blue\": {\"url\": "
                    + "\"https://blue.myapp.com\"}, \"green\": {\"url\": \"https://green.myapp.com\"}}");
        }
        List<String> names = new ArrayList<>();
        Map<String, String> urls = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String name = e.getKey();
            if (!NAME.matcher(name).matches() || RESERVED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                throw new BadInputException(where + "." + name + ": expected a slot name of lower-case letters, "
                        + "digits or '_' (not live, previousLive, swappedAt or swaps), such as \"green\"");
            }
            if (!e.getValue().isObject()) {
                throw new BadInputException(where + "." + name + ": expected an object such as {\"url\": "
                        + "\"https://" + name + ".myapp.com\"}");
            }
            String url = Json.text(e.getValue(), "url");
            if (e.getValue().has("url") && url == null) {
                throw new BadInputException(where + "." + name + ".url: expected an absolute http(s) URL");
            }
            if (url != null) {
                // Recorded with the slot's deployment and health-checked: a password would leak into both.
                Urls.withoutCredentials(url, where + "." + name + ".url", ConfigLoader.RECORDED);
                urls.put(name, url);
            }
            names.add(name);
        }
        if (names.size() != 2) {
            throw new BadInputException(where + ": expected exactly two slots (one live, one idle), got "
                    + names.size() + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")"));
        }
        return new SlotSettings(List.copyOf(names), Map.copyOf(urls), where);
    }

    /** Fails with the known names unless {@code slot}, given by {@code input}, is one of them. */
    public void requireSlot(String slot, Input input) {
        if (!names.contains(slot)) {
            throw new BadInputException(input, Message.text("slot \"" + slot + "\": expected one of " + String.join(", ", names)
                    + (urls.isEmpty() ? " (the default slots; configure others in " + where + ")" : " (" + where + ")")));
        }
    }

    /** The slot that is not {@code slot}. */
    public String other(String slot) {
        return names.get(0).equals(slot) ? names.get(1) : names.get(0);
    }

    /** The slot's configured URL, or null. */
    public String url(String slot) {
        return urls.get(slot);
    }
}
