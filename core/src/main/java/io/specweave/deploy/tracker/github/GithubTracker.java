package io.specweave.deploy.tracker.github;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Message;
import io.specweave.deploy.Json;
import io.specweave.deploy.MarkdownText;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.Redactor;
import io.specweave.deploy.Secret;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.http.HttpSettings;
import io.specweave.deploy.http.Sleeper;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.DeploymentStatus;
import io.specweave.deploy.tracker.BodyFit;
import io.specweave.deploy.tracker.ItemContent;
import io.specweave.deploy.tracker.ItemIdentity;
import io.specweave.deploy.tracker.ItemTelling;
import io.specweave.deploy.tracker.MarkdownItemRenderer;
import io.specweave.deploy.tracker.RecordCopy;
import io.specweave.deploy.tracker.RecordLookup;
import io.specweave.deploy.tracker.Tracker;
import io.specweave.deploy.tracker.TrackingRef;
import io.specweave.deploy.tracker.TrackingRequest;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.kohsuke.github.GHDeployment;
import org.kohsuke.github.GHDeploymentState;
import org.kohsuke.github.GHDeploymentStatus;
import org.kohsuke.github.GHDeploymentStatusBuilder;
import org.kohsuke.github.GHDirection;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHException;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueBuilder;
import org.kohsuke.github.GHIssueQueryBuilder;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHIssueStateReason;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.PagedIterable;

/**
 * The {@code github} provider: one issue per (increment, profile) in {@code config.owner/config.repo},
 * through {@code github-api}.
 *
 * <p>Identity: the issue number stored in {@code metadata.json}; when it is absent, gone or not
 * this item's, the repository's issues listed by the labels {@code increment:<n>} and
 * {@code env:<env>} (state all) whose body holds the hidden marker. Never the search API: its index
 * lags, which is how sync tools end up with duplicates. The rule itself, races and duplicates
 * included, is {@link ItemIdentity}'s; this class is its store for issues.
 *
 * <p>Writes happen only for what differs from the issue as read: a re-run of the same deployment
 * costs one request; a new deployment three (read, body, comment) plus one per changed field.
 */
public final class GithubTracker implements Tracker {

    /** GitHub's limit for an issue body, in characters. */
    public static final int BODY_LIMIT = BodyFit.GITHUB.chars();
    /**
     * Room the record copy may take in the body (free text cut, history trimmed oldest first, to
     * fit), so the readable part always has the rest of {@link #BODY_LIMIT}.
     */
    static final int RECORD_COPY_LIMIT = 24_000;
    /** GitHub's limit for an issue title, in characters. */
    static final int TITLE_LIMIT = 256;

    private final SyncProfile profile;
    private final Credentials credentials;
    private final GithubSettings settings;
    private final HttpSettings http;
    private final Sleeper sleeper;
    private final Clock clock;

    public GithubTracker(SyncProfile profile, Credentials credentials) {
        this(profile, credentials, HttpSettings.defaults(), Sleeper.system(), Clock.systemUTC());
    }

    /** With the HTTP bounds and the way to wait given, so tests neither hang nor really sleep. */
    public GithubTracker(SyncProfile profile, Credentials credentials, HttpSettings http, Sleeper sleeper, Clock clock) {
        this.profile = profile;
        this.credentials = credentials;
        this.settings = GithubSettings.of(profile, credentials);
        this.http = http;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    public GithubSettings settings() {
        return settings;
    }

    @Override
    public TrackingRef upsert(TrackingRequest request) {
        Secret token = credentials.find(settings.tokenVariables()).orElseThrow(this::missingToken);
        GithubErrors errors = new GithubErrors(settings, token.variable(), new Redactor().add(token));
        return new IssueSync(connect(token, errors), errors, request).run();
    }

    @Override
    public void checkSettings() {
        credentials.find(settings.tokenVariables()).orElseThrow(this::missingToken);
    }

    /**
     * The record copy in the hidden block of the item's body, with the item's number and URL
     * (the copy leaves them out: they are the item's own). Found by the same rules as sync.
     */
    @Override
    public Optional<ObjectNode> readRecord(RecordLookup lookup) {
        Secret token = credentials.find(settings.tokenVariables()).orElseThrow(this::missingToken);
        GithubErrors errors = new GithubErrors(settings, token.variable(), new Redactor().add(token));
        IssueSync finder = new IssueSync(connect(token, errors), errors, lookup);
        finder.repo = finder.repository();
        GHIssue issue = finder.identity().find().orElse(null);
        if (issue == null) {
            return Optional.empty();
        }
        Optional<ObjectNode> copy = RecordCopy.fromHiddenComment(issue.getBody(), lookup.increment().id(),
                lookup.environment());
        GHIssue found = issue;
        copy.ifPresent(c -> {
            c.put("issueNumber", found.getNumber());
            if (found.getHtmlUrl() != null) {
                c.put("issueUrl", found.getHtmlUrl().toString());
            }
        });
        return copy;
    }

    private GitHub connect(Secret token, GithubErrors errors) {
        GithubConnector connector = new GithubConnector(http, sleeper, clock, new Redactor().add(token));
        GitHub github;
        try {
            // An empty login, as github-api itself does for app installation tokens (which a workflow's
            // GITHUB_TOKEN is): without one it sends GET /user to learn the login, which no call here needs.
            github = new GitHubBuilder()
                    .withEndpoint(settings.apiUrl())
                    .withOAuthToken(token.reveal(), "")
                    .withConnector(connector)
                    .withRateLimitHandler(GitHubRateLimitHandler.FAIL)
                    .withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL)
                    .build();
        } catch (IOException e) {
            throw errors.failure("connect", GithubErrors.Permission.ISSUES, e);
        }
        return github;
    }

    private BadInputException missingToken() {
        List<String> names = settings.tokenVariables();
        String permissions = settings.githubDeployment() ? "issues: write and deployments: write" : "issues: write";
        // Each front end names where the token comes from: the variable, the Action's github-token input.
        return BadInputException.aboutCredential(names.get(0), Message.of("no GitHub token for profile \""
                + profile.name() + "\" (" + settings.fullName() + "): set ", Message.credentials(names, " or "),
                names.equals(GithubSettings.DEFAULT_TOKEN_VARIABLES) ? "" : " (config.tokenEnv)",
                " to a token with " + permissions + " on " + settings.fullName(), new Message.CredentialSource()));
    }


    /**
     * The environment GitHub marks production: the config's {@code deployment.productionEnvironment}, as DORA
     * reads it, else the pipeline's last. A misspelt one (which dora refuses, naming it) does not stop the sync.
     */
    private static String productionEnvironment(TrackingRequest request) {
        try {
            return request.config().productionEnvironment();
        } catch (io.specweave.deploy.BadInputException e) {
            List<String> pipeline = request.config().pipeline(request.environments().keySet());
            return pipeline.isEmpty() ? null : pipeline.get(pipeline.size() - 1);
        }
    }

    /** One upsert: the state read from GitHub and what was done. */
    private final class IssueSync {

        private final GitHub github;
        private final GithubErrors errors;
        private final TrackingRequest request;
        private final DeploymentRecord record;
        private final ItemContent content;
        private final String title;
        private final String body;
        private final String marker;
        private final StatusMapping mapping;
        private final Set<String> desiredLabels;
        private final List<String> warnings = new ArrayList<>();
        private final String incrementId;
        private final String incrementNumber;
        private final String environment;
        /** The issue number stored in metadata.json, or null. */
        private final Integer storedNumber;
        private GHRepository repo;
        private boolean created;
        private boolean changed;
        private Long deploymentId;

        IssueSync(GitHub github, GithubErrors errors, TrackingRequest request) {
            this.github = github;
            this.errors = errors;
            this.request = request;
            this.incrementId = request.increment().id();
            this.incrementNumber = request.increment().paddedNumber();
            this.environment = request.environment();
            this.record = request.record();
            this.storedNumber = record.issueNumber();
            this.content = ItemContent.of(request);
            this.title = content.title(TITLE_LIMIT);
            // The machine-readable copy lets a later job with a fresh checkout read this record back.
            String copy = RecordCopy.hiddenComment(incrementId, environment, request.recordCopyNode(), RECORD_COPY_LIMIT);
            this.body = MarkdownItemRenderer.render(content, ItemTelling.hiddenMarkers(request) + copy, BodyFit.GITHUB);
            this.marker = content.marker();
            this.mapping = StatusMapping.of(request.config(), request.incrementStatus());
            warnings.addAll(mapping.warnings());
            List<String> extra = new ArrayList<>(settings.labels());
            extra.addAll(mapping.labels());
            this.desiredLabels = IssueLabels.desired(request.increment().paddedNumber(), request.environment(),
                    DeploymentStatus.DEPLOYED.equals(record.status()),
                    record.healthStatus() != null && !record.healthStatus().healthy(), extra);
        }

        /** Read mode: finds the item of a lookup; writes nothing. */
        IssueSync(GitHub github, GithubErrors errors, RecordLookup lookup) {
            this.github = github;
            this.errors = errors;
            this.request = null;
            this.incrementId = lookup.increment().id();
            this.incrementNumber = lookup.increment().paddedNumber();
            this.environment = lookup.environment();
            this.storedNumber = lookup.local() == null ? null : lookup.local().issueNumber();
            this.record = null;
            this.content = null;
            this.title = null;
            this.body = null;
            this.marker = ItemContent.marker(incrementId, environment);
            this.mapping = null;
            this.desiredLabels = Set.of();
        }

        TrackingRef run() {
            repo = repository();
            ItemIdentity<GHIssue> identity = identity();
            ItemIdentity.Resolution<GHIssue> found = identity.resolve();
            warnings.addAll(identity.warnings());
            GHIssue issue = found.item();
            created = found.created();
            ItemTelling telling = ItemTelling.of(request, issue.getBody(), created);
            // The comment before the body that carries its key: a run failing between the two leaves
            // the key out, and the next run tells the deployment again rather than never.
            if (telling.any()) {
                comment(issue, telling);
            }
            if (!created) {
                update(issue);
            }
            // A GitHub Deployment is of a recorded deployment, not of a first canary beside an unrecorded one.
            if (settings.githubDeployment() && record.status() != null) {
                deployment();
            }
            URL url = issue.getHtmlUrl();
            return new TrackingRef(Provider.GITHUB, issue.getNumber(), String.valueOf(issue.getNumber()),
                    url == null ? null : url.toString(), created, changed, warnings, deploymentId);
        }

        /**
         * A handle on the repository without {@code GET /repos/{owner}/{repo}}: every call made here
         * needs only the owner and the name, and {@code github-api} offers no other public way to
         * bind a repository to the client than reading its JSON. Saves one request per sync; a
         * repository that does not exist or cannot be seen shows up as a 404 on the first call.
         */
        private GHRepository repository() {
            Map<String, Object> repository = new LinkedHashMap<>();
            repository.put("name", settings.repo());
            repository.put("full_name", settings.fullName());
            repository.put("owner", Map.of("login", settings.owner()));
            repository.put("url", settings.apiUrl() + "/repos/" + settings.fullName());
            try {
                return github.parseEventPayload(new StringReader(Json.compact(Map.of("repository", repository))),
                        GHEventPayload.Ping.class).getRepository();
            } catch (IOException e) {
                throw errors.failure("address the repository", GithubErrors.Permission.ISSUES, e);
            }
        }

        /** The identity rule over this repository's issues. */
        ItemIdentity<GHIssue> identity() {
            return new ItemIdentity<>(new Issues(), marker, incrementId, environment);
        }

        /** The repository's issues as the identity rule sees them. */
        private final class Issues implements ItemIdentity.Store<GHIssue> {

            /** The issue the metadata links to; empty when it is gone or was moved to another repository. */
            @Override
            public Optional<GHIssue> linked() {
                if (storedNumber == null) {
                    return Optional.empty();
                }
                int number = storedNumber;
                GHIssue issue;
                try {
                    issue = repo.getIssue(number);
                } catch (IOException e) {
                    int status = GithubErrors.status(e);
                    if (status == 404 || status == 410) {
                        warnings.add("issue #" + number + " linked in metadata.json is gone from " + settings.fullName()
                                + "; looked the tracking issue up by its labels");
                        return Optional.empty();
                    }
                    throw errors.failure("read issue #" + number, GithubErrors.Permission.ISSUES, e);
                }
                if (issue.isPullRequest() || !inThisRepository(issue)) {
                    warnings.add("#" + number + " in " + settings.fullName() + " (linked in metadata.json) is not the "
                            + "tracking issue of " + incrementId + " in " + environment
                            + " (a pull request, or moved to another repository); looked it up by its labels");
                    return Optional.empty();
                }
                return Optional.of(issue);
            }

            /**
             * Issues labelled for (increment, environment), any state, oldest first, page after page
             * up to {@code atMost}; never the search API. Pull requests share the list and are skipped.
             */
            @Override
            public List<GHIssue> labelled(int atMost) {
                String labels = IssueLabels.increment(incrementNumber) + "," + IssueLabels.environment(environment);
                List<GHIssue> listed = new ArrayList<>();
                try {
                    for (GHIssue issue : repo.queryIssues().label(labels).state(GHIssueState.ALL)
                            .sort(GHIssueQueryBuilder.Sort.CREATED).direction(GHDirection.ASC).pageSize(100).list()) {
                        if (!issue.isPullRequest()) {
                            listed.add(issue);
                        }
                        if (listed.size() >= atMost) {
                            break;
                        }
                    }
                } catch (GHException e) {
                    // a page's IOException, wrapped by the iterator
                    throw errors.failure("list the issues labelled " + labels, GithubErrors.Permission.ISSUES,
                            GithubErrors.unwrap(e));
                }
                return listed;
            }

            @Override
            public String text(GHIssue issue) {
                return issue.getBody();
            }

            @Override
            public boolean hasIdentityLabels(GHIssue issue) {
                Set<String> names = lowercase(issue.getLabels().stream().map(GHLabel::getName)
                        .collect(Collectors.toSet()));
                return names.contains(IssueLabels.increment(incrementNumber).toLowerCase(Locale.ROOT))
                        && names.contains(IssueLabels.environment(environment).toLowerCase(Locale.ROOT));
            }

            @Override
            public GHIssue create() {
                return IssueSync.this.create();
            }

            @Override
            public java.time.Instant createdAt(GHIssue issue) {
                try {
                    java.util.Date at = issue.getCreatedAt();
                    return at == null ? null : at.toInstant();
                } catch (IOException e) {
                    return null;
                }
            }

            @Override
            public long id(GHIssue issue) {
                return issue.getNumber();
            }

            @Override
            public boolean closed(GHIssue issue) {
                return issue.getState() == GHIssueState.CLOSED;
            }

            /** Closed as not planned, with a comment linking the kept issue. */
            @Override
            public void markDuplicate(GHIssue duplicate, GHIssue kept) {
                String what = "close #" + duplicate.getNumber() + " as a duplicate of #" + kept.getNumber();
                try {
                    duplicate.comment("Duplicate of #" + kept.getNumber() + ". SpecWeave Deploy keeps one issue per "
                            + "increment and environment; two syncs created one each at the same time, so this "
                            + "one is closed.");
                    duplicate.close(GHIssueStateReason.NOT_PLANNED);
                } catch (IOException e) {
                    throw errors.failure(what, GithubErrors.Permission.ISSUES, e);
                }
                changed = true;
                warnings.add("closed #" + duplicate.getNumber() + " in " + settings.fullName() + " as a duplicate of #"
                        + kept.getNumber() + " (two syncs created the tracking issue at the same time)");
            }

            @Override
            public String name(GHIssue issue) {
                return "#" + issue.getNumber() + " in " + settings.fullName();
            }

            @Override
            public String noun() {
                return "issue";
            }
        }

        private GHIssue create() {
            ensureLabelsExist(desiredLabels);
            GHIssueBuilder builder = repo.createIssue(title).body(body);
            desiredLabels.forEach(builder::label);
            GHIssue issue;
            try {
                issue = builder.create();
            } catch (IOException e) {
                throw errors.failure("create the tracking issue", GithubErrors.Permission.ISSUES, e);
            }
            changed = true;
            if ("closed".equals(mapping.state())) {
                try {
                    issue.close(GHIssueStateReason.COMPLETED);
                } catch (IOException e) {
                    throw errors.failure("close issue #" + issue.getNumber(), GithubErrors.Permission.ISSUES, e);
                }
            }
            return issue;
        }

        /** Writes only what differs: body, title, labels, state. */
        private void update(GHIssue issue) {
            int number = issue.getNumber();
            try {
                if (!normalize(body).equals(normalize(issue.getBody()))) {
                    issue.setBody(body);
                    changed = true;
                }
                if (!title.equals(issue.getTitle())) {
                    issue.setTitle(title);
                    changed = true;
                }
                Set<String> current = issue.getLabels().stream().map(GHLabel::getName)
                        .collect(Collectors.toCollection(LinkedHashSet::new));
                Set<String> target = new LinkedHashSet<>(current);
                // Label names are case-insensitive on GitHub, and an issue shows the repository's spelling.
                Set<String> ours = new java.util.HashSet<>(lowercase(mapping.allLabels()));
                ours.add(IssueLabels.DEPLOYED.toLowerCase(Locale.ROOT));
                ours.add(IssueLabels.UNHEALTHY.toLowerCase(Locale.ROOT));
                target.removeIf(l -> ours.contains(l.toLowerCase(Locale.ROOT)));
                target.addAll(desiredLabels);
                if (!lowercase(target).equals(lowercase(current))) {
                    Set<String> added = new LinkedHashSet<>(target);
                    added.removeIf(l -> lowercase(current).contains(l.toLowerCase(Locale.ROOT)));
                    for (String label : added) {
                        createLabel(label);
                    }
                    issue.setLabels(target.toArray(String[]::new));
                    changed = true;
                }
                if (mapping.state() != null) {
                    boolean open = issue.getState() == GHIssueState.OPEN;
                    if ("closed".equals(mapping.state()) && open) {
                        issue.close(GHIssueStateReason.COMPLETED);
                        changed = true;
                    } else if ("open".equals(mapping.state()) && !open) {
                        issue.reopen();
                        changed = true;
                    }
                }
            } catch (IOException e) {
                throw errors.failure("update issue #" + number, GithubErrors.Permission.ISSUES, e);
            }
        }

        /** One comment: the new deployment, the note, or both when one change is both (a canary promoted). */
        private void comment(GHIssue issue, ItemTelling telling) {
            StringBuilder text = new StringBuilder();
            // The values in it are the user's (a branch, deployedBy, a rollback's reason): shown as
            // text, as the issue body shows them, so "@alice" notifies no one and "[x](…)" links nowhere.
            if (telling.deployment()) {
                text.append(MarkdownText.text(content.deploymentComment(record, request.repositoryUrl())));
                if (record.deploymentUrl() != null) {
                    text.append(" URL: ").append(MarkdownText.link(record.deploymentUrl(), record.deploymentUrl()))
                            .append('.');
                }
                if (MarkdownText.target(record.runUrl()) != null) {
                    text.append(" ").append(MarkdownText.link("Pipeline run", record.runUrl())).append('.');
                }
            }
            if (telling.note()) {
                text.append(text.length() == 0 ? "" : "\n\n").append(MarkdownText.text(ItemTelling.noteComment(request)));
            }
            try {
                issue.comment(BodyFit.text(text.toString(), BodyFit.GITHUB));
            } catch (IOException e) {
                throw errors.failure("comment on issue #" + issue.getNumber(), GithubErrors.Permission.ISSUES, e);
            }
            changed = true;
        }

        /** Creates the labels the repository lacks, with their stable colours (one listing, one request per new label). */
        private void ensureLabelsExist(Set<String> labels) {
            Set<String> existing;
            try {
                existing = repo.listLabels().withPageSize(100).toList().stream()
                        .map(l -> l.getName().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            } catch (IOException e) {
                throw errors.failure("list the repository's labels", GithubErrors.Permission.ISSUES, e);
            } catch (GHException e) {
                throw errors.failure("list the repository's labels", GithubErrors.Permission.ISSUES,
                        GithubErrors.unwrap(e));
            }
            for (String label : labels) {
                if (!existing.contains(label.toLowerCase(Locale.ROOT))) {
                    createLabel(label);
                }
            }
        }

        /** Creates a label; one that exists already (another run, another increment) is fine. */
        private void createLabel(String name) {
            try {
                repo.createLabel(name, IssueLabels.colour(name), IssueLabels.description(name));
                changed = true;
            } catch (IOException e) {
                if (!GithubErrors.alreadyExists(e)) {
                    throw errors.failure("create the label \"" + name + "\"", GithubErrors.Permission.ISSUES, e);
                }
            }
        }

        /**
         * A GitHub Deployment for (commit, environment) and its latest status; reused on re-runs.
         * The production/transient flags and the environment/log URLs are marked deprecated in
         * github-api only "until preview feature has graduated to stable"; GitHub made them stable.
         */
        @SuppressWarnings("deprecation")
        private void deployment() {
            String commit = record.commit();
            String environment = request.environment();
            if (commit == null) {
                warnings.add("no GitHub Deployment created: the deployed commit is unknown (give the commit)");
                return;
            }
            GHDeploymentState state = deploymentState(record);
            try {
                boolean sha = commit.matches("[0-9a-fA-F]{40}");
                GHDeployment deployment = first(repo.listDeployments(sha ? commit : null, sha ? null : commit, null,
                        environment).withPageSize(1));
                GHDeploymentStatus latest = null;
                if (deployment == null) {
                    boolean production = environment.equals(productionEnvironment(request));
                    deployment = repo.createDeployment(commit)
                            .environment(environment)
                            .requiredContexts(List.of())
                            .autoMerge(false)
                            .productionEnvironment(production)
                            .transientEnvironment(false)
                            .description("SpecWeave increment " + request.increment().id() + " to " + environment)
                            .create();
                    changed = true;
                } else {
                    latest = first(deployment.listStatuses().withPageSize(1));
                }
                deploymentId = deployment.getId();
                GHDeploymentStatus last = latest;
                if (last == null || last.getState() != state
                        || !Objects.equals(url(last::getEnvironmentUrl), record.deploymentUrl())
                        || !Objects.equals(url(last::getLogUrl), record.runUrl())) {
                    GHDeploymentStatusBuilder status = deployment.createStatus(state)
                            .description(statusDescription(state));
                    if (record.deploymentUrl() != null) {
                        status.environmentUrl(record.deploymentUrl());
                    }
                    if (record.runUrl() != null) {
                        status.logUrl(record.runUrl());
                    }
                    status.create();
                    changed = true;
                }
                // A rollback: the restored commit is live again, and the one taken out no longer is. GitHub
                // deactivates only deployments older than a new success, so the newer one is told here, by the
                // run that tells the item of the rollback (not by every later sync).
                String takenOut = io.specweave.deploy.model.RecordFacts.rolledBackFrom(request.environmentNode());
                boolean told = request.note() != null || request.newDeployment();
                if (takenOut != null && !io.specweave.deploy.model.Commits.same(takenOut, commit) && told) {
                    deactivate(takenOut);
                }
            } catch (IOException e) {
                OperationFailedException failure = errors.failure("record the GitHub Deployment of " + environment,
                        GithubErrors.Permission.DEPLOYMENTS, e);
                warnings.add("the tracking issue is up to date, but " + failure.getMessage());
            } catch (GHException e) {
                OperationFailedException failure = errors.failure("record the GitHub Deployment of " + environment,
                        GithubErrors.Permission.DEPLOYMENTS, GithubErrors.unwrap(e));
                warnings.add("the tracking issue is up to date, but " + failure.getMessage());
            }
        }

        /** Marks the latest GitHub Deployment of {@code commit} here inactive, unless it already is or there is none. */
        private void deactivate(String commit) throws IOException {
            boolean sha = commit.matches("[0-9a-fA-F]{40}");
            GHDeployment deployment = first(repo.listDeployments(sha ? commit : null, sha ? null : commit, null,
                    environment).withPageSize(1));
            if (deployment == null) {
                return;
            }
            GHDeploymentStatus latest = first(deployment.listStatuses().withPageSize(1));
            if (latest == null || latest.getState() != GHDeploymentState.INACTIVE) {
                deployment.createStatus(GHDeploymentState.INACTIVE).description(statusDescription(
                        GHDeploymentState.INACTIVE)).create();
                changed = true;
            }
        }

        private boolean inThisRepository(GHIssue issue) {
            URL url = issue.getHtmlUrl();
            return url == null || url.getPath().toLowerCase(Locale.ROOT)
                    .contains(("/" + settings.fullName() + "/issues/").toLowerCase(Locale.ROOT));
        }
    }

    static GHDeploymentState deploymentState(DeploymentRecord record) {
        DeploymentStatus.Kind status = record.status() == null ? DeploymentStatus.Kind.DEPLOYED
                : record.status().kind();
        return switch (status) {
            // Not IN_PROGRESS: github-api 1.330 sends it as "in-progress", which GitHub rejects (it
            // expects "in_progress"); "pending" is the valid state closest to a running deployment.
            case IN_PROGRESS -> GHDeploymentState.PENDING;
            case FAILED -> GHDeploymentState.FAILURE;
            case ROLLED_BACK -> GHDeploymentState.INACTIVE;
            default -> unhealthy(record.healthStatus()) ? GHDeploymentState.FAILURE : GHDeploymentState.SUCCESS;
        };
    }

    /** A failed check, or another tool's word for one ("down", "error", "failing"). */
    private static boolean unhealthy(io.specweave.deploy.model.HealthStatus health) {
        if (health == null || health.healthy()) {
            return false;
        }
        if (io.specweave.deploy.model.HealthStatus.isFailing(health)) {
            return true;
        }
        String h = health.raw().toLowerCase(Locale.ROOT);
        return h.contains("unhealthy") || h.contains("fail") || h.equals("down") || h.equals("error");
    }

    private static String statusDescription(GHDeploymentState state) {
        return switch (state) {
            case SUCCESS -> "Deployed";
            case FAILURE -> "Deployment or health check failed";
            case PENDING -> "Deploying";
            case INACTIVE -> "Rolled back";
            default -> state.name().toLowerCase(Locale.ROOT);
        };
    }

    private static <T> T first(PagedIterable<T> iterable) {
        Iterator<T> it = iterable.iterator();
        return it.hasNext() ? it.next() : null;
    }

    /**
     * A URL field of a GitHub answer as text; null when unset. GitHub sends {@code ""} for a status
     * created without it, which github-api refuses to parse (IllegalStateException).
     */
    private static String url(java.util.function.Supplier<URL> field) {
        try {
            URL url = field.get();
            return url == null ? null : url.toString();
        } catch (IllegalStateException unset) {
            return null;
        }
    }

    private static String normalize(String text) {
        return text == null ? "" : text.replace("\r\n", "\n").strip();
    }

    private static Set<String> lowercase(Set<String> labels) {
        return labels.stream().map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
