package io.specweave.deploy.jenkins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.specweave.deploy.Command;
import io.specweave.deploy.DeployException;
import io.specweave.deploy.Input;
import io.specweave.deploy.Redactor;
import io.specweave.deploy.Secret;
import io.specweave.deploy.app.ChangeOutcome;
import io.specweave.deploy.app.CommitBack;
import io.specweave.deploy.app.Host;
import io.specweave.deploy.app.Operations;
import io.specweave.deploy.app.Request;
import io.specweave.deploy.app.StatusOutcome;
import io.specweave.deploy.app.TextInputs;
import io.specweave.deploy.report.OutcomeJson;
import io.specweave.deploy.report.OutcomeText;
import io.specweave.deploy.report.Persistence;
import io.specweave.deploy.report.ProgressLines;
import io.specweave.deploy.report.StatusJson;
import io.specweave.deploy.report.TextStatusRenderer;
import io.specweave.deploy.status.PipelineStatus;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * A step's operation ({@code sync} or {@code status}), run on the node that holds the workspace:
 * maps the step's parameters to core's request and makes one core call, with the run's variables
 * (its CI facts, Jenkins' proxy) as the host's environment. It writes to the build log as it goes
 * (a health check's polls and a rate limit's waits as they happen) and carries strings and maps only;
 * bad input comes back as an {@link AbortException} with core's message, the credentials' secrets masked.
 */
final class OperationCallable extends MasterToSlaveFileCallable<OperationCallable.Result> {

    private static final long serialVersionUID = 1L;

    /** What the operation did: the map the script gets, and why the build fails, if it does. */
    record Result(LinkedHashMap<String, Object> values, String failure) implements Serializable {
    }

    private final Command command;
    private final EnumMap<Input, String> inputs;
    private final HashMap<String, String> runEnvironment;
    private final StepCredential credential;
    private final StepCredential gitCredential;
    private final TaskListener listener;
    /** Built once, where the callable runs: it travels without it. */
    private transient Redactor redactor;

    /**
     * @param command        {@link Command#SYNC} or {@link Command#STATUS}
     * @param inputs         the step's parameters as text, as core reads them, and {@code commitMetadata}
     * @param runEnvironment the run's variables; {@code NO_COLOR} makes the status table plain
     * @param credential     the credential {@code credentialsId} names; null when none was given
     * @param gitCredential  the user and token commitMetadata pushes with; null for the checkout's own
     * @param listener       the build log, written from the agent
     */
    OperationCallable(Command command, EnumMap<Input, String> inputs, Map<String, String> runEnvironment,
            StepCredential credential, StepCredential gitCredential, TaskListener listener) {
        this.command = command;
        this.inputs = new EnumMap<>(inputs);
        this.runEnvironment = new HashMap<>(runEnvironment);
        this.credential = credential;
        this.gitCredential = gitCredential;
        this.listener = listener;
    }

    @Override
    public Result invoke(File dir, VirtualChannel channel) throws IOException, InterruptedException {
        try {
            return run(dir.toPath(), new Operations(Host.system(runEnvironment, new ProgressLines(this::log, true),
                    null)));
        } catch (DeployException e) {
            throw new AbortException(redact(e.message().render(StepSpelling.INSTANCE)));
        }
    }

    /** The core call; {@code dir} is the workspace, holding {@code .specweave} unless workingDirectory says where. */
    Result run(Path dir, Operations operations) {
        return command == Command.STATUS ? status(dir, operations) : sync(dir, operations);
    }

    private Result status(Path dir, Operations operations) {
        // The step shows one increment's pipeline: DORA's figures are over every increment.
        StatusOutcome outcome = operations.status(builder(dir).dora(false).build());
        PipelineStatus status = outcome.pipeline();
        new TextStatusRenderer(runEnvironment.containsKey("NO_COLOR")).render(status).lines().forEach(this::log);
        outcome.warnings().forEach(warning -> log("warning: " + warning));
        // The document the CLI and the Action give (slots shaped as in metadata.json), earlier deployments kept.
        ObjectNode map = StatusJson.of(status, true);
        if (!outcome.warnings().isEmpty()) {
            ArrayNode warnings = map.putArray("warnings");
            outcome.warnings().forEach(warnings::add);
        }
        return new Result(plain(map), null);
    }

    /**
     * The outcome's data without the record itself (the script reads it with specweaveStatus), with
     * the attached test results and the commit-back as {@code metadataCommitted},
     * {@code metadataCommit} and {@code metadataCommitWarning}.
     */
    private Result sync(Path dir, Operations operations) {
        ChangeOutcome<?> outcome = operations.sync(request(dir));
        ObjectNode map = OutcomeJson.of(outcome, StepSpelling.INSTANCE).remove(List.of("deployment", "commitBack"));
        ArrayNode warnings = map.putArray("warnings");
        outcome.warnings().forEach(warnings::add);
        if (outcome.record() != null && outcome.record().testResults() != null) {
            map.set("testResults", outcome.record().testResults().toNode());
        }
        if (outcome.commit() != null) {
            map.put("metadataCommitted", outcome.commit().onRemote());
            if (outcome.commit().pushedCommit() != null) {
                map.put("metadataCommit", outcome.commit().pushedCommit());
            }
            Persistence persistence = Persistence.of(outcome);
            if (persistence.warning()) {
                map.put("metadataCommitWarning", persistence.logLine(StepSpelling.INSTANCE));
            }
        }
        new OutcomeText(true, StepSpelling.INSTANCE).render(outcome).lines().forEach(this::log);
        String failure = outcome.exitCode() == 0 ? null : redact(outcome.problem().render(StepSpelling.INSTANCE));
        return new Result(plain(map), failure);
    }

    /** The step's parameters as core's request; what is not set falls back to the run and the profile. */
    Request request(Path dir) {
        return builder(dir).build();
    }

    private Request.Builder builder(Path dir) {
        return TextInputs.apply(Request.builder(dir), command, inputs)
                .credential(credential == null ? null : credential.username(), credential == null ? null
                        : credential.secret())
                // The step's commit-back: its own writer, and the push credential gitCredentialsId names.
                .commitBack("true".equals(inputs.get(Input.COMMIT_METADATA)) ? commitBack() : null);
    }

    private CommitBack.Spec commitBack() {
        CommitBack.Spec spec = CommitBack.Spec.by("specweaveSync");
        return gitCredential == null ? spec
                : spec.withCredential(gitCredential.username(), new Secret("gitCredentialsId", gitCredential.secret()));
    }

    /** {@code node} as the plain values a sandboxed Pipeline script can read, every text without the secrets. */
    @SuppressWarnings("unchecked")
    private LinkedHashMap<String, Object> plain(JsonNode node) {
        return new LinkedHashMap<>((Map<String, Object>) OutcomeJson.plain(redactor().redactTexts(node)));
    }

    /** A line of the build log, as it happens; the sync step's lines say whose they are. */
    private void log(String line) {
        listener.getLogger().println((command == Command.SYNC ? "[specweaveSync] " : "") + redact(line));
    }

    /** {@code text} without the credentials' secrets, as core redacts them (also their Base64 form). */
    private String redact(String text) {
        return redactor().redact(text);
    }

    private synchronized Redactor redactor() {
        if (redactor == null) {
            redactor = new Redactor().add(credential == null ? null : credential.secret())
                    .add(gitCredential == null ? null : gitCredential.secret());
        }
        return redactor;
    }
}
