package io.specweave.deploy.cli;

import io.specweave.deploy.Durations;
import io.specweave.deploy.metrics.EnvironmentSample;
import io.specweave.deploy.metrics.MonitorPoll;
import io.specweave.deploy.metrics.MonitorReport;
import io.specweave.deploy.metrics.TrackMetrics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows an environment being monitored: a line per poll in a log (CI, a pipe, a file), one line
 * rewritten in place on a terminal, and a summary with the verdict at the end.
 */
public final class MonitorPrinter {

    private final PrintWriter out;
    private final boolean inPlace;
    private int width;

    /** @param inPlace rewrite one progress line ({@code \r}) instead of printing a line per poll */
    public MonitorPrinter(PrintWriter out, boolean inPlace) {
        this.out = out;
        this.inPlace = inPlace;
    }

    void poll(MonitorPoll poll) {
        String line = line(poll);
        if (inPlace) {
            // Pad over what the previous, longer line left on the screen.
            String padded = line.length() < width ? line + " ".repeat(width - line.length()) : line;
            width = line.length();
            out.print("\r" + padded);
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the progress line, so what follows starts on a line of its own. */
    void finish() {
        if (inPlace && width > 0) {
            out.println();
        }
    }

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

    public void summary(MonitorReport report, Duration planned) {
        out.println();
        out.println("Environment Monitoring: " + report.increment() + " in " + report.environment()
                + (report.url() == null ? "" : " (" + report.url() + ")"));
        out.println("  window:   " + (report.from() == null ? "-" : report.from() + " to " + report.to())
                + " (planned " + Durations.human(planned) + ", " + report.planned() + " poll"
                + (report.planned() == 1 ? "" : "s") + ")");
        int taken = report.polls().size();
        out.println("  polls:    " + taken + " taken, " + report.healthyPolls() + " healthy"
                + (taken == 0 ? "" : String.format(Locale.ROOT, " (%.1f %%)", report.healthyPolls() * 100.0 / taken))
                + (report.stopped() ? "; stopped before the end" : ""));
        if (report.metricsSource() != null) {
            out.println("  metrics:  " + metrics(mean(report, EnvironmentSample::requestRate),
                    mean(report, EnvironmentSample::errorRate), mean(report, EnvironmentSample::p50Latency),
                    mean(report, EnvironmentSample::p95Latency), mean(report, EnvironmentSample::p99Latency))
                    + " (mean over the polls, " + report.metricsSource() + ")");
        }
        out.println("Verdict: " + verdict(report));
        out.flush();
    }

    private static Double mean(MonitorReport report, java.util.function.Function<EnvironmentSample, Double> metric) {
        var mean = report.mean(metric);
        return mean.isPresent() ? mean.getAsDouble() : null;
    }

    public static String verdict(MonitorReport report) {
        return switch (report.verdict()) {
            case HEALTHY -> "HEALTHY: every poll was healthy";
            case DEGRADED -> "DEGRADED: " + (report.polls().size() - report.healthyPolls())
                    + " poll(s) not healthy, never " + report.maxConsecutiveFailures() + " in a row";
            case UNHEALTHY -> "UNHEALTHY: " + report.maxConsecutiveFailures() + " polls in a row were not healthy";
            case NO_DATA -> "NO DATA: stopped before the first poll";
        };
    }
}
