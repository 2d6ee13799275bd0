package io.specweave.deploy.action;

import io.specweave.deploy.deploy.SyncRequest;
import java.util.LinkedHashMap;
import java.util.Map;

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
    /** Credential inputs by the environment variable core reads them from ({@code GITHUB_TOKEN}, ...). */
    final Map<String, String> credentials = new LinkedHashMap<>();

    /** The same request the CLI's {@code sync} builds from its options. */
    SyncRequest toSyncRequest() {
        return new SyncRequest(increment, profile, environment, null, outcome, commit, branch, tag, deployedBy, runUrl,
                deploymentUrl, dryRun);
    }
}
