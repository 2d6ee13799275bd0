package io.specweave.deploy.action;

import io.specweave.deploy.Command;
import io.specweave.deploy.DeployException;
import io.specweave.deploy.app.AllEnvironmentsOutcome;
import io.specweave.deploy.app.ChangeOutcome;
import io.specweave.deploy.app.FlagOutcome;
import io.specweave.deploy.app.Host;
import io.specweave.deploy.app.Operations;
import io.specweave.deploy.app.Request;
import io.specweave.deploy.app.StopSignal;
import io.specweave.deploy.app.TrackerFactory;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.report.CiRendering;
import io.specweave.deploy.report.MarkdownStatusRenderer;
import io.specweave.deploy.report.ProgressLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    private static final CiRendering RENDERING = new CiRendering(TITLE, ActionSpelling.INSTANCE);

    private final Map<String, String> env;
    private final WorkflowCommands commands;
    private final Clock clock;
    private final Function<Credentials, TrackerFactory> trackers;
    private Operations operations;
    private Request request;
    /** The token that resumes workflow commands after a suite's output; null while no suite runs. */
    private String suiteCommandsStopped;

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
        ActionInput.ALL.stream().filter(ActionInput::secret).forEach(i -> commands.mask(i.read(env)));
        // A self-hosted runner's proxy password never shows in the log, whatever prints it.
        Host.proxySecrets(env).forEach(commands::mask);
        StopSignal stop = StopSignal.onShutdown();
        try {
            ActionInput.Values values = ActionInput.parse(env);
            Map<String, String> coreEnv = new HashMap<>(env);
            coreEnv.putAll(values.credentials);
            // Progress as plain log lines: a CI log shows every \r as a new line.
            // Core's debug lines (how the config was read) only with step debug logging.
            operations = new Operations(Host.of(coreEnv, clock, trackers, new ProgressLines(commands::info, true) {
                @Override
                public void starting(String line) {
                    // A suite's output in a group of its own, opened once it runs (not before a bad-input error).
                    // It is not ours: the runner must not take a line of it for a workflow command.
                    commands.startGroup(line);
                    suiteCommandsStopped = commands.stopCommands();
                }
            }, stop).withDebug("1".equals(env.get("RUNNER_DEBUG")) ? commands::debug : null));
            request = values.request.build();
            return show(run(values.command));
        } catch (RuntimeException e) {
            // The input at fault: core's input, else the one its credential comes from.
            String input = !(e instanceof DeployException de) ? null : de.input() != null
                    ? ActionInput.nameOf(de.input()) : ActionInput.nameOfCredential(de.credential());
            String message = DeployException.describe(e, ActionSpelling.INSTANCE);
            commands.error(input == null ? TITLE : "Input " + input, message);
            if (!(e instanceof DeployException) && "1".equals(env.get("RUNNER_DEBUG"))) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                commands.group("Stack trace", trace.toString());
            }
            writeSummary(RENDERING.failureSummary(message));
            return DeployException.exitCodeOf(e);
        } finally {
            stop.done();
        }
    }

    private CiRendering.Rendered run(Command command) {
        return switch (command) {
            case STATUS -> RENDERING.status(operations.status(request.toBuilder().dora(false).build()));
            case DORA -> RENDERING.dora(operations.dora(request));
            case FEATURE_FLAG -> {
                FlagOutcome outcome = operations.featureFlag(request);
                yield outcome.recorded() != null ? change(outcome.recorded()) : RENDERING.flags(outcome);
            }
            case TEST -> change(test());
            case SYNC -> change(operations.sync(request));
            case HEALTH -> change(operations.health(request));
            case APPROVE -> change(operations.approve(request));
            case DEPLOY -> request.allEnvironments() ? everyEnvironment() : change(operations.deploy(request));
            case SWAP_SLOTS -> change(operations.swap(request));
            case ROLLBACK -> change(operations.rollback(request));
            case MONITOR -> change(operations.monitor(request));
        };
    }

    /** The suite's run; the group its output went to ends with it. */
    private ChangeOutcome<?> test() {
        try {
            return operations.test(request);
        } finally {
            if (suiteCommandsStopped != null) {
                commands.resumeCommands(suiteCommandsStopped);
                commands.endGroup();
            }
        }
    }

    /** A change with the increment's pipeline as it is after it. */
    private CiRendering.Rendered change(ChangeOutcome<?> outcome) {
        return RENDERING.change(outcome, operations.status(request.toBuilder().increment(outcome.incrementId())
                .refresh(false).dora(false).build()).pipeline());
    }

    /** A deployment to every environment, with the increment's pipeline as it is after it. */
    private CiRendering.Rendered everyEnvironment() {
        AllEnvironmentsOutcome outcome = operations.deployAll(request);
        return RENDERING.allEnvironments(outcome, operations.status(request.toBuilder().increment(outcome.increment())
                .allEnvironments(false).refresh(false).dora(false).build()).pipeline());
    }

    /** The result in the runner's words: log groups, annotations, outputs and the step summary. */
    private int show(CiRendering.Rendered rendered) {
        for (CiRendering.Entry entry : rendered.log()) {
            switch (entry.kind()) {
                case SECTION -> commands.group(entry.title(), entry.text());
                case NOTICE -> commands.notice(TITLE, entry.text());
                case WARNING -> commands.warning(TITLE, entry.text());
                case ERROR -> commands.error(TITLE, entry.text());
            }
        }
        Path file = file("GITHUB_OUTPUT");
        if (file != null) {
            Map<String, String> outputs = new LinkedHashMap<>();
            // Core's names in the Action's spelling: trackingUrl is tracking-url.
            rendered.outputs().forEach((name, value) -> outputs.put(name.replaceAll("([a-z])([A-Z])", "$1-$2")
                    .toLowerCase(Locale.ROOT), commands.redact(value)));
            try {
                FileCommands.appendOutputs(file, outputs, JSON_OUTPUTS);
            } catch (java.io.UncheckedIOException e) {
                // Later steps read the outputs: without them the job must not go on as if it had them.
                commands.error(TITLE, "the step's outputs were not written (GITHUB_OUTPUT): " + e.getMessage()
                        + "; what the step recorded stays recorded");
                writeSummary(rendered.summary());
                return 1;
            }
        }
        writeSummary(rendered.summary());
        return rendered.exitCode();
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

    private Path file(String variable) {
        String value = env.get(variable);
        return value == null || value.isBlank() ? null : Path.of(value);
    }
}
