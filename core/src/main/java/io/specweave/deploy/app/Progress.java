package io.specweave.deploy.app;

import io.specweave.deploy.http.HttpWait;
import io.specweave.deploy.metrics.CanaryAnalyzer;
import io.specweave.deploy.metrics.MonitorPoll;

/**
 * What a running operation tells its front end as it goes: the lines a test suite prints, each
 * poll of a monitored environment, each canary measurement. Each front end shows them its own way
 * (a progress line rewritten in place on a terminal, one log line each in CI).
 */
public interface Progress {

    /** Tells nothing. */
    Progress NONE = new Progress() {
    };

    /**
     * A child process (a test suite) starts now, and what it runs against, as a line
     * ({@code Running test suite smoke against qa (slot green) at https://...}); its output follows.
     */
    default void starting(String line) {
    }

    /** A line a child process (a test suite) printed, as it printed it. */
    default void output(String line) {
    }

    /** One poll of an environment being monitored. */
    default void poll(MonitorPoll poll) {
    }

    /** One measurement of a canary: the {@code number}th of {@code planned}. */
    default void measurement(int number, int planned, CanaryAnalyzer.Measurement measurement) {
    }

    /** A wait before a request is sent again: a rate limit, a failing server, a health check that retries. */
    default void waiting(HttpWait wait) {
    }
}
