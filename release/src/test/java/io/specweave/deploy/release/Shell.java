package io.specweave.deploy.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command as the release workflow would: in a folder, with a given environment, to its end. */
final class Shell {

    /** What a command did. */
    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Path dir;
    private final Map<String, String> env = new LinkedHashMap<>();

    /**
     * A shell in {@code dir} whose git knows no user or system configuration (no signing, no hooks,
     * no default branch of this machine) and commits as a fixed identity.
     */
    Shell(Path dir, Path home) {
        this.dir = dir;
        env.put("HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", home.resolve(".gitconfig").toString());
        env.put("GIT_AUTHOR_NAME", "Release Test");
        env.put("GIT_AUTHOR_EMAIL", "release-test@example.invalid");
        env.put("GIT_COMMITTER_NAME", "Release Test");
        env.put("GIT_COMMITTER_EMAIL", "release-test@example.invalid");
    }

    Shell env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Shell in(Path other) {
        Shell shell = new Shell(other, Path.of(env.get("HOME")));
        shell.env.putAll(env);
        return shell;
    }

    Run run(String... command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        try {
            Path out = Files.createTempFile("shell", ".out");
            Path err = Files.createTempFile("shell", ".err");
            try {
                pb.redirectOutput(out.toFile()).redirectError(err.toFile());
                Process p = pb.start();
                p.getOutputStream().close();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("timed out: " + String.join(" ", command));
                }
                return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs a command that must succeed; its standard output. */
    String ok(String... command) {
        Run run = run(command);
        if (run.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + run);
        }
        return run.out();
    }

    static String[] concat(String first, String... rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }
}
