package io.specweave.deploy.action;

import io.specweave.deploy.app.SyncRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The Action's inputs after parsing: what {@link ActionInput#ALL} fills in, one field per input. */
final class ActionRequest {

    ActionCommand command = ActionCommand.SYNC;
    String increment = "active";
    String profile;
    String environment;
    SyncRequest.Outcome outcome = SyncRequest.Outcome.DEPLOYED;
    String commit;
    String branch;
    String tag;
    String deployedBy;
    String runUrl;
    String deploymentUrl;
    String workingDirectory = ".";
    boolean commitMetadata;
    boolean dryRun;
    boolean healthCheck = true;
    String testResults;
    String coverage;
    String loadTestResults;
    String metrics;
    String changeRequest;
    boolean force;
    List<String> issueKeys = List.of();
    boolean refresh;
    String approvedBy;
    String role;
    String notes;
    String window = io.specweave.deploy.app.DoraService.DEFAULT_WINDOW;
    String slot;
    /** As given: a percentage for {@code deploy}, true/false for {@code rollback}. */
    String canary;
    String reason;
    String flag;
    FlagAction flagAction;
    String format = "env";
    /** {@code test}: the key of {@code deployment.testSuites} to run. */
    String suite;
    /** {@code monitor}: how long to watch; null for one poll or measurement. */
    java.time.Duration duration;
    /** {@code monitor}: time between polls; null for core's default of the mode. */
    java.time.Duration interval;
    /** {@code monitor}: unhealthy polls in a row that end the run; null for the config's. */
    Integer failures;
    /** {@code monitor} with {@code canary: true}: canary and stable metrics from this JSON file, relative to the project. */
    String metricsFile;
    /** Credential inputs by the environment variable core reads them from ({@code GITHUB_TOKEN}, ...). */
    final Map<String, String> credentials = new LinkedHashMap<>();

    /** The same request the CLI's {@code sync} builds from its options. */
    SyncRequest toSyncRequest() {
        return new SyncRequest(increment, profile, environment, null, outcome, commit, branch, tag, deployedBy, runUrl,
                deploymentUrl, dryRun, issueKeys, new SyncRequest.Attachments(testResults, coverage, loadTestResults,
                        metrics, changeRequest), healthCheck, force);
    }

    /** The {@code action} input of {@code command: feature-flag}: the CLI's feature-flag subcommands. */
    enum FlagAction {
        ENABLE, DISABLE, LIST, EXPORT;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        static FlagAction parse(String value) {
            String wanted = value.strip().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(a -> a.word().equals(wanted)).findFirst()
                    .orElseThrow(() -> new InputException("action", "expected one of " + Arrays.stream(values())
                            .map(FlagAction::word).collect(Collectors.joining(", ")) + ", got \"" + value + "\""));
        }
    }
}
