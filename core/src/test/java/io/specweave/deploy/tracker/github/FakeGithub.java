package io.specweave.deploy.tracker.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.specweave.deploy.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful GitHub REST server on loopback, speaking the shapes of the real API as recorded in
 * hub4j/github-api's test suite: repositories, issues (listing with {@code labels}/{@code state}
 * filters, {@code Link} pagination), labels, comments, deployments and deployment statuses. Every
 * response carries rate-limit headers; faults can be queued for any request. Every request is
 * logged, so tests count them.
 */
final class FakeGithub implements AutoCloseable {

    static final String TOKEN = "fake-token-fakeTokenValue0123456789abcdefXYZ";
    /** GitHub refuses an issue or comment body longer than this, in characters. */
    static final int BODY_LIMIT = 65_536;
    private static final Pattern REPO = Pattern.compile("/repos/([^/]+)/([^/]+)(/.*)?");

    /** One response to send instead of the normal one, for requests the predicate accepts. */
    record Fault(Predicate<String> matches, int status, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Repo> repos = new LinkedHashMap<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final List<Gate> gates = new ArrayList<>();
    private int nextId = 1000;
    private int pageSizeLimit = 100;
    private Runnable beforeNextIssue;
    private Runnable afterNextIssue;

    FakeGithub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The API URL to point {@code github-api} at. */
    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Adds an empty repository. */
    synchronized FakeGithub repository(String owner, String name) {
        repos.put((owner + "/" + name).toLowerCase(Locale.ROOT), new Repo(owner, name));
        return this;
    }

    /** The repository's state, for assertions. */
    synchronized Repo repo(String owner, String name) {
        return repos.get((owner + "/" + name).toLowerCase(Locale.ROOT));
    }

    /** Queues a fault for the next request {@code matches} accepts ("METHOD /path?query"). */
    synchronized FakeGithub fault(Predicate<String> matches, int status, Map<String, String> headers, String body) {
        faults.add(new Fault(matches, status, headers, body));
        return this;
    }

    /** Holds the first {@code parties} requests {@code matches} accepts until all of them have arrived (once). */
    synchronized FakeGithub gate(Predicate<String> matches, int parties) {
        gates.add(new Gate(matches, new java.util.concurrent.CyclicBarrier(parties)));
        return this;
    }

    private record Gate(Predicate<String> matches, java.util.concurrent.CyclicBarrier barrier) {
    }

    private void passGates(String line) {
        Gate gate;
        synchronized (this) {
            gate = gates.stream().filter(g -> g.matches().test(line) && !g.barrier().isBroken()).findFirst().orElse(null);
        }
        if (gate == null) {
            return;
        }
        try {
            gate.barrier().await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("gate not passed: " + line, e);
        } finally {
            synchronized (this) {
                gates.remove(gate);
            }
        }
    }

    /** Runs {@code action} just before the next issue is created: another run that creates one a moment earlier. */
    synchronized void beforeNextIssue(Runnable action) {
        beforeNextIssue = action;
    }

    /** Runs {@code action} right after the next issue is created: another run that creates one a moment later. */
    synchronized void afterNextIssue(Runnable action) {
        afterNextIssue = action;
    }

    /** An issue as a person or another run makes it, open or already closed; returns its number. */
    synchronized int seedIssue(String owner, String name, String title, String body, boolean closed, String... labels) {
        Repo repo = repo(owner, name);
        ObjectNode request = Json.mapper().createObjectNode().put("title", title).put("body", body);
        ArrayNode names = request.putArray("labels");
        for (String label : labels) {
            names.add(label);
        }
        ObjectNode issue = createIssueNow(repo, request);
        if (closed) {
            patchIssue(repo, issue, Json.mapper().createObjectNode().put("state", "closed"));
        }
        return issue.path("number").asInt();
    }

    /** Page size the server uses at most, so tests can force pagination. */
    synchronized FakeGithub maxPageSize(int size) {
        pageSizeLimit = size;
        return this;
    }

    /** Every request so far, as "METHOD /path?query". */
    List<String> requests() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    void clearRequests() {
        log.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- state ----

    static final class Repo {
        final String owner;
        final String name;
        final Map<Integer, ObjectNode> issues = new TreeMap<>();
        final Map<Integer, List<ObjectNode>> comments = new TreeMap<>();
        final Map<String, ObjectNode> labels = new LinkedHashMap<>();
        final List<ObjectNode> deployments = new ArrayList<>();
        final Map<Long, List<ObjectNode>> statuses = new LinkedHashMap<>();
        final Map<Long, JsonNode> deploymentRequests = new LinkedHashMap<>();
        int nextNumber = 1;

        Repo(String owner, String name) {
            this.owner = owner;
            this.name = name;
        }

        List<ObjectNode> openIssues() {
            return issues.values().stream().filter(i -> "open".equals(i.path("state").asText())).toList();
        }

        List<ObjectNode> commentsOf(int number) {
            return comments.getOrDefault(number, List.of());
        }

        List<String> labelNames(int number) {
            List<String> names = new ArrayList<>();
            issues.get(number).path("labels").forEach(l -> names.add(l.path("name").asText()));
            return names;
        }
    }

    // ---- HTTP ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            String path = exchange.getRequestURI().getPath();
            String line = method + " " + path + (rawQuery == null ? "" : "?" + URLDecoder.decode(rawQuery, StandardCharsets.UTF_8));
            log.add(line);
            passGates(line);
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            Fault fault = takeFault(line);
            if (fault != null) {
                fault.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                send(exchange, fault.status(), fault.body(), false);
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.equals("token " + TOKEN)) {
                send(exchange, 401, error("Bad credentials", "https://docs.github.com/rest"), true);
                return;
            }
            Response response;
            synchronized (this) {
                response = route(method, path, query(rawQuery), requestBody.length == 0 ? null
                        : Json.mapper().readTree(requestBody));
            }
            response.headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            send(exchange, response.status, response.body, true);
        }
    }

    private synchronized Fault takeFault(String line) {
        for (Fault f : faults) {
            if (f.matches().test(line)) {
                faults.remove(f);
                return f;
            }
        }
        return null;
    }

    private static void send(HttpExchange exchange, int status, String body, boolean rateHeaders) throws IOException {
        if (rateHeaders) {
            exchange.getResponseHeaders().add("X-RateLimit-Limit", "5000");
            exchange.getResponseHeaders().add("X-RateLimit-Remaining", "4990");
            exchange.getResponseHeaders().add("X-RateLimit-Reset", String.valueOf(Instant.now().getEpochSecond() + 3600));
            exchange.getResponseHeaders().add("X-RateLimit-Used", "10");
            exchange.getResponseHeaders().add("X-RateLimit-Resource", "core");
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        }
        exchange.sendResponseHeaders(status, status == 204 || bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private record Response(int status, String body, Map<String, String> headers) {
        static Response of(int status, JsonNode body) {
            return new Response(status, Json.compact(body), Map.of());
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(key, value); // like GitHub: a repeated parameter counts once, the last one wins
        }
        return q;
    }

    private Response route(String method, String path, Map<String, String> q, JsonNode body) {
        Matcher m = REPO.matcher(path);
        if (!m.matches()) {
            return notFound();
        }
        Repo repo = repos.get((m.group(1) + "/" + m.group(2)).toLowerCase(Locale.ROOT));
        if (repo == null) {
            return notFound();
        }
        String rest = m.group(3) == null ? "" : m.group(3);
        String[] parts = rest.isEmpty() ? new String[0] : rest.substring(1).split("/");
        if (parts.length == 0 && method.equals("GET")) {
            return Response.of(200, repositoryJson(repo));
        }
        if (parts.length >= 1 && parts[0].equals("issues")) {
            if (parts.length == 1 && method.equals("GET")) {
                return listIssues(repo, q);
            }
            if (parts.length == 1 && method.equals("POST")) {
                return createIssue(repo, body);
            }
            int number = Integer.parseInt(parts[1]);
            ObjectNode issue = repo.issues.get(number);
            if (issue == null) {
                return notFound();
            }
            if (parts.length == 2 && method.equals("GET")) {
                return Response.of(200, issue);
            }
            if (parts.length == 2 && method.equals("PATCH")) {
                Response tooLong = tooLong("Issue", body);
                return tooLong != null ? tooLong : Response.of(200, patchIssue(repo, issue, body));
            }
            if (parts.length == 3 && parts[2].equals("comments") && method.equals("POST")) {
                Response tooLong = tooLong("IssueComment", body);
                return tooLong != null ? tooLong : Response.of(201, addComment(repo, issue, body.path("body").asText()));
            }
            if (parts.length == 3 && parts[2].equals("comments") && method.equals("GET")) {
                return page(repo, "issues/" + number + "/comments", new ArrayList<>(repo.commentsOf(number)), q);
            }
        }
        if (parts.length == 1 && parts[0].equals("labels")) {
            if (method.equals("GET")) {
                return page(repo, "labels", new ArrayList<>(repo.labels.values()), q);
            }
            if (method.equals("POST")) {
                return createLabel(repo, body);
            }
        }
        if (parts.length >= 1 && parts[0].equals("deployments")) {
            if (parts.length == 1 && method.equals("GET")) {
                List<ObjectNode> list = new ArrayList<>(repo.deployments);
                Collections.reverse(list);
                list.removeIf(d -> q.containsKey("sha") && !d.path("sha").asText().equals(q.get("sha"))
                        || q.containsKey("ref") && !d.path("ref").asText().equals(q.get("ref"))
                        || q.containsKey("environment") && !d.path("environment").asText().equals(q.get("environment")));
                return page(repo, "deployments", list, q);
            }
            if (parts.length == 1 && method.equals("POST")) {
                return Response.of(201, createDeployment(repo, body));
            }
            long id = Long.parseLong(parts[1]);
            if (!repo.statuses.containsKey(id)) {
                return notFound();
            }
            if (parts.length == 3 && parts[2].equals("statuses") && method.equals("GET")) {
                List<ObjectNode> list = new ArrayList<>(repo.statuses.get(id));
                Collections.reverse(list);
                return page(repo, "deployments/" + id + "/statuses", list, q);
            }
            if (parts.length == 3 && parts[2].equals("statuses") && method.equals("POST")) {
                if (!List.of("error", "failure", "inactive", "in_progress", "queued", "pending", "success")
                        .contains(body.path("state").asText())) {
                    return validation("DeploymentStatus", "invalid", "state");
                }
                return Response.of(201, createStatus(repo, id, body));
            }
        }
        return notFound();
    }

    private Response listIssues(Repo repo, Map<String, String> q) {
        String state = q.getOrDefault("state", "open");
        List<String> wanted = q.containsKey("labels") && !q.get("labels").isEmpty()
                ? Arrays.stream(q.get("labels").split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).toList()
                : List.of();
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode issue : repo.issues.values()) {
            if (!state.equals("all") && !state.equals(issue.path("state").asText())) {
                continue;
            }
            List<String> names = new ArrayList<>();
            issue.path("labels").forEach(l -> names.add(l.path("name").asText().toLowerCase(Locale.ROOT)));
            if (names.containsAll(wanted)) {
                // The list representation, as recorded from GitHub, carries fewer keys than a single issue.
                ObjectNode summary = issue.deepCopy();
                summary.remove(List.of("closed_by", "reactions", "state_reason"));
                matching.add(summary);
            }
        }
        boolean ascending = "asc".equals(q.get("direction"));
        if (!ascending) {
            Collections.reverse(matching);
        }
        return page(repo, "issues", matching, q);
    }

    /** One page of a list, with GitHub's {@code Link} header. */
    private Response page(Repo repo, String tail, List<ObjectNode> items, Map<String, String> q) {
        int perPage = Math.min(pageSizeLimit, Integer.parseInt(q.getOrDefault("per_page", "30")));
        int page = Integer.parseInt(q.getOrDefault("page", "1"));
        int from = Math.min(items.size(), (page - 1) * perPage);
        int to = Math.min(items.size(), from + perPage);
        ArrayNode array = Json.mapper().createArrayNode();
        items.subList(from, to).forEach(array::add);
        Map<String, String> headers = new LinkedHashMap<>();
        int last = Math.max(1, (items.size() + perPage - 1) / perPage);
        if (page < last) {
            Map<String, String> next = new LinkedHashMap<>(q);
            next.put("per_page", String.valueOf(perPage));
            String base = apiUrl() + "/repos/" + repo.owner + "/" + repo.name + "/" + tail + "?";
            next.put("page", String.valueOf(page + 1));
            String nextUrl = base + encode(next);
            next.put("page", String.valueOf(last));
            headers.put("Link", "<" + nextUrl + ">; rel=\"next\", <" + base + encode(next) + ">; rel=\"last\"");
        }
        return new Response(200, Json.compact(array), headers);
    }

    private static String encode(Map<String, String> q) {
        List<String> pairs = new ArrayList<>();
        q.forEach((k, v) -> pairs.add(k + "=" + java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return String.join("&", pairs);
    }

    private Response createIssue(Repo repo, JsonNode body) {
        Runnable before = beforeNextIssue;
        beforeNextIssue = null;
        if (before != null) {
            before.run();
        }
        Response created = createIssueAnswer(repo, body);
        Runnable after = afterNextIssue;
        afterNextIssue = null;
        if (after != null) {
            after.run();
        }
        return created;
    }

    private ObjectNode createIssueNow(Repo repo, JsonNode body) {
        return repo.issues.get(createIssueNumber(createIssueAnswer(repo, body)));
    }

    private static int createIssueNumber(Response response) {
        try {
            return Json.mapper().readTree(response.body).path("number").asInt();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Response createIssueAnswer(Repo repo, JsonNode body) {
        if (body == null || !body.path("title").isTextual() || body.path("title").asText().isBlank()) {
            return validation("Issue", "missing_field", "title");
        }
        Response tooLong = tooLong("Issue", body);
        if (tooLong != null) {
            return tooLong;
        }
        int number = repo.nextNumber++;
        ObjectNode issue = Json.mapper().createObjectNode();
        String api = apiUrl() + "/repos/" + repo.owner + "/" + repo.name;
        String html = "https://github.example/" + repo.owner + "/" + repo.name;
        issue.put("url", api + "/issues/" + number);
        issue.put("repository_url", api);
        issue.put("labels_url", api + "/issues/" + number + "/labels{/name}");
        issue.put("comments_url", api + "/issues/" + number + "/comments");
        issue.put("events_url", api + "/issues/" + number + "/events");
        issue.put("html_url", html + "/issues/" + number);
        issue.put("id", nextId++);
        issue.put("node_id", "I_fake" + number);
        issue.put("number", number);
        issue.put("title", body.path("title").asText());
        issue.set("user", user());
        issue.set("labels", labelArray(repo, body.path("labels")));
        issue.put("state", "open");
        issue.put("locked", false);
        issue.putNull("assignee");
        issue.set("assignees", Json.mapper().createArrayNode());
        issue.putNull("milestone");
        issue.put("comments", 0);
        String now = now();
        issue.put("created_at", now);
        issue.put("updated_at", now);
        issue.putNull("closed_at");
        issue.put("author_association", "OWNER");
        issue.putNull("active_lock_reason");
        if (body.path("body").isTextual()) {
            issue.put("body", body.path("body").asText());
        } else {
            issue.putNull("body");
        }
        issue.putNull("closed_by");
        issue.set("reactions", reactions(api + "/issues/" + number + "/reactions"));
        issue.put("timeline_url", api + "/issues/" + number + "/timeline");
        issue.putNull("performed_via_github_app");
        issue.putNull("state_reason");
        repo.issues.put(number, issue);
        return Response.of(201, issue);
    }

    private ObjectNode patchIssue(Repo repo, ObjectNode issue, JsonNode body) {
        if (body.has("title")) {
            issue.put("title", body.path("title").asText());
        }
        if (body.has("body")) {
            issue.put("body", body.path("body").asText());
        }
        if (body.has("labels")) {
            issue.set("labels", labelArray(repo, body.path("labels")));
        }
        if (body.has("state")) {
            String state = body.path("state").asText();
            issue.put("state", state);
            if (state.equals("closed")) {
                issue.put("closed_at", now());
                issue.set("closed_by", user());
                issue.put("state_reason", body.path("state_reason").asText("completed"));
            } else {
                issue.putNull("closed_at");
                issue.putNull("closed_by");
                issue.put("state_reason", "reopened");
            }
        }
        issue.put("updated_at", now());
        return issue;
    }

    /** Labels set on an issue: existing ones as they are; missing ones created on the fly, grey, as GitHub does. */
    private ArrayNode labelArray(Repo repo, JsonNode names) {
        ArrayNode array = Json.mapper().createArrayNode();
        if (names != null && names.isArray()) {
            for (JsonNode n : names) {
                String name = n.asText();
                ObjectNode label = repo.labels.computeIfAbsent(name.toLowerCase(Locale.ROOT),
                        k -> label(repo, name, "ededed", null));
                array.add(label);
            }
        }
        return array;
    }

    private ObjectNode addComment(Repo repo, ObjectNode issue, String text) {
        int number = issue.path("number").asInt();
        String api = apiUrl() + "/repos/" + repo.owner + "/" + repo.name;
        ObjectNode comment = Json.mapper().createObjectNode();
        int id = nextId++;
        comment.put("url", api + "/issues/comments/" + id);
        comment.put("html_url", issue.path("html_url").asText() + "#issuecomment-" + id);
        comment.put("issue_url", api + "/issues/" + number);
        comment.put("id", id);
        comment.put("node_id", "IC_fake" + id);
        comment.set("user", user());
        String now = now();
        comment.put("created_at", now);
        comment.put("updated_at", now);
        comment.put("author_association", "OWNER");
        comment.put("body", text);
        comment.set("reactions", reactions(api + "/issues/comments/" + id + "/reactions"));
        comment.putNull("performed_via_github_app");
        repo.comments.computeIfAbsent(number, k -> new ArrayList<>()).add(comment);
        issue.put("comments", repo.commentsOf(number).size());
        return comment;
    }

    private Response createLabel(Repo repo, JsonNode body) {
        String name = body.path("name").asText();
        if (repo.labels.containsKey(name.toLowerCase(Locale.ROOT))) {
            return validation("Label", "already_exists", "name");
        }
        ObjectNode label = label(repo, name, body.path("color").asText("ededed"),
                body.path("description").isTextual() ? body.path("description").asText() : null);
        repo.labels.put(name.toLowerCase(Locale.ROOT), label);
        return Response.of(201, label);
    }

    private ObjectNode label(Repo repo, String name, String color, String description) {
        ObjectNode label = Json.mapper().createObjectNode();
        label.put("id", nextId++);
        label.put("node_id", "LA_fake" + name.hashCode());
        label.put("url", apiUrl() + "/repos/" + repo.owner + "/" + repo.name + "/labels/"
                + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8));
        label.put("name", name);
        label.put("color", color);
        label.put("default", false);
        if (description == null || description.isEmpty()) {
            label.putNull("description");
        } else {
            label.put("description", description);
        }
        return label;
    }

    private ObjectNode createDeployment(Repo repo, JsonNode body) {
        long id = nextId++;
        String api = apiUrl() + "/repos/" + repo.owner + "/" + repo.name;
        String ref = body.path("ref").asText();
        String environment = body.path("environment").asText("production");
        ObjectNode d = Json.mapper().createObjectNode();
        d.put("url", api + "/deployments/" + id);
        d.put("id", id);
        d.put("node_id", "DE_fake" + id);
        d.put("task", body.path("task").asText("deploy"));
        d.put("original_environment", environment);
        d.put("environment", environment);
        d.put("description", body.path("description").asText(""));
        String now = now();
        d.put("created_at", now);
        d.put("updated_at", now);
        d.put("statuses_url", api + "/deployments/" + id + "/statuses");
        d.put("repository_url", api);
        d.set("creator", user());
        d.put("sha", ref.matches("[0-9a-f]{40}") ? ref : String.format("%040x", Math.abs((long) ref.hashCode())));
        d.put("ref", ref);
        d.put("payload", body.path("payload").isTextual() ? body.path("payload").asText() : "");
        d.put("transient_environment", body.path("transient_environment").asBoolean(false));
        d.put("production_environment", body.path("production_environment").asBoolean(false));
        d.putNull("performed_via_github_app");
        repo.deployments.add(d);
        repo.deploymentRequests.put(id, body.deepCopy());
        repo.statuses.put(id, new ArrayList<>());
        return d;
    }

    private ObjectNode createStatus(Repo repo, long deploymentId, JsonNode body) {
        long id = nextId++;
        String api = apiUrl() + "/repos/" + repo.owner + "/" + repo.name;
        ObjectNode deployment = repo.deployments.stream().filter(d -> d.path("id").asLong() == deploymentId)
                .findFirst().orElseThrow();
        ObjectNode s = Json.mapper().createObjectNode();
        s.put("url", api + "/deployments/" + deploymentId + "/statuses/" + id);
        s.put("id", id);
        s.put("node_id", "DES_fake" + id);
        s.put("state", body.path("state").asText());
        s.set("creator", user());
        s.put("description", body.path("description").asText(""));
        s.put("environment", body.path("environment").asText(deployment.path("environment").asText()));
        s.put("target_url", body.path("log_url").asText(body.path("target_url").asText("")));
        String now = now();
        s.put("created_at", now);
        s.put("updated_at", now);
        s.put("deployment_url", api + "/deployments/" + deploymentId);
        s.put("repository_url", api);
        s.put("environment_url", body.path("environment_url").asText(""));
        s.put("log_url", body.path("log_url").asText(""));
        s.putNull("performed_via_github_app");
        repo.statuses.get(deploymentId).add(s);
        return s;
    }

    private ObjectNode repositoryJson(Repo repo) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("id", 4242);
        r.put("name", repo.name);
        r.put("full_name", repo.owner + "/" + repo.name);
        r.set("owner", user());
        r.put("html_url", "https://github.example/" + repo.owner + "/" + repo.name);
        r.put("url", apiUrl() + "/repos/" + repo.owner + "/" + repo.name);
        r.put("has_issues", true);
        return r;
    }

    private ObjectNode user() {
        ObjectNode u = Json.mapper().createObjectNode();
        String login = "specweave-bot";
        u.put("login", login);
        u.put("id", 7);
        u.put("node_id", "MDQ6VXNlcjc=");
        u.put("avatar_url", "https://avatars.example/u/7?v=4");
        u.put("gravatar_id", "");
        u.put("url", apiUrl() + "/users/" + login);
        u.put("html_url", "https://github.example/" + login);
        u.put("followers_url", apiUrl() + "/users/" + login + "/followers");
        u.put("following_url", apiUrl() + "/users/" + login + "/following{/other_user}");
        u.put("gists_url", apiUrl() + "/users/" + login + "/gists{/gist_id}");
        u.put("starred_url", apiUrl() + "/users/" + login + "/starred{/owner}{/repo}");
        u.put("subscriptions_url", apiUrl() + "/users/" + login + "/subscriptions");
        u.put("organizations_url", apiUrl() + "/users/" + login + "/orgs");
        u.put("repos_url", apiUrl() + "/users/" + login + "/repos");
        u.put("events_url", apiUrl() + "/users/" + login + "/events{/privacy}");
        u.put("received_events_url", apiUrl() + "/users/" + login + "/received_events");
        u.put("type", "User");
        u.put("site_admin", false);
        return u;
    }

    private static ObjectNode reactions(String url) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("url", url);
        for (String k : List.of("total_count", "+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes")) {
            r.put(k, 0);
        }
        return r;
    }

    private static String now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    static String error(String message, String documentationUrl) {
        ObjectNode e = Json.mapper().createObjectNode();
        e.put("message", message);
        e.put("documentation_url", documentationUrl);
        return Json.compact(e);
    }

    private static Response notFound() {
        return new Response(404, error("Not Found", "https://docs.github.com/rest"), Map.of());
    }

    /** GitHub's refusal of an issue or comment body over 65,536 characters, which names the cause in errors[].message. */
    private static Response tooLong(String resource, JsonNode body) {
        String text = body == null ? null : body.path("body").textValue();
        if (text == null || text.codePointCount(0, text.length()) <= BODY_LIMIT) {
            return null;
        }
        ObjectNode e = Json.mapper().createObjectNode();
        e.put("message", "Validation Failed");
        ObjectNode item = e.putArray("errors").addObject();
        item.put("resource", resource);
        item.put("code", "custom");
        item.put("field", "body");
        item.put("message", "body is too long (maximum is " + BODY_LIMIT + " characters)");
        e.put("documentation_url", "https://docs.github.com/rest");
        return new Response(422, Json.compact(e), Map.of());
    }

    private static Response validation(String resource, String code, String field) {
        ObjectNode e = Json.mapper().createObjectNode();
        e.put("message", "Validation Failed");
        ObjectNode item = e.putArray("errors").addObject();
        item.put("resource", resource);
        item.put("code", code);
        item.put("field", field);
        e.put("documentation_url", "https://docs.github.com/rest");
        return new Response(422, Json.compact(e), Map.of());
    }
}
