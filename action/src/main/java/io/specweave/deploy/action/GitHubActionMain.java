package io.specweave.deploy.action;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.DeployException;
import io.specweave.deploy.Json;
import io.specweave.deploy.app.Project;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.ci.CiDetector;
import io.specweave.deploy.ci.MetadataCommitter;
import io.specweave.deploy.ci.WorkspaceOwnership;
import io.specweave.deploy.cli.CliRuntime;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.app.SyncResult;
import io.specweave.deploy.app.SyncService;
import io.specweave.deploy.app.SyncSummary;
import io.specweave.deploy.app.RefreshService;
import io.specweave.deploy.app.UnhealthyDeploymentException;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.app.TrackerFactory;
import io.specweave.deploy.action.ActionCommands.Report;
import io.specweave.deploy.status.EnvironmentStatus;
import io.specweave.deploy.report.MarkdownStatusRenderer;
import io.specweave.deploy.status.PipelineStatus;
import io.specweave.deploy.report.StatusJson;
import io.specweave.deploy.app.StatusService;
import io.specweave.deploy.report.TextStatusRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The GitHub Action's entry point (the image's {@code ENTRYPOINT}). Turns the runner's
 * {@code INPUT_*} variables into the same core call the CLI makes, and the result into the
 * runner's outputs, step summary and annotations. Secret inputs are masked before anything else
 * is printed. Exit codes are the CLI's: 0 success, 1 the operation failed, 2 bad input.
 */
public final class GitHubActionMain {

    /** The step outputs action.yml declares, in its order. */
    static final List<String> OUTPUTS = List.of("increment", "environment", "profile", "tracking-url", "tracking-id",
            "health-status", "deployment", "status", "dora", "test-results", "recommendation", "metrics");

    /** Outputs holding JSON documents: always written in the heredoc form. */
    static final Set<String> JSON_OUTPUTS = Set.of("deployment", "status", "dora", "test-results", "metrics");

    private static final String TITLE = "SpecWeave Deploy";
    private static final int COMMIT_ATTEMPTS = 5;

    private final CliRuntime runtime;
    private final WorkflowCommands commands;

    private GitHubActionMain(CliRuntime runtime) {
        this.runtime = runtime;
        this.commands = new WorkflowCommands(runtime.out());
    }

    public static void main(String[] args) {
        System.exit(run(CliRuntime.system()));
    }

    /** Runs the Action once with the given environment and streams; returns the exit code. */
    public static int run(CliRuntime runtime) {
        return new GitHubActionMain(runtime).run();
    }

    private int run() {
        Instant started = Instant.now();
        Map<String, String> env = runtime.env();
        for (ActionInput input : ActionInput.ALL) {
            if (input.secret()) {
                commands.mask(input.read(env));
            }
        }
        Path specweaveDir = null;
        List<Path> written = new ArrayList<>();
        try {
            ActionRequest request = ActionInput.parse(env);
            Path projectDir = projectDir(env, request);
            specweaveDir = projectDir.resolve(".specweave");
            written.add(specweaveDir);
            Project project = Project.open(projectDir);
            Map<String, String> coreEnv = new HashMap<>(env);
            coreEnv.putAll(request.credentials);
            ActionCommands more = new ActionCommands(runtime, commands, coreEnv);
            if (request.commitMetadata && request.command != ActionCommand.SYNC) {
                commands.warning(TITLE, "commit-metadata: only command sync commits metadata.json back; "
                        + "this " + request.command.word() + " changes only this run's workspace");
            }
            Report report = switch (request.command) {
                case SYNC -> sync(project, request, coreEnv, written);
                case STATUS -> status(project, request, more);
                case HEALTH -> more.health(project, request);
                case APPROVE -> more.approve(project, request);
                case DORA -> more.dora(project, request);
                case DEPLOY -> more.deploy(project, request);
                case SWAP_SLOTS -> more.swapSlots(project, request);
                case ROLLBACK -> more.rollback(project, request);
                case FEATURE_FLAG -> more.featureFlag(project, request);
                case TEST -> more.test(project, request);
                case MONITOR -> more.monitor(project, request);
            };
            Path outputFile = file(env, "GITHUB_OUTPUT");
            if (outputFile != null) {
                Map<String, String> redacted = new LinkedHashMap<>();
                report.outputs().forEach((k, v) -> redacted.put(k, commands.redact(v)));
                FileCommands.appendOutputs(outputFile, redacted, JSON_OUTPUTS);
            }
            summary(env, report.summary());
            if (report.failure() != null) {
                commands.error(TITLE, report.failure().getMessage());
                return report.failure().exitCode();
            }
            return 0;
        } catch (InputException e) {
            return fail("Input " + e.input(), e, env);
        } catch (DeployException e) {
            return fail(TITLE, e, env);
        } catch (RuntimeException e) {
            commands.error(TITLE, "unexpected " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            if ("1".equals(env.get("RUNNER_DEBUG"))) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                commands.group("Stack trace", trace.toString());
            }
            summary(env, "## " + TITLE + " failed\n\nUnexpected " + e.getClass().getSimpleName() + "\n");
            return 1;
        } finally {
            if (specweaveDir != null && Files.isDirectory(specweaveDir)) {
                WorkspaceOwnership.match(specweaveDir, written, started);
            }
            runtime.out().flush();
        }
    }

    private int fail(String title, DeployException e, Map<String, String> env) {
        commands.error(title, e.getMessage());
        summary(env, "## " + TITLE + " failed\n\n❌ " + MarkdownStatusRenderer.inline(e.getMessage()) + "\n");
        return e.exitCode();
    }

    private Report sync(Project project, ActionRequest request, Map<String, String> coreEnv, List<Path> written) {
        try {
            project.config().resolveProfile(request.profile, request.environment);
        } catch (BadInputException e) {
            String input = request.profile == null && request.environment != null ? "environment" : "profile";
            // Core speaks the CLI's words; here the same choices are inputs.
            String message = e.getMessage().replace("--profile", "the profile input")
                    .replace("--environment", "the environment input");
            throw new InputException(input, message, e);
        }
        CiContext ci = new CiDetector(coreEnv, project.dir()).detect();
        TrackerFactory trackers = runtime.trackers().apply(new Credentials(coreEnv));
        if (request.refresh && !request.dryRun) {
            refresh(project, trackers, project.increments().resolve(request.increment));
        }
        SyncService service = new SyncService(trackers, runtime.clock());
        SyncResult result;
        DeployException failure = null;
        try {
            result = InputWords.translated(() -> service.sync(project, request.toSyncRequest(), ci));
        } catch (UnhealthyDeploymentException e) {
            // Recorded, but unhealthy: report what was recorded (outputs, summary), then fail with the reason.
            result = e.result();
            failure = e;
        }
        SyncSummary summary = SyncSummary.of(result);
        DeploymentRecord record = result.record();
        String deploymentJson = Json.compact(record.toNodeWithoutHistory());
        commands.group("Deployment record: " + result.increment().id() + " → " + result.environment(),
                Json.pretty(record.toNodeWithoutHistory()));
        for (String warning : result.warnings()) {
            commands.warning(TITLE, warning);
        }
        String persistence = persist(project, request, result, coreEnv, written);

        PipelineStatus status = new StatusService(project).status(result.increment().id());
        commands.group("Pipeline status of " + status.id(), new TextStatusRenderer(true).render(status));
        String verb = result.dryRun() ? "Would record" : result.newDeployment() ? "Recorded" : "Re-synced";
        commands.notice(TITLE, verb + " " + result.increment().id() + " → " + result.environment() + " ("
                + summary.status() + ", profile " + result.profile().name() + ")"
                + (summary.trackingUrl() == null ? "" : " " + summary.trackingUrl()));

        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("increment", result.increment().id());
        outputs.put("environment", result.environment());
        outputs.put("profile", result.profile().name());
        outputs.put("tracking-url", summary.trackingUrl());
        outputs.put("tracking-id", summary.trackingId());
        outputs.put("health-status", summary.healthStatus());
        outputs.put("deployment", deploymentJson);
        outputs.put("status", Json.compact(StatusJson.of(status, false)));

        StringBuilder md = new StringBuilder(headline(result, summary, verb));
        for (String warning : result.warnings()) {
            md.append("> [!WARNING]\n> ").append(MarkdownStatusRenderer.inline(warning)).append("\n\n");
        }
        md.append(new MarkdownStatusRenderer().render(status, result.environment())).append('\n');
        md.append(persistence).append('\n');
        return new Report(outputs, md.toString(), failure);
    }

    /** The summary's first lines: what was recorded where, with which profile, from which commit and run. */
    private static String headline(SyncResult result, SyncSummary summary, String verb) {
        DeploymentRecord record = result.record();
        String mark = new EnvironmentStatus(result.environment(), summary.status(), null, null, null, null, null).mark();
        StringBuilder md = new StringBuilder();
        md.append("## ").append(TITLE).append(": ").append(MarkdownStatusRenderer.inline(result.increment().id()))
                .append(" → ").append(result.environment()).append("\n\n");
        md.append(mark).append(' ').append(verb).append(" **").append(MarkdownStatusRenderer.inline(summary.status()))
                .append("** to **").append(result.environment()).append("** with profile `")
                .append(result.profile().name()).append("` (").append(result.profile().provider().id()).append(')');
        if (record.commit() != null) {
            String commit = record.commit().substring(0, Math.min(12, record.commit().length())).replace("`", "");
            md.append(" · commit `").append(MarkdownStatusRenderer.inline(commit)).append('`');
        }
        if (record.runUrl() != null && record.runUrl().matches("https?://\\S+")) {
            md.append(" · [run](").append(record.runUrl().replace(")", "%29")).append(')');
        }
        return md.append("\n\n").toString();
    }

    /** Commits the record back when asked; returns the summary's note on where the record lives. */
    private String persist(Project project, ActionRequest request, SyncResult result, Map<String, String> env,
            List<Path> written) {
        if (result.dryRun()) {
            return "> [!NOTE]\n> Dry run: nothing was written and no tracker was called.\n";
        }
        String workspaceOnly = "the record lives only in this run's workspace, so later jobs (a fresh checkout) "
                + "will not see it";
        if (!request.commitMetadata) {
            return "> [!NOTE]\n> Not committed (`commit-metadata: false`): " + workspaceOnly
                    + ". Set `commit-metadata: true` to commit `metadata.json` back to the branch.\n";
        }
        Path metadata = result.increment().metadataFile();
        String message = "Record deployment of " + result.increment().id() + " to " + result.environment()
                + " [skip ci]\n\nWritten by specweave-deploy so the next environment's job sees this record."
                + (result.record().runUrl() == null ? "" : "\nRun: " + result.record().runUrl());
        MetadataCommitter committer = new MetadataCommitter(project.dir(), MetadataCommitter.GITHUB_ACTIONS_BOT,
                "origin", COMMIT_ATTEMPTS);
        MetadataCommitter.Result commit;
        commands.info("::group::Committing " + project.dir().relativize(metadata) + " back");
        try {
            commit = committer.commitAndPush(List.of(metadata), message, GitHubEvent.commitBranch(env),
                    () -> SyncService.rewrite(project, result));
        } finally {
            commands.info("::endgroup::");
        }
        gitDir(project.dir()).ifPresent(written::add);
        return switch (commit.outcome()) {
            case PUSHED -> {
                commands.notice(TITLE, "Committed " + result.increment().id() + "/metadata.json to "
                        + commit.branch() + " (" + commit.commit() + ")" + (commit.attempts() > 1
                        ? " after " + commit.attempts() + " attempts" : ""));
                yield "> [!NOTE]\n> Committed `metadata.json` to `" + commit.branch() + "` (" + commit.commit()
                        + ").\n";
            }
            case NOTHING_TO_COMMIT -> "> [!NOTE]\n> `metadata.json` on `" + commit.branch()
                    + "` already holds this record.\n";
            default -> {
                String why = switch (commit.outcome()) {
                    case REJECTED -> "the push to " + commit.branch() + " was rejected (a protected branch, or a "
                            + "token without contents: write)";
                    case CONFLICT -> "another job changed the same metadata.json on " + commit.branch();
                    case GAVE_UP -> commit.branch() + " kept moving through " + commit.attempts() + " attempts";
                    case NO_BRANCH -> "no branch to commit to (detached HEAD)";
                    case NO_GIT -> "there is no git command to run";
                    default -> "the workspace is not a git checkout";
                };
                // A tracker's item carries a copy of the record (not the local provider's): point there.
                String where = result.profile().provider() == io.specweave.deploy.config.Provider.LOCAL ? workspaceOnly
                        : "the record is in this run's workspace and on the tracking item, where later jobs read it "
                                + "with `specweave-deploy status --refresh` or `sync --refresh` (promotion gates "
                                + "refresh the previous environment by themselves)";
                commands.warning(TITLE, "commit-metadata: " + why + "; " + where
                        + (commit.detail().isBlank() ? "" : ". git said: " + commit.detail()));
                yield "> [!WARNING]\n> `commit-metadata`: " + MarkdownStatusRenderer.inline(why) + "; "
                        + where + ".\n";
            }
        };
    }

    private Report status(Project project, ActionRequest request, ActionCommands more) {
        if (request.refresh) {
            refresh(project, more.trackers(), project.increments().resolve(request.increment));
        }
        PipelineStatus status = new StatusService(project).status(request.increment);
        commands.group("Pipeline status of " + status.id(), new TextStatusRenderer(true).render(status));
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("increment", status.id());
        outputs.put("status", Json.compact(StatusJson.of(status, false)));
        String md = "## " + TITLE + ": " + MarkdownStatusRenderer.inline(status.id()) + "\n\n"
                + new MarkdownStatusRenderer().render(status, request.environment);
        return new Report(outputs, md);
    }

    /** {@code refresh}: reads the other environments' records from their tracking items first. */
    private void refresh(Project project, TrackerFactory trackers, Increment increment) {
        List<RefreshService.EnvironmentRefresh> report = new RefreshService(trackers).refresh(project, increment);
        StringBuilder lines = new StringBuilder();
        for (RefreshService.EnvironmentRefresh line : report) {
            if (line.outcome() != RefreshService.Outcome.LOCAL) {
                lines.append(line.environment()).append(" (").append(line.profile()).append("): ")
                        .append(line.message()).append('\n');
            }
        }
        commands.group("Refreshed " + increment.id() + " from its tracking items",
                lines.length() == 0 ? "nothing to read: no profile has a tracking item elsewhere" : lines.toString());
    }

    private void summary(Map<String, String> env, String markdown) {
        Path file = file(env, "GITHUB_STEP_SUMMARY");
        if (file == null) {
            return;
        }
        long existing = 0;
        try {
            existing = Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            existing = 0;
        }
        int budget = (int) Math.max(1024, MarkdownStatusRenderer.DEFAULT_MAX_BYTES - existing);
        try {
            FileCommands.append(file, MarkdownStatusRenderer.truncate(commands.redact(markdown), budget));
        } catch (UncheckedIOException e) {
            commands.warning(TITLE, "no step summary: " + e.getMessage());
        }
    }

    private static Path projectDir(Map<String, String> env, ActionRequest request) {
        String base = env.get("GITHUB_WORKSPACE");
        Path workspace = Path.of(base == null || base.isBlank() ? "." : base).toAbsolutePath().normalize();
        Path dir;
        try {
            dir = workspace.resolve(request.workingDirectory).normalize();
        } catch (InvalidPathException e) {
            throw new InputException("working-directory", "\"" + request.workingDirectory + "\" is not a path", e);
        }
        if (!Files.isDirectory(dir)) {
            throw new InputException("working-directory", "\"" + request.workingDirectory + "\" is not a folder ("
                    + dir + ", resolved against GITHUB_WORKSPACE)");
        }
        if (!Files.isDirectory(dir.resolve(".specweave"))) {
            throw new InputException("working-directory", "expected the folder holding .specweave, but " + dir
                    + " has no .specweave folder; point working-directory at the project (default: the workspace)");
        }
        return dir;
    }

    private static Optional<Path> gitDir(Path from) {
        for (Path p = from.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(".git"))) {
                return Optional.of(p.resolve(".git"));
            }
        }
        return Optional.empty();
    }

    private static Path file(Map<String, String> env, String variable) {
        String value = env.get(variable);
        return value == null || value.isBlank() ? null : Path.of(value);
    }
}
