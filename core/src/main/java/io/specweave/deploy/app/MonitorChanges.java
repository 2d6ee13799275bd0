package io.specweave.deploy.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Command;
import io.specweave.deploy.Input;
import io.specweave.deploy.Json;
import io.specweave.deploy.Message;
import io.specweave.deploy.config.HealthCheckSettings;
import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.metrics.CanaryAnalyzer;
import io.specweave.deploy.metrics.CanaryMonitor;
import io.specweave.deploy.metrics.CanaryReport;
import io.specweave.deploy.metrics.CanaryThresholds;
import io.specweave.deploy.metrics.EnvironmentMonitor;
import io.specweave.deploy.metrics.MonitorReport;
import io.specweave.deploy.metrics.Recommendation;
import io.specweave.deploy.model.CanaryState;
import io.specweave.deploy.model.DeploymentRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code monitor}: watches an environment after a change (health at every poll, metrics where the
 * profile has Prometheus), or compares a running canary with stable. What was seen is recorded
 * however the run ends — at its planned end, at the poll that ended it, or when it was asked to stop
 * — and the tracking item says what was seen.
 */
final class MonitorChanges {

    /** Time between two polls of an environment when none is given. */
    static final Duration ENVIRONMENT_INTERVAL = Duration.ofSeconds(30);
    /** Time between two canary measurements when none is given. */
    static final Duration CANARY_INTERVAL = Duration.ofMinutes(1);

    private MonitorChanges() {
    }

    static Change<MonitorReport> environment() {
        return new Change<>() {
            @Override
            public String name() {
                return "monitoring";
            }

            @Override
            public Effect<MonitorReport> act(ChangeContext context, MetadataDocument view) {
                return watch(context, view);
            }
        };
    }

    static Change<CanaryReport> canary() {
        return new Change<>() {
            @Override
            public String name() {
                return "canary analysis";
            }

            @Override
            public Effect<CanaryReport> act(ChangeContext context, MetadataDocument view) {
                return analyse(context, view);
            }
        };
    }

    private static Change.Effect<MonitorReport> watch(ChangeContext context, MetadataDocument view) {
        Request request = context.request();
        context.target().requireEnvironmentOnly("monitor", "the live slot serves its traffic");
        Request.Thresholds t = request.thresholds;
        if (request.metricsFile != null || t.maxErrorRateIncrease() != null || t.maxP95Increase() != null
                || t.minRequests() != null || t.failureThreshold() != null) {
            // A front end without the threshold inputs (the Action) names only the metrics file.
            throw new BadInputException(Message.of(Input.METRICS_FILE,
                    Message.ifInput(Input.MAX_ERROR_RATE_INCREASE, ", ", Input.MAX_ERROR_RATE_INCREASE, ", ",
                            Input.MAX_P95_INCREASE, ", ", Input.MIN_REQUESTS, " and ", Input.FAILURE_THRESHOLD, " are")
                            .orElse(" is"),
                    " for ", Message.arg(Input.CANARY, "true"), " (comparing a canary with stable); watching "
                            + "an environment reads Prometheus (metrics.prometheusUrl",
                    Message.ifInput(Input.PROMETHEUS_URL, " or ", Input.PROMETHEUS_URL),
                    ") and stops after ", Input.FAILURES, " unhealthy polls in a row"));
        }
        Duration interval = request.interval != null ? request.interval : ENVIRONMENT_INTERVAL;
        Duration duration = request.duration != null ? request.duration : Duration.ZERO;
        if (interval.isZero() || interval.isNegative()) {
            throw new BadInputException(Message.of(Input.INTERVAL, ": expected more than 0, e.g. 30s"));
        }
        int failures = request.failures != null ? request.failures
                : EnvironmentMonitor.maxConsecutiveFailures(context.project().config());
        if (failures < 1) {
            throw new BadInputException(Message.of(Input.FAILURES, ": expected 1 or more unhealthy polls in a row, got "
                    + failures));
        }
        String environment = context.environment();
        DeploymentRecord current = Deployments.get(view, environment).orElse(null);
        if (current == null || current.status() == null) {
            throw new BadInputException(Message.of(context.increment().id() + "/metadata.json: deployments."
                    + environment + ": no deployment recorded to monitor; record one first (", Message.command(
                            Command.DEPLOY, Message.arg(Input.INCREMENT, context.increment().paddedNumber()),
                            Message.arg(Input.ENVIRONMENT, environment)), ")"));
        }
        SourcedUrl url = context.environmentUrl(view, current);
        if (url == null) {
            throw new BadInputException(context.profile().source() + ": " + context.profile().settingPath("deploymentUrl")
                    + ": expected the environment's URL to monitor, but neither the profile nor the "
                    + "record has one");
        }
        MonitorSources.EnvironmentMetrics metrics = MonitorSources.environment(context.target(), request.prometheusUrl,
                context.host());
        EnvironmentMonitor.Plan plan = new EnvironmentMonitor.Plan(url.url(), url.setting(),
                HealthCheckSettings.of(context.profile()),
                EnvironmentMonitor.polls(duration, interval), interval, failures);
        Host host = context.host();
        MonitorReport report = new EnvironmentMonitor(host.healthChecker(), metrics == null ? null : metrics.metrics(),
                metrics == null ? null : metrics.name(), host.sleeper(), host.clock())
                .run(context.increment().id(), environment, plan, host.stop(), host.progress()::poll);
        Change.Effect<MonitorReport> effect = Change.Effect.<MonitorReport>writing((document, decision) -> {
            if (report.polls().isEmpty()) {
                return;
            }
            DeploymentRecord latest = Deployments.get(document, environment).orElse(null);
            if (latest == null) {
                return;
            }
            var last = report.polls().get(report.polls().size() - 1);
            Deployments.put(document, environment, HealthChange.withHealth(latest, last.health()).toBuilder()
                    .metrics(report.toMetricsNode()).build(), false);
        }).note(d -> "Monitored " + environment + " for " + report.polls().size() + " poll"
                + (report.polls().size() == 1 ? "" : "s") + ": " + report.verdict().name().replace('_', ' ')
                + (report.problem() == null ? "." : " — " + report.problem() + ".")).detail(d -> report);
        // Said where every front end shows the run's warnings, not only in the polls' JSON.
        report.metricsWarnings().forEach(effect::warn);
        if (!report.polls().isEmpty()) {
            effect.checked(report.polls().get(report.polls().size() - 1).health());
        }
        if (report.failed()) {
            effect.failed(Message.text(report.problem()));
        }
        return effect;
    }

    private static Change.Effect<CanaryReport> analyse(ChangeContext context, MetadataDocument view) {
        Request request = context.request();
        if (request.failures != null) {
            throw new BadInputException(Message.of(Input.FAILURES, " is for watching an environment; comparing a "
                    + "canary counts failed measurements against canaryAnalysis.failureThreshold",
                    Message.ifInput(Input.FAILURE_THRESHOLD, " (", Input.FAILURE_THRESHOLD, ")")));
        }
        context.target().requireEnvironmentOnly("monitor", "a canary shares the environment's traffic");
        Path metricsFile = null;
        if (request.metricsFile != null) {
            metricsFile = context.project().dir().resolve(request.metricsFile).normalize();
            if (!Files.isRegularFile(metricsFile)) {
                throw new BadInputException(Message.of(Message.arg(Input.METRICS_FILE, request.metricsFile),
                        ": expected a JSON file of canary and stable metrics, relative to the project folder, but "
                                + metricsFile + " is not a file"));
            }
        }
        CanaryState state = CanaryChanges.running(context, view);
        CanaryThresholds configured = CanaryThresholds.of(context.profile());
        Request.Thresholds t = request.thresholds;
        CanaryThresholds thresholds = new CanaryThresholds(
                t.maxErrorRateIncrease() != null ? nonNegative(t.maxErrorRateIncrease(), Input.MAX_ERROR_RATE_INCREASE)
                        : configured.maxErrorRateIncrease(),
                t.maxP95Increase() != null ? nonNegative(t.maxP95Increase(), Input.MAX_P95_INCREASE)
                        : configured.maxP95Increase(),
                t.minRequests() != null ? nonNegative(t.minRequests(), Input.MIN_REQUESTS) : configured.minRequests(),
                t.failureThreshold() != null ? atLeastOne(t.failureThreshold()) : configured.failureThreshold());
        MonitorSources.CanaryMetrics source = MonitorSources.canary(context.target(), metricsFile,
                request.prometheusUrl, context.host());
        Duration interval = request.interval != null ? request.interval : CANARY_INTERVAL;
        Duration duration = request.duration != null ? request.duration : Duration.ZERO;
        if (interval.isZero() && !duration.isZero()) {
            throw new BadInputException(Message.of(Input.INTERVAL, ": expected more than 0 when ", Input.DURATION,
                    " is given"));
        }
        int count = CanaryMonitor.measurements(duration, interval);
        AtomicInteger taken = new AtomicInteger();
        Host host = context.host();
        CanaryReport report = new CanaryMonitor(source.source(), thresholds, host.sleeper(), host.clock())
                .run(context.increment().id(), context.environment(), state, source.name(), count, interval,
                        host.stop(), m -> host.progress().measurement(taken.incrementAndGet(), count, m));
        ObjectNode analysis = lastAnalysis(report);
        String environment = context.environment();
        Change.Effect<CanaryReport> effect = Change.Effect.<CanaryReport>writing((document, decision) -> {
            var node = document.deployment(environment).orElse(null);
            if (node != null && node.get(CanaryState.KEY) instanceof ObjectNode canaryNode) {
                canaryNode.set("lastAnalysis", analysis.deepCopy());
            }
        }).note(d -> "Canary analysis in " + environment + ": " + report.recommendation().label() + " — "
                + report.reason() + ".").detail(d -> report);
        if (report.recommendation() != Recommendation.SAFE) {
            effect.failed(Message.text("canary of " + report.increment() + " in " + report.environment() + ": "
                    + report.recommendation().label() + ": " + report.reason()));
        }
        return effect;
    }

    /** What is kept as {@code canary.lastAnalysis}: when, the recommendation and why, how many measurements failed. */
    static ObjectNode lastAnalysis(CanaryReport report) {
        ObjectNode analysis = Json.mapper().createObjectNode();
        analysis.put("at", report.last().at());
        analysis.put("recommendation", report.recommendation().label());
        analysis.put("reason", report.reason());
        analysis.put("measurements", report.measurements().size());
        analysis.put("failed", report.count(CanaryAnalyzer.Verdict.FAIL));
        analysis.put("source", report.source());
        return analysis;
    }

    private static double nonNegative(double value, Input input) {
        if (value < 0 || Double.isNaN(value)) {
            throw new BadInputException(Message.of(input, ": expected 0 or more, got " + value));
        }
        return value;
    }

    private static int atLeastOne(int value) {
        if (value < 1) {
            throw new BadInputException(Message.of(Input.FAILURE_THRESHOLD, ": expected 1 or more failed measurements, "
                    + "got " + value));
        }
        return value;
    }
}
