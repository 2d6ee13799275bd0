package io.specweave.deploy.tracker.ado;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.deploy.DeploymentRecord;
import io.specweave.deploy.deploy.DeploymentStatus;
import io.specweave.deploy.http.HttpSettings;
import io.specweave.deploy.http.Redactor;
import io.specweave.deploy.http.RestClient;
import io.specweave.deploy.tracker.ItemContent;
import io.specweave.deploy.tracker.Tracker;
import io.specweave.deploy.tracker.TrackingNote;
import io.specweave.deploy.tracker.TrackingRef;
import io.specweave.deploy.tracker.TrackingRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 * <p>Updates carry a {@code test} of {@code /rev}: when someone changed the item in between, Azure
 * DevOps refuses the patch and the tracker re-reads and recomputes it, so each change applies once.
 */
public final class AdoTracker implements Tracker {

    /** System.Description holds far more; keep bodies readable and requests small. */
    static final int DESCRIPTION_LIMIT = 60_000;
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
    public TrackingRef upsert(TrackingRequest request) {
        if (!request.issueKeys().isEmpty()) {
            throw new io.specweave.deploy.BadInputException("--issue-keys names Jira issues, but profile \""
                    + profile.name() + "\" uses Azure DevOps; drop the option or pick a Jira profile");
        }
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
        private final List<String> warnings = new ArrayList<>();

        Sync(AdoSettings settings, AdoClient client, TrackingRequest request) {
            this.settings = settings;
            this.client = client;
            this.request = request;
            this.content = ItemContent.of(request);
            this.tags = tags(request);
            String body = HtmlRenderer.description(content, content.marker(), DESCRIPTION_LIMIT);
            // Azure DevOps rewrites stored HTML; the fingerprint in the marker says whether it is current.
            // The note's key in the marker: a re-run finds the note told and adds no second history entry.
            this.marker = content.marker() + ";content=" + fingerprint(body) + TrackingNote.markerSuffix(request);
            this.description = HtmlRenderer.description(content, marker, DESCRIPTION_LIMIT);
        }

        TrackingRef run() {
            DeploymentRecord record = request.record();
            AdoClient.WorkItem item = null;
            if (record.workItemId() != null) {
                item = client.get(record.workItemId()).filter(this::isOurs).orElse(null);
            }
            if (item == null) {
                item = keepOldest(find());
            }
            boolean created = false;
            boolean adopted = false;
            if (item == null) {
                AdoClient.WorkItem mine = client.create(createOps());
                created = true;
                List<AdoClient.WorkItem> found = find();
                AdoClient.WorkItem oldest = found.isEmpty() ? mine : found.get(0);
                if (oldest.id() < mine.id()) {
                    markDuplicate(mine, oldest);
                    item = oldest;
                    created = false;
                    adopted = true;
                } else {
                    item = mine;
                }
            }
            boolean changed = created;
            if (!created) {
                changed = update(item, request.newDeployment() && !adopted);
            }
            return new TrackingRef(Provider.ADO, item.id(), String.valueOf(item.id()), settings.webUrl(item.id()),
                    created, changed, warnings);
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
            if (wantsDeployedState()) {
                ops.add(AdoClient.op("add", "/fields/System.State", settings.deployedState()));
            }
            if (request.note() != null) {
                ops.add(AdoClient.op("add", "/fields/System.History", HtmlRenderer.comment(TrackingNote.comment(request),
                        null)));
            }
            for (String[] link : links()) {
                ops.add(AdoClient.hyperlink(link[0], link[1]));
            }
            return ops;
        }

        /**
         * Brings the item up to date in one patch guarded by {@code test /rev}; on a conflict re-reads
         * and recomputes, so a history entry or link is never applied twice.
         */
        private boolean update(AdoClient.WorkItem item, boolean newDeployment) {
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
                Set<String> merged = new LinkedHashSet<>(current.tags());
                if (merged.addAll(tags)) {
                    ops.add(AdoClient.op("add", "/fields/System.Tags", String.join("; ", merged)));
                    contentChanged = true;
                }
                // Decided on the revision read, so a conflict's re-read cannot tell the note twice.
                boolean noteIsNew = request.note() != null && !TrackingNote.toldInMarker(current.description(), request);
                if (newDeployment || noteIsNew) {
                    DeploymentRecord r = request.record();
                    String text = (newDeployment ? content.deploymentComment(r, request.repositoryUrl()) + " " : "")
                            + (noteIsNew ? TrackingNote.comment(request) : "");
                    ops.add(AdoClient.op("add", "/fields/System.History",
                            HtmlRenderer.comment(text.strip(), newDeployment ? r.runUrl() : null)));
                }
                for (String[] link : links()) {
                    if (!current.hyperlinks().contains(link[0])) {
                        ops.add(AdoClient.hyperlink(link[0], link[1]));
                    }
                }
                if ((newDeployment || contentChanged) && wantsDeployedState()
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

        /** Items tagged for this increment and environment, oldest first, minus those whose marker names another item. */
        private List<AdoClient.WorkItem> find() {
            String query = "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project"
                    + tags.stream().map(t -> " AND [System.Tags] CONTAINS '" + t.replace("'", "''") + "'")
                            .reduce("", String::concat)
                    + " ORDER BY [System.Id] ASC";
            List<Integer> ids = client.wiql(query);
            List<String> lower = tags.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
            return client.list(ids.size() > 50 ? ids.subList(0, 50) : ids).stream()
                    .filter(i -> i.tags().stream().map(t -> t.toLowerCase(Locale.ROOT)).toList().containsAll(lower))
                    .filter(i -> !otherMarker(i))
                    .sorted(Comparator.comparingInt(AdoClient.WorkItem::id))
                    .toList();
        }

        /** The stored id still names this item: it carries our marker or our tags. */
        private boolean isOurs(AdoClient.WorkItem item) {
            if (otherMarker(item)) {
                return false;
            }
            List<String> lower = item.tags().stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
            return item.description().contains(HtmlRenderer.escape(content.marker()))
                    || lower.containsAll(tags.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList());
        }

        private boolean otherMarker(AdoClient.WorkItem item) {
            String text = item.description();
            int at = text.indexOf("specweave-deploy:increment=");
            return at >= 0 && !text.startsWith(HtmlRenderer.escape(content.marker()), at);
        }

        private AdoClient.WorkItem keepOldest(List<AdoClient.WorkItem> found) {
            if (found.isEmpty()) {
                return null;
            }
            for (AdoClient.WorkItem other : found.subList(1, found.size())) {
                markDuplicate(other, found.get(0));
            }
            return found.get(0);
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
                ops.add(AdoClient.op("add", "/fields/System.Title", "[Duplicate of #" + kept.id() + "] " + title()));
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

        /** System.Title holds at most 255 characters. */
        private String title() {
            String t = content.title();
            return t.length() <= 255 ? t : t.substring(0, 254) + "…";
        }
    }

    /** {@code specweave}, {@code specweave-<n>}, {@code env-<environment>}. */
    static List<String> tags(TrackingRequest request) {
        int number = request.increment().number();
        String n = number >= 0 ? String.valueOf(number) : request.increment().id();
        return List.of("specweave", "specweave-" + n, "env-" + request.environment().toLowerCase(Locale.ROOT));
    }

    static String fingerprint(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
