package io.specweave.deploy.action;

import io.specweave.deploy.DeployException;
import io.specweave.deploy.Json;
import io.specweave.deploy.app.ChangeOutcome;
import io.specweave.deploy.app.CommitBack;
import io.specweave.deploy.app.FlagOutcome;
import io.specweave.deploy.app.Host;
import io.specweave.deploy.app.Operations;
import io.specweave.deploy.app.Progress;
import io.specweave.deploy.app.Request;
import io.specweave.deploy.app.StatusOutcome;
import io.specweave.deploy.app.StopSignal;
import io.specweave.deploy.app.SuiteDetail;
import io.specweave.deploy.app.TrackerFactory;
import io.specweave.deploy.app.WorkspaceOwnership;
import io.specweave.deploy.dora.DoraReport;
import io.specweave.deploy.metrics.CanaryAnalyzer;
import io.specweave.deploy.metrics.CanaryReport;
import io.specweave.deploy.metrics.MonitorPoll;
import io.specweave.deploy.metrics.MonitorReport;
import io.specweave.deploy.report.CanaryReportRenderer;
import io.specweave.deploy.report.FlagText;
import io.specweave.deploy.report.MarkdownStatusRenderer;
import io.specweave.deploy.report.MonitorText;
import io.specweave.deploy.report.OutcomeJson;
import io.specweave.deploy.report.OutcomeText;
import io.specweave.deploy.report.StatusJson;
import io.specweave.deploy.report.TextStatusRenderer;
import io.specweave.deploy.status.PipelineStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
            "health-status", "deployment", "status", "dora", "test-results", "recommendation", "metrics");

    /** Outputs holding JSON documents: always written in the heredoc form. */
    static final Set<String> JSON_OUTPUTS = Set.of("deployment", "status", "dora", "test-results", "metrics");

    static final String TITLE = "SpecWeave Deploy";
    private static final int COMMIT_ATTEMPTS = 5;

    private final Map<String, String> env;
    private final WorkflowCommands commands;
    private final Clock clock;
    private final Function<io.specweave.deploy.config.Credentials, TrackerFactory> trackers;
    private final Map<String, String> outputs = new LinkedHashMap<>();
    private final StringBuilder summary = new StringBuilder();
    private Operations operations;
    private Request request;

    GitHubActionMain(Map<String, String> env, PrintWriter out, Clock clock,
            Function<io.specweave.deploy.config.Credentials, TrackerFactory> trackers) {
        this.env = env;
        this.commands = new WorkflowCommands(out);
        this.clock = clock;
        this.trackers = trackers;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out,
                java.nio.charset.StandardCharsets.UTF_8), true);
        System.exit(new GitHubActionMain(System.getenv(), out, Clock.systemUTC(), TrackerFactory::standard).run());
    }

    int run() {
        Instant started = Instant.now();
        ActionInput.ALL.stream().filter(ActionInput::secret).forEach(i -> commands.mask(i.read(env)));
        Path specweaveDir = null;
        List<Path> written = new ArrayList<>();
        StopSignal stop = StopSignal.onShutdown();
        try {
            ActionInput.Values values = ActionInput.parse(env);
            Path projectDir = projectDir(values.workingDirectory);
            specweaveDir = projectDir.resolve(".specweave");
            written.add(specweaveDir);
            Map<String, String> coreEnv = new HashMap<>(env);
            coreEnv.putAll(values.credentials);
            Host host = new Host(coreEnv, clock, trackers, stop.sleeper(), progress(), stop::requested, null);
            Request built = values.request.dir(projectDir).commitBack(values.commitMetadata ? new CommitBack.Spec(
                    CommitBack.GITHUB_ACTIONS_BOT_NAME, CommitBack.GITHUB_ACTIONS_BOT_EMAIL, GitHubEvent.commitBranch(env), "origin", COMMIT_ATTEMPTS,
                    "specweave-deploy") : null).build();
            this.operations = new Operations(host);
            this.request = built;
            int code = run(values.command);
            gitDir(projectDir).ifPresent(written::add);
            writeOutputs();
            return code;
        } catch (DeployException e) {
            String input = e instanceof InputException ie ? ie.name()
                    : e.input() == null ? null : ActionInput.nameOf(e.input());
            String message = e.message().render(ActionSpelling.INSTANCE);
            commands.error(input == null ? TITLE : "Input " + input, message);
            writeSummary("## " + TITLE + " failed\n\n❌ " + MarkdownStatusRenderer.inline(message) + "\n");
            return e.exitCode();
        } catch (RuntimeException e) {
            commands.error(TITLE, "unexpected " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            if ("1".equals(env.get("RUNNER_DEBUG"))) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                commands.group("Stack trace", trace.toString());
            }
            writeSummary("## " + TITLE + " failed\n\nUnexpected " + e.getClass().getSimpleName() + "\n");
            return 1;
        } finally {
            stop.done();
            if (specweaveDir != null && Files.isDirectory(specweaveDir)) {
                WorkspaceOwnership.match(specweaveDir, written, started);
            }
        }
    }

    private int run(String command) {
        switch (command) {
            case "status" -> {
                StatusOutcome outcome = operations.status(request.toBuilder().dora(false).build());
                if (!outcome.refreshed().isEmpty()) {
                    commands.group("Refreshed from the tracking items", String.join("\n", outcome.refreshed()));
                }
                pipeline(outcome.pipeline(), null);
                return 0;
            }
            case "dora" -> {
                DoraReport report = operations.dora(request);
                commands.group("DORA metrics", new TextStatusRenderer(true).renderDora(report));
                outputs.put("environment", report.environment());
                outputs.put("dora", Json.compact(report));
                writeSummary("## " + TITLE + ": DORA metrics\n\n" + new MarkdownStatusRenderer().renderDora(report));
                return 0;
            }
            case "feature-flag" -> {
                return featureFlag(operations.featureFlag(request));
            }
            case "test" -> {
                commands.startGroup("Test suite " + ActionInput.ALL.stream().filter(i -> i.name().equals("suite"))
                        .findFirst().map(i -> i.read(env)).orElse(""));
                // The suite's output is not ours: the runner must not take a line of it for a workflow command.
                String token = commands.stopCommands();
                try {
                    return report(operations.test(request));
                } finally {
                    commands.resumeCommands(token);
                    commands.endGroup();
                }
            }
            default -> {
                return report(switch (command) {
                    case "sync" -> operations.sync(request);
                    case "health" -> operations.health(request);
                    case "approve" -> operations.approve(request);
                    case "deploy" -> operations.deploy(request);
                    case "swap-slots" -> operations.swap(request);
                    case "rollback" -> operations.rollback(request);
                    case "monitor" -> operations.monitor(request);
                    default -> throw new InputException("command", "unknown command \"" + command + "\"");
                });
            }
        }
    }

    /** Outputs, log and summary of an operation that changed one environment; its problems as errors. */
    private int report(ChangeOutcome<?> outcome) {
        String text = new OutcomeText(true).render(outcome);
        commands.group(outcome.increment().id() + " → " + outcome.target().describe() + ": " + outcome.operation(),
                text);
        outcome.warnings().forEach(w -> commands.warning(TITLE, w));
        var json = OutcomeJson.of(outcome, ActionSpelling.INSTANCE);
        Map<String, String> scalars = OutcomeJson.scalars(json);
        outputs.put("increment", outcome.increment().id());
        outputs.put("environment", outcome.environment());
        outputs.put("profile", outcome.target().profile().name());
        outputs.put("tracking-url", scalars.get("trackingUrl"));
        outputs.put("tracking-id", scalars.get("trackingId"));
        outputs.put("health-status", scalars.get("healthStatus"));
        if (outcome.record() != null) {
            outputs.put("deployment", Json.compact(outcome.record().toNodeWithoutHistory()));
        }
        if (outcome.detail() instanceof SuiteDetail suite) {
            outputs.put("test-results", Json.compact(suite.testResults().toNode()));
        } else if (outcome.detail() instanceof MonitorReport monitor) {
            outputs.put("recommendation", monitor.verdict().name().replace('_', ' '));
            outputs.put("metrics", Json.compact(monitor.toMetricsNode()));
        } else if (outcome.detail() instanceof CanaryReport canary) {
            outputs.put("recommendation", canary.recommendation().label());
            var metrics = Json.mapper().createObjectNode();
            if (outcome.stored() != null) {
                metrics.setAll((com.fasterxml.jackson.databind.node.ObjectNode) outcome.stored().path("canary")
                        .path("lastAnalysis").deepCopy());
            }
            metrics.set("canary", Json.mapper().valueToTree(canary.last().canary()));
            metrics.set("stable", Json.mapper().valueToTree(canary.last().stable()));
            outputs.put("metrics", Json.compact(metrics));
        }
        String headline = headline(outcome, text.lines().findFirst().orElse(""));
        StringBuilder md = new StringBuilder("## " + TITLE + ": " + MarkdownStatusRenderer.inline(outcome.increment().id())
                + " → " + outcome.environment() + "\n\n" + headline + "\n\n");
        outcome.warnings().forEach(w -> md.append("> [!WARNING]\n> ").append(MarkdownStatusRenderer.inline(w))
                .append("\n\n"));
        outcome.problems().forEach(p -> md.append("> [!CAUTION]\n> ").append(MarkdownStatusRenderer.inline(
                p.render(ActionSpelling.INSTANCE))).append("\n\n"));
        summary.append(md);
        pipeline(operations.status(request.toBuilder().increment(outcome.increment().id()).refresh(false)
                .dora(false).build()).pipeline(), outcome.environment());
        summary.append(persistence(outcome)).append('\n');
        if (outcome.exitCode() == 0) {
            commands.notice(TITLE, headline.replaceAll("[*`]", ""));
        } else {
            commands.error(TITLE, outcome.problem().render(ActionSpelling.INSTANCE));
        }
        writeSummary(summary.toString());
        return outcome.exitCode();
    }

    /** The increment's pipeline: the status output, a log group, the summary's table and diagram. */
    private void pipeline(PipelineStatus status, String highlight) {
        commands.group("Pipeline status of " + status.id(), new TextStatusRenderer(true).render(status));
        outputs.putIfAbsent("increment", status.id());
        outputs.put("status", Json.compact(StatusJson.of(status, false)));
        if (highlight == null) {
            summary.append("## ").append(TITLE).append(": ").append(MarkdownStatusRenderer.inline(status.id()))
                    .append("\n\n");
        }
        summary.append(new MarkdownStatusRenderer().render(status, highlight)).append('\n');
        if (highlight == null) {
            writeSummary(summary.toString());
        }
    }

    private int featureFlag(FlagOutcome outcome) {
        if (outcome.recorded() != null) {
            return report(outcome.recorded());
        }
        StringBuilder md = new StringBuilder("## " + TITLE + ": feature flags\n\n");
        if (outcome.change() != null) {
            String line = FlagText.change(outcome.change());
            commands.notice(TITLE, line);
            outputs.put("environment", outcome.environment());
            md.append(MarkdownStatusRenderer.inline(line)).append('\n');
        } else if (outcome.matrix() != null) {
            commands.group("Feature flags", FlagText.table(outcome.matrix()));
            md.append(FlagText.markdown(outcome.matrix()));
        } else {
            commands.group("Feature flags of " + outcome.environment(), outcome.export());
            outputs.put("environment", outcome.environment());
            md.append("Export of ").append(MarkdownStatusRenderer.inline(outcome.environment())).append(":\n\n```\n")
                    .append(outcome.export().replace("```", "'''")).append(outcome.export().endsWith("\n") ? "" : "\n")
                    .append("```\n");
        }
        writeSummary(md.toString());
        return 0;
    }

    /** The summary's first line: what was done where, from which commit and run. */
    private static String headline(ChangeOutcome<?> outcome, String text) {
        String mark = outcome.result() == ChangeOutcome.Result.DRY_RUN ? "📝" : outcome.exitCode() == 0 ? "✅"
                : outcome.result().recorded() ? "⚠️" : "❌";
        StringBuilder md = new StringBuilder(mark + " " + MarkdownStatusRenderer.inline(text));
        var r = outcome.record();
        if (r != null && r.commit() != null && !text.contains(r.commit())) {
            md.append(" · commit `").append(MarkdownStatusRenderer.inline(r.commit().substring(0,
                    Math.min(12, r.commit().length())).replace("`", ""))).append('`');
        }
        if (r != null && r.runUrl() != null && r.runUrl().matches("https?://\\S+")) {
            md.append(" · [run](").append(r.runUrl().replace(")", "%29")).append(')');
        }
        return md.toString();
    }

    /** Where the record lives now: committed back, or only in this job's workspace (and on the item). */
    private String persistence(ChangeOutcome<?> outcome) {
        if (!outcome.result().recorded()) {
            return "> [!NOTE]\n> " + (outcome.dryRun() ? "Dry run: nothing was written and no tracker was called."
                    : "Nothing was written.") + "\n";
        }
        boolean local = outcome.target().profile().provider() == io.specweave.deploy.config.Provider.LOCAL;
        String workspaceOnly = "the record lives only in this run's workspace, so later jobs (a fresh checkout) "
                + "will not see it";
        String where = local ? workspaceOnly : "the record is in this run's workspace and on the tracking item, where "
                + "later jobs read it (`refresh: true`; promotion gates and every change read it by themselves)";
        CommitBack.Result commit = outcome.commit();
        if (commit == null) {
            return "> [!NOTE]\n> Not committed (`commit-metadata: false`): " + where
                    + ". Set `commit-metadata: true` to commit `metadata.json` back to the branch.\n";
        }
        if (commit.onRemote()) {
            String line = commit.git().commit() == null ? "`metadata.json` on `" + commit.git().branch()
                    + "` already holds this record." : "Committed `metadata.json` to `" + commit.git().branch() + "` ("
                    + commit.git().commit() + ")" + (commit.git().attempts() > 1 ? " after " + commit.git().attempts()
                            + " attempts" : "") + ".";
            commands.notice(TITLE, line.replace("`", ""));
            return "> [!NOTE]\n> " + line + "\n";
        }
        commands.warning(TITLE, "commit-metadata: " + commit.why() + "; " + where
                + (commit.git().detail().isBlank() ? "" : ". git said: " + commit.git().detail()));
        return "> [!WARNING]\n> `commit-metadata`: " + MarkdownStatusRenderer.inline(commit.why()) + "; " + where + ".\n";
    }

    /** Progress as plain log lines: a CI log shows every {@code \r} as a new line. */
    private Progress progress() {
        return new Progress() {
            @Override
            public void output(String line) {
                commands.info(line);
            }

            @Override
            public void poll(MonitorPoll poll) {
                commands.info(MonitorText.line(poll));
            }

            @Override
            public void measurement(int number, int planned, CanaryAnalyzer.Measurement measurement) {
                commands.info(new CanaryReportRenderer(true).line(number, planned, measurement));
            }
        };
    }

    private void writeOutputs() {
        Path file = file("GITHUB_OUTPUT");
        if (file != null) {
            Map<String, String> redacted = new LinkedHashMap<>();
            outputs.forEach((k, v) -> {
                if (v != null) {
                    redacted.put(k, commands.redact(v));
                }
            });
            FileCommands.appendOutputs(file, redacted, JSON_OUTPUTS);
        }
    }

    private void writeSummary(String markdown) {
        Path file = file("GITHUB_STEP_SUMMARY");
        if (file == null) {
            return;
        }
        long existing;
        try {
            existing = Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            existing = 0;
        }
        int budget = (int) Math.max(1024, MarkdownStatusRenderer.DEFAULT_MAX_BYTES - existing);
        try {
            FileCommands.append(file, MarkdownStatusRenderer.truncate(commands.redact(markdown), budget));
        } catch (java.io.UncheckedIOException e) {
            commands.warning(TITLE, "no step summary: " + e.getMessage());
        }
        summary.setLength(0);
    }

    private Path projectDir(String workingDirectory) {
        String base = env.get("GITHUB_WORKSPACE");
        Path workspace = Path.of(base == null || base.isBlank() ? "." : base).toAbsolutePath().normalize();
        Path dir;
        try {
            dir = workspace.resolve(workingDirectory).normalize();
        } catch (InvalidPathException e) {
            throw new InputException("working-directory", "\"" + workingDirectory + "\" is not a path");
        }
        if (!Files.isDirectory(dir)) {
            throw new InputException("working-directory", "\"" + workingDirectory + "\" is not a folder (" + dir
                    + ", resolved against GITHUB_WORKSPACE)");
        }
        if (!Files.isDirectory(dir.resolve(".specweave"))) {
            throw new InputException("working-directory", "expected the folder holding .specweave, but " + dir
                    + " has no .specweave folder; point working-directory at the project (default: the workspace)");
        }
        return dir;
    }

    private static java.util.Optional<Path> gitDir(Path from) {
        for (Path p = from.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(".git"))) {
                return java.util.Optional.of(p.resolve(".git"));
            }
        }
        return java.util.Optional.empty();
    }

    private Path file(String variable) {
        String value = env.get(variable);
        return value == null || value.isBlank() ? null : Path.of(value);
    }
}
