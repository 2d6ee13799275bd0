package io.specweave.deploy.report;

import io.specweave.deploy.app.Progress;
import io.specweave.deploy.http.HttpWait;
import io.specweave.deploy.metrics.CanaryAnalyzer;
import io.specweave.deploy.metrics.MonitorPoll;
import java.util.function.Consumer;

/**
 * Progress as one line each, for a log: a suite's output as it prints it, a line per poll of a
 * monitored environment, a line per canary measurement of a run that takes several, a line per
 * wait before a request is retried.
 */
public class ProgressLines implements Progress {

    private final Consumer<String> sink;
    private final boolean plain;

    /** @param plain ASCII marks instead of emoji */
    public ProgressLines(Consumer<String> sink, boolean plain) {
        this.sink = sink;
        this.plain = plain;
    }

    @Override
    public void starting(String line) {
        sink.accept(line);
    }

    @Override
    public void output(String line) {
        sink.accept(line);
    }

    @Override
    public void poll(MonitorPoll poll) {
        sink.accept(MonitorText.line(poll));
    }

    @Override
    public void waiting(HttpWait wait) {
        sink.accept(wait.line());
    }

    /**
     * {@code progress}, with each wait before a retried request as a line to {@code waits} instead:
     * a terminal prints them on stderr whatever the command shows on stdout.
     */
    public static Progress withWaitsTo(Progress progress, Consumer<String> waits) {
        return new Progress() {
            @Override
            public void starting(String line) {
                progress.starting(line);
            }

            @Override
            public void output(String line) {
                progress.output(line);
            }

            @Override
            public void poll(MonitorPoll poll) {
                progress.poll(poll);
            }

            @Override
            public void measurement(int number, int planned, CanaryAnalyzer.Measurement measurement) {
                progress.measurement(number, planned, measurement);
            }

            @Override
            public void waiting(HttpWait wait) {
                waits.accept(wait.line());
            }
        };
    }

    @Override
    public void measurement(int number, int planned, CanaryAnalyzer.Measurement measurement) {
        if (planned > 1) {
            sink.accept(new CanaryReportRenderer(plain).line(number, planned, measurement));
        }
    }
}
