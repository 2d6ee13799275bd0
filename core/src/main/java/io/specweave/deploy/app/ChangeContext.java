package io.specweave.deploy.app;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Command;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.config.SlotSettings;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.Slot;
import io.specweave.deploy.model.SlotsState;
import io.specweave.deploy.config.PromotionRules;
import io.specweave.deploy.config.RefreshMode;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.increment.MetadataStore;
import io.specweave.deploy.tracker.Tracker;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * One operation's view of its run: the project, the increment and target, the request, the run's
 * facts (the request's values over the CI's), and one tracker per profile for the whole operation
 * (so reading an item's record copy and updating the item find it once).
 */
final class ChangeContext {

    private final Project project;
    private final Increment increment;
    private final Target target;
    private final Request request;
    private final Host host;
    private final CiContext ci;
    private final CiContext facts;
    private final TrackerFactory trackers;
    private final Map<String, Tracker> byProfile = new HashMap<>();
    private final String now;

    ChangeContext(Project project, Increment increment, Target target, Request request, Host host, CiContext ci,
            TrackerFactory trackers) {
        this.project = project;
        this.increment = increment;
        this.target = target;
        this.request = request;
        this.host = host;
        this.ci = ci;
        this.facts = ci.overriddenBy(request.commit, request.branch, request.tag, request.deployedBy, request.runUrl);
        this.trackers = trackers;
        this.now = Instant.now(host.clock()).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    Project project() {
        return project;
    }

    Increment increment() {
        return increment;
    }

    Target target() {
        return target;
    }

    SyncProfile profile() {
        return target.profile();
    }

    String environment() {
        return target.environment();
    }

    Request request() {
        return request;
    }

    Host host() {
        return host;
    }

    /** The run's facts: what the request gives, else what the CI or git says. */
    CiContext facts() {
        return facts;
    }

    /**
     * The commit the run names: given, or the CI run's; null when it would only be inferred (a
     * checkout's HEAD on someone's machine names nothing the user meant).
     */
    String namedCommit() {
        return request.commit != null || facts.inCi() ? facts.commit() : null;
    }

    /** The time of this operation, to the second, ISO-8601 UTC: every timestamp it writes. */
    String now() {
        return now;
    }

    MetadataStore store() {
        return project.metadata(increment);
    }

    PromotionRules rules() {
        return PromotionRules.of(project.config());
    }

    /** Whether operations read the tracker's copies before they act ({@code deployment.refresh}). */
    boolean refreshes() {
        // Read first: a dry run reports a bad deployment.refresh as the real run does.
        RefreshMode mode = RefreshMode.of(project.config());
        return !request.dryRun && mode == RefreshMode.AUTO;
    }

    /** The tracker of {@code profile}, one instance for the whole operation. */
    /**
     * The target's slot as {@code view} records it, for a change that works on what was deployed
     * there ({@code doing}: "check", "test"); bad input naming the deploy to run when it has none.
     */
    Slot recordedSlot(MetadataDocument view, String doing) {
        String slotName = target.slot();
        // A slot the file holds as something else is the user's: named as such, not as one without a deployment.
        view.requireWritable(environment(), SlotsState.KEY, slotName);
        Slot slot = SlotsState.read(view.deployment(environment()).orElse(null)).slot(slotName);
        if (slot == null) {
            throw new BadInputException(Message.of(increment.id() + ": slot " + slotName + " of " + environment()
                    + " has no deployment to " + doing + "; deploy it first (", Message.command(Command.DEPLOY,
                            Message.arg(Input.INCREMENT, increment.paddedNumber()),
                            Message.arg(Input.ENVIRONMENT, environment()), Message.arg(Input.SLOT, slotName)), ")"));
        }
        return slot;
    }

    /**
     * A slot's URL: the one recorded with its deployment (the profile's, or the deploy's own
     * deployment URL), else the profile's setting for the slot; null for neither. Every check, test and
     * swap of the slot goes to the same URL.
     */
    SourcedUrl slotUrl(MetadataDocument view, String slotName, Slot recorded) {
        if (recorded != null && recorded.url() != null) {
            return SourcedUrl.of(recorded.url(), recordField(view, SlotsState.KEY + "." + slotName + ".url"));
        }
        SlotSettings settings = SlotSettings.of(profile());
        return SourcedUrl.of(settings.url(slotName), settings.where() + "." + slotName + ".url");
    }

    /** The environment's URL: the one {@code record} has, else the profile's; null for neither. */
    SourcedUrl environmentUrl(MetadataDocument view, DeploymentRecord record) {
        return record != null && record.deploymentUrl() != null
                ? SourcedUrl.of(record.deploymentUrl(), recordField(view, "deploymentUrl")) : profileUrl();
    }

    /** The URL this run records for the environment: the one given, else the profile's; null for neither. */
    SourcedUrl givenOrProfileUrl() {
        return request.deploymentUrl != null ? SourcedUrl.of(request.deploymentUrl, Input.DEPLOYMENT_URL)
                : profileUrl();
    }

    /** The profile's {@code deploymentUrl}; null without one. */
    SourcedUrl profileUrl() {
        return SourcedUrl.of(profile().deploymentUrl(), profile().source() + ": "
                + profile().settingPath("deploymentUrl"));
    }

    /**
     * How messages name the field {@code path} of this environment's record:
     * {@code <file>: deployments.<env>.<path>}.
     */
    String recordField(MetadataDocument view, String path) {
        return view.source() + ": deployments." + environment() + "." + path;
    }

    Tracker tracker(SyncProfile profile) {
        return byProfile.computeIfAbsent(profile.name(), name -> trackers.forProfile(profile));
    }

    /** This operation's view of another target (deploy to every environment: one environment at a time). */
    ChangeContext forTarget(Target other, Request otherRequest) {
        ChangeContext context = new ChangeContext(project, increment, other, otherRequest, host, ci, trackers);
        context.byProfile.putAll(byProfile);
        return context;
    }
}
