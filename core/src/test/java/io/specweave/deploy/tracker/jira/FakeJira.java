package io.specweave.deploy.tracker.jira;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful fake Jira on loopback, speaking Cloud's REST v3 (ADF bodies, {@code POST /search/jql})
 * or Data Center's REST v2 (text bodies, {@code POST /search}): issues with labels, a small workflow,
 * comments, remote links keyed by globalId, entity properties. It checks the Authorization header, counts requests,
 * can answer scripted faults first, and validates every exchange against Atlassian's OpenAPI
 * document when one is given (Data Center paths are checked as their v3 twins: same shapes).
 */
final class FakeJira implements AutoCloseable {

    enum Flavor { CLOUD, DATA_CENTER }

    /** A status and the transitions it offers: id, name, target status. */
    private static final Map<String, List<String[]>> WORKFLOW = Map.of(
            "To Do", List.<String[]>of(new String[] {"11", "Start progress", "In Progress"}, new String[] {"21", "Deploy", "Deployed"},
                    new String[] {"31", "Done", "Done"}),
            "In Progress", List.<String[]>of(new String[] {"21", "Deploy", "Deployed"}, new String[] {"31", "Done", "Done"}),
            "Deployed", List.<String[]>of(new String[] {"31", "Done", "Done"}, new String[] {"41", "Reopen", "To Do"}),
            "Done", List.<String[]>of(new String[] {"41", "Reopen", "To Do"}));
    private static final Map<String, String> CATEGORY = Map.of("To Do", "new", "In Progress", "indeterminate",
            "Deployed", "done", "Done", "done");

    static final class Issue {
        final String id;
        final String key;
        final String project;
        final String type;
        String summary;
        JsonNode description;
        final List<String> labels = new ArrayList<>();
        String status = "To Do";
        final List<JsonNode> comments = new ArrayList<>();
        final Map<String, JsonNode> remoteLinks = new LinkedHashMap<>();
        /** Entity properties by key, as Jira keeps them: the JSON value as sent. */
        final Map<String, JsonNode> properties = new LinkedHashMap<>();

        Issue(String id, String key, String project, String type) {
            this.id = id;
            this.key = key;
            this.project = project;
            this.type = type;
        }

        String commentText(int i) {
            return AdfRenderer.plainText(comments.get(i));
        }
    }

    record Fault(int status, Map<String, String> headers) {
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Flavor flavor;
    private final String authorization;
    private final Optional<OpenApiContract> contract;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Issue> issues = new LinkedHashMap<>();
    private final List<String> log = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final List<JsonNode> searches = new ArrayList<>();
    private CountDownLatch searchGate;
    private Runnable beforeNextCreate;
    private Runnable afterNextCreate;
    private int nextId = 10001;
    /** True: the account may create issues but not edit them, so setting a property is refused. */
    private boolean refuseProperties;

    FakeJira(Flavor flavor, String authorization, Optional<OpenApiContract> contract) {
        this.flavor = flavor;
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

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private String prefix() {
        return flavor == Flavor.CLOUD ? "/rest/api/3" : "/rest/api/2";
    }

    /** An issue created by someone else, e.g. the story a team already has. */
    synchronized Issue add(String project, String summary, String... labels) {
        Issue issue = newIssue(project, "Story");
        issue.summary = summary;
        issue.labels.addAll(List.of(labels));
        return issue;
    }

    /**
     * An issue as a person or another run makes it: {@code descriptionText} as one paragraph (Cloud)
     * or text (Data Center), in {@code status}.
     */
    synchronized Issue seed(String summary, String descriptionText, String status, String... labels) {
        Issue issue = add("PROD", summary, labels);
        if (flavor == Flavor.CLOUD) {
            ObjectNode doc = F.objectNode().put("type", "doc").put("version", 1);
            doc.putArray("content").addObject().put("type", "paragraph").putArray("content").addObject()
                    .put("type", "text").put("text", descriptionText);
            issue.description = doc;
        } else {
            issue.description = F.textNode(descriptionText);
        }
        issue.status = status;
        return issue;
    }

    /** Runs {@code action} just before the next issue is created: another run that creates one a moment earlier. */
    synchronized void beforeNextCreate(Runnable action) {
        beforeNextCreate = action;
    }

    /** Runs {@code action} right after the next issue is created: another run that creates one a moment later. */
    synchronized void afterNextCreate(Runnable action) {
        afterNextCreate = action;
    }

    synchronized List<Issue> issues() {
        return List.copyOf(issues.values());
    }

    /** The bodies of every search so far. */
    synchronized List<JsonNode> searches() {
        return List.copyOf(searches);
    }

    synchronized Issue issue(String key) {
        return issues.get(key);
    }

    /** The requests since the last call, as "METHOD path". */
    synchronized List<String> takeRequests() {
        List<String> taken = List.copyOf(log);
        log.clear();
        return taken;
    }

    /** The next requests get these answers instead of being served. */
    synchronized void failNext(int status, Map<String, String> headers) {
        faults.add(new Fault(status, headers));
    }

    synchronized void refuseProperties(boolean refuse) {
        refuseProperties = refuse;
    }

    /** Holds every search until {@code parties} searches are waiting: two runs that look up at the same time. */
    synchronized void holdSearchesUntil(int parties) {
        searchGate = new CountDownLatch(parties);
    }

    private Issue newIssue(String project, String type) {
        String id = String.valueOf(nextId++);
        Issue issue = new Issue(id, project + "-" + (issues.size() + 1), project, type);
        issues.put(issue.key, issue);
        return issue;
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
            log.add(method + " " + path);
            fault = faults.poll();
            if (fault == null && path.startsWith(prefix() + "/search")) {
                gate = searchGate;
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
        JsonNode response;
        Map<String, String> extra = Map.of();
        if (fault != null) {
            status = fault.status();
            response = errors("Rate limit exceeded.");
            extra = fault.headers();
        } else if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            status = 401;
            response = errors("You are not authenticated. Authentication required to perform this operation.");
        } else {
            Object[] answer;
            synchronized (this) {
                answer = route(method, path, query, body);
            }
            status = (Integer) answer[0];
            response = (JsonNode) answer[1];
        }
        if (contract.isPresent()) {
            // checked before answering, so a test that has its answer also has the verdict
            String documented = flavor == Flavor.CLOUD ? path : path.replaceFirst("^/rest/api/2/", "/rest/api/3/");
            contract.get().check(method, documented, query, headers, body, fault != null ? null : status,
                    response == null ? null : "application/json", response == null ? null : Json.compact(response));
        }
        byte[] bytes = response == null ? new byte[0] : Json.compact(response).getBytes(StandardCharsets.UTF_8);
        if (response != null) {
            exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        }
        extra.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private Object[] route(String method, String path, String query, String body) {
        String p = prefix();
        if (!path.startsWith(p + "/")) {
            return new Object[] {404, errors("No such API: " + path)};
        }
        String rest = path.substring(p.length());
        JsonNode json = body.isEmpty() ? F.objectNode() : read(body);
        if (method.equals("POST") && rest.equals(flavor == Flavor.CLOUD ? "/search/jql" : "/search")) {
            searches.add(json);
            return new Object[] {200, search(json)};
        }
        if (method.equals("POST") && rest.equals("/issue")) {
            return create(json.path("fields"));
        }
        Matcher prop = Pattern.compile("/issue/([^/]+)/properties/([^/]+)").matcher(rest);
        if (prop.matches()) {
            return property(method, issues.get(prop.group(1)), prop.group(2), body);
        }
        Matcher m = Pattern.compile("/issue/([^/]+)(/[a-z]+)?").matcher(rest);
        if (!m.matches()) {
            return new Object[] {404, errors("No such API: " + path)};
        }
        Issue issue = issues.get(m.group(1));
        if (issue == null) {
            return new Object[] {404, errors("Issue does not exist or you do not have permission to see it.")};
        }
        String sub = m.group(2) == null ? "" : m.group(2);
        switch (method + " " + sub) {
            case "GET ":
                return new Object[] {200, json(issue)};
            case "PUT ":
                edit(issue, json);
                return new Object[] {204, null};
            case "POST /comment": {
                issue.comments.add(json.path("body"));
                ObjectNode c = F.objectNode().put("id", String.valueOf(issue.comments.size()))
                        .put("self", baseUrl() + p + "/issue/" + issue.id + "/comment/" + issue.comments.size());
                c.set("body", json.path("body"));
                c.put("created", "2026-11-27T10:00:00.000+00:00");
                return new Object[] {201, c};
            }
            case "POST /remotelink": {
                String globalId = json.path("globalId").asText();
                boolean existed = issue.remoteLinks.containsKey(globalId);
                issue.remoteLinks.put(globalId, json);
                int index = new ArrayList<>(issue.remoteLinks.keySet()).indexOf(globalId) + 1;
                ObjectNode r = F.objectNode().put("id", index)
                        .put("self", baseUrl() + p + "/issue/" + issue.key + "/remotelink/" + index);
                return new Object[] {existed ? 200 : 201, r};
            }
            case "GET /transitions": {
                ObjectNode r = F.objectNode();
                ArrayNode list = r.putArray("transitions");
                for (String[] t : WORKFLOW.get(issue.status)) {
                    ObjectNode node = list.addObject().put("id", t[0]).put("name", t[1]).put("hasScreen", false);
                    ObjectNode to = node.putObject("to").put("name", t[2]).put("id", String.valueOf(t[2].hashCode() & 0xffff));
                    to.putObject("statusCategory").put("key", CATEGORY.get(t[2])).put("name", t[2]);
                }
                return new Object[] {200, r};
            }
            case "POST /transitions": {
                String id = json.path("transition").path("id").asText();
                Optional<String[]> t = WORKFLOW.get(issue.status).stream().filter(x -> x[0].equals(id)).findFirst();
                if (t.isEmpty()) {
                    return new Object[] {400, errors("Transition id '" + id + "' is not valid for this issue.")};
                }
                issue.status = t.get()[2];
                return new Object[] {204, null};
            }
            default:
                return new Object[] {405, errors("Method not allowed")};
        }
    }

    /** GET and PUT of an issue's entity property; Jira limits a value to 32,768 bytes. */
    private Object[] property(String method, Issue issue, String key, String body) {
        if (issue == null) {
            return new Object[] {404, errors("Issue does not exist or you do not have permission to see it.")};
        }
        switch (method) {
            case "GET": {
                JsonNode value = issue.properties.get(key);
                if (value == null) {
                    return new Object[] {404, errors("The property with key '" + key + "' does not exist.")};
                }
                ObjectNode r = F.objectNode().put("key", key);
                r.set("value", value);
                return new Object[] {200, r};
            }
            case "PUT": {
                if (refuseProperties) {
                    return new Object[] {403, errors("You do not have permission to edit issue " + issue.key + ".")};
                }
                if (body.getBytes(StandardCharsets.UTF_8).length > 32_768) {
                    return new Object[] {400, errors("The property value is too long. The maximum allowed length is 32768 bytes.")};
                }
                boolean existed = issue.properties.containsKey(key);
                issue.properties.put(key, read(body));
                return new Object[] {existed ? 200 : 201, null};
            }
            default:
                return new Object[] {405, errors("Method not allowed")};
        }
    }

    private Object[] create(JsonNode fields) {
        Runnable before = beforeNextCreate;
        beforeNextCreate = null;
        if (before != null) {
            before.run();
        }
        String project = fields.path("project").path("key").asText();
        String type = fields.path("issuetype").path("name").asText();
        ObjectNode errors = F.objectNode();
        if (!project.equals("PROD")) {
            errors.put("project", "valid project is required");
        }
        if (!List.of("Task", "Story", "Bug").contains(type)) {
            errors.put("issuetype", "Specify a valid issue type");
        }
        if (flavor == Flavor.CLOUD ? !fields.path("description").isObject() : !fields.path("description").isTextual()) {
            errors.put("description", "Operation value must be " + (flavor == Flavor.CLOUD ? "an Atlassian Document" : "a string"));
        }
        if (!errors.isEmpty()) {
            ObjectNode r = F.objectNode();
            r.putArray("errorMessages");
            r.set("errors", errors);
            return new Object[] {400, r};
        }
        Issue issue = newIssue(project, type);
        issue.summary = fields.path("summary").asText();
        issue.description = stored(fields.path("description"));
        fields.path("labels").forEach(l -> issue.labels.add(l.asText()));
        ObjectNode r = F.objectNode().put("id", issue.id).put("key", issue.key)
                .put("self", baseUrl() + prefix() + "/issue/" + issue.id);
        Runnable after = afterNextCreate;
        afterNextCreate = null;
        if (after != null) {
            after.run();
        }
        return new Object[] {201, r};
    }

    private void edit(Issue issue, JsonNode body) {
        JsonNode fields = body.path("fields");
        if (fields.has("summary")) {
            issue.summary = fields.path("summary").asText();
        }
        if (fields.has("description")) {
            issue.description = stored(fields.path("description"));
        }
        for (JsonNode op : body.path("update").path("labels")) {
            if (op.has("add") && !issue.labels.contains(op.path("add").asText())) {
                issue.labels.add(op.path("add").asText());
            }
            if (op.has("remove")) {
                issue.labels.remove(op.path("remove").asText());
            }
        }
    }

    /** Jira Cloud stores ADF with its own additions (localId on tables): never byte-equal to what was sent. */
    private JsonNode stored(JsonNode description) {
        JsonNode copy = description.deepCopy();
        if (flavor == Flavor.CLOUD) {
            addLocalIds(copy);
        }
        return copy;
    }

    private static void addLocalIds(JsonNode node) {
        if (node instanceof ObjectNode o && "table".equals(o.path("type").asText())) {
            ((ObjectNode) o.path("attrs")).put("localId", UUID.randomUUID().toString());
        }
        node.path("content").forEach(FakeJira::addLocalIds);
    }

    /** The most issues a search page holds here, whatever was asked: Jira may answer fewer than maxResults. */
    static final int PAGE_LIMIT = 50;

    /** A page of the matches: Cloud's by {@code nextPageToken} (opaque) and {@code isLast}, Data Center's by {@code startAt}. */
    private JsonNode search(JsonNode request) {
        String jql = request.path("jql").asText();
        Map<String, List<String>> clauses = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(\\w+)\\s*=\\s*\"([^\"]*)\"").matcher(jql);
        while (m.find()) {
            clauses.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2));
        }
        List<Issue> found = new ArrayList<>();
        for (Issue issue : issues.values()) {
            boolean project = clauses.getOrDefault("project", List.of()).stream().allMatch(issue.project::equals);
            boolean labels = issue.labels.containsAll(clauses.getOrDefault("labels", List.of()));
            if (project && labels) {
                found.add(issue);
            }
        }
        int size = Math.min(PAGE_LIMIT, request.path("maxResults").asInt(50));
        int start = flavor == Flavor.CLOUD ? request.hasNonNull("nextPageToken")
                ? Integer.parseInt(new String(java.util.Base64.getDecoder().decode(request.path("nextPageToken").asText()),
                        StandardCharsets.UTF_8).substring("page-at:".length()))
                : 0 : request.path("startAt").asInt(0);
        int end = Math.min(found.size(), start + size);
        ArrayNode page = F.arrayNode();
        found.subList(Math.min(start, end), end).forEach(i -> page.add(json(i)));
        ObjectNode r = F.objectNode();
        if (flavor == Flavor.CLOUD) {
            r.set("issues", page);
            r.put("isLast", end >= found.size());
            if (end < found.size()) {
                r.put("nextPageToken", java.util.Base64.getEncoder().encodeToString(("page-at:" + end)
                        .getBytes(StandardCharsets.UTF_8)));
            }
        } else {
            r.put("startAt", start).put("maxResults", size).put("total", found.size());
            r.set("issues", page);
        }
        return r;
    }

    private ObjectNode json(Issue issue) {
        ObjectNode node = F.objectNode().put("id", issue.id).put("key", issue.key)
                .put("self", baseUrl() + prefix() + "/issue/" + issue.id);
        ObjectNode fields = node.putObject("fields");
        fields.put("summary", issue.summary);
        ArrayNode labels = fields.putArray("labels");
        issue.labels.forEach(labels::add);
        ObjectNode status = fields.putObject("status").put("name", issue.status).put("id", "1");
        status.putObject("statusCategory").put("key", CATEGORY.get(issue.status)).put("name", issue.status);
        fields.set("description", issue.description == null ? F.nullNode() : issue.description);
        fields.put("created", "2026-11-27T10:00:00.000+0000");
        return node;
    }

    private static ObjectNode errors(String message) {
        ObjectNode r = F.objectNode();
        r.putArray("errorMessages").add(message);
        r.putObject("errors");
        return r;
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
