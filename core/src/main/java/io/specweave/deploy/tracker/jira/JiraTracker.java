package io.specweave.deploy.tracker.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.Redactor;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.http.HttpSettings;
import io.specweave.deploy.http.RestClient;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.model.DeploymentRecord;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.model.DeploymentStatus;
import io.specweave.deploy.tracker.BodyFit;
import io.specweave.deploy.tracker.Fingerprint;
import io.specweave.deploy.tracker.ItemContent;
import io.specweave.deploy.tracker.ItemIdentity;
import io.specweave.deploy.tracker.ItemTelling;
import io.specweave.deploy.tracker.RecordCopy;
import io.specweave.deploy.tracker.RecordLookup;
import io.specweave.deploy.tracker.Tracker;
import io.specweave.deploy.tracker.TrackingRef;
import io.specweave.deploy.tracker.TrackingRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Jira issues, one per (increment, profile), on Jira Cloud (REST v3, ADF) or Data Center (REST
 * v2, wiki text).
 *
 * <p>Identity: the key stored in {@code metadata.json}; else a JQL query on the labels
 * {@code specweave}, {@code specweave-<n>} and {@code env-<environment>} in the project, confirmed by
 * the marker at the end of the description. A first sync searches again after creating, so two
 * runs that raced both end on the oldest issue, and the newer one is marked as its duplicate.
 *
 * <p>The machine-readable copy of the environment's record ({@link RecordCopy}) lives in the issue
 * property {@value #RECORD_PROPERTY}: entity properties are JSON that Jira stores as given and never
 * shows in the issue view, so the copy is neither reformatted nor noise for a reader. It is written
 * only when it changed: the description's marker carries its fingerprint, so an unchanged re-sync
 * still reads the issue once and writes nothing.
 *
 * <p>With {@code issueKeys} (profile config or {@code --issue-keys}) no issue is created: the
 * deployment is recorded on each given issue (comment, remote links, {@code env-<environment>}
 * label).
 */
public final class JiraTracker implements Tracker {

    static final String DUPLICATE_LABEL = "specweave-duplicate";
    /** The issue property holding the record copy. */
    static final String RECORD_PROPERTY = "specweave-deploy";
    /**
     * Jira limits an entity property's value to 32,768 characters (some versions count bytes); the
     * copy, measured in UTF-8 bytes so that it is within either, stays well inside.
     */
    static final int RECORD_COPY_LIMIT = 24_000;
    /** Statuses a duplicate may be closed into, by preference; never an arbitrary "done" status such as Deployed. */
    static final List<String> CLOSING_STATUSES = List.of("Duplicate", "Closed", "Done", "Resolved", "Won't Do",
            "Cancelled", "Canceled");

    private final SyncProfile profile;
    private final Credentials credentials;
    private final Function<Redactor, RestClient> clients;

    /** The shipped tracker: default timeouts and retries. */
    public JiraTracker(SyncProfile profile, Credentials credentials) {
        this(profile, credentials, redactor -> new RestClient(HttpSettings.defaults(), redactor));
    }

    /** A tracker whose HTTP client is built by {@code clients} (tests pass one with a recording sleeper). */
    public JiraTracker(SyncProfile profile, Credentials credentials, Function<Redactor, RestClient> clients) {
        this.profile = profile;
        this.credentials = credentials;
        this.clients = clients;
    }

    @Override
    public void checkSettings() {
        JiraSettings.from(profile, credentials);
    }

    @Override
    public TrackingRef upsert(TrackingRequest request) {
        JiraSettings settings = JiraSettings.from(profile, credentials);
        JiraClient client = new JiraClient(settings, clients.apply(settings.redactor()));
        // Keys given to the run were read when the request was made (IssueKeys); the profile's at its settings.
        List<String> keys = request.issueKeys().isEmpty() ? settings.issueKeys() : request.issueKeys();
        if (!keys.isEmpty()) {
            return recordOnExisting(settings, client, request, keys);
        }
        return new Sync(settings, client, request).run();
    }

    /** The profile's own issue: find or create, then bring it up to date. */
    private final class Sync {
        private final JiraSettings settings;
        private final JiraClient client;
        private final TrackingRequest request;
        private final ItemContent content;
        private final String environment;
        private final List<String> labels;
        private final String marker;
        private final JsonNode description;
        private final String recordCopy;
        private final String recordFingerprint;
        /** The description as it is when the copy could not be stored: its marker vouches for no copy. */
        private final JsonNode descriptionWithoutCopy;
        private final List<String> warnings = new ArrayList<>();

        Sync(JiraSettings settings, JiraClient client, TrackingRequest request) {
            this.settings = settings;
            this.client = client;
            this.request = request;
            this.content = ItemContent.of(request);
            this.environment = request.environment();
            this.labels = labels(request);
            String body = settings.flavor() == JiraSettings.Flavor.CLOUD
                    ? Json.compact(AdfRenderer.description(content, content.marker(), BodyFit.JIRA))
                    : WikiRenderer.description(content, content.marker(), BodyFit.JIRA);
            // The marker carries a fingerprint of the content: Jira reformats stored documents, so
            // "is the description current?" is answered by the fingerprint, not by comparing trees.
            this.recordCopy = Json.compact(RecordCopy.envelope(content.incrementId(), environment,
                    request.recordCopyNode(), RECORD_COPY_LIMIT,
                    copy -> Json.compact(copy).getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
            this.recordFingerprint = ";record=" + Fingerprint.of(recordCopy);
            // ...and of the record copy last stored in the issue property, so the property is
            // written only when the copy changed, without reading it back on every sync.
            // ...and the key of the note it was last told, so a re-run does not comment the note again.
            String contentMarker = content.markerLine(body, request);
            this.marker = contentMarker + recordFingerprint;
            this.description = render(marker);
            this.descriptionWithoutCopy = render(contentMarker);
        }

        private JsonNode render(String withMarker) {
            return settings.flavor() == JiraSettings.Flavor.CLOUD
                    ? AdfRenderer.description(content, withMarker, BodyFit.JIRA)
                    : TextNode.valueOf(WikiRenderer.description(content, withMarker, BodyFit.JIRA));
        }

        /**
         * Stores the record copy in the issue property. A refusal (the account may create issues but
         * not edit them, which properties need) is a warning: the deployment is still on the issue.
         */
        private boolean storeCopy(String key) {
            try {
                client.setProperty(key, RECORD_PROPERTY, recordCopy);
                return true;
            } catch (io.specweave.deploy.OperationFailedException e) {
                warnings.add("the record copy could not be stored in property " + RECORD_PROPERTY + " of Jira issue "
                        + key + ": " + e.getMessage() + "; later jobs will not read this record back until a sync "
                        + "stores it (the next sync tries again)");
                return false;
            }
        }

        TrackingRef run() {
            DeploymentRecord record = request.record();
            ItemIdentity<JiraClient.Issue> identity = new ItemIdentity<>(new Issues(settings, client, labels,
                    record.issueKey(), this), content.marker(), content.incrementId(), environment);
            ItemIdentity.Resolution<JiraClient.Issue> found = identity.resolve();
            warnings.addAll(identity.warnings());
            JiraClient.Issue issue = found.item();
            boolean created = found.created();
            boolean adopted = found.adopted();
            if (created && !storeCopy(issue.key())) {
                // The new description's marker claims the copy: take the claim back so the next sync retries.
                try {
                    client.edit(issue.key(), Map.of("description", descriptionWithoutCopy), List.of(), List.of());
                } catch (io.specweave.deploy.OperationFailedException e) {
                    warnings.add("Jira issue " + issue.key() + ": " + e.getMessage());
                }
            }
            boolean contentChanged = false;
            ItemTelling telling = ItemTelling.of(request, issue.descriptionText(), created);
            // The comment before the description that carries its key: a run failing between the two
            // leaves the key out, and the next run tells the deployment again rather than never.
            if (telling.any()) {
                DeploymentRecord r = request.record();
                String text = (telling.deployment() ? content.deploymentComment(r, request.repositoryUrl()) + " " : "")
                        + (telling.note() ? ItemTelling.noteComment(request) : "");
                String run = telling.deployment() ? r.runUrl() : null;
                client.comment(issue.key(), commentBody(text.strip(), run));
            }
            if (!created) {
                contentChanged = update(issue);
            }
            boolean changed = created || contentChanged || telling.any();
            // An adopted issue gets this run's links too: each run keeps its own run link, and a re-run of
            // the same deployment would not add them later.
            if (created || adopted || request.newDeployment()) {
                links(client, issue.key(), request);
            }
            if (settings.deployedTransition() != null && DeploymentStatus.DEPLOYED.equals(record.status())
                    && (created || request.newDeployment() || contentChanged)) {
                changed |= transition(settings, client, issue.key(), created ? null : issue.status(), warnings);
            }
            return new TrackingRef(Provider.JIRA, null, issue.key(), settings.browseUrl(issue.key()), created,
                    changed, warnings);
        }

        /** Jira's summary holds at most 255 characters. */
        private String summary() {
            return content.title(255);
        }

        private JiraClient.Issue create() {
            return client.create(summary(), description, labels);
        }

        /**
         * Takes a duplicate out of the identity (its labels), says which issue it duplicates and, when
         * its workflow offers a transition into a "done" status, closes it.
         */
        private void markDuplicate(JiraClient.Issue duplicate, JiraClient.Issue kept) {
            List<String> remove = new ArrayList<>(labels.subList(1, labels.size()));
            client.edit(duplicate.key(), Map.of(), List.of(DUPLICATE_LABEL), remove);
            String text = "Duplicate of " + kept.key() + ": two SpecWeave Deploy runs created an issue for "
                    + content.incrementId() + " in " + environment + " at the same time; " + kept.key()
                    + " (the oldest) is kept.";
            client.comment(duplicate.key(), commentBody(text, null));
            Optional<JiraClient.Transition> done = Optional.empty();
            try {
                List<JiraClient.Transition> offered = client.transitions(duplicate.key());
                done = CLOSING_STATUSES.stream().flatMap(name -> offered.stream()
                        .filter(t -> "done".equals(t.toCategory()) && name.equalsIgnoreCase(t.to()))).findFirst();
                done.ifPresent(t -> client.transition(duplicate.key(), t));
            } catch (io.specweave.deploy.OperationFailedException e) {
                // Closing is a courtesy: the labels already took it out of the identity.
                done = Optional.empty();
            }
            warnings.add("Jira issue " + duplicate.key() + " duplicated " + kept.key() + " (two runs created one at "
                    + "the same time): marked it \"Duplicate of " + kept.key() + "\""
                    + (done.isPresent() ? " and moved it to " + done.get().to() : ", label " + DUPLICATE_LABEL));
        }

        private JsonNode commentBody(String text, String runUrl) {
            return JiraTracker.commentBody(settings, text, runUrl);
        }

        /** Summary, description and labels brought up to date with one edit, only when one differs. */
        private boolean update(JiraClient.Issue issue) {
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            if (!summary().equals(issue.summary())) {
                fields.put("summary", TextNode.valueOf(summary()));
            }
            String text = issue.descriptionText();
            boolean copyChanged = !text.contains(recordFingerprint);
            // before the description, whose marker then vouches for the stored copy
            boolean stored = copyChanged && storeCopy(issue.key());
            if (!text.contains(marker) && (stored || !copyChanged)) {
                fields.put("description", description);
            } else if (copyChanged && !stored && !text.contains(marker.substring(0, marker.length()
                    - recordFingerprint.length()))) {
                fields.put("description", descriptionWithoutCopy);
            }
            List<String> missing = labels.stream().filter(l -> !issue.labels().contains(l)).toList();
            if (fields.isEmpty() && missing.isEmpty()) {
                return stored;
            }
            client.edit(issue.key(), fields, missing, List.of());
            return true;
        }
    }

    /**
     * The record copy in the issue property {@value #RECORD_PROPERTY}, with the issue's key and
     * link (the copy leaves them out: they are the issue's own). The issue is found by the same
     * rules as sync: the stored key while it is still ours, else the JQL on the identity labels.
     * {@code issueKeys} mode records on a team's own stories, which carry no copy.
     */
    @Override
    public Optional<ObjectNode> readRecord(RecordLookup lookup) {
        JiraSettings settings = JiraSettings.from(profile, credentials);
        JiraClient client = new JiraClient(settings, clients.apply(settings.redactor()));
        String incrementId = lookup.increment().id();
        String environment = lookup.environment();
        String marker = ItemContent.marker(incrementId, environment);
        List<String> labels = labels(lookup.increment(), environment);
        String stored = lookup.local() == null ? null : lookup.local().issueKey();
        JiraClient.Issue issue = new ItemIdentity<>(new Issues(settings, client, labels, stored, null), marker,
                incrementId, environment).find().orElse(null);
        if (issue == null) {
            return Optional.empty();
        }
        String key = issue.key();
        Optional<ObjectNode> copy = client.property(key, RECORD_PROPERTY)
                .flatMap(value -> RecordCopy.fromEnvelope(value, incrementId, environment))
                .map(ObjectNode::deepCopy);
        copy.ifPresent(c -> {
            c.put("issueKey", key);
            c.put("issueUrl", settings.browseUrl(key));
        });
        return copy;
    }

    /**
     * The project's issues as the identity rule sees them: the stored key, and the JQL on the identity
     * labels. With no {@link Sync} it only reads (the record copy's lookup).
     */
    private static final class Issues implements ItemIdentity.Store<JiraClient.Issue> {
        private final JiraSettings settings;
        private final JiraClient client;
        private final List<String> labels;
        private final String storedKey;
        private final Sync sync;
        /** Issues this run created, which Cloud's search is asked to be consistent with. */
        private final List<String> createdIds = new ArrayList<>();

        Issues(JiraSettings settings, JiraClient client, List<String> labels, String storedKey, Sync sync) {
            this.settings = settings;
            this.client = client;
            this.labels = labels;
            this.storedKey = storedKey;
            this.sync = sync;
        }

        /** The stored key's issue; a list of keys ({@code issueKeys} mode) names no item of ours. */
        @Override
        public Optional<JiraClient.Issue> linked() {
            return storedKey == null || storedKey.contains(",") ? Optional.empty() : client.issue(storedKey);
        }

        @Override
        public List<JiraClient.Issue> labelled(int atMost) {
            String jql = "project = " + quote(settings.project()) + " AND "
                    + labels.stream().map(l -> "labels = " + quote(l)).collect(Collectors.joining(" AND "))
                    // oldest first, and in one order from page to page when two were created in the same instant
                    + " ORDER BY created ASC, key ASC";
            return client.search(jql, createdIds, atMost).stream().filter(i -> i.labels().containsAll(labels)).toList();
        }

        @Override
        public String text(JiraClient.Issue issue) {
            return issue.descriptionText();
        }

        @Override
        public boolean hasIdentityLabels(JiraClient.Issue issue) {
            return issue.labels().containsAll(labels);
        }

        @Override
        public JiraClient.Issue create() {
            JiraClient.Issue made = readOnly().create();
            createdIds.add(made.id());
            return made;
        }

        @Override
        public java.time.Instant createdAt(JiraClient.Issue issue) {
            return issue.created();
        }

        @Override
        public long id(JiraClient.Issue issue) {
            return issue.numericId();
        }

        /**
         * Resolved by someone: a status in the done category, except the one deployments move it to
         * ({@code deployedTransition}), which is where a live item rests.
         */
        @Override
        public boolean closed(JiraClient.Issue issue) {
            return "done".equals(issue.statusCategory()) && (settings.deployedTransition() == null
                    || !settings.deployedTransition().equalsIgnoreCase(issue.status()));
        }

        @Override
        public void markDuplicate(JiraClient.Issue duplicate, JiraClient.Issue kept) {
            readOnly().markDuplicate(duplicate, kept);
        }

        @Override
        public String name(JiraClient.Issue issue) {
            return issue.key();
        }

        @Override
        public String noun() {
            return "Jira issue";
        }

        private Sync readOnly() {
            if (sync == null) {
                throw new IllegalStateException("reading the record copy creates and marks nothing");
            }
            return sync;
        }
    }

    /** A comment body in the flavour's format, within Jira's limit as the description is: its ADF JSON, or its wiki text. */
    private static JsonNode commentBody(JiraSettings settings, String text, String runUrl) {
        return settings.flavor() == JiraSettings.Flavor.CLOUD
                ? BodyFit.text(text, BodyFit.JIRA, words -> AdfRenderer.comment(words, runUrl),
                        doc -> Json.compact(doc).length())
                : TextNode.valueOf(BodyFit.text(text, BodyFit.JIRA, words -> WikiRenderer.comment(words, runUrl),
                        String::length));
    }

    /** {@code issueKeys} mode: comment, remote links and the environment label on each given issue. */
    private TrackingRef recordOnExisting(JiraSettings settings, JiraClient client, TrackingRequest request,
            List<String> keys) {
        ItemContent content = ItemContent.of(request);
        DeploymentRecord r = request.record();
        String envLabel = "env-" + label(request.environment());
        List<String> warnings = new ArrayList<>();
        boolean changed = false;
        // Every issue read before any is written: a mistyped key leaves the others untouched, not half told.
        Map<String, JiraClient.Issue> issues = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            client.issue(key).ifPresentOrElse(issue -> issues.put(key, issue), () -> missing.add(key));
        }
        if (!missing.isEmpty()) {
            throw new io.specweave.deploy.OperationFailedException(io.specweave.deploy.Message.of(
                    settings.flavor().label() + " has no issue " + String.join(", ", missing) + " visible to the "
                    + "account of ", settings.credentialNames(), " (from " + (request.issueKeys().isEmpty()
                            ? "sync.profiles." + profile.name() + ".config.issueKeys" : "the issue keys given") + ")"
                    + (issues.isEmpty() ? "" : "; nothing was written to " + String.join(", ", issues.keySet()))));
        }
        for (String key : keys) {
            JiraClient.Issue issue = issues.get(key);
            boolean fresh = !issue.labels().contains(envLabel);
            if (fresh || request.newDeployment()) {
                if (fresh) {
                    client.edit(key, Map.of(), List.of(envLabel), List.of());
                }
                String text = content.deploymentComment(r, request.repositoryUrl());
                client.comment(key, commentBody(settings, text, r.runUrl()));
                links(client, key, request);
                changed = true;
                if (settings.deployedTransition() != null && DeploymentStatus.DEPLOYED.equals(r.status())) {
                    changed |= transition(settings, client, key, issue.status(), warnings);
                }
            }
        }
        return new TrackingRef(Provider.JIRA, null, String.join(",", keys), settings.browseUrl(keys.get(0)), false,
                changed, warnings);
    }

    /** Remote links to the environment and to the run, each under a stable globalId. */
    private static void links(JiraClient client, String key, TrackingRequest request) {
        DeploymentRecord r = request.record();
        String env = request.environment();
        String increment = request.increment().id();
        if (r.deploymentUrl() != null) {
            client.remoteLink(key, globalId("specweave-deploy:" + increment + ":" + env + ":environment"),
                    r.deploymentUrl(), env + " environment", increment + " deployed to " + env);
        }
        if (r.runUrl() != null) {
            client.remoteLink(key, globalId("specweave-deploy:" + increment + ":" + env + ":run:" + r.runUrl()),
                    r.runUrl(), "Deployment to " + env + " (pipeline run)",
                    r.commit() == null ? null : "commit " + ItemContent.shortSha(r.commit()));
        }
    }

    /**
     * Moves the issue through {@code deployedTransition}: matched by transition name or target
     * status; nothing when already there; a warning listing what is available when it is not.
     */
    private static boolean transition(JiraSettings settings, JiraClient client, String key, String currentStatus,
            List<String> warnings) {
        String wanted = settings.deployedTransition();
        if (currentStatus != null && currentStatus.equalsIgnoreCase(wanted)) {
            return false;
        }
        List<JiraClient.Transition> available = client.transitions(key);
        Optional<JiraClient.Transition> match = available.stream()
                .filter(t -> wanted.equalsIgnoreCase(t.name())).findFirst()
                .or(() -> available.stream().filter(t -> wanted.equalsIgnoreCase(t.to())).findFirst());
        if (match.isEmpty()) {
            warnings.add("Jira issue " + key + (currentStatus == null ? "" : " (status \"" + currentStatus + "\")")
                    + " has no transition \"" + wanted + "\" (config.deployedTransition); available: "
                    + (available.isEmpty() ? "none" : available.stream()
                            .map(t -> "\"" + t.name() + "\" → " + t.to()).collect(Collectors.joining(", "))));
            return false;
        }
        if (currentStatus != null && currentStatus.equalsIgnoreCase(match.get().to())) {
            return false;
        }
        client.transition(key, match.get());
        return true;
    }

    /** {@code specweave}, {@code specweave-<n>}, {@code env-<environment>}. */
    static List<String> labels(TrackingRequest request) {
        return labels(request.increment(), request.environment());
    }

    static List<String> labels(Increment increment, String environment) {
        int number = increment.number();
        String n = number >= 0 ? String.valueOf(number) : label(increment.id());
        return List.of("specweave", "specweave-" + n, "env-" + label(environment));
    }

    /** Jira labels cannot contain spaces. */
    private static String label(String text) {
        return text.trim().replaceAll("\\s+", "-").toLowerCase(Locale.ROOT);
    }

    /** A JQL string literal. */
    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A globalId within Jira's 255 characters: long ones are hashed. */
    private static String globalId(String id) {
        return id.length() <= 255 ? id : id.substring(0, 180) + ":" + Fingerprint.of(id);
    }
}
