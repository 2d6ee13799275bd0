package io.specweave.deploy.report;


import io.specweave.deploy.metrics.CanaryAnalyzer;
import io.specweave.deploy.metrics.CanaryReport;
import io.specweave.deploy.metrics.Recommendation;
import io.specweave.deploy.model.RecordFacts;
import java.util.Locale;

/**
 * The "Canary Deployment Monitoring" block for a terminal or a build log; emoji marks unless
 * {@code plain} (NO_COLOR).
 */
public final class CanaryReportRenderer {

    private final boolean plain;

    public CanaryReportRenderer(boolean plain) {
        this.plain = plain;
    }

    /** One line per measurement while the monitor runs. */
    public String line(int number, int planned, CanaryAnalyzer.Measurement m) {
        StringBuilder s = new StringBuilder();
        s.append(mark(m.verdict())).append(" measurement ").append(number).append('/').append(planned).append(" at ")
                .append(m.at()).append(": ").append(m.verdict().name().toLowerCase(Locale.ROOT));
        for (CanaryAnalyzer.Check c : m.checks()) {
            s.append("; ").append(c.name()).append(' ').append(c.detail());
        }
        return s.toString();
    }

    public String render(CanaryReport report) {
        CanaryAnalyzer.Measurement last = report.last();
        StringBuilder out = new StringBuilder();
        out.append("Canary Deployment Monitoring: ").append(report.increment()).append(" in ")
                .append(report.environment()).append('\n');
        out.append(plain ? "==============================" : "══════════════════════════════").append('\n');
        out.append("Traffic split: canary ").append(report.canaryWeight()).append(" % (commit ")
                .append(RecordFacts.shortCommit(report.canaryCommit())).append(") | stable ")
                .append(100 - report.canaryWeight()).append(" % (")
                .append(report.stableCommit() == null ? "no deployment recorded" : "commit " + RecordFacts.shortCommit(
                        report.stableCommit())).append(")\n");
        out.append("Metrics: ").append(report.source()).append('\n').append('\n');
        out.append(String.format(Locale.ROOT, "  %-14s %14s %14s%n", "", "Canary", "Stable"));
        row(out, "Requests/s", fixed(last.canary().requestRate(), 1), fixed(last.stable().requestRate(), 1));
        row(out, "Error rate", percent(last.canary().errorRate()), percent(last.stable().errorRate()));
        row(out, "p50 latency", millis(last.canary().p50Latency()), millis(last.stable().p50Latency()));
        row(out, "p95 latency", millis(last.canary().p95Latency()), millis(last.stable().p95Latency()));
        row(out, "Success rate", percent(last.canary().successRate()), percent(last.stable().successRate()));
        out.append('\n').append("Comparison:\n");
        for (CanaryAnalyzer.Check c : last.checks()) {
            out.append("  ").append(mark(c.verdict())).append(' ').append(c.name()).append(": ")
                    .append(c.detail()).append('\n');
        }
        for (String problem : last.canary().problems()) {
            out.append("  canary ").append(problem).append('\n');
        }
        for (String problem : last.stable().problems()) {
            out.append("  stable ").append(problem).append('\n');
        }
        out.append('\n').append(String.format(Locale.ROOT,
                "Measurements: %d of %d (%d passed, %d failed, %d inconclusive; roll back at %d failed)%n",
                report.measurements().size(), report.plannedMeasurements(), report.count(CanaryAnalyzer.Verdict.PASS),
                report.count(CanaryAnalyzer.Verdict.FAIL), report.count(CanaryAnalyzer.Verdict.INCONCLUSIVE),
                report.thresholds().failureThreshold()));
        out.append("Recommendation: ").append(mark(report.recommendation())).append(' ')
                .append(report.recommendation().label()).append('\n');
        out.append("  ").append(report.reason()).append('\n');
        return out.toString();
    }

    private static void row(StringBuilder out, String label, String canary, String stable) {
        out.append(String.format(Locale.ROOT, "  %-14s %14s %14s%n", label, canary, stable));
    }

    private String mark(CanaryAnalyzer.Verdict verdict) {
        return switch (verdict) {
            case PASS -> plain ? "[ok]" : "✅";
            case FAIL -> plain ? "[FAIL]" : "❌";
            case INCONCLUSIVE -> plain ? "[??]" : "❔";
        };
    }

    private String mark(Recommendation recommendation) {
        return switch (recommendation) {
            case SAFE -> plain ? "[ok]" : "✅";
            case HOLD -> plain ? "[hold]" : "⏸️";
            case ROLL_BACK -> plain ? "[ROLL BACK]" : "🔴";
        };
    }

    private static String fixed(Double value, int decimals) {
        return show(value, () -> String.format(Locale.ROOT, "%." + decimals + "f", value));
    }

    private static String percent(Double share) {
        return show(share, () -> String.format(Locale.ROOT, "%.2f %%", share * 100));
    }

    private static String millis(Double seconds) {
        return show(seconds, () -> String.format(Locale.ROOT, "%.0f ms", seconds * 1000));
    }

    private static String show(Double value, java.util.function.Supplier<String> text) {
        if (value == null) {
            return "no data";
        }
        if (Double.isNaN(value)) {
            return "NaN";
        }
        return Double.isInfinite(value) ? "∞" : text.get();
    }
}
