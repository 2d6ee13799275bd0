package io.specweave.deploy.cli;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.app.Project;
import io.specweave.deploy.health.HealthChecker;
import io.specweave.deploy.http.Sleeper;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.Durations;
import io.specweave.deploy.metrics.CanaryMonitor;
import io.specweave.deploy.app.CanaryMonitorService;
import io.specweave.deploy.metrics.CanaryReport;
import io.specweave.deploy.report.CanaryReportRenderer;
import io.specweave.deploy.model.CanaryState;
import io.specweave.deploy.metrics.CanaryThresholds;
import io.specweave.deploy.app.EnvironmentTarget;
import io.specweave.deploy.metrics.MonitorReport;
import io.specweave.deploy.app.MonitorService;
import io.specweave.deploy.app.MonitorSources;
import io.specweave.deploy.metrics.Recommendation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code monitor <increment> --environment E --canary [--duration 15m --interval 1m]}: compares
 * the running canary with stable and exits 0 only when it is safe to give the canary more traffic.
 * Without {@code --canary}: watches the environment's health and metrics for a while, records what
 * was seen, and exits 1 once it was unhealthy for {@code --failures} polls in a row.
 */
@Command(name = "monitor", mixinStandardHelpOptions = true, versionProvider = SpecweaveDeploy.Version.class,
        description = {"Watches an environment's health and metrics, or with --canary compares a canary with stable.",
                "With --canary: compares a canary with the stable version (Prometheus or a metrics file) and "
                + "recommends SAFE TO INCREASE CANARY, HOLD or ROLL BACK; exits 0 only for safe.",
                "Without: polls the environment's health (and Prometheus metrics) for --duration, records them as "
                + "the environment's metrics and exits 1 after --failures unhealthy polls in a row."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:safe to increase the canary; the environment stayed healthy",
                "1:hold or roll back, or the metrics could not be read; the environment was unhealthy",
                "2:bad input (config, arguments)"})
final class MonitorCommand implements Callable<Integer> {

    @ParentCommand
    SpecweaveDeploy parent;

    @Mixin
    ProjectOptions project;

    @Parameters(index = "0", arity = "0..1", paramLabel = "INCREMENT",
            description = "Increment id (0018, 18, 0018-name) or 'active' (default).")
    String increment = "active";

    @Option(names = {"-e", "--environment"}, description = "The environment the canary runs in.")
    String environment;

    @Option(names = {"-p", "--profile"}, description = "Sync profile instead of --environment.")
    String profile;

    @Option(names = "--canary", description = "Compare the running canary with stable; without it, watch the "
            + "environment's health and metrics.")
    boolean canary;

    @Option(names = "--duration", description = "How long to watch, e.g. 15m (default: one measurement).")
    String duration;

    @Option(names = "--interval", description = "Time between measurements, e.g. 1m (default: 1m with --canary, "
            + "30s without).")
    String interval;

    @Option(names = "--metrics-file", description = "Read canary/stable metrics from this JSON file instead of "
            + "Prometheus.")
    Path metricsFile;

    @Option(names = "--prometheus-url", description = "Prometheus base URL (default: the profile's "
            + "metrics.prometheusUrl).")
    String prometheusUrl;

    @Option(names = "--max-error-rate-increase", paramLabel = "PP",
            description = "Override canaryAnalysis.maxErrorRateIncrease (percentage points).")
    Double maxErrorRateIncrease;

    @Option(names = "--max-p95-increase", paramLabel = "PERCENT",
            description = "Override canaryAnalysis.maxP95Increase (percent of stable's p95).")
    Double maxP95Increase;

    @Option(names = "--min-requests", description = "Override canaryAnalysis.minRequests.")
    Double minRequests;

    @Option(names = "--failure-threshold", description = "Override canaryAnalysis.failureThreshold.")
    Integer failureThreshold;

    @Option(names = "--failures", paramLabel = "N", description = "Without --canary: unhealthy polls in a row that "
            + "end the run with exit code 1 (default: deployment.monitor.maxConsecutiveFailures, else 3).")
    Integer failures;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Project opened = project.open();
        EnvironmentTarget target = EnvironmentTarget.resolve(opened.config(), profile, environment, null);
        if (canary) {
            if (failures != null) {
                throw new BadInputException("--failures is for watching an environment; with --canary use "
                        + "--failure-threshold");
            }
            return monitorCanary(opened, target);
        }
        return monitorEnvironment(opened, target);
    }

    private int monitorEnvironment(Project opened, EnvironmentTarget target) {
        if (metricsFile != null || maxErrorRateIncrease != null || maxP95Increase != null || minRequests != null
                || failureThreshold != null) {
            throw new BadInputException("--metrics-file, --max-error-rate-increase, --max-p95-increase, "
                    + "--min-requests and --failure-threshold are for --canary; watching an environment reads "
                    + "Prometheus (metrics.prometheusUrl or --prometheus-url) and stops after --failures unhealthy "
                    + "polls in a row");
        }
        CliRuntime runtime = parent.runtime();
        PrintWriter out = runtime.out();
        Duration every = interval == null ? MonitorService.DEFAULT_INTERVAL : parse(interval, "--interval");
        Duration total = duration == null ? Duration.ZERO : parse(duration, "--duration");
        MonitorSources.EnvironmentMetrics metrics = MonitorSources.environment(target, prometheusUrl);
        MonitorPrinter printer = new MonitorPrinter(out, !json && runtime.interactive());
        StopSignal stop = StopSignal.onShutdown();
        try {
            MonitorReport report = new MonitorService(new HealthChecker(Sleeper.system(), runtime.clock()),
                    stop.sleeper(), runtime.clock()).monitor(opened, increment, target, total, every, failures,
                    metrics == null ? null : metrics.metrics(), metrics == null ? null : metrics.name(),
                    stop::requested, poll -> {
                        if (!json) {
                            printer.poll(poll);
                        }
                    });
            return report(runtime, printer, report, total);
        } finally {
            // Only now may a shutdown (Ctrl-C, SIGTERM) let the JVM exit: the record and summary are out.
            stop.done();
        }
    }

    private int report(CliRuntime runtime, MonitorPrinter printer, MonitorReport report, Duration total) {
        PrintWriter out = runtime.out();
        if (json) {
            out.println(Json.pretty(report));
        } else {
            printer.finish();
            printer.summary(report, total);
            out.println("  recorded: " + report.increment() + "/metadata.json deployments." + report.environment()
                    + ".metrics");
        }
        out.flush();
        if (report.verdict() == MonitorReport.Verdict.UNHEALTHY) {
            runtime.err().println("error: " + report.problem());
            runtime.err().flush();
        }
        return report.failed() ? 1 : 0;
    }

    /** The URL as output and the record show it: no user info, no query (either may hold a secret). */
    static String withoutSecrets(String url) {
        return MonitorSources.withoutSecrets(url);
    }

    private int monitorCanary(Project opened, EnvironmentTarget target) {
        CliRuntime runtime = parent.runtime();
        PrintWriter out = runtime.out();
        Increment inc = opened.increments().resolve(increment);
        String env = target.environment();
        CanaryState state = CanaryMonitorService.running(opened, inc, env);
        CanaryThresholds configured = CanaryThresholds.of(target.profile());
        CanaryThresholds thresholds = new CanaryThresholds(
                maxErrorRateIncrease != null ? nonNegative(maxErrorRateIncrease, "--max-error-rate-increase")
                        : configured.maxErrorRateIncrease(),
                maxP95Increase != null ? nonNegative(maxP95Increase, "--max-p95-increase") : configured.maxP95Increase(),
                minRequests != null ? nonNegative(minRequests, "--min-requests") : configured.minRequests(),
                failureThreshold != null ? atLeastOne(failureThreshold) : configured.failureThreshold());
        MonitorSources.CanaryMetrics source = MonitorSources.canary(target, metricsFile, prometheusUrl);
        Duration every = interval == null ? CanaryMonitorService.DEFAULT_INTERVAL : parse(interval, "--interval");
        Duration total = duration == null ? Duration.ZERO : parse(duration, "--duration");
        int count = CanaryMonitor.measurements(total, every);
        CanaryReportRenderer renderer = new CanaryReportRenderer(runtime.plain());
        CanaryReport report = new CanaryMonitorService(Sleeper.system(), runtime.clock()).monitor(opened, inc, env,
                state, thresholds, source, total, every, (n, planned, m) -> {
                    if (planned > 1 && !json) {
                        out.println(renderer.line(n, planned, m));
                        out.flush();
                    }
                });
        if (json) {
            out.println(Json.pretty(report));
        } else {
            if (count > 1) {
                out.println();
            }
            out.print(renderer.render(report));
        }
        return report.recommendation() == Recommendation.SAFE ? 0 : 1;
    }

    static Duration parse(String text, String option) {
        return Durations.parse(text, option);
    }

    private static double nonNegative(double value, String option) {
        if (value < 0 || Double.isNaN(value)) {
            throw new BadInputException(option + ": expected 0 or more, got " + value);
        }
        return value;
    }

    private static int atLeastOne(int value) {
        if (value < 1) {
            throw new BadInputException("--failure-threshold: expected 1 or more failed measurements, got " + value);
        }
        return value;
    }
}
