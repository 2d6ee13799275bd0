package io.specweave.deploy.tracker.ado;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.specweave.deploy.Json;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.Redactor;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.http.HttpSettings;
import io.specweave.deploy.http.RestClient;
import io.specweave.deploy.increment.Increment;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.model.DeploymentRecord;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Azure DevOps work items, one per (increment, profile), through Work Item Tracking REST 7.1.
 *
 * <p>Identity: the id stored in {@code metadata.json}; else a WIQL query on the tags
 * {@code specweave-<n>} and {@code env-<environment>} in the project (WIQL reads the work item store,
 * not a lagging search index), then the matches fetched by id and confirmed by exact tags and the
 * marker. A first sync queries again after creating; of two items created by racing runs the oldest
 * is kept and the other is tagged and described as its duplicate.
 *
 * <p>The machine-readable copy of the environment's record ({@link RecordCopy}) is a JSON file
 * attached to the work item ({@code AttachedFile} relation, {@value AdoClient#RECORD_FILE}). Not in the
 * description: Azure DevOps sanitizes the HTML of rich-text fields and drops comments, scripts and
 * unknown attributes, so a hidden block there does not survive; a visible one would be noise. An
 * attachment is stored byte for byte. The relation's comment carries the copy's fingerprint, so it is
 * replaced (upload, then remove the old relation and add the new one in the same patch) only when
 * the copy changed.
 *
 * <p>Updates carry a {@code test} of {@code /rev}: when someone changed the item in between, Azure
 * DevOps refuses the patch and the tracker re-reads and recomputes it, so each change applies once.
 */
public final class AdoTracker implements Tracker {

    /** The record copy is a small JSON file; bounded like the other providers' copies. */
    static final int RECORD_COPY_LIMIT = 60_000;
    static final String DUPLICATE_TAG = "specweave-duplicate";
    static final int MAX_CONFLICT_RETRIES = 3;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final SyncProfile profile;
    private final Credentials credentials;
    private final Function<Redactor, RestClient> clients;

    public AdoTracker(SyncProfile profile, Credentials credentials) {
        this(profile, credentials, redactor -> new RestClient(HttpSettings.defaults(), redactor));
    }

    public AdoTracker(SyncProfile profile, Credentials credentials, Function<Redactor, RestClient> clients) {
        this.profile = profile;
        this.credentials = credentials;
        this.clients = clients;
    }

    @Override
    public void checkSettings() {
        AdoSettings.from(profile, credentials);
    }

    @Override
    public TrackingRef upsert(TrackingRequest request) {
        // Issue keys never reach this tracker: the sync refuses them for a profile that is not Jira's.
        AdoSettings settings = AdoSettings.from(profile, credentials);
        return new Sync(settings, new AdoClient(settings, clients.apply(settings.redactor())), request).run();
    }

    private static final class Sync {
        private final AdoSettings settings;
        private final AdoClient client;
        private final TrackingRequest request;
        private final ItemContent content;
        private final List<String> tags;
        private final String marker;
        private final String description;
        private final byte[] recordCopy;
        private final String recordComment;
        private String uploaded;
        private final List<String> warnings = new ArrayList<>();

        Sync(AdoSettings settings, AdoClient client, TrackingRequest request) {
            this.settings = settings;
            this.client = client;
            this.request = request;
            this.content = ItemContent.of(request);
            this.tags = tags(request);
            String body = HtmlRenderer.description(content, content.marker(), BodyFit.AZURE_DEVOPS);
            // Azure DevOps rewrites stored HTML; the fingerprint in the marker says whether it is current.
            // The note's key in the marker: a re-run finds the note told and adds no second history entry.
            this.marker = content.markerLine(body, request);
            this.description = HtmlRenderer.description(content, marker, BodyFit.AZURE_DEVOPS);
            String copy = Json.compact(RecordCopy.envelope(content.incrementId(), request.environment(),
                    request.recordCopyNode(), RECORD_COPY_LIMIT));
            this.recordCopy = copy.getBytes(StandardCharsets.UTF_8);
            // The relation's comment carries the copy's fingerprint: a re-sync sees an unchanged copy
            // without downloading it.
            this.recordComment = AdoClient.RECORD_COMMENT + "(" + content.incrementId() + ", " + request.environment()
                    + ") " + Fingerprint.of(copy);
        }

        /** The copy's attachment URL, uploaded once per sync even when a revision conflict recomputes the patch. */
        private String uploadCopy() {
            if (uploaded == null) {
                uploaded = client.upload(AdoClient.RECORD_FILE, recordCopy);
            }
            return uploaded;
        }

        TrackingRef run() {
            ItemIdentity<AdoClient.WorkItem> identity = new ItemIdentity<>(new WorkItems(settings, client, tags,
                    request.record().workItemId(), this), HtmlRenderer.escape(content.marker()), content.incrementId(),
                    request.environment());
            ItemIdentity.Resolution<AdoClient.WorkItem> found = identity.resolve();
            warnings.addAll(identity.warnings());
            AdoClient.WorkItem item = found.item();
            boolean created = found.created();
            boolean changed = created;
            if (created) {
                // Azure DevOps creates a work item in its type's first state only: deployedState follows.
                update(item, true);
            } else {
                changed = update(item, false);
            }
            return new TrackingRef(Provider.ADO, item.id(), String.valueOf(item.id()), settings.webUrl(item.id()),
                    created, changed, warnings);
        }

        private AdoClient.WorkItem create() {
            return client.create(createOps());
        }

        private ArrayNode createOps() {
            ArrayNode ops = F.arrayNode();
            ops.add(AdoClient.op("add", "/fields/System.Title", title()));
            ops.add(AdoClient.op("add", "/fields/System.Description", description));
            ops.add(AdoClient.op("add", "/fields/System.Tags", String.join("; ", tags)));
            if (settings.areaPath() != null) {
                ops.add(AdoClient.op("add", "/fields/System.AreaPath", settings.areaPath()));
            }
            if (settings.iterationPath() != null) {
                ops.add(AdoClient.op("add", "/fields/System.IterationPath", settings.iterationPath()));
            }
            if (request.note() != null) {
                ops.add(AdoClient.op("add", "/fields/System.History", HtmlRenderer.comment(
                        ItemTelling.noteComment(request), null, BodyFit.AZURE_DEVOPS)));
            }
            for (String[] link : links()) {
                ops.add(AdoClient.hyperlink(link[0], link[1]));
            }
            ops.add(AdoClient.attachedFile(uploadCopy(), recordComment));
            Integer feature = request.links().adoFeature();
            if (feature != null) {
                // SpecWeave's feature work item of the increment becomes the parent (set once, at creation).
                ops.add(AdoClient.op("add", "/relations/-", F.objectNode()
                        .put("rel", "System.LinkTypes.Hierarchy-Reverse")
                        .put("url", settings.api("/workItems/" + feature).toString())));
            }
            return ops;
        }

        /**
         * Brings the item up to date in one patch guarded by {@code test /rev}; on a conflict re-reads
         * and recomputes, so a history entry or link is never applied twice. {@code created}: the item
         * was just created, in its type's first state, and takes {@code deployedState} now.
         */
        private boolean update(AdoClient.WorkItem item, boolean created) {
            AdoClient.WorkItem current = item;
            for (int attempt = 1; ; attempt++) {
                ArrayNode ops = F.arrayNode();
                ops.add(AdoClient.op("test", "/rev", current.rev()));
                boolean contentChanged = false;
                if (!title().equals(current.title())) {
                    ops.add(AdoClient.op("add", "/fields/System.Title", title()));
                    contentChanged = true;
                }
                if (!current.description().contains(HtmlRenderer.escape(marker))) {
                    ops.add(AdoClient.op("add", "/fields/System.Description", description));
                    contentChanged = true;
                }
                // Azure DevOps keeps a tag in the casing the organization first used (SpecWeave, Env-qa).
                List<String> present = current.tags();
                List<String> missing = tags.stream().filter(t -> present.stream().noneMatch(t::equalsIgnoreCase))
                        .toList();
                if (!missing.isEmpty()) {
                    List<String> merged = new ArrayList<>(present);
                    merged.addAll(missing);
                    ops.add(AdoClient.op("add", "/fields/System.Tags", String.join("; ", merged)));
                    contentChanged = true;
                }
                // Decided on the revision read, so a conflict's re-read cannot tell anything twice. A
                // created item tells its note in the history of its creation already.
                ItemTelling telling = ItemTelling.of(request, current.description(), created);
                boolean note = telling.note() && !created;
                if (telling.deployment() || note) {
                    DeploymentRecord r = request.record();
                    String text = (telling.deployment() ? content.deploymentComment(r, request.repositoryUrl()) + " " : "")
                            + (note ? ItemTelling.noteComment(request) : "");
                    ops.add(AdoClient.op("add", "/fields/System.History", HtmlRenderer.comment(text.strip(),
                            telling.deployment() ? r.runUrl() : null, BodyFit.AZURE_DEVOPS)));
                }
                for (String[] link : links()) {
                    if (!current.hyperlinks().contains(link[0])) {
                        ops.add(AdoClient.hyperlink(link[0], link[1]));
                    }
                }
                AdoClient.RecordAttachment copy = current.recordCopy();
                if (copy == null || !copy.comment().equals(recordComment)) {
                    if (copy != null) {
                        ops.add(AdoClient.op("remove", "/relations/" + copy.index(), null));
                    }
                    ops.add(AdoClient.attachedFile(uploadCopy(), recordComment));
                }
                if ((request.newDeployment() || created || contentChanged) && wantsDeployedState()
                        && !settings.deployedState().equalsIgnoreCase(current.state())) {
                    ops.add(AdoClient.op("add", "/fields/System.State", settings.deployedState()));
                }
                if (ops.size() == 1) {
                    return false;
                }
                if (client.update(current.id(), ops) == AdoClient.Update.APPLIED) {
                    return true;
                }
                if (attempt > MAX_CONFLICT_RETRIES) {
                    throw new OperationFailedException("Azure DevOps work item " + current.id() + " kept changing while "
                            + "SpecWeave Deploy updated it (" + attempt + " revision conflicts); re-run the sync");
                }
                int id = current.id();
                current = client.get(id).orElseThrow(() -> new OperationFailedException(
                        "Azure DevOps work item " + id + " disappeared while SpecWeave Deploy updated it"));
            }
        }

        private boolean wantsDeployedState() {
            return settings.deployedState() != null && DeploymentStatus.DEPLOYED.equals(request.record().status());
        }

        /** [url, comment] of the environment and the run. */
        private List<String[]> links() {
            DeploymentRecord r = request.record();
            List<String[]> links = new ArrayList<>();
            if (r.deploymentUrl() != null) {
                links.add(new String[] {r.deploymentUrl(), request.environment() + " environment"});
            }
            if (r.runUrl() != null) {
                links.add(new String[] {r.runUrl(), "Deployment to " + request.environment() + " (pipeline run"
                        + (r.commit() == null ? "" : ", commit " + ItemContent.shortSha(r.commit())) + ")"});
            }
            return links;
        }

        /** Tags the duplicate out of the identity and says in its history which item it duplicates. */
        private void markDuplicate(AdoClient.WorkItem duplicate, AdoClient.WorkItem kept) {
            AdoClient.WorkItem current = duplicate;
            for (int attempt = 1; attempt <= MAX_CONFLICT_RETRIES + 1; attempt++) {
                List<String> remaining = new ArrayList<>(current.tags());
                remaining.removeIf(t -> tags.subList(1, tags.size()).stream().anyMatch(t::equalsIgnoreCase));
                if (!remaining.contains(DUPLICATE_TAG)) {
                    remaining.add(DUPLICATE_TAG);
                }
                ArrayNode ops = F.arrayNode();
                ops.add(AdoClient.op("test", "/rev", current.rev()));
                ops.add(AdoClient.op("add", "/fields/System.Tags", String.join("; ", remaining)));
                ops.add(AdoClient.op("add", "/fields/System.Title", fitted("[Duplicate of #" + kept.id() + "] "
                        + content.title())));
                ops.add(AdoClient.op("add", "/fields/System.History", "<p>Duplicate of #" + kept.id()
                        + ": two SpecWeave Deploy runs created a work item for " + HtmlRenderer.escape(content.incrementId())
                        + " in " + HtmlRenderer.escape(request.environment()) + " at the same time; #" + kept.id()
                        + " (the oldest) is kept.</p>"));
                if (client.update(current.id(), ops) == AdoClient.Update.APPLIED) {
                    break;
                }
                int id = current.id();
                current = client.get(id).orElse(null);
                if (current == null || current.tags().contains(DUPLICATE_TAG)) {
                    break;
                }
            }
            warnings.add("Azure DevOps work item #" + duplicate.id() + " duplicated #" + kept.id() + " (two runs created "
                    + "one at the same time): marked it \"Duplicate of #" + kept.id() + "\" and tagged it " + DUPLICATE_TAG);
        }

        private String title() {
            return content.title(255);
        }

        /** System.Title holds at most 255 characters. */
        private static String fitted(String title) {
            return BodyFit.title(title, 255);
        }
    }

    /**
     * The record copy from the work item's {@code AttachedFile} relation, with the item's id and link
     * (the copy leaves them out: they are the item's own). The item is found by the same rules as
     * sync: the stored id while it is still ours, else the WIQL on the identity tags.
     */
    @Override
    public Optional<ObjectNode> readRecord(RecordLookup lookup) {
        AdoSettings settings = AdoSettings.from(profile, credentials);
        AdoClient client = new AdoClient(settings, clients.apply(settings.redactor()));
        String incrementId = lookup.increment().id();
        String environment = lookup.environment();
        String marker = ItemContent.marker(incrementId, environment);
        List<String> tags = tags(lookup.increment(), environment);
        Integer stored = lookup.local() == null ? null : lookup.local().workItemId();
        AdoClient.WorkItem item = new ItemIdentity<>(new WorkItems(settings, client, tags, stored, null),
                HtmlRenderer.escape(marker), incrementId, environment).find().orElse(null);
        if (item == null || item.recordCopy() == null) {
            return Optional.empty();
        }
        int id = item.id();
        Optional<ObjectNode> copy = client.download(item.recordCopy().url())
                .flatMap(text -> RecordCopy.fromJson(text, incrementId, environment))
                .map(ObjectNode::deepCopy);
        copy.ifPresent(c -> {
            c.put("workItemId", id);
            c.put("workItemUrl", settings.webUrl(id));
        });
        return copy;
    }

    /**
     * The project's work items as the identity rule sees them: the stored id, and the WIQL on the
     * identity tags (the work item store, not a search index that lags). With no {@link Sync} it
     * only reads (the record copy's lookup).
     */
    private static final class WorkItems implements ItemIdentity.Store<AdoClient.WorkItem> {
        /** States a work item is finished in, whatever its type's process calls the others. */
        private static final List<String> FINISHED = List.of("closed", "done", "removed", "resolved", "completed");

        private final AdoSettings settings;
        private final AdoClient client;
        private final List<String> tags;
        private final Integer storedId;
        private final Sync sync;

        WorkItems(AdoSettings settings, AdoClient client, List<String> tags, Integer storedId, Sync sync) {
            this.settings = settings;
            this.client = client;
            this.tags = tags;
            this.storedId = storedId;
            this.sync = sync;
        }

        @Override
        public Optional<AdoClient.WorkItem> linked() {
            return storedId == null ? Optional.empty() : client.get(storedId);
        }

        @Override
        public List<AdoClient.WorkItem> labelled(int atMost) {
            String query = "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project"
                    + tags.stream().map(t -> " AND [System.Tags] CONTAINS '" + t.replace("'", "''") + "'")
                            .reduce("", String::concat)
                    + " ORDER BY [System.Id] ASC";
            // Ids grow with creation: the first ones are the oldest items.
            return client.list(client.wiql(query, atMost)).stream().filter(this::hasIdentityLabels).toList();
        }

        @Override
        public String text(AdoClient.WorkItem item) {
            return item.description();
        }

        /** Tags as Azure DevOps compares them: without regard to case. */
        @Override
        public boolean hasIdentityLabels(AdoClient.WorkItem item) {
            List<String> lower = item.tags().stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
            return lower.containsAll(tags.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList());
        }

        @Override
        public AdoClient.WorkItem create() {
            return readOnly().create();
        }

        @Override
        public java.time.Instant createdAt(AdoClient.WorkItem item) {
            return item.created();
        }

        @Override
        public long id(AdoClient.WorkItem item) {
            return item.id();
        }

        /** In a finished state, except the one deployments set ({@code deployedState}), where a live item rests. */
        @Override
        public boolean closed(AdoClient.WorkItem item) {
            String state = item.state() == null ? "" : item.state();
            return FINISHED.contains(state.toLowerCase(Locale.ROOT))
                    && !state.equalsIgnoreCase(settings.deployedState() == null ? "" : settings.deployedState());
        }

        @Override
        public void markDuplicate(AdoClient.WorkItem duplicate, AdoClient.WorkItem kept) {
            readOnly().markDuplicate(duplicate, kept);
        }

        @Override
        public String name(AdoClient.WorkItem item) {
            return "Azure DevOps work item #" + item.id();
        }

        @Override
        public String noun() {
            return "work item";
        }

        private Sync readOnly() {
            if (sync == null) {
                throw new IllegalStateException("reading the record copy creates and marks nothing");
            }
            return sync;
        }
    }

    /** {@code specweave}, {@code specweave-<n>}, {@code env-<environment>}. */
    static List<String> tags(TrackingRequest request) {
        return tags(request.increment(), request.environment());
    }

    static List<String> tags(Increment increment, String environment) {
        int number = increment.number();
        String n = number >= 0 ? String.valueOf(number) : increment.id();
        return List.of("specweave", "specweave-" + n, "env-" + environment.toLowerCase(Locale.ROOT));
    }
}
