package io.specweave.deploy.cli;

import io.specweave.deploy.app.Project;
import io.specweave.deploy.app.RefreshService;
import io.specweave.deploy.increment.Increment;
import java.io.PrintWriter;
import java.util.List;

/** {@code --refresh} of sync and status: pulls the trackers' copies of the records, says what it found. */
final class RefreshReport {

    private RefreshReport() {
    }

    static List<RefreshService.EnvironmentRefresh> run(CliRuntime runtime, Project project, Increment increment,
            PrintWriter log) {
        List<RefreshService.EnvironmentRefresh> report = new RefreshService(runtime.trackerFactory())
                .refresh(project, increment);
        for (RefreshService.EnvironmentRefresh line : report) {
            if (line.outcome() != RefreshService.Outcome.LOCAL) {
                log.println("refresh " + line.environment() + " (" + line.profile() + "): " + line.message());
            }
        }
        log.flush();
        return report;
    }
}
