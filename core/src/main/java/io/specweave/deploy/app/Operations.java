package io.specweave.deploy.app;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Command;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.config.CredentialVariables;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.dora.DoraReport;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.increment.MetadataStore;
import io.specweave.deploy.model.Approval;
import io.specweave.deploy.model.FlagChange;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The operations of SpecWeave Deploy, one entry each, for every front end: the CLI, the GitHub
 * Action and the Jenkins step map their inputs to a {@link Request} and render what comes back.
 * Every operation that changes an environment runs through {@link EnvironmentChanges}, so the
 * rules (target resolution, refresh, gates, health, the tracker, commit-back) are the same
 * whichever command or front end asks.
 *
 * <p>Bad input throws {@link BadInputException} (exit 2) before anything is written; an
 * operation that cannot be done throws {@link io.specweave.deploy.OperationFailedException}
 * (exit 1, nothing written); everything else ends in a typed outcome.
 */
public final class Operations {

    /** DORA's window when none is given. */
    public static final String DEFAULT_WINDOW = DoraService.DEFAULT_WINDOW;

    private final Host host;
    private final InterruptAsStop interrupts = new InterruptAsStop();
    /** The projects whose config notes the debug output has had (a front end may run two operations). */
    private final Set<Path> toldNotes = ConcurrentHashMap.newKeySet();

    public Operations(Host host) {
        this.host = interrupts.guard(host);
    }

    public Host host() {
        return host;
    }

    /**
     * Records a deployment (started, finished, failed) to the target environment and updates its
     * tracking item; a finished deployment to {@code ENV-SLOT} is a deployment to that slot.
     */
    public ChangeOutcome<?> sync(Request request) {
        return written(request, () -> recordSync(request));
    }

    private ChangeOutcome<?> recordSync(Request request) {
        ChangeContext context = context(request);
        if (context.target().slot() != null) {
            if (request.outcome != Request.Outcome.DEPLOYED) {
                throw new BadInputException(Message.of("a deployment to slot " + context.target().slot() + " of "
                        + context.environment() + " is recorded when it has finished (", Input.DEPLOYED,
                        "); a started or failed one is the environment's (", Message.arg(Input.ENVIRONMENT,
                                context.environment()), ")"));
            }
            return EnvironmentChanges.apply(context, SlotChanges.deploy());
        }
        return EnvironmentChanges.apply(context, new SyncChange("sync"));
    }

    /**
     * Records a finished deployment the way it was rolled out: plainly (a sync of a finished
     * deployment), to a blue-green slot, or as a canary step.
     */
    public ChangeOutcome<?> deploy(Request request) {
        return written(request, () -> recordDeploy(request));
    }

    private ChangeOutcome<?> recordDeploy(Request request) {
        if (request.allEnvironments) {
            throw new BadInputException(Message.of(Input.ALL_ENVIRONMENTS, " deploys to every environment at once; "
                    + "ask for it as such"));
        }
        if (request.slot != null && request.canaryWeight != null) {
            throw new BadInputException(Message.of(Input.SLOT, " and ", Input.CANARY, " are two ways to roll out; "
                    + "give one of them"));
        }
        Request deployed = request.toBuilder().outcome(Request.Outcome.DEPLOYED).build();
        ChangeContext context = context(deployed);
        if (request.canaryWeight != null) {
            if (context.target().slot() != null) {
                throw new BadInputException(Message.of(Message.arg(Input.ENVIRONMENT, request.environment),
                        " names slot " + context.target().slot() + "; a canary is not deployed to a slot: give ",
                        Message.arg(Input.ENVIRONMENT, context.environment())));
            }
            return EnvironmentChanges.apply(context, CanaryChanges.step());
        }
        if (context.target().slot() != null) {
            return EnvironmentChanges.apply(context, SlotChanges.deploy());
        }
        return EnvironmentChanges.apply(context, new SyncChange("deploy"));
    }

    /**
     * Records one commit as deployed to every environment of the pipeline that has a profile, in
     * pipeline order, each through its own profile and tracker, exactly as {@link #deploy} records
     * one; the first environment that does not end {@code RECORDED} stops the run.
     */
    public AllEnvironmentsOutcome deployAll(Request request) {
        return written(request, () -> recordEveryEnvironment(request));
    }

    private AllEnvironmentsOutcome recordEveryEnvironment(Request request) {
        if (request.environment != null || request.profile != null || request.slot != null
                || request.canaryWeight != null || request.deploymentUrl != null) {
            throw new BadInputException(Message.of(Input.ALL_ENVIRONMENTS, " records every environment of the "
                    + "pipeline through its own profile; leave out ", Input.ENVIRONMENT, ", ", Input.PROFILE, ", ",
                    Input.SLOT, ", ", Input.CANARY, " and ", Input.DEPLOYMENT_URL));
        }
        if (request.dryRun) {
            // Each environment's gate reads the one before it, which a dry run would not have recorded.
            throw new BadInputException(Message.of(Input.DRY_RUN, " cannot show ", Input.ALL_ENVIRONMENTS,
                    ": each environment's promotion gate reads the deployment before it, which a dry run does not "
                            + "record; try one environment at a time"));
        }
        Project project = open(request);
        Map<String, SyncProfile> profiles = new LinkedHashMap<>();
        for (String environment : project.config().pipeline()) {
            if (project.config().configures(environment)) {
                // Ambiguous or broken environments are refused here, before anything is recorded anywhere.
                profiles.put(environment, project.config().profileForEnvironment(environment));
            }
        }
        if (profiles.isEmpty()) {
            List<String> pipeline = project.config().pipeline();
            // The same advice as a sync's: deployment.environments, not the earlier profile shape.
            throw new BadInputException(Message.of(project.config().source() + ": ", Input.ALL_ENVIRONMENTS,
                    " records a deployment to each environment of the pipeline, and "
                            + project.config().knownEnvironments(pipeline.isEmpty() ? "dev" : pipeline.get(0))));
        }
        Increment increment = increment(project, request);
        CiContext ci = host.ci(project.dir());
        TrackerFactory trackers = host.trackerFactory();
        CiContext facts = ci.overriddenBy(request.commit, request.branch, request.tag, request.deployedBy,
                request.runUrl);
        if (facts.commit() == null) {
            throw new BadInputException(Message.of("no commit known: pass ", Input.COMMIT, " (", Input.ALL_ENVIRONMENTS,
                    " records the same commit in every environment, so it must know which one)"));
        }
        List<ChangeOutcome<Void>> recorded = new ArrayList<>();
        List<String> environments = List.copyOf(profiles.keySet());
        // As one environment's run: the records as the branch holds them now.
        CommitBack.Baseline baseline = request.commitBack == null || request.dryRun ? CommitBack.Baseline.NONE
                : CommitBack.catchUp(project, request.commitBack, facts, project.metadata(increment).files(), true);
        // Bad input in any environment (its settings, its record, its tracker's credentials) is refused
        // before one is recorded: each is first tried as a dry run, and its tracker's settings checked.
        for (String environment : environments) {
            Request tried = everyEnvironment(request, profiles.get(environment)).toBuilder().dryRun(true).build();
            EnvironmentChanges.apply(new ChangeContext(project, increment, Target.resolve(project.config(), tried), tried,
                    host, ci, trackers), new SyncChange("deploy"), new ArrayList<>());
            trackers.forProfile(profiles.get(environment)).checkSettings();
        }
        List<Runnable> writers = new ArrayList<>();
        String stoppedAt = null;
        Message reason = null;
        List<String> rest = List.of();
        for (int i = 0; i < environments.size(); i++) {
            String environment = environments.get(i);
            Request one = everyEnvironment(request, profiles.get(environment));
            ChangeContext context = new ChangeContext(project, increment, Target.resolve(project.config(), one), one,
                    host, ci, trackers);
            ChangeOutcome<Void> outcome = EnvironmentChanges.apply(context, new SyncChange("deploy"), writers, baseline);
            if (outcome.result() != ChangeOutcome.Result.REFUSED) {
                recorded.add(outcome);
            }
            if (outcome.exitCode() != 0) {
                stoppedAt = environment;
                reason = outcome.problem();
                rest = environments.subList(outcome.result() == ChangeOutcome.Result.REFUSED ? i : i + 1,
                        environments.size());
                break;
            }
        }
        CommitBack.Result commit = null;
        if (request.commitBack != null && !request.dryRun && !writers.isEmpty()) {
            commit = CommitBack.run(project, request.commitBack, facts, project.metadata(increment).files(),
                    "deployment of " + increment.id() + " to " + String.join(", ", recorded.stream()
                            .map(ChangeOutcome::environment).toList()), baseline, () -> writers.forEach(Runnable::run));
        }
        return new AllEnvironmentsOutcome(increment.id(), facts.commit(), recorded, stoppedAt, reason, rest, commit,
                baseline.caughtUp(), project.warnings());
    }

    /**
     * One environment's part of {@code deploy --all-environments}: its profile. The request's own values
     * only; each context takes the rest from the same CI facts, which are not inputs and not checked as such.
     */
    private static Request everyEnvironment(Request request, SyncProfile profile) {
        return request.toBuilder().profile(profile.name()).allEnvironments(false).outcome(Request.Outcome.DEPLOYED)
                .build();
    }

    /** Makes the idle blue-green slot (or the one named) live, after checking its health. */
    public ChangeOutcome<SlotDetail> swap(Request request) {
        return written(request, () -> EnvironmentChanges.apply(context(request), SlotChanges.swap()));
    }

    /** Puts back what ran before; with {@code canary}, abandons the running canary instead. */
    public ChangeOutcome<?> rollback(Request request) {
        return written(request, () -> recordRollback(request));
    }

    private ChangeOutcome<?> recordRollback(Request request) {
        ChangeContext context = context(request);
        if (request.canary) {
            context.target().requireEnvironmentOnly("rollback", "a canary shares the environment's traffic");
            return EnvironmentChanges.apply(context, CanaryChanges.abandon());
        }
        context.target().requireEnvironmentOnly("rollback", "it makes the previously live slot live again");
        return EnvironmentChanges.apply(context, new RollbackChange());
    }

    /** Re-checks a recorded deployment's (or slot's) health and records it. */
    public ChangeOutcome<Void> health(Request request) {
        return written(request, () -> EnvironmentChanges.apply(context(request), new HealthChange()));
    }

    /** Runs a test suite against the environment (or slot) and records what it found. */
    public ChangeOutcome<SuiteDetail> test(Request request) {
        return written(request, () -> EnvironmentChanges.apply(context(request), new SuiteChange()));
    }

    /** Records an approval, a change request or metrics for the environment's next (or current) deployment. */
    public ChangeOutcome<Approval> approve(Request request) {
        return written(request, () -> EnvironmentChanges.apply(context(request), new ApprovalChange()));
    }

    /** Watches the environment's health and metrics, or with {@code canary} compares the canary with stable. */
    public ChangeOutcome<?> monitor(Request request) {
        return written(request, () -> recordMonitor(request));
    }

    private ChangeOutcome<?> recordMonitor(Request request) {
        ChangeContext context = context(request);
        return request.canary ? EnvironmentChanges.apply(context, MonitorChanges.canary())
                : EnvironmentChanges.apply(context, MonitorChanges.environment());
    }

    /** Sets, lists or exports feature flags; a change named with an increment is recorded in its history. */
    public FlagOutcome featureFlag(Request request) {
        boolean writes = request.flagAction == Request.FlagAction.ENABLE
                || request.flagAction == Request.FlagAction.DISABLE;
        return writes ? written(request, () -> changeFlag(request)) : changeFlag(request);
    }

    private FlagOutcome changeFlag(Request request) {
        if (request.flagAction == null) {
            throw new BadInputException(Message.of("no flag action given: ", Input.FLAG_ACTION,
                    " is enable, disable, list or export"));
        }
        Project project = open(request);
        return changeFlag(project, request).withWarnings(project.warnings());
    }

    private FlagOutcome changeFlag(Project project, Request request) {
        switch (request.flagAction) {
            case LIST -> {
                io.specweave.deploy.flags.FlagMatrix matrix = FlagChanges.matrix(project, request.environment);
                String env = request.environment == null ? null : matrix.environments().get(0);
                return new FlagOutcome(request.flagAction, env, null, matrix, null, null, null, false);
            }
            case EXPORT -> {
                String text = FlagChanges.export(project, request.environment, request.format);
                return new FlagOutcome(request.flagAction, request.environment, null, null, text, null, null, false);
            }
            default -> {
                boolean enabled = request.flagAction == Request.FlagAction.ENABLE;
                boolean named = !"active".equalsIgnoreCase(request.increment);
                ChangeContext context = null;
                if (named) {
                    Request scoped = request.toBuilder().profile(null).slot(null).build();
                    context = context(scoped);
                }
                // The flags as the branch holds them now, as every change that commits back reads its files.
                // The file keeps its own lines when rewritten: an earlier step's change is not merged into it.
                CommitBack.Baseline flags = request.commitBack == null || request.dryRun ? CommitBack.Baseline.NONE
                        : CommitBack.catchUp(project, request.commitBack, host.ci(project.dir()),
                                FlagChanges.store(project).files(), false);
                FlagChange change = FlagChanges.plan(project, request, enabled,
                        java.time.Instant.now(host.clock()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                                .toString(), (context != null ? context.facts() : host.ci(project.dir())).actor(),
                        context == null ? null : context.increment().id());
                if (request.dryRun) {
                    if (context != null) {
                        // Checked as the real run checks it (the increment's record, its profile's tracker settings,
                        // deployment.refresh); the dry run writes nothing and asks no tracker.
                        EnvironmentChanges.apply(context, FlagChanges.recorded(project, change), null, flags);
                    }
                    return new FlagOutcome(request.flagAction, change.environment(), change, null, null, null, null, true);
                }
                if (context != null) {
                    ChangeOutcome<FlagChange> recorded = EnvironmentChanges.apply(context,
                            FlagChanges.recorded(project, change), null, flags);
                    return new FlagOutcome(request.flagAction, change.environment(), change, null, null, recorded,
                            recorded.commit(), false);
                }
                FlagChanges.write(project, change);
                CommitBack.Result commit = request.commitBack == null ? null : CommitBack.run(project,
                        request.commitBack, host.ci(project.dir()), FlagChanges.store(project).files(),
                        "feature flag " + change.flag() + " " + (enabled ? "on" : "off") + " in "
                                + change.environment(), flags, () -> FlagChanges.write(project, change));
                return new FlagOutcome(request.flagAction, change.environment(), change, null, null, null, commit, false,
                        flags.caughtUp(), List.of());
            }
        }
    }

    /** Every increment of the project, one row each, with a mark per environment. */
    public StatusOutcome increments(Request request) {
        if (request.refresh) {
            // A refresh asks each environment's tracker; for every increment at once that is a call per item.
            throw new BadInputException(Message.of(Input.REFRESH, " needs an increment: ", Message.command(
                    Command.STATUS, Message.arg(Input.INCREMENT, "<increment>"), Message.arg(Input.REFRESH, null))));
        }
        if (request.window != null) {
            // The list shows no DORA block, but a window it was given is checked as the one status shows.
            DoraService.parseWindow(request.window);
        }
        Project project = open(request);
        StatusService.Listing listing = new StatusService(project).listing();
        List<String> warnings = new ArrayList<>(project.warnings());
        warnings.addAll(listing.unreadable());
        warnings.addAll(listing.warnings());
        return new StatusOutcome(null, listing.rows(), null, List.of(), warnings);
    }

    /**
     * One increment's pipeline; with {@code refresh}, every environment's record is read from its
     * tracking item first and merged into {@code metadata.json}.
     */
    public StatusOutcome status(Request request) {
        return request.refresh ? written(request, () -> readStatus(request)) : readStatus(request);
    }

    private StatusOutcome readStatus(Request request) {
        Project project = open(request);
        StatusService status = new StatusService(project);
        Increment increment = increment(project, request);
        List<Message> refreshed = List.of();
        if (request.refresh) {
            ChangeContext context = new ChangeContext(project, increment, null, request, host, host.ci(project.dir()),
                    host.trackerFactory());
            MetadataStore store = project.metadata(increment);
            Refresh.Copies copies = Refresh.read(context, increment, store.read(), null, null);
            var merged = store.update(copies::mergeInto);
            refreshed = copies.report(merged).stream().filter(e -> e.outcome() != Refresh.Outcome.LOCAL)
                    .map(Refresh.Entry::line).toList();
            if (refreshed.isEmpty()) {
                refreshed = List.of(Message.text("nothing to read: every profile uses the local provider, whose "
                        + "record is metadata.json itself"));
            }
        }
        MetadataDocument document = project.metadata(increment).read();
        DoraReport dora = null;
        List<String> warnings = new ArrayList<>(project.warnings());
        warnings.addAll(StatusService.viewWarnings(project.config().environments(), document));
        if (request.dora) {
            DoraService.parseWindow(request.window == null ? DEFAULT_WINDOW : request.window);
            try {
                dora = new DoraService(project, host.clock()).report(request.window);
            } catch (BadInputException e) {
                // Another increment's unreadable metadata must not hide this one's status.
                warnings.add("DORA block left out: " + e.getMessage());
            }
        }
        return new StatusOutcome(status.status(increment, document), null, dora, refreshed, warnings);
    }

    /** DORA's four keys over the production deployments of every increment in the window. */
    public DoraReport dora(Request request) {
        Project project = open(request);
        DoraReport report = new DoraService(project, host.clock()).report(request.window);
        for (String warning : project.warnings()) {
            report = report.withWarning(warning);
        }
        return report;
    }

    /**
     * Runs an operation that may write; what it wrote in the project (records, locks, a commit-back's
     * {@code .git} objects) then gets the owner of the project's {@code .specweave}, also when it
     * failed: a container or a {@code sudo} run writes as root into a folder that belongs to someone else.
     * An interrupt that ended a wait as a stop is given back to the caller at the end.
     */
    private <T> T written(Request request, Supplier<T> operation) {
        // The file system's clock, not the host's: it is the files' change times that are compared.
        Instant started = Instant.now();
        try {
            return operation.get();
        } finally {
            WorkspaceOwnership.matchProject(request.dir == null ? Path.of(".") : request.dir, started);
            interrupts.restore();
        }
    }

    /**
     * The increment the request names; {@code active} with SpecWeave's two active increments is the
     * one the run's branch belongs to (given, else the CI's: a pull request's source branch first).
     */
    private Increment increment(Project project, Request request) {
        if (request.increment == null || !request.increment.trim().equalsIgnoreCase("active")) {
            return project.increments().resolve(request.increment);
        }
        String branch = request.branch;
        if (branch == null) {
            CiContext ci = host.ci(project.dir());
            branch = ci.commitBranch() != null ? ci.commitBranch() : ci.branch();
        }
        return project.increments().resolve(request.increment, branch, project.config().branchPrefix());
    }

    /**
     * The request's project, saying how its config was read to the user's debug output, once; a value
     * of the request that holds a credential of the run is refused here, before anything is read or written.
     */
    private Project open(Request request) {
        Project project = Project.open(request.dir);
        CredentialsInValues.refuse(request, host, project.config());
        if (toldNotes.add(project.dir())) {
            project.config().notes().forEach(host.debug());
        }
        return project;
    }

    private ChangeContext context(Request request) {
        Project project = open(request);
        Increment increment = increment(project, request);
        Target target = Target.resolve(project.config(), request);
        Host run = withCredential(host, request, target.profile());
        return new ChangeContext(project, increment, target, request, run, run.ci(project.dir()),
                run.trackerFactory());
    }

    /** The host with a credential given as a value set as the variables the profile's tracker reads. */
    private static Host withCredential(Host host, Request request, SyncProfile profile) {
        if (request.credentialSecret == null) {
            return host;
        }
        return host.withEnv(request.credentialUser == null
                ? CredentialVariables.forToken(profile, request.credentialSecret)
                : CredentialVariables.forUsernamePassword(profile, request.credentialUser, request.credentialSecret));
    }
}
