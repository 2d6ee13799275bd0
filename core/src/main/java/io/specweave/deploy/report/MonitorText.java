package io.specweave.deploy.report;

import io.specweave.deploy.Durations;
import io.specweave.deploy.metrics.EnvironmentSample;
import io.specweave.deploy.metrics.MonitorPoll;
import io.specweave.deploy.metrics.MonitorReport;
import io.specweave.deploy.metrics.TrackMetrics;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/** An environment being monitored, in words: a line per poll, and a summary with the verdict. */
public final class MonitorText {

    private MonitorText() {
    }

    /** One poll: {@code [3/16] 2026-11-27T10:02:00Z healthy HTTP 200 41 ms | 12.50 req/s, ...}. */
    public static String line(MonitorPoll poll) {
        var h = poll.health();
        StringBuilder s = new StringBuilder();
        s.append('[').append(poll.number()).append('/').append(poll.of()).append("] ").append(h.checkedAt())
                .append(' ').append(h.status());
        if (h.httpStatus() != null) {
            s.append(" HTTP ").append(h.httpStatus());
        }
        if (h.latencyMs() != null) {
            s.append(' ').append(h.latencyMs()).append(" ms");
        }
        if (!h.healthy()) {
            s.append(" (").append(poll.unhealthyInARow()).append(" in a row: ").append(h.message()).append(')');
        }
        EnvironmentSample m = poll.metrics();
        if (m != null) {
            s.append(" | ").append(metrics(m.requestRate(), m.errorRate(), m.p50Latency(), m.p95Latency(),
                    m.p99Latency()));
        }
        return s.toString();
    }

    /** The summary block; {@code planned} is the duration asked for, null when the report's own plan says it. */
    public static String summary(MonitorReport report, Duration planned) {
        StringBuilder s = new StringBuilder();
        // The verdict in the first line too: it is the headline of a log and a step summary.
        s.append("Environment Monitoring: ").append(report.increment()).append(" in ").append(report.environment())
                .append(report.url() == null ? "" : " (" + report.url() + ")").append(": ")
                .append(report.verdict().name().replace('_', ' '))
                // Cut short (a cancelled job), it says so where a notice shows only this line.
                .append(report.stopped() ? ", stopped after " + report.polls().size() + " of " + report.planned()
                        + " polls" : "").append('\n');
        s.append("  window:   ").append(report.from() == null ? "-" : report.from() + " to " + report.to())
                .append(" (planned ").append(planned == null ? report.planned() + " poll" + (report.planned() == 1
                        ? "" : "s") : Durations.human(planned) + ", " + report.planned() + " poll"
                                + (report.planned() == 1 ? "" : "s")).append(")\n");
        int taken = report.polls().size();
        s.append("  polls:    ").append(taken).append(" taken, ").append(report.healthyPolls()).append(" healthy")
                .append(taken == 0 ? "" : String.format(Locale.ROOT, " (%.1f %%)", report.healthyPolls() * 100.0 / taken))
                .append(report.stopped() ? "; stopped before the end" : "").append('\n');
        if (report.metricsSource() != null) {
            s.append("  metrics:  ").append(metrics(mean(report, EnvironmentSample::requestRate),
                    mean(report, EnvironmentSample::errorRate), mean(report, EnvironmentSample::p50Latency),
                    mean(report, EnvironmentSample::p95Latency), mean(report, EnvironmentSample::p99Latency)))
                    .append(" (mean over the polls, ").append(report.metricsSource()).append(")\n");
        }
        s.append("Verdict: ").append(verdict(report)).append('\n');
        return s.toString();
    }

    public static String verdict(MonitorReport report) {
        return switch (report.verdict()) {
            case HEALTHY -> "HEALTHY: every poll" + (report.stopped() ? " taken" : "") + " was healthy";
            case DEGRADED -> "DEGRADED: " + (report.polls().size() - report.healthyPolls())
                    + " poll(s) not healthy, never " + report.maxConsecutiveFailures() + " in a row";
            case UNHEALTHY -> "UNHEALTHY: " + report.maxConsecutiveFailures() + " polls in a row were not healthy";
            case NO_DATA -> "NO DATA: stopped before the first poll";
        };
    }

    private static String metrics(Double rps, Double errors, Double p50, Double p95, Double p99) {
        return number(rps, 1, 2) + " req/s, errors " + number(errors, 100, 2) + " %, p50 " + number(p50, 1000, 0)
                + " ms, p95 " + number(p95, 1000, 0) + " ms, p99 " + number(p99, 1000, 0) + " ms";
    }

    private static String number(Double value, double scale, int decimals) {
        if (!TrackMetrics.usable(value)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value * scale);
    }

    private static Double mean(MonitorReport report, Function<EnvironmentSample, Double> metric) {
        var mean = report.mean(metric);
        return mean.isPresent() ? mean.getAsDouble() : null;
    }
}
