package io.specweave.deploy.cli;

import io.specweave.deploy.app.TrackerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Runs the CLI in-process or as a separate JVM, and copies the demo project for it. */
final class CliHarness {

    /** What a run printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    private CliHarness() {
    }

    static Run inProcess(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliRuntime runtime = new CliRuntime(env, new PrintWriter(out, true), new PrintWriter(err, true),
                Clock.systemUTC(), TrackerFactory::standard);
        int code = SpecweaveDeploy.run(runtime, args);
        return new Run(code, out.toString(), err.toString());
    }

    /** A new JVM running the CLI from the test classpath, as a pipeline step would. */
    static ProcessBuilder process(Path workDir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SpecweaveDeploy.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        // A clean environment: no CI variables of the machine running the tests leak in.
        builder.environment().keySet().removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("JENKINS")
                || k.startsWith("BUILD_") || k.startsWith("GIT_"));
        return builder;
    }

    static Run runProcess(Path workDir, String... args) {
        try {
            Process p = process(workDir, args).start();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            return new Run(p.waitFor(), new String(out), new String(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Copies examples/demo (the bundled demo project) into {@code target}. */
    static Path copyDemo(Path target) {
        Path demo = locateDemo();
        try (Stream<Path> files = Files.walk(demo)) {
            for (Path source : files.toList()) {
                Path dest = target.resolve(demo.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    static Path locateDemo() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path demo = p.resolve("examples/demo");
            if (Files.isDirectory(demo.resolve(".specweave"))) {
                return demo;
            }
        }
        throw new IllegalStateException("examples/demo not found above " + Path.of("").toAbsolutePath());
    }
}
