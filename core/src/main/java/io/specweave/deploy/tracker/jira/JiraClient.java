package io.specweave.deploy.tracker.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.Message;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.http.HttpResult;
import io.specweave.deploy.http.RestClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Jira REST calls the tracker makes, on the shared {@link RestClient}: issues, JQL search,
 * comments, remote links and transitions, in REST v3 (Cloud) or v2 (Data Center). Every refusal
 * becomes an {@link OperationFailedException} that says what was asked, what Jira said and which
 * credential variables were used — never their values.
 */
final class JiraClient {

    /** Fields read from issues: enough to compare and to find the marker. */
    static final List<String> FIELDS = List.of("summary", "labels", "status", "description", "created");

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final JiraSettings settings;
    private final RestClient http;

    JiraClient(JiraSettings settings, RestClient http) {
        this.settings = settings;
        this.http = http;
    }

    /** An issue as the tracker sees it. */
    record Issue(String id, String key, String summary, List<String> labels, String status, String statusCategory,
            JsonNode description, java.time.Instant created) {

        /** Jira's timestamps: {@code 2026-11-27T10:00:00.000+0000}. */
        private static final java.time.format.DateTimeFormatter TIMESTAMP =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

        long numericId() {
            try {
                return Long.parseLong(id);
            } catch (NumberFormatException e) {
                return Long.MAX_VALUE;
            }
        }

        /** The description's text (ADF flattened, or the wiki text as is). */
        String descriptionText() {
            if (description == null || description.isNull() || description.isMissingNode()) {
                return "";
            }
            return description.isTextual() ? description.asText() : AdfRenderer.plainText(description);
        }

        static Issue of(JsonNode node) {
            JsonNode fields = node.path("fields");
            List<String> labels = new ArrayList<>();
            fields.path("labels").forEach(l -> labels.add(l.asText()));
            JsonNode status = fields.path("status");
            return new Issue(node.path("id").asText(), node.path("key").asText(), fields.path("summary").asText(null),
                    labels, status.path("name").asText(null), status.path("statusCategory").path("key").asText(null),
                    fields.get("description"), created(fields.path("created").asText(null)));
        }

        /** The creation time, or null when Jira sent none or in another form. */
        private static java.time.Instant created(String text) {
            if (text == null) {
                return null;
            }
            try {
                return java.time.OffsetDateTime.parse(text, TIMESTAMP).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                try {
                    return java.time.OffsetDateTime.parse(text).toInstant();
                } catch (java.time.format.DateTimeParseException again) {
                    return null;
                }
            }
        }
    }

    /** A transition the issue offers. */
    record Transition(String id, String name, String to, String toCategory) {
    }

    /** The issue, or empty when it does not exist (or the account cannot see it). */
    Optional<Issue> issue(String key) {
        HttpResult r = send(RestClient.Call.get(uri("/issue/" + enc(key) + "?fields=" + String.join(",", FIELDS))));
        if (r.status() == 404) {
            return Optional.empty();
        }
        check(r, "read issue " + key);
        return Optional.of(Issue.of(r.json()));
    }

    /** Issues a search asks for per page; Jira may answer fewer (Cloud does when fields are requested). */
    static final int SEARCH_PAGE = 100;

    /**
     * Issues matching a bounded JQL query, in its order, page after page until the last or until
     * {@code atMost} are read. Cloud pages with {@code nextPageToken} until {@code isLast}; Data
     * Center with {@code startAt} until {@code total}, stepping by what each page held. On Cloud,
     * {@code reconcile} names issues (by id) the answer must be consistent with even when the search
     * index has not caught up yet, such as one created a moment ago.
     */
    List<Issue> search(String jql, List<String> reconcile, int atMost) {
        boolean cloud = settings.flavor() == JiraSettings.Flavor.CLOUD;
        List<Issue> issues = new ArrayList<>();
        String token = null;
        while (issues.size() < atMost) {
            ObjectNode body = F.objectNode().put("jql", jql).put("maxResults", Math.min(SEARCH_PAGE, atMost - issues.size()));
            ArrayNode fields = body.putArray("fields");
            FIELDS.forEach(fields::add);
            if (cloud && !reconcile.isEmpty()) {
                ArrayNode ids = body.putArray("reconcileIssues");
                reconcile.forEach(id -> ids.add(Long.parseLong(id)));
            }
            if (cloud && token != null) {
                body.put("nextPageToken", token);
            } else if (!cloud) {
                body.put("startAt", issues.size());
            }
            HttpResult r = send(RestClient.Call.of("POST", uri(cloud ? "/search/jql" : "/search")).json(Json.compact(body)));
            check(r, "search issues with JQL " + jql);
            JsonNode page = r.json();
            int before = issues.size();
            page.path("issues").forEach(i -> issues.add(Issue.of(i)));
            token = page.path("nextPageToken").asText(null);
            // An empty page ends it too: a server that never says "last" cannot keep the sync asking.
            boolean last = issues.size() == before || (cloud ? page.path("isLast").asBoolean(token == null)
                    || token == null : issues.size() >= page.path("total").asInt(0));
            if (last) {
                break;
            }
        }
        return issues.size() > atMost ? issues.subList(0, atMost) : issues;
    }

    /** Creates an issue and returns its id and key. */
    Issue create(String summary, JsonNode description, List<String> labels) {
        ObjectNode fields = F.objectNode();
        fields.putObject("project").put("key", settings.project());
        fields.putObject("issuetype").put("name", settings.issueType());
        fields.put("summary", summary);
        fields.set("description", description);
        ArrayNode l = fields.putArray("labels");
        labels.forEach(l::add);
        ObjectNode body = F.objectNode();
        body.set("fields", fields);
        String action = "create a " + settings.issueType() + " in project " + settings.project();
        HttpResult r = send(RestClient.Call.of("POST", uri("/issue")).json(Json.compact(body)));
        if (r.status() == 400) {
            throw new OperationFailedException(settings.flavor().label() + " refused to " + action + ": "
                    + serverSaid(r) + ". The profile asks for project \"" + settings.project() + "\" (config.project) "
                    + "and issue type \"" + settings.issueType() + "\" (config.issueType, default Task): check both "
                    + "exist and the issue type belongs to the project");
        }
        check(r, action);
        JsonNode created = r.json();
        return new Issue(created.path("id").asText(), created.path("key").asText(), summary, labels, null, null,
                description, null);
    }

    /** Sets fields and adds/removes labels in one edit. */
    void edit(String key, Map<String, JsonNode> fields, List<String> addLabels, List<String> removeLabels) {
        ObjectNode body = F.objectNode();
        if (!fields.isEmpty()) {
            ObjectNode f = body.putObject("fields");
            fields.forEach(f::set);
        }
        if (!addLabels.isEmpty() || !removeLabels.isEmpty()) {
            ArrayNode ops = body.putObject("update").putArray("labels");
            addLabels.forEach(l -> ops.addObject().put("add", l));
            removeLabels.forEach(l -> ops.addObject().put("remove", l));
        }
        HttpResult r = send(RestClient.Call.of("PUT", uri("/issue/" + enc(key))).json(Json.compact(body)));
        check(r, "update issue " + key);
    }

    void comment(String key, JsonNode body) {
        ObjectNode comment = F.objectNode();
        comment.set("body", body);
        HttpResult r = send(RestClient.Call.of("POST", uri("/issue/" + enc(key) + "/comment"))
                .json(Json.compact(comment)));
        check(r, "comment on issue " + key);
    }

    /** Creates or updates the remote link with this {@code globalId}: idempotent by design of the API. */
    void remoteLink(String key, String globalId, String url, String title, String summary) {
        ObjectNode body = F.objectNode().put("globalId", globalId).put("relationship", "deployment");
        body.putObject("application").put("type", "io.specweave.deploy").put("name", "SpecWeave Deploy");
        ObjectNode object = body.putObject("object").put("url", url).put("title", title);
        if (summary != null) {
            object.put("summary", summary);
        }
        HttpResult r = send(RestClient.Call.of("POST", uri("/issue/" + enc(key) + "/remotelink"))
                .json(Json.compact(body)));
        check(r, "link " + url + " to issue " + key);
    }

    /**
     * The value of the issue's entity property {@code property}; empty when the issue has none (Jira
     * answers 404 for a missing property and for a missing issue alike).
     */
    Optional<JsonNode> property(String key, String property) {
        HttpResult r = send(RestClient.Call.get(uri("/issue/" + enc(key) + "/properties/" + enc(property))));
        if (r.status() == 404) {
            return Optional.empty();
        }
        check(r, "read property " + property + " of issue " + key);
        return Optional.ofNullable(r.json().get("value"));
    }

    /** Creates or replaces the issue's entity property {@code property} (at most 32,768 characters of JSON). */
    void setProperty(String key, String property, String json) {
        HttpResult r = send(RestClient.Call.of("PUT", uri("/issue/" + enc(key) + "/properties/" + enc(property)))
                .json(json));
        check(r, "store property " + property + " on issue " + key);
    }

    List<Transition> transitions(String key) {
        HttpResult r = send(RestClient.Call.get(uri("/issue/" + enc(key) + "/transitions")));
        check(r, "read the transitions of issue " + key);
        List<Transition> list = new ArrayList<>();
        for (Iterator<JsonNode> it = r.json().path("transitions").elements(); it.hasNext(); ) {
            JsonNode t = it.next();
            list.add(new Transition(t.path("id").asText(), t.path("name").asText(),
                    t.path("to").path("name").asText(null), t.path("to").path("statusCategory").path("key").asText(null)));
        }
        return list;
    }

    void transition(String key, Transition transition) {
        ObjectNode body = F.objectNode();
        body.putObject("transition").put("id", transition.id());
        HttpResult r = send(RestClient.Call.of("POST", uri("/issue/" + enc(key) + "/transitions"))
                .json(Json.compact(body)));
        check(r, "move issue " + key + " through transition \"" + transition.name() + "\"");
    }

    /** The setting a redirect refusal names: where the site's URL comes from. */
    static final String SITE_SETTING = "the Jira site (config.domain or config.baseUrl)";

    private HttpResult send(RestClient.Call call) {
        return http.send(call.authorization(settings.authorization()).header("Accept", "application/json")
                .setting(SITE_SETTING));
    }

    private URI uri(String path) {
        return URI.create(settings.baseUrl() + settings.flavor().apiPrefix() + path);
    }

    private void check(HttpResult r, String action) {
        if (r.isSuccess()) {
            return;
        }
        String product = settings.flavor().label();
        String host = settings.baseUrl().getHost();
        if (r.status() == 401) {
            throw OperationFailedException.aboutCredential(settings.tokenVariable(), Message.of(product + " at " + host
                    + " did not accept the credentials from ", settings.credentialNames(), " (HTTP 401) when trying to "
                    + action + ": check that " + (settings.flavor() == JiraSettings.Flavor.CLOUD
                            ? "the email matches the account that created the API token and the token is not revoked"
                            : "the personal access token is valid and not expired")));
        }
        if (r.status() == 403) {
            throw OperationFailedException.aboutCredential(settings.tokenVariable(), Message.of(product + " at " + host
                    + " refused (HTTP 403) to " + action + " for the account of ", settings.credentialNames(), ": "
                    + serverSaid(r) + ". Grant it the project permissions Browse, Create, Edit, Add comments, Link "
                    + "issues and Transition issues in " + settings.project()));
        }
        if (r.status() == 429 || r.status() >= 500) {
            throw new OperationFailedException(product + " at " + host + " kept answering HTTP " + r.status()
                    + " when trying to " + action + ": " + serverSaid(r) + "; try again later");
        }
        throw new OperationFailedException(product + " at " + host + " refused to " + action + " (HTTP " + r.status()
                + "): " + serverSaid(r));
    }

    /** Jira's error collection as one sentence, or the start of the body; secrets removed. */
    String serverSaid(HttpResult r) {
        List<String> parts = new ArrayList<>();
        try {
            JsonNode json = r.json();
            json.path("errorMessages").forEach(m -> parts.add(m.asText()));
            json.path("errors").properties().forEach(e -> parts.add(e.getKey() + ": " + e.getValue().asText()));
        } catch (RuntimeException e) {
            // not JSON: fall back to the text
        }
        String said = parts.isEmpty() ? r.text().strip() : String.join("; ", parts);
        if (said.isEmpty()) {
            said = "no details";
        }
        if (said.length() > 300) {
            said = said.substring(0, 300) + "…";
        }
        return settings.redactor().redact(said);
    }

    private static String enc(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8);
    }
}
