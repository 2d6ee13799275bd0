package io.specweave.deploy.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.DeployException;
import io.specweave.deploy.Json;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.app.Project;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.ci.CiDetector;
import io.specweave.deploy.cli.CliRuntime;
import io.specweave.deploy.cli.MonitorPrinter;
import io.specweave.deploy.cli.StopSignal;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.app.ApprovalService;
import io.specweave.deploy.app.RollbackResult;
import io.specweave.deploy.app.RollbackService;
import io.specweave.deploy.app.SuiteTestResult;
import io.specweave.deploy.app.SuiteTestService;
import io.specweave.deploy.app.SyncRequest;
import io.specweave.deploy.app.SyncResult;
import io.specweave.deploy.app.SyncService;
import io.specweave.deploy.health.HealthChecker;
import io.specweave.deploy.app.HealthService;
import io.specweave.deploy.http.Sleeper;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.dora.DoraReport;
import io.specweave.deploy.app.DoraService;
import io.specweave.deploy.status.EnvironmentStatus;
import io.specweave.deploy.report.MarkdownStatusRenderer;
import io.specweave.deploy.status.PipelineStatus;
import io.specweave.deploy.report.StatusJson;
import io.specweave.deploy.app.StatusService;
import io.specweave.deploy.report.TextStatusRenderer;
import io.specweave.deploy.app.CanaryMonitorService;
import io.specweave.deploy.metrics.CanaryReport;
import io.specweave.deploy.report.CanaryReportRenderer;
import io.specweave.deploy.app.CanaryResult;
import io.specweave.deploy.app.CanaryService;
import io.specweave.deploy.model.CanaryState;
import io.specweave.deploy.metrics.CanaryThresholds;
import io.specweave.deploy.app.DeployRequest;
import io.specweave.deploy.app.EnvironmentTarget;
import io.specweave.deploy.app.FeatureFlagService;
import io.specweave.deploy.model.FlagChange;
import io.specweave.deploy.flags.FlagMatrix;
import io.specweave.deploy.health.HttpSlotHealthCheck;
import io.specweave.deploy.metrics.MonitorReport;
import io.specweave.deploy.app.MonitorService;
import io.specweave.deploy.app.MonitorSources;
import io.specweave.deploy.metrics.Recommendation;
import io.specweave.deploy.app.SlotResult;
import io.specweave.deploy.app.SlotService;
import io.specweave.deploy.config.SuiteDefinition;
import io.specweave.deploy.app.TrackerFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Action's commands besides sync and status: health, approve, dora, deploy, swap-slots,
 * rollback, feature-flag, test and monitor. Each makes the core call its CLI command makes, with the inputs in
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

    /**
     * {@code test}: runs {@code suite} against the environment (or {@code slot}) as the CLI's test does,
     * its output folded in a group, and reports the recorded {@code testResults}; fails (1) when the
     * suite did not pass, after setting the outputs.
     */
    Report test(Project project, ActionRequest request) {
        if (request.suite == null) {
            throw new InputException("suite", "command test needs the suite to run: a key of "
                    + "deployment.testSuites in .specweave/config.json, e.g. smoke");
        }
        EnvironmentTarget target = InputWords.translated(() -> EnvironmentTarget.resolve(project.config(),
                request.profile, request.environment, request.slot));
        SuiteTestService service = new SuiteTestService(trackers(), runtime.clock());
        CiContext ci = ci(project);
        SuiteTestResult result;
        DeployException failure = null;
        commands.startGroup("Test suite " + request.suite);
        // The suite's output is not ours: the runner must not take a line of it for a workflow command.
        String token = commands.stopCommands();
        try {
            result = InputWords.translated(() -> {
                try {
                    return service.run(project, request.increment, target, request.suite, request.commit, ci,
                            commands::info);
                } catch (SuiteDefinition.UnknownSuiteException e) {
                    throw new InputException("suite", "expected a key of deployment.testSuites; " + e.getMessage(),
                            e);
                }
            });
        } catch (SuiteTestService.SuiteFailedException e) {
            result = e.result();
            failure = e;
        } finally {
            commands.resumeCommands(token);
            commands.endGroup();
        }
        String tested = result.environment() + (result.slot() == null ? "" : " (slot " + result.slot() + ")");
        var t = result.testResults();
        String counts = t.path("passed").asLong() + "/" + t.path("total").asLong() + " passed, "
                + t.path("failed").asLong() + " failed, " + t.path("errors").asLong() + " errors, "
                + t.path("skipped").asLong() + " skipped";
        String line = "Test suite " + result.suite() + " against " + tested + ": "
                + (result.passed() ? "passed (" + counts + ")" : "did not pass (" + counts + ")");
        if (result.passed()) {
            commands.notice(TITLE, line);
        }
        Report report = environmentReport(project, result.increment(), result.environment(),
                (result.passed() ? "✅ " : "❌ ") + MarkdownStatusRenderer.inline(line)
                        + (result.problem() == null ? "" : "\n\n> " + MarkdownStatusRenderer.inline(result.problem())),
                failure);
        if (result.trackingId() != null && report.outputs().get("tracking-id") == null) {
            report.outputs().put("tracking-id", result.trackingId());
        }
        report.outputs().put("test-results", Json.compact(result.testResults()));
        return report;
    }

    /**
     * {@code monitor}: watches the environment's health (and Prometheus metrics) for {@code duration}, a
     * plain line per poll; with {@code canary: true}, compares the running canary with stable. Fails (1)
     * as the CLI's monitor does: unhealthy polls in a row, or anything but SAFE TO INCREASE CANARY.
     */
    Report monitor(Project project, ActionRequest request) {
        boolean canary = request.canary != null && ActionInput.canaryMonitor(request.canary);
        EnvironmentTarget target = InputWords.translated(() -> EnvironmentTarget.resolve(project.config(),
                request.profile, request.environment, null));
        Duration total = request.duration != null ? request.duration : Duration.ZERO;
        return canary ? monitorCanary(project, request, target, total) : monitorEnvironment(project, request, target,
                total);
    }

    private Report monitorEnvironment(Project project, ActionRequest request, EnvironmentTarget target,
            Duration total) {
        if (request.metricsFile != null) {
            throw new InputException("metrics-file", "is for canary: true (canary and stable metrics from a file); "
                    + "watching an environment reads the profile's metrics.prometheusUrl");
        }
        Duration every = request.interval != null ? request.interval : MonitorService.DEFAULT_INTERVAL;
        MonitorSources.EnvironmentMetrics metrics = InputWords.translated(() -> MonitorSources.environment(target,
                null));
        StopSignal stop = StopSignal.onShutdown();
        MonitorReport report;
        try {
            // A CI log shows every \r as a new line: one plain line per poll, never a progress line.
            report = InputWords.translated(() -> new MonitorService(new HealthChecker(Sleeper.system(),
                    runtime.clock()), stop.sleeper(), runtime.clock()).monitor(project, request.increment, target,
                    total, every, request.failures, metrics == null ? null : metrics.metrics(),
                    metrics == null ? null : metrics.name(), stop::requested,
                    poll -> commands.info(MonitorPrinter.line(poll))));
        } finally {
            stop.done();
        }
        StringWriter summary = new StringWriter();
        PrintWriter printer = new PrintWriter(summary);
        new MonitorPrinter(printer, false).summary(report, total);
        printer.flush();
        commands.group("Monitoring summary: " + report.increment() + " in " + report.environment(),
                summary.toString());
        String verdict = MonitorPrinter.verdict(report);
        DeployException failure = report.failed() ? new OperationFailedException(report.problem()) : null;
        if (failure == null) {
            commands.notice(TITLE, report.environment() + ": " + verdict);
        }
        Report out = environmentReport(project, report.increment(), report.environment(),
                (failure == null ? "✅ " : "❌ ") + MarkdownStatusRenderer.inline(verdict), failure);
        out.outputs().put("recommendation", report.verdict().name().replace('_', ' '));
        out.outputs().put("metrics", Json.compact(report.toMetricsNode()));
        return out;
    }

    private Report monitorCanary(Project project, ActionRequest request, EnvironmentTarget target, Duration total) {
        if (request.failures != null) {
            throw new InputException("failures", "is for watching an environment (canary: false); a canary's "
                    + "failed measurements are counted against the profile's canaryAnalysis.failureThreshold");
        }
        Path metricsFile = null;
        if (request.metricsFile != null) {
            metricsFile = project.dir().resolve(request.metricsFile).normalize();
            if (!Files.isRegularFile(metricsFile)) {
                throw new InputException("metrics-file", "expected a JSON file of canary and stable metrics, "
                        + "relative to working-directory, but " + metricsFile + " is not a file");
            }
        }
        Increment increment = project.increments().resolve(request.increment);
        String environment = target.environment();
        CanaryState state = InputWords.translated(() -> CanaryMonitorService.running(project, increment,
                environment));
        CanaryThresholds thresholds = CanaryThresholds.of(target.profile());
        Path file = metricsFile;
        MonitorSources.CanaryMetrics source = InputWords.translated(() -> MonitorSources.canary(target, file, null));
        Duration every = request.interval != null ? request.interval : CanaryMonitorService.DEFAULT_INTERVAL;
        CanaryReportRenderer renderer = new CanaryReportRenderer(true);
        CanaryReport report = InputWords.translated(() -> new CanaryMonitorService(Sleeper.system(), runtime.clock())
                .monitor(project, increment, environment, state, thresholds, source, total, every,
                        (n, planned, m) -> commands.info(renderer.line(n, planned, m))));
        commands.group("Canary Deployment Monitoring: " + report.increment() + " in " + report.environment(),
                renderer.render(report));
        String line = report.recommendation().label() + ": " + report.reason();
        DeployException failure = report.recommendation() == Recommendation.SAFE ? null
                : new OperationFailedException("canary of " + report.increment() + " in " + report.environment()
                        + ": " + line);
        if (failure == null) {
            commands.notice(TITLE, "Canary of " + report.increment() + " in " + report.environment() + ": " + line);
        }
        Report out = environmentReport(project, report.increment(), report.environment(),
                (failure == null ? "✅ " : "⚠️ ") + MarkdownStatusRenderer.inline(line), failure);
        out.outputs().put("recommendation", report.recommendation().label());
        ObjectNode metrics = CanaryMonitorService.lastAnalysis(report);
        metrics.set("canary", Json.mapper().valueToTree(report.last().canary()));
        metrics.set("stable", Json.mapper().valueToTree(report.last().stable()));
        out.outputs().put("metrics", Json.compact(metrics));
        return out;
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
