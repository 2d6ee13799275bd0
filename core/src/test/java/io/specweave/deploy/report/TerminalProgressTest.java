package io.specweave.deploy.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.specweave.deploy.health.HealthResult;
import io.specweave.deploy.metrics.EnvironmentSample;
import io.specweave.deploy.metrics.MonitorPoll;
import io.specweave.deploy.model.HealthStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {

    private static MonitorPoll poll(int n, String status, Integer http, int inARow) {
        return new MonitorPoll(n, 3, new HealthResult(HealthStatus.of(status), http, http == null ? null : 12L,
                "2026-11-27T10:00:0" + n + "Z", "http://127.0.0.1:8080/health", 1, http == null
                        ? "connection to 127.0.0.1:8080 refused" : "HTTP " + http),
                new EnvironmentSample(12.5, 0.002, 0.045, 0.12, null, List.of()), inARow);
    }

    @Test
    void onATerminalOneProgressLineIsRewrittenInPlace() {
        StringWriter text = new StringWriter();
        TerminalProgress progress = new TerminalProgress(new PrintWriter(text), true, false);
        progress.poll(poll(1, "unreachable", null, 1));
        progress.poll(poll(2, "healthy", 200, 0));
        progress.finish();
        String first = "[1/3] 2026-11-27T10:00:01Z unreachable (1 in a row: connection to 127.0.0.1:8080 refused) | "
                + "12.50 req/s, errors 0.20 %, p50 45 ms, p95 120 ms, p99 - ms";
        String second = "[2/3] 2026-11-27T10:00:02Z healthy HTTP 200 12 ms | 12.50 req/s, errors 0.20 %, p50 45 ms, "
                + "p95 120 ms, p99 - ms";
        assertThat(text.toString()).isEqualTo("\r" + first + "\r" + second
                + " ".repeat(first.length() - second.length()) + System.lineSeparator() + System.lineSeparator());
    }

    @Test
    void inALogEveryPollIsALineOfItsOwn() {
        StringWriter text = new StringWriter();
        TerminalProgress progress = new TerminalProgress(new PrintWriter(text), false, false);
        progress.poll(poll(1, "healthy", 200, 0));
        progress.poll(poll(2, "unhealthy", 503, 1));
        progress.finish();
        assertThat(text.toString()).doesNotContain("\r").hasLineCount(3);
        assertThat(text.toString().lines().toList().get(1)).startsWith("[2/3] 2026-11-27T10:00:02Z unhealthy HTTP 503 "
                + "12 ms (1 in a row: HTTP 503)");
    }

    @Test
    void nothingPrintedLeavesNoBlankLine() {
        StringWriter text = new StringWriter();
        new TerminalProgress(new PrintWriter(text), true, false).finish();
        assertThat(text.toString()).isEmpty();
    }
}
