package io.specweave.deploy.action;

import io.specweave.deploy.DeployException;
import io.specweave.deploy.Json;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.Project;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.ci.CiDetector;
import io.specweave.deploy.cli.CliRuntime;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.deploy.ApprovalService;
import io.specweave.deploy.deploy.RollbackResult;
import io.specweave.deploy.deploy.RollbackService;
import io.specweave.deploy.deploy.SyncRequest;
import io.specweave.deploy.deploy.SyncResult;
import io.specweave.deploy.deploy.SyncService;
import io.specweave.deploy.health.HealthChecker;
import io.specweave.deploy.health.HealthService;
import io.specweave.deploy.http.Sleeper;
import io.specweave.deploy.report.DoraReport;
import io.specweave.deploy.report.DoraService;
import io.specweave.deploy.report.EnvironmentStatus;
import io.specweave.deploy.report.MarkdownStatusRenderer;
import io.specweave.deploy.report.PipelineStatus;
import io.specweave.deploy.report.StatusJson;
import io.specweave.deploy.report.StatusService;
import io.specweave.deploy.report.TextStatusRenderer;
import io.specweave.deploy.rollout.CanaryResult;
import io.specweave.deploy.rollout.CanaryService;
import io.specweave.deploy.rollout.DeployRequest;
import io.specweave.deploy.rollout.EnvironmentTarget;
import io.specweave.deploy.rollout.FeatureFlagService;
import io.specweave.deploy.rollout.FlagChange;
import io.specweave.deploy.rollout.FlagMatrix;
import io.specweave.deploy.rollout.HttpSlotHealthCheck;
import io.specweave.deploy.rollout.SlotResult;
import io.specweave.deploy.rollout.SlotService;
import io.specweave.deploy.tracker.TrackerFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Action's commands besides sync and status: health, approve, dora, deploy, swap-slots,
 * rollback and feature-flag. Each makes the core call its CLI command makes, with the inputs in
 * place of the options, and reports the environment it touched as step outputs and summary.
 */
final class ActionCommands {

    static final String TITLE = "SpecWeave Deploy";

    private final CliRuntime runtime;
    private final WorkflowCommands commands;
    private final Map<String, String> coreEnv;

    ActionCommands(CliRuntime runtime, WorkflowCommands commands, Map<String, String> coreEnv) {
        this.runtime = runtime;
        this.commands = commands;
        this.coreEnv = coreEnv;
    }

    /** What a command hands back: the step outputs, the step summary, and the failure to report after them. */
    record Report(Map<String, String> outputs, String summary, DeployException failure) {
        Report(Map<String, String> outputs, String summary) {
            this(outputs, summary, null);
        }
    }

    TrackerFactory trackers() {
        return runtime.trackers().apply(new Credentials(coreEnv));
    }

    CiContext ci(Project project) {
        return new CiDetector(coreEnv, project.dir()).detect();
    }

    /** {@code health}: re-checks the environment's URL and records the result; fails (1) when not healthy. */
    Report health(Project project, ActionRequest request) {
        HealthService.Outcome outcome = new HealthService(new HealthChecker(Sleeper.system(), runtime.clock()))
                .check(project, request.increment, request.profile, request.environment);
        var result = outcome.result();
        String line = outcome.increment().id() + " → " + outcome.environment() + ": " + result.status()
                + (result.httpStatus() == null ? "" : " (HTTP " + result.httpStatus() + ", " + result.latencyMs()
                + " ms)") + " " + result.url();
        DeployException failure = null;
        if (result.healthy()) {
            commands.notice(TITLE, line);
        } else {
            failure = new OperationFailedException(outcome.increment().id() + " in " + outcome.environment() + " is "
                    + result.status() + ": " + result.message());
        }
        return environmentReport(project, outcome.increment().id(), outcome.environment(),
                (result.healthy() ? "✅ " : "❌ ") + MarkdownStatusRenderer.inline(line), failure);
    }

    /** {@code approve}: appends an approval (and a change request or metrics) to the environment's record. */
    Report approve(Project project, ActionRequest request) {
        ApprovalService.Outcome outcome = new ApprovalService(runtime.clock()).approve(project,
                new ApprovalService.Request(request.increment, request.profile, request.environment,
                        request.approvedBy, request.role, request.notes, request.changeRequest, request.metrics));
        StringBuilder line = new StringBuilder();
        if (outcome.approval() != null) {
            line.append("Approved ").append(outcome.increment().id()).append(" → ").append(outcome.environment())
                    .append(" by ").append(outcome.approval().approvedBy())
                    .append(outcome.approval().role() == null ? "" : " (" + outcome.approval().role() + ")");
        } else {
            line.append("Recorded ").append(request.changeRequest != null ? "the change request" : "")
                    .append(request.changeRequest != null && request.metrics != null ? " and " : "")
                    .append(request.metrics != null ? "metrics" : "").append(" for ")
                    .append(outcome.increment().id()).append(" → ").append(outcome.environment());
        }
        commands.notice(TITLE, line.toString());
        return environmentReport(project, outcome.increment().id(), outcome.environment(),
                "✅ " + MarkdownStatusRenderer.inline(line.toString()), null);
    }

    /** {@code dora}: the four keys over every increment's production deployments in the window. */
    Report dora(Project project, ActionRequest request) {
        DoraReport report = new DoraService(project, runtime.clock()).report(request.window);
        commands.group("DORA metrics (" + request.window + ")", new TextStatusRenderer(true).renderDora(report));
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("environment", report.environment());
        outputs.put("dora", Json.compact(Json.mapper().valueToTree(report)));
        return new Report(outputs, "## " + TITLE + ": DORA metrics\n\n" + new MarkdownStatusRenderer().renderDora(report));
    }

    /** {@code deploy}: a blue-green slot ({@code slot}), a canary step ({@code canary}), or a plain deployment. */
    Report deploy(Project project, ActionRequest request) {
        Integer canary = request.canary == null ? null : ActionInput.canaryWeight(request.canary);
        EnvironmentTarget target = InputWords.translated(() -> EnvironmentTarget.forDeploy(project.config(),
                request.profile, request.environment, request.slot, canary));
        CiContext ci = ci(project);
        DeployRequest deploy = new DeployRequest(request.increment, request.profile, target.environment(),
                target.slot(), canary, request.commit, request.branch, request.tag, request.deployedBy,
                request.runUrl, request.deploymentUrl);
        if (target.slot() != null) {
            SlotResult result = InputWords.translated(() -> new SlotService(trackers(),
                    new HttpSlotHealthCheck(Sleeper.system()), runtime.clock()).deploy(project, deploy, target, ci));
            String line = "Deployed " + result.increment() + " to slot " + result.slot() + " of "
                    + result.environment() + (result.liveChanged() ? " (live)" : " (idle; " + result.live()
                    + " stays live)");
            return rollout(project, result.increment(), result.environment(), line, result.trackingId(), result.note());
        }
        if (canary != null) {
            CanaryResult result = InputWords.translated(() -> new CanaryService(trackers(), runtime.clock())
                    .step(project, deploy, target, ci));
            String line = (result.promoted() ? "Promoted canary of " : "Canary of ") + result.increment() + " in "
                    + result.environment() + ": " + result.canary().weightOrZero() + " %";
            return rollout(project, result.increment(), result.environment(), line, result.trackingId(),
                    result.note());
        }
        SyncRequest sync = new SyncRequest(request.increment, target.profile().name(), null, null,
                SyncRequest.Outcome.DEPLOYED, request.commit, request.branch, request.tag, request.deployedBy,
                request.runUrl, request.deploymentUrl, false);
        SyncResult result = new SyncService(trackers(), runtime.clock()).sync(project, sync, ci);
        String line = (result.newDeployment() ? "Recorded " : "Re-synced ") + result.increment().id() + " → "
                + result.environment() + " (" + result.record().status() + ", profile " + result.profile().name()
                + ")";
        result.warnings().forEach(w -> commands.warning(TITLE, w));
        return rollout(project, result.increment().id(), result.environment(), line, null, null);
    }

    /** {@code swap-slots}: checks the idle slot (unless {@code force}) and makes it live. */
    Report swapSlots(Project project, ActionRequest request) {
        EnvironmentTarget target = InputWords.translated(() -> EnvironmentTarget.resolve(project.config(),
                request.profile, request.environment, null));
        SlotResult result = InputWords.translated(() -> new SlotService(trackers(),
                new HttpSlotHealthCheck(Sleeper.system()), runtime.clock())
                .swap(project, request.increment, target, request.force, ci(project)));
        String line = "Swapped slots of " + result.environment() + " for " + result.increment() + ": "
                + result.live() + " is live, " + result.idle() + " is idle";
        return rollout(project, result.increment(), result.environment(), line, result.trackingId(), result.note());
    }

    /** {@code rollback}: the previous version (or live slot) back; with {@code canary: true}, the canary to 0 %. */
    Report rollback(Project project, ActionRequest request) {
        boolean canary = request.canary != null && ActionInput.canaryRollback(request.canary);
        EnvironmentTarget target = InputWords.translated(() -> EnvironmentTarget.forRollback(project.config(),
                request.profile, request.environment));
        CiContext ci = ci(project);
        if (canary) {
            CanaryResult result = InputWords.translated(() -> new CanaryService(trackers(), runtime.clock())
                    .abandon(project, request.increment, target, ci));
            return rollout(project, result.increment(), result.environment(), "Rolled back the canary of "
                    + result.increment() + " in " + result.environment() + ": 0 %, abandoned", result.trackingId(),
                    result.note());
        }
        RollbackResult result = InputWords.translated(() -> new RollbackService(trackers(),
                request.healthCheck ? new HttpSlotHealthCheck(Sleeper.system()) : null, runtime.clock())
                .rollback(project, request.increment, target.profile(), request.reason, ci));
        String line = "Rolled back " + result.increment() + " in " + result.environment() + ": commit "
                + result.restored().commit() + " is current again (was " + result.rolledBackFrom() + ")"
                + (result.live() == null ? "" : "; slot " + result.live() + " is live again");
        if (result.healthStatus() != null && !"healthy".equals(result.healthStatus())) {
            commands.group("Rollback", line);
            return environmentReport(project, result.increment(), result.environment(),
                    "⚠️ " + MarkdownStatusRenderer.inline(line), new OperationFailedException("the restored version of "
                            + result.environment() + " is " + result.healthStatus() + "; the rollback is recorded, "
                            + "the environment still needs attention"));
        }
        return rollout(project, result.increment(), result.environment(), line, result.trackingId(), result.note());
    }

    /** {@code feature-flag}: {@code action} enable, disable, list or export, on {@code flag} and {@code environment}. */
    Report featureFlag(Project project, ActionRequest request) {
        if (request.flagAction == null) {
            throw new InputException("action", "command feature-flag needs the action input: enable, disable, list "
                    + "or export");
        }
        FeatureFlagService service = new FeatureFlagService(runtime.clock());
        Map<String, String> outputs = new LinkedHashMap<>();
        StringBuilder md = new StringBuilder("## " + TITLE + ": feature flags\n\n");
        switch (request.flagAction) {
            case ENABLE, DISABLE -> {
                if (request.flag == null) {
                    throw new InputException("flag", "action " + request.flagAction.word() + " needs the flag to "
                            + "change, e.g. newCheckout");
                }
                requireEnvironment(request);
                // The runner always passes increment (default active): only a named one gets the change recorded.
                String increment = "active".equalsIgnoreCase(request.increment) ? null : request.increment;
                FlagChange change = InputWords.translated(() -> service.set(project, request.flag,
                        request.flagAction == ActionRequest.FlagAction.ENABLE, request.environment, increment,
                        ci(project)));
                String state = change.enabled() ? "on" : "off";
                String line = change.changed() ? "Feature flag " + change.flag() + " is " + state + " in "
                        + change.environment() : "Feature flag " + change.flag() + " was already " + state + " in "
                        + change.environment() + "; nothing changed";
                commands.notice(TITLE, line);
                outputs.put("environment", change.environment());
                if (change.increment() != null) {
                    outputs.put("increment", change.increment());
                }
                md.append(MarkdownStatusRenderer.inline(line)).append('\n');
            }
            case LIST -> {
                FlagMatrix matrix = service.matrix(project);
                md.append(flagTable(matrix));
                commands.group("Feature flags", flagTable(matrix));
            }
            case EXPORT -> {
                requireEnvironment(request);
                String export = InputWords.translated(() -> service.export(project, request.environment,
                        request.format));
                commands.group("Feature flags of " + request.environment + " (" + request.format + ")", export);
                outputs.put("environment", request.environment.strip());
                md.append("`").append(request.format).append("` export of ")
                        .append(MarkdownStatusRenderer.inline(request.environment)).append(":\n\n```\n")
                        .append(export.replace("```", "'''")).append(export.endsWith("\n") ? "" : "\n")
                        .append("```\n");
            }
            default -> throw new IllegalStateException(request.flagAction.name());
        }
        return new Report(outputs, md.toString());
    }

    private static void requireEnvironment(ActionRequest request) {
        if (request.environment == null) {
            throw new InputException("environment", "command feature-flag with action "
                    + request.flagAction.word() + " needs the environment, e.g. prod");
        }
    }

    private static String flagTable(FlagMatrix matrix) {
        if (matrix.flags().isEmpty()) {
            return "No feature flags (.specweave/config/feature-flags.json has none)\n";
        }
        StringBuilder s = new StringBuilder("| flag |");
        matrix.environments().forEach(e -> s.append(' ').append(MarkdownStatusRenderer.inline(e)).append(" |"));
        s.append("\n|---|").append("---|".repeat(matrix.environments().size())).append('\n');
        for (String flag : matrix.flags()) {
            s.append("| ").append(MarkdownStatusRenderer.inline(flag)).append(" |");
            for (String env : matrix.environments()) {
                Boolean value = matrix.value(env, flag);
                s.append(' ').append(value == null ? "-" : value ? "on" : "off").append(" |");
            }
            s.append('\n');
        }
        return s.toString();
    }

    private Report rollout(Project project, String increment, String environment, String line, String trackingId,
            String note) {
        commands.notice(TITLE, line + (note == null ? "" : " — " + note));
        Report report = environmentReport(project, increment, environment, "✅ " + MarkdownStatusRenderer.inline(line)
                + (note == null ? "" : "\n\n> " + MarkdownStatusRenderer.inline(note)), null);
        if (trackingId != null && report.outputs().get("tracking-id") == null) {
            report.outputs().put("tracking-id", trackingId);
        }
        return report;
    }

    /**
     * The outputs every command that touched one environment sets: increment, environment, profile,
     * tracking item, health, the environment's record and the increment's pipeline status.
     */
    Report environmentReport(Project project, String increment, String environment, String headline,
            DeployException failure) {
        PipelineStatus status = new StatusService(project).status(increment);
        commands.group("Pipeline status of " + status.id(), new TextStatusRenderer(true).render(status));
        Optional<EnvironmentStatus> env = status.environments().stream()
                .filter(e -> e.environment().equals(environment)).findFirst();
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("increment", status.id());
        outputs.put("environment", environment);
        env.ifPresent(e -> {
            outputs.put("profile", e.profile());
            outputs.put("tracking-url", e.trackingUrl());
            outputs.put("tracking-id", e.trackingId());
            if (e.record() != null) {
                outputs.put("health-status", e.record().healthStatus());
                outputs.put("deployment", Json.compact(e.record().toNodeWithoutHistory()));
            }
        });
        outputs.values().removeIf(v -> v == null);
        outputs.put("status", Json.compact(StatusJson.of(status, false)));
        String md = "## " + TITLE + ": " + MarkdownStatusRenderer.inline(status.id()) + " → " + environment + "\n\n"
                + headline + "\n\n" + new MarkdownStatusRenderer().render(status, environment);
        return new Report(outputs, md, failure);
    }
}
