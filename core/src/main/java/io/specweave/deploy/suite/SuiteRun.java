package io.specweave.deploy.suite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How a suite ended.
 *
 * @param exitCode the process's exit code; -1 when it was stopped for running too long
 * @param timedOut true when the timeout stopped it
 * @param elapsed  wall time
 * @param reports  the JUnit XML files it wrote during this run (older files matching the glob are ignored)
 */
public record SuiteRun(int exitCode, boolean timedOut, Duration elapsed, List<Path> reports) {

    public SuiteRun {
        reports = List.copyOf(reports);
    }
}
