package io.specweave.deploy.cli;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.app.Project;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.ci.CiDetector;
import io.specweave.deploy.app.AllEnvironmentsResult;
import io.specweave.deploy.app.AllEnvironmentsService;
import io.specweave.deploy.app.SyncRequest;
import io.specweave.deploy.app.SyncResult;
import io.specweave.deploy.app.SyncService;
import io.specweave.deploy.app.SyncSummary;
import io.specweave.deploy.http.Sleeper;
import io.specweave.deploy.app.CanaryResult;
import io.specweave.deploy.app.CanaryService;
import io.specweave.deploy.app.DeployRequest;
import io.specweave.deploy.app.EnvironmentTarget;
import io.specweave.deploy.health.HttpSlotHealthCheck;
import io.specweave.deploy.app.SlotResult;
import io.specweave.deploy.app.SlotService;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code deploy <increment> --environment E [--slot S | --canary N]}: records a deployment to a
 * blue-green slot, a canary step, or (with neither) a plain finished deployment like
 * {@code sync --deployed}. {@code deploy <increment> --all-environments} records one commit in
 * every environment of the pipeline.
 */
@Command(name = "deploy", mixinStandardHelpOptions = true, versionProvider = SpecweaveDeploy.Version.class,
        description = "Records a deployment to an environment, one of its blue-green slots, or a canary step.")
final class DeployCommand implements Callable<Integer> {

    @ParentCommand
    SpecweaveDeploy parent;

    @Mixin
    ProjectOptions project;

    @Parameters(index = "0", arity = "0..1", paramLabel = "INCREMENT",
            description = "Increment id (0018, 18, 0018-name) or 'active' (default).")
    String increment = "active";

    @Option(names = {"-e", "--environment"}, description = "The environment; ENV-SLOT (prod-green) names a slot too.")
    String environment;

    @Option(names = {"-p", "--profile"}, description = "Sync profile (sync.profiles.<name>) instead of --environment.")
    String profile;

    @Option(names = "--slot", description = "Blue-green slot to deploy to (e.g. blue, green).")
    String slot;

    @Option(names = "--canary", paramLabel = "PERCENT",
            description = "Canary share of traffic: 1-100; 100 makes the canary the stable version.")
    Integer canary;

    @Option(names = "--commit", description = "Commit SHA (default: from CI or git).")
    String commit;

    @Option(names = "--branch", description = "Branch (default: from CI or git).")
    String branch;

    @Option(names = "--tag", description = "Tag (default: from CI or git).")
    String tag;

    @Option(names = "--deployed-by", description = "Who deployed (default: the CI actor or git user).")
    String deployedBy;

    @Option(names = "--run-url", description = "Link to the pipeline run (default: from CI).")
    String runUrl;

    @Option(names = "--deployment-url", description = "The slot's URL when the profile has no slots.<slot>.url; "
            + "without a slot, the environment's URL.")
    String deploymentUrl;

    @Option(names = "--all-environments", description = "Record the same commit as deployed to every environment "
            + "of the pipeline, in order, each through its own profile; stops at the first refused promotion gate.")
    boolean allEnvironments;

    @Option(names = "--force", description = "Record even when a promotion gate refuses (the record says forced: true).")
    boolean force;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        CliRuntime runtime = parent.runtime();
        if (allEnvironments) {
            return deployEverywhere(runtime);
        }
        Project opened = project.open();
        EnvironmentTarget target = EnvironmentTarget.forDeploy(opened.config(), profile, environment, slot, canary);
        CiContext ci = new CiDetector(runtime.env(), opened.dir()).detect();
        DeployRequest request = new DeployRequest(increment, profile, target.environment(), target.slot(), canary,
                commit, branch, tag, deployedBy, runUrl, deploymentUrl);
        PrintWriter out = runtime.out();
        if (target.slot() != null) {
            SlotService service = new SlotService(runtime.trackerFactory(), new HttpSlotHealthCheck(Sleeper.system()),
                    runtime.clock());
            SlotResult result = service.deploy(opened, request, target, ci);
            if (json) {
                out.println(Json.pretty(result));
            } else {
                out.println(SlotPrinter.text(result));
            }
            return 0;
        }
        if (canary != null) {
            CanaryResult result = new CanaryService(runtime.trackerFactory(), runtime.clock())
                    .step(opened, request, target, ci);
            if (json) {
                out.println(Json.pretty(result));
            } else {
                out.println((result.promoted() ? "Promoted canary of " : "Canary of ") + result.increment() + " in "
                        + result.environment() + ": " + result.canary().weightOrZero() + " % (commit "
                        + result.canary().commit() + ")");
                out.println("  " + result.note());
                if (result.trackingId() != null) {
                    out.println("  tracking: " + result.trackingId());
                }
            }
            return 0;
        }
        SyncRequest sync = new SyncRequest(increment, target.profile().name(), null, null,
                SyncRequest.Outcome.DEPLOYED, commit, branch, tag, deployedBy, runUrl, deploymentUrl, false, List.of(),
                SyncRequest.Attachments.NONE, false, force);
        SyncResult result = new SyncService(runtime.trackerFactory(), runtime.clock()).sync(opened, sync, ci);
        SyncSummary summary = SyncSummary.of(result);
        if (json) {
            out.println(Json.pretty(summary));
        } else {
            out.println((result.newDeployment() ? "Recorded " : "Re-synced ") + result.increment().id() + " → "
                    + result.environment() + " (" + summary.status() + ", profile " + result.profile().name() + ")"
                    + (result.record().commit() == null ? "" : "\n  commit:   " + result.record().commit()));
        }
        return 0;
    }

    /** {@code --all-environments}: one commit, every environment of the pipeline, gates in turn. */
    private int deployEverywhere(CliRuntime runtime) {
        if (environment != null || profile != null || slot != null || canary != null || deploymentUrl != null) {
            throw new BadInputException("--all-environments records every environment of the pipeline through its "
                    + "own profile and URL; leave out --environment, --profile, --slot, --canary and --deployment-url");
        }
        Project opened = project.open();
        CiContext ci = new CiDetector(runtime.env(), opened.dir()).detect();
        SyncRequest template = new SyncRequest(increment, null, null, null, SyncRequest.Outcome.DEPLOYED, commit,
                branch, tag, deployedBy, runUrl, null, false, List.of(), SyncRequest.Attachments.NONE, false, force);
        AllEnvironmentsResult result = new AllEnvironmentsService(new SyncService(runtime.trackerFactory(),
                runtime.clock())).deploy(opened, template, ci);
        PrintWriter out = runtime.out();
        if (json) {
            var node = Json.mapper().createObjectNode();
            node.put("increment", result.increment());
            node.put("commit", result.commit());
            var recorded = node.putArray("recorded");
            result.recorded().forEach(r -> recorded.add(Json.mapper().valueToTree(SyncSummary.of(r))));
            if (result.stoppedAt() != null) {
                node.put("stoppedAt", result.stoppedAt());
                node.put("reason", result.reason());
            }
            var rest = node.putArray("notRecorded");
            result.notRecorded().forEach(rest::add);
            out.println(Json.pretty(node));
        } else {
            out.println("Deploying " + result.increment() + " (commit " + result.commit() + ") to every environment:");
            for (SyncResult r : result.recorded()) {
                out.println("  " + r.environment() + ": " + (r.newDeployment() ? "recorded" : "re-synced")
                        + " (profile " + r.profile().name() + (Boolean.TRUE.equals(r.record().forced()) ? ", forced"
                                : "") + ")");
                r.warnings().forEach(w -> out.println("    warning: " + w));
            }
            for (String env : result.notRecorded()) {
                out.println("  " + env + ": not recorded" + (env.equals(result.stoppedAt()) ? " (stopped here)" : ""));
            }
        }
        out.flush();
        if (!result.complete()) {
            runtime.err().println("error: stopped at " + result.stoppedAt() + ": " + result.reason());
            runtime.err().println("recorded: " + (result.recorded().isEmpty() ? "none" : String.join(", ",
                    result.recorded().stream().map(SyncResult::environment).toList())) + "; not recorded: "
                    + String.join(", ", result.notRecorded()));
            return 1;
        }
        return 0;
    }
}
