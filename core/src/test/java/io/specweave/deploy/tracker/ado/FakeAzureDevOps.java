package io.specweave.deploy.tracker.ado;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.specweave.deploy.Json;
import io.specweave.deploy.tracker.OpenApiContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful fake Azure DevOps organization on loopback ({@code /{organization}/{project}/_apis/wit/...},
 * REST 7.1): work items with revisions, tags, history and relations, JSON Patch with {@code test /rev},
 * WIQL on tags, process rules for types, states and area/iteration paths. Its answers have the shapes
 * of the recorded httpExamples (work item with {@code _links} and {@code url}, {@code {count, value}}
 * lists, flat WIQL results, {@code message}/{@code typeKey} errors); a wrong token gets the 203 sign-in
 * page Azure DevOps serves. Every exchange is checked against Microsoft's OpenAPI document when given.
 */
final class FakeAzureDevOps implements AutoCloseable {

    static final String ORGANIZATION = "myorg";
    static final String PROJECT = "MyApp";
    private static final Map<String, List<String>> STATES = Map.of(
            "Task", List.of("New", "Active", "Deployed", "Closed", "Removed"),
            "Bug", List.of("New", "Active", "Resolved", "Closed"),
            "User Story", List.of("New", "Active", "Resolved", "Closed", "Removed"));
    private static final List<String> AREAS = List.of("MyApp", "MyApp\\Web");
    private static final List<String> ITERATIONS = List.of("MyApp", "MyApp\\Sprint 1");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    static final class Item {
        final int id;
        int rev = 1;
        final ObjectNode fields = F.objectNode();
        final ArrayNode relations = F.arrayNode();
        final List<String> history = new ArrayList<>();

        Item(int id) {
            this.id = id;
        }

        String field(String name) {
            return fields.path(name).asText(null);
        }

        List<String> tags() {
            List<String> tags = new ArrayList<>();
            for (String t : fields.path("System.Tags").asText("").split(";")) {
                if (!t.isBlank()) {
                    tags.add(t.trim());
                }
            }
            return tags;
        }

        /** The attachment relations, as the work item form's Attachments tab lists them. */
        List<JsonNode> attachedFiles() {
            List<JsonNode> files = new ArrayList<>();
            relations.forEach(r -> {
                if ("AttachedFile".equals(r.path("rel").asText())) {
                    files.add(r);
                }
            });
            return files;
        }

        List<String> hyperlinks() {
            List<String> urls = new ArrayList<>();
            relations.forEach(r -> {
                if ("Hyperlink".equals(r.path("rel").asText())) {
                    urls.add(r.path("url").asText());
                }
            });
            return urls;
        }
    }

    record Fault(int status, Map<String, String> headers) {
    }

    private final String authorization;
    private final Optional<OpenApiContract> contract;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<Integer, Item> items = new TreeMap<>();
    /** Uploaded attachments by id: stored byte for byte, never sanitized. */
    private final Map<String, String> attachments = new LinkedHashMap<>();
    private final List<String> log = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private CountDownLatch wiqlGate;
    private Runnable beforeNextCreate;
    private Runnable afterNextCreate;
    private int concurrentEdits;
    private int nextId = 101;
    /** Each tag's casing, as first used in the organization. */
    private final Map<String, String> tagCasing = new java.util.HashMap<>();

    FakeAzureDevOps(String authorization, Optional<OpenApiContract> contract) {
        this.authorization = authorization;
        this.contract = contract;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The collection URL a profile's {@code baseUrl} points at. */
    String collectionUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + ORGANIZATION;
    }

    /** A work item as a person or another run makes it; {@code tags} "; "-separated. */
    synchronized Item seed(String title, String descriptionHtml, String tags, String state) {
        Item item = new Item(nextId++);
        item.fields.put("System.AreaPath", PROJECT).put("System.TeamProject", PROJECT)
                .put("System.IterationPath", PROJECT).put("System.WorkItemType", "Task").put("System.State", state)
                .put("System.Reason", "New").put("System.CreatedDate", "2026-11-27T10:00:00.00Z")
                .put("System.Title", title).put("System.Description", descriptionHtml).put("System.Tags", normalizeTags(tags));
        items.put(item.id, item);
        return item;
    }

    /** Runs {@code action} just before the next work item is created: another run that creates one a moment earlier. */
    synchronized void beforeNextCreate(Runnable action) {
        beforeNextCreate = action;
    }

    /** Runs {@code action} right after the next work item is created: another run that creates one a moment later. */
    synchronized void afterNextCreate(Runnable action) {
        afterNextCreate = action;
    }

    synchronized List<Item> items() {
        return List.copyOf(items.values());
    }

    synchronized Item item(int id) {
        return items.get(id);
    }

    synchronized void delete(int id) {
        items.remove(id);
    }

    synchronized String attachment(String url) {
        Matcher m = Pattern.compile("/attachments/([0-9a-f-]{36})").matcher(url);
        return m.find() ? attachments.get(m.group(1)) : null;
    }

    synchronized List<String> takeRequests() {
        List<String> taken = List.copyOf(log);
        log.clear();
        return taken;
    }

    synchronized void failNext(int status, Map<String, String> headers) {
        faults.add(new Fault(status, headers));
    }

    /** Someone edits the item between the tracker's read and its patch, {@code times} times. */
    synchronized void editConcurrentlyBeforeNextPatches(int times) {
        concurrentEdits = times;
    }

    synchronized void holdWiqlUntil(int parties) {
        wiqlGate = new CountDownLatch(parties);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
        Fault fault;
        CountDownLatch gate = null;
        synchronized (this) {
            log.add(method + " " + path.substring(path.indexOf("/_apis/") + 1));
            fault = faults.poll();
            if (fault == null && path.endsWith("/wiql")) {
                gate = wiqlGate;
            }
        }
        if (gate != null) {
            gate.countDown();
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status;
        String contentType = "application/json; charset=utf-8; api-version=7.1";
        String response;
        Map<String, String> extra = Map.of();
        if (fault != null) {
            status = fault.status();
            response = Json.compact(error("Request was blocked due to exceeding usage of resource 'Requests'.",
                    "ThrottlingException"));
            extra = fault.headers();
        } else if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            status = 203;
            contentType = "text/html; charset=utf-8";
            response = "<html><head><title>Azure DevOps Services | Sign In</title></head><body></body></html>";
        } else {
            Object[] answer;
            synchronized (this) {
                answer = route(method, path, query, body);
            }
            status = (Integer) answer[0];
            if (answer[1] instanceof String raw) {
                // an attachment's content, as uploaded
                response = raw;
                contentType = (String) answer[2];
            } else {
                response = answer[1] == null ? "" : Json.compact(answer[1]);
            }
        }
        if (contract.isPresent()) {
            // the document knows WIQL only under a team: check ours as the project's default team
            String documented = path.replaceFirst("/_apis/wit/wiql$", "/MyApp%20Team/_apis/wit/wiql");
            contract.get().check(method, documented, query, headers, body, fault != null ? null : status,
                    contentType.split(";")[0], response);
        }
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        extra.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private Object[] route(String method, String path, String query, String body) {
        String base = "/" + ORGANIZATION + "/" + PROJECT + "/_apis/wit";
        if (!path.startsWith(base + "/")) {
            return new Object[] {404, error("VS800075: The project with id '" + path + "' does not exist, or you do not "
                    + "have permission to access it.", "ProjectDoesNotExistWithNameException")};
        }
        String rest = path.substring(base.length());
        Map<String, String> params = params(query);
        if (!"7.1".equals(params.get("api-version"))) {
            return new Object[] {400, error("VS800048: api-version 7.1 expected", "VssInvalidPreviewVersionException")};
        }
        if (method.equals("POST") && rest.equals("/attachments")) {
            String id = UUID.randomUUID().toString();
            attachments.put(id, body);
            String fileName = params.getOrDefault("fileName", "attachment");
            ObjectNode reference = F.objectNode().put("id", id).put("url", collectionUrl() + "/_apis/wit/attachments/"
                    + id + "?fileName=" + fileName);
            return new Object[] {200, reference};
        }
        Matcher attachment = Pattern.compile("/attachments/([0-9a-f-]{36})").matcher(rest);
        if (method.equals("GET") && attachment.matches()) {
            String content = attachments.get(attachment.group(1));
            if (content == null) {
                return new Object[] {404, error("VS402338: Attachment " + attachment.group(1) + " was not found.",
                        "AttachmentNotFoundException")};
            }
            return new Object[] {200, content, "application/octet-stream"};
        }
        if (method.equals("POST") && rest.equals("/wiql")) {
            return new Object[] {200, wiql(read(body).path("query").asText(),
                    Integer.parseInt(params.getOrDefault("$top", "20000")))};
        }
        if (method.equals("GET") && rest.equals("/workitems")) {
            String[] ids = params.getOrDefault("ids", "").split(",");
            if (ids.length > 200) {
                return new Object[] {400, error("VS403474: The maximum number of work items that can be requested at "
                        + "once is 200.", "VssPropertyValidationException")};
            }
            ArrayNode value = F.arrayNode();
            for (String id : ids) {
                Item item = items.get(Integer.parseInt(id));
                if (item != null) {
                    value.add(json(item, true));
                }
            }
            ObjectNode list = F.objectNode().put("count", value.size());
            list.set("value", value);
            return new Object[] {200, list};
        }
        Matcher create = Pattern.compile("/workitems/\\$(.+)").matcher(rest);
        if (method.equals("POST") && create.matches()) {
            String type = URLDecoder.decode(create.group(1), StandardCharsets.UTF_8);
            if (!STATES.containsKey(type)) {
                return new Object[] {404, error("VS402323: Work item type " + type + " does not exist in project "
                        + PROJECT + " or you do not have permission to access it.", "WorkItemTypeNotFoundException")};
            }
            Runnable before = beforeNextCreate;
            beforeNextCreate = null;
            if (before != null) {
                before.run();
            }
            Item item = new Item(nextId);
            item.fields.put("System.AreaPath", PROJECT).put("System.TeamProject", PROJECT)
                    .put("System.IterationPath", PROJECT).put("System.WorkItemType", type).put("System.State", "New")
                    .put("System.Reason", "New").put("System.CreatedDate", "2026-11-27T10:00:00.00Z");
            Object[] refused = apply(item, read(body));
            if (refused != null) {
                return refused;
            }
            if (!item.field("System.State").equals(STATES.get(type).get(0))) {
                // A new work item starts in its type's first state; a later patch moves it on.
                return new Object[] {400, error("The field 'State' contains the value '" + item.field("System.State")
                        + "' that is not in the list of supported values", "RuleValidationException")};
            }
            nextId++;
            items.put(item.id, item);
            Runnable after = afterNextCreate;
            afterNextCreate = null;
            if (after != null) {
                after.run();
            }
            return new Object[] {200, json(item, true)};
        }
        Matcher one = Pattern.compile("/workitems/(\\d+)").matcher(rest);
        if (one.matches()) {
            Item item = items.get(Integer.parseInt(one.group(1)));
            if (item == null) {
                return new Object[] {404, error("TF401232: Work item " + one.group(1) + " does not exist, or you do not "
                        + "have permissions to read it.", "WorkItemUnauthorizedAccessException")};
            }
            if (method.equals("GET")) {
                return new Object[] {200, json(item, "relations".equals(params.get("$expand")))};
            }
            if (method.equals("PATCH")) {
                if (concurrentEdits > 0) {
                    concurrentEdits--;
                    item.rev++;
                    item.fields.put("System.AssignedTo", "someone-else@example.com");
                }
                Item draft = copy(item);
                Object[] refused = apply(draft, read(body));
                if (refused != null) {
                    return refused;
                }
                items.put(item.id, draft);
                return new Object[] {200, json(draft, true)};
            }
        }
        return new Object[] {404, error("No route for " + method + " " + rest, "RouteNotFound")};
    }

    /**
     * What Azure DevOps does to the HTML of rich-text fields: comments, scripts, styles and event
     * handlers go, and so do {@code data-*} attributes; text and ordinary markup stay.
     */
    static String sanitize(String html) {
        return html.replaceAll("(?s)<!--.*?-->", "")
                .replaceAll("(?is)<(script|style)\\b.*?</\\1\\s*>", "")
                .replaceAll("(?i)\\s(on[a-z]+|data-[a-z0-9-]+)\\s*=\\s*(\"[^\"]*\"|'[^']*')", "");
    }

    /** Applies a JSON Patch document; returns the refusal, or null when applied (rev bumped). */
    private Object[] apply(Item item, JsonNode ops) {
        for (JsonNode op : ops) {
            String kind = op.path("op").asText();
            String target = op.path("path").asText();
            JsonNode value = op.path("value");
            if (kind.equals("test") && target.equals("/rev")) {
                if (value.asInt() != item.rev) {
                    return new Object[] {412, error("TF26071: This work item has been changed by someone else since you "
                            + "opened it. You will need to refresh it and discard your changes.",
                            "WorkItemRevisionMismatchException")};
                }
            } else if ((kind.equals("add") || kind.equals("replace")) && target.startsWith("/fields/")) {
                String field = target.substring("/fields/".length());
                switch (field) {
                    case "System.History" -> item.history.add(value.asText());
                    case "System.Tags" -> item.fields.put(field, normalizeTags(value.asText()));
                    case "System.Description" -> item.fields.put(field, "<div>" + sanitize(value.asText()) + "</div>");
                    default -> item.fields.put(field, value.asText());
                }
            } else if (kind.equals("remove") && target.matches("/relations/\\d+")) {
                int index = Integer.parseInt(target.substring("/relations/".length()));
                if (index >= item.relations.size()) {
                    return new Object[] {400, error("TF401349: An unexpected error has occurred, please verify your "
                            + "request and try again.", "WorkItemPatchException")};
                }
                item.relations.remove(index);
            } else if (kind.equals("add") && target.equals("/relations/-")) {
                String url = value.path("url").asText();
                if (item.hyperlinks().contains(url)) {
                    return new Object[] {400, error("TF201035: The link already exists: " + url,
                            "WorkItemLinkAlreadyExistsException")};
                }
                item.relations.add(value.deepCopy());
            } else {
                return new Object[] {400, error("Unsupported patch operation " + op, "InvalidPatchException")};
            }
        }
        if (item.field("System.Title") != null && item.field("System.Title").length() > 255) {
            return new Object[] {400, error("TF401326: Invalid field status 'InvalidTooLong' for field 'System.Title'.",
                    "RuleValidationException")};
        }
        String type = item.field("System.WorkItemType");
        if (!STATES.get(type).contains(item.field("System.State"))) {
            return new Object[] {400, error("TF401320: Rule Error for field State. Error code: Required, HasValues, "
                    + "LimitedToValues, AllowsOldValue, InvalidEmpty.", "RuleValidationException")};
        }
        if (!AREAS.contains(item.field("System.AreaPath"))) {
            return new Object[] {400, error("TF401347: Invalid tree name given for work item -1, field "
                    + "'System.AreaPath'.", "WorkItemFieldInvalidTreeNameException")};
        }
        if (!ITERATIONS.contains(item.field("System.IterationPath"))) {
            return new Object[] {400, error("TF401347: Invalid tree name given for work item -1, field "
                    + "'System.IterationPath'.", "WorkItemFieldInvalidTreeNameException")};
        }
        item.rev++;
        item.fields.put("System.Rev", item.rev);
        return null;
    }

    /** Azure DevOps stores tags sorted, "; "-separated, without duplicates. */
    /** Tags sorted, each in the casing the organization first used it in (tags are organization-wide). */
    private String normalizeTags(String text) {
        TreeMap<String, String> tags = new TreeMap<>();
        for (String t : text.split(";")) {
            if (!t.isBlank()) {
                String key = t.trim().toLowerCase(Locale.ROOT);
                tags.putIfAbsent(key, tagCasing.computeIfAbsent(key, k -> t.trim()));
            }
        }
        return String.join("; ", tags.values());
    }

    /** A flat WIQL answer, at most {@code top} ids (Azure DevOps' own cap is 20,000). */
    private JsonNode wiql(String wiql, int top) {
        List<String> wanted = new ArrayList<>();
        Matcher m = Pattern.compile("\\[System\\.Tags\\]\\s+CONTAINS\\s+'([^']*)'").matcher(wiql);
        while (m.find()) {
            wanted.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        ObjectNode r = F.objectNode().put("queryType", "flat")
                .put("asOf", "2026-11-27T10:00:00.000Z");
        r.putArray("columns").addObject().put("referenceName", "System.Id").put("name", "ID")
                .put("url", collectionUrl() + "/_apis/wit/fields/System.Id");
        ArrayNode found = r.putArray("workItems");
        for (Item item : items.values()) {
            List<String> tags = item.tags().stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
            if (tags.containsAll(wanted) && found.size() < top) {
                found.addObject().put("id", item.id).put("url", collectionUrl() + "/_apis/wit/workItems/" + item.id);
            }
        }
        return r;
    }

    private ObjectNode json(Item item, boolean relations) {
        String url = collectionUrl() + "/_apis/wit/workItems/" + item.id;
        ObjectNode node = F.objectNode().put("id", item.id).put("rev", item.rev);
        node.set("fields", item.fields.deepCopy());
        if (relations && !item.relations.isEmpty()) {
            node.set("relations", item.relations.deepCopy());
        }
        ObjectNode links = node.putObject("_links");
        links.putObject("self").put("href", url);
        links.putObject("workItemUpdates").put("href", url + "/updates");
        links.putObject("workItemRevisions").put("href", url + "/revisions");
        links.putObject("workItemHistory").put("href", url + "/history");
        links.putObject("html").put("href", collectionUrl() + "/web/wi.aspx?id=" + item.id);
        links.putObject("workItemType").put("href", collectionUrl() + "/" + PROJECT + "/_apis/wit/workItemTypes/"
                + item.field("System.WorkItemType"));
        links.putObject("fields").put("href", collectionUrl() + "/_apis/wit/fields");
        node.put("url", url);
        return node;
    }

    private static Item copy(Item item) {
        Item c = new Item(item.id);
        c.rev = item.rev;
        c.fields.setAll(item.fields.deepCopy());
        c.relations.addAll(item.relations.deepCopy());
        c.history.addAll(item.history);
        return c;
    }

    private static ObjectNode error(String message, String typeKey) {
        ObjectNode e = F.objectNode().put("$id", "1");
        e.putNull("innerException");
        e.put("message", message).put("typeName", "Microsoft.TeamFoundation.WorkItemTracking.Server." + typeKey)
                .put("typeKey", typeKey).put("errorCode", 0).put("eventId", 3200);
        return e;
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static JsonNode read(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
