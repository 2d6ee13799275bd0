package io.specweave.deploy.tracker.ado;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.Message;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.http.HttpResult;
import io.specweave.deploy.http.RestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Azure DevOps Work Item Tracking calls (REST 7.1) the tracker makes, on the shared
 * {@link RestClient}: get, list by ids, WIQL, create and update with JSON Patch. Refusals become
 * {@link OperationFailedException}s naming the token variable, never the token.
 */
final class AdoClient {

    static final String API_VERSION = "api-version=7.1";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final AdoSettings settings;
    private final RestClient http;

    AdoClient(AdoSettings settings, RestClient http) {
        this.settings = settings;
        this.http = http;
    }

    /** A work item as the tracker sees it. */
    record WorkItem(int id, int rev, String title, String description, List<String> tags, String state,
            String type, List<String> hyperlinks, RecordAttachment recordCopy, java.time.Instant created) {

        static WorkItem of(JsonNode node) {
            JsonNode f = node.path("fields");
            List<String> tags = new ArrayList<>();
            for (String t : f.path("System.Tags").asText("").split(";")) {
                if (!t.isBlank()) {
                    tags.add(t.trim());
                }
            }
            List<String> links = new ArrayList<>();
            RecordAttachment copy = null;
            JsonNode relations = node.path("relations");
            for (int i = 0; i < relations.size(); i++) {
                JsonNode r = relations.get(i);
                if ("Hyperlink".equals(r.path("rel").asText())) {
                    links.add(r.path("url").asText());
                }
                String comment = r.path("attributes").path("comment").asText("");
                if ("AttachedFile".equals(r.path("rel").asText()) && comment.startsWith(RECORD_COMMENT)) {
                    copy = new RecordAttachment(i, r.path("url").asText(), comment);
                }
            }
            return new WorkItem(node.path("id").asInt(), node.path("rev").asInt(), f.path("System.Title").asText(null),
                    f.path("System.Description").asText(""), tags, f.path("System.State").asText(null),
                    f.path("System.WorkItemType").asText(null), links, copy, created(f.path("System.CreatedDate").asText(null)));
        }

        /** {@code System.CreatedDate}, ISO-8601 UTC; null when absent or in another form. */
        private static java.time.Instant created(String text) {
            if (text == null) {
                return null;
            }
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }
    }

    /**
     * The {@code AttachedFile} relation holding the record copy: its index among the item's relations
     * (for a {@code remove}), the attachment's URL, and the comment carrying the copy's fingerprint.
     */
    record RecordAttachment(int index, String url, String comment) {
    }

    /** The file name of the record copy attachment. */
    static final String RECORD_FILE = "specweave-deploy-record.json";
    /** How the record copy's relation comment starts; the copy's fingerprint follows. */
    static final String RECORD_COMMENT = "SpecWeave Deploy record copy ";
    private static final java.util.regex.Pattern ATTACHMENT_ID = java.util.regex.Pattern.compile(
            "/_apis/wit/attachments/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?:[?].*)?$");

    /** An {@code AttachedFile} relation to add. */
    static ObjectNode attachedFile(String url, String comment) {
        ObjectNode value = F.objectNode().put("rel", "AttachedFile").put("url", url);
        value.putObject("attributes").put("comment", comment);
        return op("add", "/relations/-", value);
    }

    /** Uploads {@code content} as an attachment of the project; returns its URL. */
    String upload(String fileName, byte[] content) {
        HttpResult r = send(RestClient.Call.of("POST", settings.api("/attachments?fileName="
                + java.net.URLEncoder.encode(fileName, java.nio.charset.StandardCharsets.UTF_8) + "&" + API_VERSION))
                .body("application/octet-stream", content));
        check(r, "upload attachment " + fileName);
        String url = r.json().path("url").asText("");
        if (!ATTACHMENT_ID.matcher(url).find()) {
            throw new OperationFailedException("Azure DevOps answered the upload of " + fileName
                    + " without an attachment URL (expected .../_apis/wit/attachments/<id>)");
        }
        return url;
    }

    /**
     * The text of the attachment at {@code url}; empty when it is gone. Only the attachment's id is
     * taken from the URL: the request goes to this profile's collection, so the token never follows
     * a URL someone edited into the item.
     */
    Optional<String> download(String url) {
        java.util.regex.Matcher m = ATTACHMENT_ID.matcher(url);
        if (!m.find()) {
            return Optional.empty();
        }
        HttpResult r = http.send(RestClient.Call.get(settings.api("/attachments/" + m.group(1) + "?fileName="
                + RECORD_FILE + "&" + API_VERSION)).authorization(settings.authorization())
                .header("Accept", "application/octet-stream").setting(COLLECTION_SETTING));
        if (r.status() == 404) {
            return Optional.empty();
        }
        check(r, "download attachment " + RECORD_FILE);
        return Optional.of(r.text());
    }

    /** The outcome of an update: applied, or refused because the item changed since it was read. */
    enum Update { APPLIED, CONFLICT }

    /** One JSON Patch operation. */
    static ObjectNode op(String op, String path, Object value) {
        ObjectNode o = F.objectNode().put("op", op).put("path", path);
        if (value instanceof JsonNode node) {
            o.set("value", node);
        } else if (value instanceof Integer i) {
            o.put("value", i);
        } else if (value != null) {
            o.put("value", value.toString());
        }
        return o;
    }

    /** A {@code Hyperlink} relation to add. */
    static ObjectNode hyperlink(String url, String comment) {
        ObjectNode value = F.objectNode().put("rel", "Hyperlink").put("url", url);
        value.putObject("attributes").put("comment", comment);
        return op("add", "/relations/-", value);
    }

    Optional<WorkItem> get(int id) {
        HttpResult r = send(RestClient.Call.get(settings.api("/workitems/" + id + "?$expand=relations&" + API_VERSION)));
        if (r.status() == 404) {
            return Optional.empty();
        }
        check(r, "read work item " + id);
        return Optional.of(WorkItem.of(r.json()));
    }

    /** The most ids {@code GET _apis/wit/workitems} takes in one request. */
    static final int IDS_PER_REQUEST = 200;

    /** Work items by id, in that order, with relations; deleted ones are left out. Read 200 ids at a time. */
    List<WorkItem> list(List<Integer> ids) {
        List<WorkItem> items = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_REQUEST) {
            String joined = ids.subList(from, Math.min(ids.size(), from + IDS_PER_REQUEST)).stream()
                    .map(String::valueOf).collect(Collectors.joining(","));
            HttpResult r = send(RestClient.Call.get(settings.api("/workitems?ids=" + joined
                    + "&$expand=relations&errorPolicy=omit&" + API_VERSION)));
            check(r, "read work items " + joined);
            r.json().path("value").forEach(n -> {
                if (!n.isNull()) {
                    items.add(WorkItem.of(n));
                }
            });
        }
        return items;
    }

    /** The first {@code top} ids matching a WIQL query: the work item store itself, not a search index. */
    List<Integer> wiql(String query, int top) {
        HttpResult r = send(RestClient.Call.of("POST", settings.api("/wiql?$top=" + top + "&" + API_VERSION))
                .json(Json.compact(F.objectNode().put("query", query))));
        check(r, "query work items (WIQL)");
        List<Integer> ids = new ArrayList<>();
        r.json().path("workItems").forEach(w -> ids.add(w.path("id").asInt()));
        // $top bounds the answer; an older server that ignores it is bounded here.
        return ids.size() > top ? ids.subList(0, top) : ids;
    }

    WorkItem create(ArrayNode ops) {
        String action = "create a " + settings.workItemType() + " in project " + settings.project();
        HttpResult r = send(RestClient.Call.of("POST", settings.api("/workitems/$"
                + AdoSettings.segment(settings.workItemType()) + "?" + API_VERSION))
                .body("application/json-patch+json", Json.compact(ops).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        refused(r, action);
        check(r, action);
        return WorkItem.of(r.json());
    }

    /** Applies {@code ops} (the first one a {@code test} of {@code /rev}). */
    Update update(int id, ArrayNode ops) {
        HttpResult r = send(RestClient.Call.of("PATCH", settings.api("/workitems/" + id + "?" + API_VERSION))
                .body("application/json-patch+json", Json.compact(ops).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        if (r.status() == 409 || r.status() == 412) {
            return Update.CONFLICT;
        }
        refused(r, "update work item " + id);
        check(r, "update work item " + id);
        return Update.APPLIED;
    }

    /** The setting a redirect refusal names: where the collection's URL comes from. */
    static final String COLLECTION_SETTING = "the Azure DevOps collection (config.organization or config.baseUrl)";

    private HttpResult send(RestClient.Call call) {
        return http.send(call.authorization(settings.authorization()).header("Accept", "application/json")
                .setting(COLLECTION_SETTING));
    }

    /** 400 / 404 on a write: a type, state, area or iteration the project does not have. */
    private void refused(HttpResult r, String action) {
        if (r.status() == 400 || r.status() == 404) {
            throw new OperationFailedException("Azure DevOps refused to " + action + ": " + serverSaid(r)
                    + ". The profile asks for workItemType \"" + settings.workItemType()
                    + "\" (config.workItemType, default Task)"
                    + (settings.deployedState() == null ? "" : ", deployedState \"" + settings.deployedState() + "\"")
                    + (settings.areaPath() == null ? "" : ", areaPath \"" + settings.areaPath() + "\"")
                    + (settings.iterationPath() == null ? "" : ", iterationPath \"" + settings.iterationPath() + "\"")
                    + ": check they exist in project " + settings.project() + " and its process");
        }
    }

    private void check(HttpResult r, String action) {
        String host = settings.collectionUrl().getHost();
        boolean html = r.header("Content-Type").map(c -> c.toLowerCase(Locale.ROOT).contains("text/html")).orElse(false);
        // A token Azure DevOps does not know gets 203 and the sign-in page rather than a 401.
        if (r.status() == 401 || r.status() == 203 || r.isSuccess() && html) {
            throw OperationFailedException.aboutCredential(settings.variable(), Message.of("Azure DevOps at " + host
                    + " did not accept the personal access token from ", new Message.Credential(settings.variable()),
                    " (HTTP " + r.status() + ") when trying to " + action + ": check it is valid, not expired, and "
                    + "made for this organization"));
        }
        if (r.isSuccess()) {
            return;
        }
        if (r.status() == 403) {
            throw OperationFailedException.aboutCredential(settings.variable(), Message.of("Azure DevOps at " + host
                    + " refused (HTTP 403) to " + action + " for the token in ", new Message.Credential(
                            settings.variable()), ": " + serverSaid(r) + ". The token needs the Work Items (Read & "
                            + "write) scope and access to project " + settings.project()));
        }
        throw new OperationFailedException("Azure DevOps at " + host + " answered HTTP " + r.status() + " when trying to "
                + action + ": " + serverSaid(r));
    }

    String serverSaid(HttpResult r) {
        String said;
        try {
            said = r.json().path("message").asText("");
        } catch (RuntimeException e) {
            said = "";
        }
        if (said.isBlank()) {
            said = r.text().strip();
        }
        if (said.isEmpty()) {
            said = "no details";
        }
        if (said.length() > 300) {
            said = said.substring(0, 300) + "…";
        }
        return settings.redactor().redact(said);
    }
}
