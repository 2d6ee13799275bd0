package io.specweave.deploy.suite;

import io.specweave.deploy.config.SuiteDefinition;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.OperationFailedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs a test suite as a child process: the environment's facts in its environment, its output
 * streamed line by line as it comes, and on timeout its whole process tree stopped (politely,
 * then forcibly), so nothing it started outlives the pipeline step.
 */
public final class SuiteRunner {

    /** Time a stopped tree gets to exit before it is killed. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private final Path projectDir;

    public SuiteRunner(Path projectDir) {
        this.projectDir = projectDir;
    }

    public SuiteRun run(SuiteDefinition suite, Map<String, String> environment, Consumer<String> output) {
        if (!Files.isDirectory(suite.workingDirectory())) {
            throw new BadInputException("test suite " + suite.name() + ": working directory "
                    + suite.workingDirectory() + " does not exist");
        }
        Instant started = Instant.now();
        // What the glob matched before the run: a report left by an earlier step is not this run's.
        Map<Path, List<Object>> before = reports(suite.reports());
        ProcessBuilder builder = new ProcessBuilder(suite.command()).directory(suite.workingDirectory().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new BadInputException("test suite " + suite.name() + ": cannot start " + suite.command().get(0)
                    + ": " + e.getMessage(), e);
        }
        Thread pump = new Thread(() -> pump(process, output), "suite-output-" + suite.name());
        pump.setDaemon(true);
        pump.start();
        boolean finished;
        try {
            finished = process.waitFor(suite.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                stopTree(process);
            }
            pump.join(GRACE.toMillis());
        } catch (InterruptedException e) {
            stopTree(process);
            Thread.currentThread().interrupt();
            throw new OperationFailedException("test suite " + suite.name() + " interrupted; its processes were stopped", e);
        }
        Duration elapsed = Duration.between(started, Instant.now());
        List<Path> reports = reports(suite.reports()).entrySet().stream()
                .filter(e -> !e.getValue().equals(before.get(e.getKey()))).map(Map.Entry::getKey).sorted().toList();
        return new SuiteRun(finished ? process.exitValue() : -1, !finished, elapsed, reports);
    }

    private static void pump(Process process, Consumer<String> output) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.accept(line);
            }
        } catch (IOException e) {
            // The stream closes when the tree is killed; nothing more to show.
        }
    }

    /** TERM to the whole tree (children first), then KILL to whatever is left after the grace period. */
    static void stopTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (ProcessHandle handle : tree) {
            long left = deadline - System.nanoTime();
            try {
                handle.onExit().get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
        // Children started while we were stopping the others.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Files matching the glob (relative to the project folder), each with its modification time and
     * size: a file is the run's when it is new or either changed (a time alone can stay the same on a
     * file system that keeps whole seconds).
     */
    Map<Path, List<Object>> reports(String glob) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        try (Stream<Path> files = Files.walk(projectDir)) {
            Map<Path, List<Object>> found = new HashMap<>();
            files.filter(Files::isRegularFile).filter(p -> matcher.matches(projectDir.relativize(p)))
                    .forEach(p -> found.put(p, stamp(p)));
            return found;
        } catch (IOException e) {
            throw new OperationFailedException("cannot look for test reports " + glob + ": " + e.getMessage(), e);
        }
    }

    private static List<Object> stamp(Path p) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(p, BasicFileAttributes.class);
            return List.of(attributes.lastModifiedTime(), attributes.size());
        } catch (IOException e) {
            return List.of();
        }
    }
}
