package io.specweave.deploy.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.Project;
import io.specweave.deploy.health.HealthChecker;
import io.specweave.deploy.http.HttpSettings;
import io.specweave.deploy.http.Redactor;
import io.specweave.deploy.http.RestClient;
import io.specweave.deploy.http.Sleeper;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.rollout.CanaryMonitor;
import io.specweave.deploy.rollout.CanaryReport;
import io.specweave.deploy.rollout.CanaryReportRenderer;
import io.specweave.deploy.rollout.CanaryState;
import io.specweave.deploy.rollout.CanaryThresholds;
import io.specweave.deploy.rollout.EnvironmentMonitor;
import io.specweave.deploy.rollout.EnvironmentTarget;
import io.specweave.deploy.rollout.FileMetricsSource;
import io.specweave.deploy.rollout.MetricQueries;
import io.specweave.deploy.rollout.MetricsSource;
import io.specweave.deploy.rollout.MonitorReport;
import io.specweave.deploy.rollout.MonitorService;
import io.specweave.deploy.rollout.PrometheusMetricsSource;
import io.specweave.deploy.rollout.Recommendation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

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
        Duration every = interval == null ? Duration.ofSeconds(30) : parse(interval, "--interval");
        Duration total = duration == null ? Duration.ZERO : parse(duration, "--duration");
        EnvironmentMonitor.Metrics metrics = null;
        String metricsName = null;
        MetricQueries queries = MetricQueries.of(target.profile());
        String url = prometheusUrl != null ? prometheusUrl : queries.prometheusUrl();
        if (url != null) {
            RestClient client = new RestClient(HttpSettings.defaults().withRequestTimeout(Duration.ofSeconds(10))
                    .withMaxAttempts(1), new Redactor());
            String track = trackOf(target);
            metrics = EnvironmentMonitor.prometheus(new PrometheusMetricsSource(client, url, queries), track);
            metricsName = "Prometheus " + withoutSecrets(url) + ", track " + track;
        }
        MonitorPrinter printer = new MonitorPrinter(out, !json && runtime.interactive());
        StopSignal stop = StopSignal.onShutdown();
        try {
            MonitorReport report = new MonitorService(new HealthChecker(Sleeper.system(), runtime.clock()),
                    stop.sleeper(), runtime.clock()).monitor(opened, increment, target, total, every, failures, metrics,
                    metricsName, stop::requested, poll -> {
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
            var last = report.polls().get(report.polls().size() - 1).health();
            runtime.err().println("error: " + report.environment() + " was not healthy for "
                    + report.maxConsecutiveFailures() + " polls in a row (last: " + last.status() + ", "
                    + last.message() + "); what was seen is recorded");
            runtime.err().flush();
            return 1;
        }
        return report.verdict() == MonitorReport.Verdict.NO_DATA ? 1 : 0;
    }

    /** The URL as output and the record show it: no user info, no query (either may hold a secret). */
    static String withoutSecrets(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            if (uri.getHost() == null) {
                return url.contains("@") || url.contains("?") ? "(URL hidden)" : url;
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + (uri.getRawPath() == null ? "" : uri.getRawPath());
        } catch (java.net.URISyntaxException e) {
            return "(URL hidden)";
        }
    }

    /** The series of the environment's own traffic: {@code metrics.track} of the profile, else {@code stable}. */
    private static String trackOf(EnvironmentTarget target) {
        var metricsNode = target.profile().setting("metrics");
        if (metricsNode != null && metricsNode.hasNonNull("track")) {
            if (!metricsNode.get("track").isTextual() || metricsNode.get("track").asText().isBlank()) {
                throw new BadInputException(target.profile().source() + ": sync.profiles." + target.profile().name()
                        + ".metrics.track: expected the track label value of the environment's series, e.g. "
                        + "\"stable\"");
            }
            return metricsNode.get("track").asText().trim();
        }
        return "stable";
    }

    private int monitorCanary(Project opened, EnvironmentTarget target) {
        CliRuntime runtime = parent.runtime();
        PrintWriter out = runtime.out();
        Increment inc = opened.increments().resolve(increment);
        String env = target.environment();
        CanaryState state = CanaryState.read(opened.metadata(inc).read().deployment(env).orElse(null));
        if (state == null || !state.running()) {
            throw new BadInputException(inc.id() + ": no canary runs in " + env
                    + (state == null ? "" : " (the last one was " + state.status() + ")") + "; start one with deploy "
                    + inc.paddedNumber() + " --environment " + env + " --canary 10");
        }
        CanaryThresholds configured = CanaryThresholds.of(target.profile());
        CanaryThresholds thresholds = new CanaryThresholds(
                maxErrorRateIncrease != null ? nonNegative(maxErrorRateIncrease, "--max-error-rate-increase")
                        : configured.maxErrorRateIncrease(),
                maxP95Increase != null ? nonNegative(maxP95Increase, "--max-p95-increase") : configured.maxP95Increase(),
                minRequests != null ? nonNegative(minRequests, "--min-requests") : configured.minRequests(),
                failureThreshold != null ? atLeastOne(failureThreshold) : configured.failureThreshold());
        MetricsSource source;
        String sourceName;
        if (metricsFile != null) {
            source = new FileMetricsSource(metricsFile);
            sourceName = "file " + metricsFile;
        } else {
            MetricQueries queries = MetricQueries.of(target.profile());
            String url = prometheusUrl != null ? prometheusUrl : queries.prometheusUrl();
            if (url == null) {
                throw new BadInputException("no metrics source for " + env + ": set " + queries.where()
                        + ".prometheusUrl, or pass --prometheus-url or --metrics-file");
            }
            RestClient client = new RestClient(HttpSettings.defaults().withRequestTimeout(Duration.ofSeconds(15))
                    .withMaxAttempts(3), new Redactor());
            source = new PrometheusMetricsSource(client, url, queries);
            sourceName = "Prometheus " + url;
        }
        Duration every = interval == null ? Duration.ofMinutes(1) : parse(interval, "--interval");
        Duration total = duration == null ? Duration.ZERO : parse(duration, "--duration");
        if (every.isZero() && !total.isZero()) {
            throw new BadInputException("--interval: expected more than 0 when --duration is given");
        }
        int count = CanaryMonitor.measurements(total, every);
        CanaryReportRenderer renderer = new CanaryReportRenderer(runtime.plain());
        AtomicInteger taken = new AtomicInteger();
        CanaryMonitor monitor = new CanaryMonitor(source, thresholds, Sleeper.system(), runtime.clock());
        CanaryReport report = monitor.run(inc.id(), env, state, sourceName, count, every, m -> {
            int n = taken.incrementAndGet();
            if (count > 1 && !json) {
                out.println(renderer.line(n, count, m));
                out.flush();
            }
        });
        record(opened, inc, env, report);
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

    /** Keeps the outcome beside the canary ({@code canary.lastAnalysis}), for audit and the next step. */
    private static void record(Project opened, Increment inc, String env, CanaryReport report) {
        opened.metadata(inc).update(document -> {
            var node = document.deployment(env).orElse(null);
            if (node == null || !(node.get(CanaryState.KEY) instanceof ObjectNode canaryNode)) {
                return null;
            }
            ObjectNode analysis = canaryNode.putObject("lastAnalysis");
            analysis.put("at", report.last().at());
            analysis.put("recommendation", report.recommendation().label());
            analysis.put("reason", report.reason());
            analysis.put("measurements", report.measurements().size());
            analysis.put("failed", report.count(io.specweave.deploy.rollout.CanaryAnalyzer.Verdict.FAIL));
            analysis.put("source", report.source());
            return null;
        });
    }

    static Duration parse(String text, String option) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new BadInputException(option + " " + text + ": expected a duration such as 30s, 1m, 15m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
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
