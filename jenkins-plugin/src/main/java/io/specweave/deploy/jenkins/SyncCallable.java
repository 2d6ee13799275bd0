package io.specweave.deploy.jenkins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import io.specweave.deploy.DeployException;
import io.specweave.deploy.Input;
import io.specweave.deploy.Secret;
import io.specweave.deploy.app.ChangeOutcome;
import io.specweave.deploy.app.CommitBack;
import io.specweave.deploy.app.Host;
import io.specweave.deploy.app.Operations;
import io.specweave.deploy.app.Request;
import io.specweave.deploy.app.TextInputs;
import io.specweave.deploy.report.OutcomeJson;
import io.specweave.deploy.report.OutcomeText;
import io.specweave.deploy.report.Persistence;
import io.specweave.deploy.report.ProgressLines;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * The sync, run on the node that holds the workspace: maps the step's parameters to core's
 * request and makes one core call. It carries strings and maps only; bad input comes back as an
 * {@link AbortException} with core's message, the credential's secret masked.
 */
final class SyncCallable extends MasterToSlaveFileCallable<SyncCallable.Result> {

    private static final long serialVersionUID = 1L;
    /** Pushes tried when other jobs keep moving the branch. */
    private static final int COMMIT_ATTEMPTS = 4;

    /** What the sync did: the map the script gets, the log's lines, and why the build fails, if it does. */
    record Result(LinkedHashMap<String, Object> values, List<String> lines, String failure) implements Serializable {
    }

    private final EnumMap<Input, String> inputs;
    private final boolean commitMetadata;
    private final HashMap<String, String> runEnvironment;
    private final StepCredential credential;
    private final StepCredential gitCredential;

    /**
     * @param inputs        the step's parameters as text, as core reads them
     * @param gitCredential the user and token commitMetadata pushes with; null for the checkout's own
     */
    SyncCallable(EnumMap<Input, String> inputs, boolean commitMetadata, Map<String, String> runEnvironment,
            StepCredential credential, StepCredential gitCredential) {
        this.inputs = new EnumMap<>(inputs);
        this.commitMetadata = commitMetadata;
        this.runEnvironment = new HashMap<>(runEnvironment);
        this.credential = credential;
        this.gitCredential = gitCredential;
    }

    @Override
    public Result invoke(File dir, VirtualChannel channel) throws IOException, InterruptedException {
        try {
            // Waits before retried requests are logged with the step's other lines, before them.
            List<String> waits = new ArrayList<>();
            Result result = sync(dir.toPath(), new Operations(Host.system(runEnvironment,
                    new ProgressLines(line -> waits.add(redact(line)), true), null)));
            List<String> lines = new ArrayList<>(waits);
            lines.addAll(result.lines());
            return new Result(result.values(), lines, result.failure());
        } catch (DeployException e) {
            throw new AbortException(redact(e.message().render(StepSpelling.INSTANCE)));
        }
    }

    /** The core call; {@code dir} holds {@code .specweave}. */
    Result sync(Path dir, Operations operations) {
        ChangeOutcome<?> outcome = operations.sync(request(dir));
        ObjectNode json = OutcomeJson.of(outcome, StepSpelling.INSTANCE);
        @SuppressWarnings("unchecked")
        LinkedHashMap<String, Object> values = new LinkedHashMap<>((Map<String, Object>) OutcomeJson.plain(json));
        values.remove("deployment");
        values.put("warnings", new ArrayList<>(outcome.warnings().stream().map(this::redact).toList()));
        if (outcome.record() != null && outcome.record().testResults() != null) {
            values.put("testResults", OutcomeJson.plain(outcome.record().testResults().toNode()));
        }
        List<String> lines = new OutcomeText(true).render(outcome).lines().map(this::redact).toList();
        if (outcome.commit() != null) {
            Persistence persistence = Persistence.of(outcome);
            values.remove("commitBack");
            values.put("metadataCommitted", outcome.commit().onRemote());
            if (outcome.commit().pushedCommit() != null) {
                values.put("metadataCommit", outcome.commit().pushedCommit());
            }
            if (persistence.warning()) {
                values.put("metadataCommitWarning", redact(persistence.logLine(StepSpelling.INSTANCE)));
            }
        }
        String failure = outcome.exitCode() == 0 ? null : redact(outcome.problem().render(StepSpelling.INSTANCE));
        return new Result(values, lines, failure);
    }

    /** The step's parameters as core's request; what is not set falls back to the run and the profile. */
    Request request(Path dir) {
        return TextInputs.apply(Request.builder(dir), "sync", inputs)
                .credential(credential == null ? null : credential.username(), credential == null ? null
                        : credential.secret())
                .commitBack(commitMetadata ? commitBack() : null)
                .build();
    }

    private CommitBack.Spec commitBack() {
        CommitBack.Spec spec = CommitBack.Spec.of(COMMIT_ATTEMPTS, "specweaveSync");
        return gitCredential == null ? spec
                : spec.withCredential(gitCredential.username(), new Secret("gitCredentialsId", gitCredential.secret()));
    }

    private String redact(String text) {
        String redacted = credential == null ? text : credential.redact(text);
        return gitCredential == null ? redacted : gitCredential.redact(redacted);
    }
}
