package io.specweave.deploy.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.app.TrackerFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Base64;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A temporary runner workspace as GitHub sets it up for a container step: a copy of
 * examples/demo as the checkout, the file-command files, an event payload, and the environment
 * the runner passes ({@code GITHUB_*}, {@code INPUT_*}).
 */
final class ActionWorkspace {

    static final Path DEMO = Path.of("..", "examples", "demo").toAbsolutePath().normalize();
    /** What a sync sets: every output of action.yml but those of the dora, test and monitor commands. */
    static final List<String> SYNC_OUTPUTS = GitHubActionMain.OUTPUTS.stream()
            .filter(o -> !List.of("dora", "test-results", "recommendation", "metrics").contains(o)).toList();
    static final String SHA = "9b1d5f0c2e4a6b8d0f1a3c5e7092b4d6f8a0c2e4";

    final Path root;
    final Path workspace;
    final Path output;
    final Path summary;
    final Path event;
    final Map<String, String> env = new LinkedHashMap<>();

    ActionWorkspace(Path temp) {
        this(temp, true);
    }

    ActionWorkspace(Path temp, boolean copyDemo) {
        this.root = temp;
        this.workspace = temp.resolve("workspace");
        Path fileCommands = temp.resolve("file_commands");
        this.output = fileCommands.resolve("set_output");
        this.summary = fileCommands.resolve("step_summary");
        this.event = temp.resolve("event.json");
        try {
            Files.createDirectories(fileCommands);
            Files.createFile(output);
            Files.createFile(summary);
            Files.writeString(event, "{\"ref\": \"refs/heads/main\", \"repository\": {\"default_branch\": \"main\"}}");
            if (copyDemo) {
                copyTree(DEMO, workspace);
            } else {
                Files.createDirectories(workspace);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("GITHUB_ACTIONS", "true");
        env.put("CI", "true");
        env.put("GITHUB_WORKSPACE", workspace.toString());
        env.put("GITHUB_OUTPUT", output.toString());
        env.put("GITHUB_STEP_SUMMARY", summary.toString());
        env.put("GITHUB_EVENT_PATH", event.toString());
        env.put("GITHUB_EVENT_NAME", "push");
        env.put("GITHUB_SHA", SHA);
        env.put("GITHUB_REF", "refs/heads/main");
        env.put("GITHUB_REF_NAME", "main");
        env.put("GITHUB_REF_TYPE", "branch");
        env.put("GITHUB_REPOSITORY", "demo-shop/demo-shop");
        env.put("GITHUB_RUN_ID", "4242");
        env.put("GITHUB_SERVER_URL", "https://github.com");
        env.put("GITHUB_ACTOR", "octocat");
        env.putAll(STEP_DEFAULTS);
    }

    /**
     * The workflow's next step on this workspace: only the runner's defaults and {@code command},
     * as a step's own {@code with:} holds nothing of the step before it.
     */
    ActionWorkspace step(String command) {
        env.keySet().removeIf(key -> key.startsWith("INPUT_"));
        env.putAll(STEP_DEFAULTS);
        healthCheckSet = false;
        env.put("INPUT_COMMAND", command);
        return this;
    }

    /**
     * What the runner sets when a workflow passes nothing else: every default action.yml declares
     * (a test checks that ActionInput's fallbacks are those), as INPUT_* variables.
     */
    private static final Map<String, String> STEP_DEFAULTS = stepDefaults();

    private static Map<String, String> stepDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        ActionInput.ALL.stream().filter(i -> i.fallback() != null).forEach(i -> defaults.put(i.variable(), i.fallback()));
        return Map.copyOf(defaults);
    }

    private static final String HEALTH_CHECK = "INPUT_HEALTH-CHECK";
    /** Whether the test set health-check itself; else a command that reads it gets false. */
    private boolean healthCheckSet;

    ActionWorkspace input(String name, String value) {
        String variable = "INPUT_" + name.toUpperCase(java.util.Locale.ROOT).replace(' ', '_');
        healthCheckSet |= variable.equals(HEALTH_CHECK);
        env.put(variable, value);
        return this;
    }

    /** One in-process run's result. */
    record Run(int exitCode, String stdout) {
        List<String> lines() {
            return stdout.lines().toList();
        }
    }

    Run run() {
        return run(Trackers::standard);
    }

    /**
     * A step that names neither its profile nor its environment records the demo's first one, dev,
     * as a workflow's dev job would name it ({@code sync.defaultProfile} is SpecWeave's and chooses
     * nothing); a test that wants neither sets {@code environment} to the empty string. A command
     * that reads no environment (status, dora) gets none.
     */
    Run run(Function<Credentials, TrackerFactory> trackers) {
        Map<String, String> step = new LinkedHashMap<>(env);
        boolean readsEnvironment = java.util.Arrays.stream(io.specweave.deploy.Command.values())
                .filter(c -> c.word().equals(step.getOrDefault("INPUT_COMMAND", "sync").strip()))
                .allMatch(c -> c.reads(io.specweave.deploy.Input.ENVIRONMENT));
        if (readsEnvironment && !step.containsKey("INPUT_PROFILE")) {
            step.putIfAbsent("INPUT_ENVIRONMENT", "dev");
        }
        return run(step, trackers);
    }

    Run run(Map<String, String> environment, Function<Credentials, TrackerFactory> trackers) {
        Map<String, String> step = environment;
        // The runner's default is "true"; the demo's deploymentUrls are fake hosts, so checks stay off
        // unless a test turns them on against a loopback server.
        if (!healthCheckSet && java.util.Arrays.stream(io.specweave.deploy.Command.values())
                .filter(c -> c.word().equals(environment.getOrDefault("INPUT_COMMAND", "sync").strip()))
                .anyMatch(c -> c.reads(io.specweave.deploy.Input.HEALTH_CHECK))) {
            step = new LinkedHashMap<>(environment);
            step.put(HEALTH_CHECK, "false");
        }
        StringWriter out = new StringWriter();
        int code = new GitHubActionMain(step, new PrintWriter(out, true),
                Clock.fixed(Instant.parse("2026-11-27T10:15:00Z"), ZoneOffset.UTC), trackers).run();
        return new Run(code, out.toString());
    }

    Map<String, String> outputs() {
        return RunnerFiles.parseOutputs(read(output));
    }

    String summaryText() {
        return read(summary);
    }

    String metadata(String increment) {
        return read(workspace.resolve(".specweave/increments").resolve(increment).resolve("metadata.json"));
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        assertThat(to.resolve(".specweave/config.json")).exists();
    }

    /** The trackers a shipped build offers. */
    static final class Trackers {
        private Trackers() {
        }

        static TrackerFactory standard(Credentials credentials) {
            return new TrackerFactory(credentials);
        }
    }

    /** The project's .specweave files, to show that a refused step wrote nothing. */
    static Map<String, String> snapshot(Path root) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root.resolve(".specweave"))) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
