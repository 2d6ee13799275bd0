package io.specweave.deploy.cli;

import io.specweave.deploy.app.Host;
import io.specweave.deploy.app.Progress;
import io.specweave.deploy.app.StopSignal;
import io.specweave.deploy.app.TrackerFactory;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.report.ProgressLines;
import io.specweave.deploy.report.Terminal;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a command may touch of the outside world, passed in so tests run commands in-process:
 * environment variables, output streams, the clock and how trackers are built.
 */
public record CliRuntime(
        Map<String, String> env,
        PrintWriter out,
        PrintWriter err,
        Clock clock,
        Function<Credentials, TrackerFactory> trackers) {

    /** The real process: System.getenv, stdout/stderr, the system clock, the built-in trackers. */
    public static CliRuntime system() {
        return new CliRuntime(System.getenv(), utf8(System.out), utf8(System.err),
                Clock.systemUTC(), TrackerFactory::standard);
    }

    /**
     * Core's view of this process for one command; {@code stop} ends waits early on Ctrl-C, may be null.
     * Waits before a retried request go to stderr whatever the command shows, so a run waiting for a
     * rate limit says so and stdout stays the command's output.
     */
    Host host(Progress progress, StopSignal stop) {
        return Host.of(env, clock, trackers, ProgressLines.withWaitsTo(progress, lines(err)), stop);
    }

    /** Prints each line whole and at once, whichever thread reports it. */
    static Consumer<String> lines(PrintWriter writer) {
        return line -> {
            synchronized (writer) {
                writer.println(line);
                writer.flush();
            }
        };
    }

    /** Emoji, colours and progress in place, as the environment and the console say. */
    Terminal terminal() {
        return Terminal.of(env, System.console() != null);
    }

    /**
     * UTF-8 whatever the locale: a CI container often has none (POSIX), and the JVM would then print
     * every arrow, dash and emoji as '?', while CI logs and terminals today read UTF-8.
     */
    private static PrintWriter utf8(java.io.PrintStream stream) {
        return new PrintWriter(new java.io.OutputStreamWriter(stream, java.nio.charset.StandardCharsets.UTF_8), true);
    }
}
