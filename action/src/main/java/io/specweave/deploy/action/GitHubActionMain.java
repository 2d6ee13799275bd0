package io.specweave.deploy.action;

import io.specweave.deploy.DeployException;
import io.specweave.deploy.Input;
import io.specweave.deploy.InputValueException;
import io.specweave.deploy.Json;
import io.specweave.deploy.app.ChangeOutcome;
import io.specweave.deploy.app.CommitBack;
import io.specweave.deploy.app.FlagOutcome;
import io.specweave.deploy.app.Host;
import io.specweave.deploy.app.Operations;
import io.specweave.deploy.app.Request;
import io.specweave.deploy.app.StatusOutcome;
import io.specweave.deploy.app.StopSignal;
import io.specweave.deploy.app.TrackerFactory;
import io.specweave.deploy.app.WorkspaceOwnership;
import io.specweave.deploy.config.ConfigLoader;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.dora.DoraReport;
import io.specweave.deploy.report.FlagText;
import io.specweave.deploy.report.MarkdownStatusRenderer;
import io.specweave.deploy.report.OutcomeJson;
import io.specweave.deploy.report.OutcomeMarkdown;
import io.specweave.deploy.report.OutcomeText;
import io.specweave.deploy.report.Persistence;
import io.specweave.deploy.report.ProgressLines;
import io.specweave.deploy.report.StatusJson;
import io.specweave.deploy.report.TextStatusRenderer;
import io.specweave.deploy.status.PipelineStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The GitHub Action's entry point (the image's {@code ENTRYPOINT}). Maps the runner's
 * {@code INPUT_*} variables to a core request, runs the operation the {@code command} input names,
 * and renders the outcome as the runner's outputs, step summary and annotations. Secret inputs are
 * masked before anything else is printed. Exit codes are the CLI's: 0 success, 1 the operation
 * failed, 2 bad input.
 */
public final class GitHubActionMain {

    /** The step outputs action.yml declares, in its order. */
    static final List<String> OUTPUTS = List.of("increment", "environment", "profile", "tracking-url", "tracking-id",
            "deployment-id", "health-status", "deployment", "status", "dora", "test-results", "recommendation", "metrics");

    /** Outputs holding JSON documents: always written in the heredoc form. */
    static final Set<String> JSON_OUTPUTS = Set.of("deployment", "status", "dora", "test-results", "metrics");

    static final String TITLE = "SpecWeave Deploy";
    private static final int COMMIT_ATTEMPTS = 5;
    private static final OutcomeMarkdown MARKDOWN = new OutcomeMarkdown(TITLE);

    private final Map<String, String> env;
    private final WorkflowCommands commands;
    private final Clock clock;
    private final Function<Credentials, TrackerFactory> trackers;
    private final Map<String, String> outputs = new LinkedHashMap<>();
    private Operations operations;
    private Request request;

    GitHubActionMain(Map<String, String> env, PrintWriter out, Clock clock, Function<Credentials, TrackerFactory> trackers) {
        this.env = env;
        this.commands = new WorkflowCommands(out);
        this.clock = clock;
        this.trackers = trackers;
    }

    public static void main(String[] args) {
        // Basic credentials in HTTPS_PROXY would otherwise never reach the proxy of an https tunnel.
        Host.allowProxyCredentialsOnTunnels(System.getenv());
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out,
                java.nio.charset.StandardCharsets.UTF_8), true);
        System.exit(new GitHubActionMain(System.getenv(), out, Clock.systemUTC(), TrackerFactory::standard).run());
    }

    int run() {
        Instant started = Instant.now();
        ActionInput.ALL.stream().filter(ActionInput::secret).forEach(i -> commands.mask(i.read(env)));
        // A self-hosted runner's proxy password never shows in the log, whatever prints it.
        Host.proxySecrets(env).forEach(commands::mask);
        Path projectDir = null;
        StopSignal stop = StopSignal.onShutdown();
        try {
            ActionInput.Values values = ActionInput.parse(env);
            projectDir = projectDir(values.workingDirectory);
            Map<String, String> coreEnv = new HashMap<>(env);
            coreEnv.putAll(values.credentials);
            // Progress as plain log lines: a CI log shows every \r as a new line.
            operations = new Operations(new Host(coreEnv, clock, trackers, stop.sleeper(),
                    new ProgressLines(commands::info, true), stop::requested, null));
            request = values.request.dir(projectDir).commitBack(values.commitMetadata
                    ? CommitBack.Spec.of(COMMIT_ATTEMPTS, "specweave-deploy") : null).build();
            if ("1".equals(env.get("RUNNER_DEBUG"))) {
                debugConfigNotes(projectDir);
            }
            int code = run(values.command);
            writeOutputs();
            return code;
        } catch (DeployException e) {
            String input = e.input() == null ? null : ActionInput.nameOf(e.input());
            String message = (e instanceof InputValueException ? "input \"" + input + "\": " : "")
                    + e.message().render(ActionSpelling.INSTANCE);
            commands.error(input == null ? TITLE : "Input " + input, message);
            writeSummary(MARKDOWN.failure(message));
            return e.exitCode();
        } catch (RuntimeException e) {
            commands.error(TITLE, "unexpected " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            if ("1".equals(env.get("RUNNER_DEBUG"))) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                commands.group("Stack trace", trace.toString());
            }
            writeSummary(MARKDOWN.failure("unexpected " + e.getClass().getSimpleName()));
            return 1;
        } finally {
            stop.done();
            if (projectDir != null) {
                WorkspaceOwnership.matchProject(projectDir, started);
            }
        }
    }

    /**
     * With step debug logging: what the config loader read leniently (profiles this run does not
     * use, the old profile shape). The operation itself reports what it cannot use.
     */
    private void debugConfigNotes(Path projectDir) {
        try {
            ConfigLoader.load(projectDir).notes().forEach(commands::debug);
        } catch (DeployException e) {
            // The operation loads the same file and reports this as its error.
        }
    }

    private int run(String command) {
        switch (command) {
            case "status" -> {
                StatusOutcome outcome = operations.status(request.toBuilder().dora(false).build());
                if (!outcome.refreshed().isEmpty()) {
                    commands.group("Refreshed " + outcome.pipeline().id() + " from its tracking items",
                            String.join("\n", outcome.refreshed()));
                }
                writeSummary(MARKDOWN.status(pipeline(outcome.pipeline())));
                return 0;
            }
            case "dora" -> {
                DoraReport report = operations.dora(request);
                commands.group("DORA metrics", new TextStatusRenderer(true).renderDora(report));
                report.warnings().forEach(w -> commands.warning(TITLE, w));
                outputs.put("environment", report.environment());
                outputs.put("dora", Json.compact(report));
                writeSummary(MARKDOWN.dora(report));
                return 0;
            }
            case "feature-flag" -> {
                FlagOutcome outcome = operations.featureFlag(request);
                if (outcome.recorded() != null) {
                    return report(outcome.recorded());
                }
                if (outcome.change() != null) {
                    commands.notice(TITLE, FlagText.change(outcome.change()));
                } else {
                    commands.group("Feature flags" + (outcome.environment() == null ? "" : " of "
                            + outcome.environment()), outcome.matrix() != null ? FlagText.table(outcome.matrix())
                            : outcome.export());
                }
                if (outcome.environment() != null) {
                    outputs.put("environment", outcome.environment());
                }
                writeSummary(MARKDOWN.flags(outcome));
                return 0;
            }
            case "test" -> {
                commands.startGroup("Test suite " + ActionInput.ALL.stream().filter(i -> i.name().equals("suite"))
                        .findFirst().map(i -> i.read(env)).orElse(""));
                // The suite's output is not ours: the runner must not take a line of it for a workflow command.
                String token = commands.stopCommands();
                ChangeOutcome<?> outcome;
                try {
                    outcome = operations.test(request);
                } finally {
                    commands.resumeCommands(token);
                    commands.endGroup();
                }
                return report(outcome);
            }
            default -> {
                return report(switch (command) {
                    case "sync" -> operations.sync(request);
                    case "health" -> operations.health(request);
                    case "approve" -> operations.approve(request);
                    case "deploy" -> operations.deploy(request);
                    case "swap-slots" -> operations.swap(request);
                    case "rollback" -> operations.rollback(request);
                    default -> operations.monitor(request);
                });
            }
        }
    }

    /** Outputs, log and summary of an operation that changed one environment; its problems as the error. */
    private int report(ChangeOutcome<?> outcome) {
        commands.group(outcome.incrementId() + " → " + outcome.target().describe() + ": " + outcome.operation(),
                new OutcomeText(true).render(outcome));
        outcome.warnings().forEach(w -> commands.warning(TITLE, w));
        // The outputs are core's names in the Action's spelling: trackingUrl is tracking-url.
        OutcomeJson.named(outcome).forEach((name, value) -> outputs.put(
                name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT), value));
        PipelineStatus status = pipeline(operations.status(request.toBuilder().increment(outcome.incrementId())
                .refresh(false).dora(false).build()).pipeline());
        Persistence persistence = Persistence.of(outcome);
        if (persistence.warning()) {
            commands.warning(TITLE, persistence.logLine(ActionSpelling.INSTANCE));
        } else if (outcome.commit() != null) {
            commands.notice(TITLE, persistence.logLine(ActionSpelling.INSTANCE));
        }
        if (outcome.exitCode() == 0) {
            commands.notice(TITLE, new OutcomeText(true).headline(outcome));
        } else {
            commands.error(TITLE, outcome.problem().render(ActionSpelling.INSTANCE));
        }
        writeSummary(MARKDOWN.summary(outcome, status, ActionSpelling.INSTANCE));
        return outcome.exitCode();
    }

    /** The increment's pipeline in the log and as the status output. */
    private PipelineStatus pipeline(PipelineStatus status) {
        commands.group("Pipeline status of " + status.id(), new TextStatusRenderer(true).render(status));
        outputs.putIfAbsent("increment", status.id());
        outputs.put("status", Json.compact(StatusJson.of(status, false)));
        return status;
    }

    private void writeOutputs() {
        Path file = file("GITHUB_OUTPUT");
        if (file != null) {
            Map<String, String> redacted = new LinkedHashMap<>();
            outputs.forEach((k, v) -> redacted.put(k, commands.redact(v)));
            FileCommands.appendOutputs(file, redacted, JSON_OUTPUTS);
        }
    }

    private void writeSummary(String markdown) {
        Path file = file("GITHUB_STEP_SUMMARY");
        if (file == null) {
            return;
        }
        try {
            FileCommands.append(file, MarkdownStatusRenderer.fitInto(file, commands.redact(markdown)));
        } catch (java.io.UncheckedIOException e) {
            commands.warning(TITLE, "no step summary: " + e.getMessage());
        }
    }

    private Path projectDir(String workingDirectory) {
        String base = env.get("GITHUB_WORKSPACE");
        Path workspace = Path.of(base == null || base.isBlank() ? "." : base).toAbsolutePath().normalize();
        Path dir;
        try {
            dir = workspace.resolve(workingDirectory).normalize();
        } catch (InvalidPathException e) {
            throw new InputValueException(Input.DIR, "\"" + workingDirectory + "\" is not a path");
        }
        if (!Files.isDirectory(dir)) {
            throw new InputValueException(Input.DIR, "\"" + workingDirectory + "\" is not a folder (" + dir
                    + ", resolved against GITHUB_WORKSPACE)");
        }
        return dir;
    }

    private Path file(String variable) {
        String value = env.get(variable);
        return value == null || value.isBlank() ? null : Path.of(value);
    }
}
