package io.specweave.deploy.cli;

import io.specweave.deploy.Durations;
import io.specweave.deploy.Input;
import io.specweave.deploy.app.ChangeOutcome;
import io.specweave.deploy.app.Progress;
import io.specweave.deploy.app.Request;
import io.specweave.deploy.report.TerminalProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code monitor <increment> --environment E [--canary]}: watches an environment's health and
 * metrics after a change, or compares its running canary with stable.
 */
@Command(name = "monitor",
        description = "Watches an environment's health and metrics for a while, or with --canary compares the "
                + "running canary with stable and recommends the next step.")
final class MonitorCommand extends OperationCommand {

    @Mixin
    IncrementTarget target;

    @Option(names = "--canary", description = "Compare the running canary with stable.")
    boolean canary;

    @Option(names = "--duration", paramLabel = "15m", description = "How long to watch (default: one poll).")
    String duration;

    @Option(names = "--interval", paramLabel = "30s",
            description = "Time between polls (default 30s; 1m with --canary).")
    String interval;

    @Option(names = "--metrics-file", paramLabel = "FILE",
            description = "With --canary: canary and stable metrics from this JSON file instead of Prometheus.")
    String metricsFile;

    @Option(names = "--prometheus-url", paramLabel = "URL", description = "Prometheus instead of metrics.prometheusUrl.")
    String prometheusUrl;

    @Option(names = "--max-error-rate-increase", paramLabel = "PP",
            description = "Override canaryAnalysis.maxErrorRateIncrease (percentage points).")
    Double maxErrorRateIncrease;

    @Option(names = "--max-p95-increase", paramLabel = "PERCENT", description = "Override canaryAnalysis.maxP95Increase.")
    Double maxP95Increase;

    @Option(names = "--min-requests", description = "Override canaryAnalysis.minRequests.")
    Long minRequests;

    @Option(names = "--failure-threshold", description = "Override canaryAnalysis.failureThreshold.")
    Integer failureThreshold;

    @Option(names = "--failures", paramLabel = "N", description = "Without --canary: unhealthy polls in a row that "
            + "end the run with exit code 1 (default: deployment.monitor.maxConsecutiveFailures, else 3).")
    Integer failures;

    @Override
    public Integer call() {
        Request request = request().canary(canary)
                .duration(duration == null ? null : Durations.parse(duration, Input.DURATION))
                .interval(interval == null ? null : Durations.parse(interval, Input.INTERVAL))
                .metricsFile(metricsFile).prometheusUrl(prometheusUrl).failures(failures)
                .thresholds(new Request.Thresholds(maxErrorRateIncrease, maxP95Increase, minRequests, failureThreshold))
                .build();
        TerminalProgress progress = new TerminalProgress(out(), !json && runtime().terminal().interactive(),
                runtime().terminal().plain());
        // A stop (Ctrl-C, SIGTERM) ends the watch; the JVM exits once the record and summary are out.
        ChangeOutcome<?> outcome = operations(json ? Progress.NONE : progress).monitor(request);
        progress.finish();
        return finish(outcome);
    }
}
