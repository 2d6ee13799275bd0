package io.specweave.deploy.ci;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every git process this tool starts, built in one place. A container step runs as root while
 * the mounted workspace belongs to the runner's user, and git refuses a repository owned by
 * another user ("detected dubious ownership") unless {@code safe.directory} names it. So each
 * call trusts exactly the repository it works in, on its own command line: nothing is written to
 * any git configuration, and no other repository becomes trusted.
 */
final class GitCommand {

    private GitCommand() {
    }

    /**
     * {@code git -c safe.directory=<repository> -C <dir> <args>}; the caller redirects and starts it.
     * In the C locale: the push's outcome is read from git's words ("non-fast-forward", "Could not
     * resolve host"), which git translates in a runner or agent set to another language.
     */
    static ProcessBuilder in(Path dir, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        Path root = repositoryRoot(dir);
        if (root != null) {
            command.add("-c");
            command.add("safe.directory=" + safeDirectory(root));
        }
        command.add("-C");
        command.add(dir.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LC_ALL", "C");
        return builder;
    }

    /** Standard output of a short git command, by line; empty when git is missing, fails or hangs. */
    static List<String> lines(Path dir, Duration timeout, String... args) {
        try {
            Process process = in(dir, List.of(args)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            byte[] bytes;
            try (InputStream in = process.getInputStream()) {
                bytes = in.readAllBytes();
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return List.of();
            }
            if (process.exitValue() != 0) {
                return List.of();
            }
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** The nearest folder at or above {@code dir} holding {@code .git} (a folder, or a worktree's file); null if none. */
    static Path repositoryRoot(Path dir) {
        for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return p;
            }
        }
        return null;
    }

    /**
     * The work tree as git compares it with safe.directory: the physical path (git resolves the
     * current folder), with forward slashes on Windows as Git for Windows writes it.
     */
    static String safeDirectory(Path root) {
        Path real;
        try {
            real = root.toRealPath();
        } catch (IOException e) {
            real = root.toAbsolutePath().normalize();
        }
        String text = real.toString();
        return File.separatorChar == '\\' ? text.replace('\\', '/') : text;
    }
}
