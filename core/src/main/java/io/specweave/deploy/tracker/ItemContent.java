package io.specweave.deploy.tracker;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.MarkdownText;
import io.specweave.deploy.config.SpecweaveConfig;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.increment.SpecDocument;
import io.specweave.deploy.increment.SpecweaveLinks;
import io.specweave.deploy.model.CanaryState;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.DeploymentStatus;
import io.specweave.deploy.model.RecordFacts;
import io.specweave.deploy.model.SlotsState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every tracker's item says, independent of the vendor's format: title, the increment's
 * summary, the deployment facts, the same increment's other environments and the earlier
 * deployments to this one. GitHub renders it as Markdown ({@link MarkdownItemRenderer}); Jira as
 * Atlassian Document Format or wiki text, Azure DevOps as HTML — each from this one model, so
 * the items agree.
 *
 * @param title        {@code [<increment id>] <spec title> — <profile displayName or environment>}
 * @param incrementId  the increment folder name
 * @param specTitle    the spec's title, or the increment id when the spec has none
 * @param summary      the spec's opening section, capped; may be empty
 * @param environment  this item's environment
 * @param facts        the deployment table, in display order
 * @param others       the increment's other environments, in pipeline order
 * @param history      earlier deployments to this environment, newest first
 * @param marker       the identity marker, {@code specweave-deploy:increment=<id>;environment=<env>}
 */
public record ItemContent(
        String title,
        String incrementId,
        String specTitle,
        String summary,
        String environment,
        List<Fact> facts,
        List<OtherEnvironment> others,
        List<Fact.HistoryEntry> history,
        String marker) {

    /** One row of the deployment table; {@code link} may be null, and is an http(s) URL ({@link #webLink}). */
    public record Fact(String label, String value, String link) {

        public Fact {
            link = webLink(link);
        }

        /** One earlier deployment; its links are http(s) URLs or null. */
        public record HistoryEntry(String deployedAt, String status, String commit, String commitLink, String ref,
                String deployedBy, String runUrl) {

            public HistoryEntry {
                commitLink = webLink(commitLink);
                runUrl = webLink(runUrl);
            }
        }
    }

    /**
     * {@code url} when it is an absolute http(s) URL ({@link MarkdownText#target}, the one rule for
     * links), else null. Links come from records and inputs (a change request's url, a hand-edited
     * runUrl): a {@code javascript:} one is never a link on an item, whichever tracker renders it.
     */
    static String webLink(String url) {
        return MarkdownText.target(url) == null ? null : url;
    }

    /**
     * Another environment of the same increment and where its item is. {@code asOf} is when its
     * state was last known (its last health check, else its deployment): another environment's
     * row is as current as that environment's last run, so the item says when that was.
     */
    public record OtherEnvironment(String environment, String state, String deployedAt, String commit,
            String trackingId, String trackingUrl, String asOf) {

        public OtherEnvironment {
            trackingUrl = webLink(trackingUrl);
        }
    }

    /** An other environment's state when nothing is deployed there (as every item's table has said). */
    private static final String NOT_DEPLOYED = "not deployed";

    /** The caption under the other environments' table. */
    public static final String OTHERS_CAPTION = "Each row is as of its environment's last recorded run; "
            + "its own item is current.";

    /**
     * "deployed", "deployed, unhealthy", "failed", ...: a record's state as the status views say it.
     * Without a status, a record with a time is an older shape of a deployment; one without (an
     * approval given ahead, a first canary) is not a deployment.
     */
    static String state(DeploymentRecord r) {
        if (r.status() == null) {
            return r.deployedAt() == null ? NOT_DEPLOYED : "deployed";
        }
        boolean unhealthy = r.healthStatus() != null && !r.healthStatus().healthy()
                && r.status().is(DeploymentStatus.Kind.DEPLOYED);
        return unhealthy ? r.status().words() + ", " + r.healthStatus() : r.status().words();
    }

    private static String asOf(DeploymentRecord r) {
        Instant deployed = r.deployedAtInstant();
        Instant checked = DeploymentRecord.parseTime(r.lastChecked());
        if (checked != null && (deployed == null || checked.isAfter(deployed))) {
            return r.lastChecked();
        }
        return r.deployedAt();
    }

    /** The hidden identity marker text for (increment, environment). */
    public static String marker(String incrementId, String environment) {
        return "specweave-deploy:increment=" + incrementId + ";environment=" + environment;
    }

    /**
     * The marker line of a tracker that reformats the text it stores (Jira, Azure DevOps), so that
     * comparing texts cannot tell whether an item is current: the item's identity marker, the
     * fingerprint of {@code renderedBody} (the description as rendered with the bare marker), and
     * the keys of the deployment and the note it tells ({@link ItemTelling}).
     */
    public String markerLine(String renderedBody, TrackingRequest request) {
        return marker() + ";content=" + Fingerprint.of(renderedBody) + ItemTelling.markerSuffix(request);
    }

    /**
     * The title within {@code limit} characters: the spec's title gives way, so the increment and the
     * environment stay whole (the items of two environments of a long-titled increment never read alike).
     */
    public String title(int limit) {
        String prefix = "[" + incrementId + "] ";
        int room = limit - (title.length() - specTitle.length());
        if (title.length() <= limit || !title.startsWith(prefix + specTitle) || room < 2) {
            return BodyFit.title(title, limit);
        }
        return prefix + BodyFit.title(specTitle, room) + title.substring(prefix.length() + specTitle.length());
    }

    /** Builds the content of the request's item. */
    public static ItemContent of(TrackingRequest request) {
        SyncProfile profile = request.profile();
        String environment = request.environment();
        SpecDocument spec = request.spec();
        String specTitle = spec.title() != null ? spec.title() : request.increment().id();
        String title = "[" + request.increment().id() + "] " + specTitle + " — " + profile.label();
        DeploymentRecord r = request.record();
        String commitLink = commitLink(request.repositoryUrl(), r.commit());

        JsonNode node = request.recordCopyNode();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Environment", environment, null));
        // An item made by a first canary: its environment runs the canary beside an unrecorded version.
        facts.add(new Fact("Status", r.status() == null && r.deployedAt() == null
                ? RecordFacts.notDeployed(CanaryState.read(node) != null) : state(r), null));
        add(facts, "URL", r.deploymentUrl(), r.deploymentUrl());
        add(facts, "Commit", shortSha(r.commit()), commitLink);
        add(facts, "Branch", r.branch(), null);
        add(facts, "Tag", r.tag(), null);
        add(facts, "Deployed by", r.deployedBy(), null);
        add(facts, "Deployed at", r.deployedAt(), null);
        add(facts, "Run", r.runUrl() == null ? null : "pipeline run", r.runUrl());
        String health = RecordFacts.health(r, true);
        add(facts, "Health", health == null || r.healthStatus().healthy() || r.healthMessage() == null ? health
                : health + ": " + r.healthMessage(), null);
        add(facts, "Rolled back", RecordFacts.rollback(node), null);
        add(facts, "Slots", RecordFacts.slots(SlotsState.read(node)), null);
        add(facts, "Canary", RecordFacts.canary(CanaryState.read(node), r), null);
        add(facts, "Tests", RecordFacts.tests(r), null);
        add(facts, "Coverage", RecordFacts.coverage(r), null);
        add(facts, "Load test", RecordFacts.load(r), null);
        add(facts, "Metrics", RecordFacts.metrics(r), null);
        add(facts, "Approved", RecordFacts.approvals(r), null);
        add(facts, "Change request", RecordFacts.changeRequest(r),
                r.changeRequest() == null ? null : r.changeRequest().url());
        add(facts, "Feature flags", RecordFacts.flagChanges(node, 5), null);
        if (Boolean.TRUE.equals(r.forced())) {
            facts.add(new Fact("Forced", "yes: recorded past a refusing gate or an unhealthy check", null));
        }
        // The increment's own items, made by SpecWeave's sync: a reader gets from the deployment to the work.
        SpecweaveLinks links = request.links();
        if (links.githubIssue() != null) {
            add(facts, "Increment issue", "#" + links.githubIssue(), links.githubIssueUrl());
        }
        if (!links.jiraKeys().isEmpty()) {
            add(facts, "Jira", String.join(", ", links.jiraKeys()), null);
        }
        if (links.adoFeature() != null) {
            add(facts, "Feature", "#" + links.adoFeature(), links.adoFeatureUrl());
        }

        SpecweaveConfig config = request.config();
        List<OtherEnvironment> others = new ArrayList<>();
        Map<String, DeploymentRecord> environments = request.environments();
        for (String env : config.pipeline(environments.keySet())) {
            if (env.equals(environment)) {
                continue;
            }
            DeploymentRecord other = environments.get(env);
            if (other == null) {
                others.add(new OtherEnvironment(env, NOT_DEPLOYED, null, null, null, null, null));
            } else {
                others.add(new OtherEnvironment(env, state(other), other.deployedAt(), shortSha(other.commit()),
                        other.trackingLabel(), other.trackingUrl(), asOf(other)));
            }
        }

        List<Fact.HistoryEntry> history = new ArrayList<>();
        List<DeploymentRecord> earlier = r.history();
        for (int i = earlier.size() - 1; i >= 0; i--) {
            DeploymentRecord h = earlier.get(i);
            String ref = h.tag() != null ? h.tag() : h.branch();
            history.add(new Fact.HistoryEntry(h.deployedAt(), h.status() == null ? "deployed" : h.status().raw(),
                    shortSha(h.commit()), commitLink(request.repositoryUrl(), h.commit()), ref, h.deployedBy(),
                    h.runUrl()));
        }
        return new ItemContent(title, request.increment().id(), specTitle, spec.summary(), environment, facts, others,
                history, marker(request.increment().id(), environment));
    }

    /** The per-deployment comment: one short paragraph of what changed in this environment. */
    public String deploymentComment(DeploymentRecord r, String repositoryUrl) {
        String commit = r.commit() == null ? null : "commit " + shortSha(r.commit());
        StringBuilder rest = new StringBuilder();
        String ref = r.tag() != null ? r.tag() : r.branch();
        if (ref != null) {
            rest.append(" (").append(ref).append(')');
        }
        if (r.deployedBy() != null) {
            rest.append(" by ").append(r.deployedBy());
        }
        if (r.deployedAt() != null) {
            rest.append(" at ").append(r.deployedAt());
        }
        String from = (commit == null ? "" : " from " + commit) + rest;
        DeploymentStatus.Kind kind = r.status() == null ? DeploymentStatus.Kind.DEPLOYED : r.status().kind();
        String text = switch (kind) {
            case DEPLOYED -> "Deployed to " + environment + from + ".";
            case IN_PROGRESS -> "Deploying to " + environment + from + ".";
            case FAILED -> "The deployment" + (commit == null ? "" : " of " + commit) + rest + " to " + environment
                    + " failed.";
            default -> "Deployed to " + environment + from + ". Status: " + r.status().words() + ".";
        };
        if (r.healthStatus() != null && !r.healthStatus().healthy() && r.healthMessage() != null) {
            text += " Health: " + r.healthStatus() + " (" + r.healthMessage() + ").";
        }
        return text;
    }

    private static void add(List<Fact> facts, String label, String value, String link) {
        if (value != null && !value.isBlank()) {
            facts.add(new Fact(label, value, link));
        }
    }

    /** {@code <repositoryUrl>/commit/<sha>}, or null when either is unknown. */
    public static String commitLink(String repositoryUrl, String commit) {
        if (repositoryUrl == null || commit == null) {
            return null;
        }
        return (repositoryUrl.endsWith("/") ? repositoryUrl.substring(0, repositoryUrl.length() - 1) : repositoryUrl)
                + "/commit/" + commit;
    }

    /** {@link RecordFacts#shortSha}, null for none. */
    public static String shortSha(String commit) {
        return commit == null ? null : RecordFacts.shortSha(commit);
    }
}
