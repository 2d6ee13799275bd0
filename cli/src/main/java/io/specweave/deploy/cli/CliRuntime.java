package io.specweave.deploy.cli;

import io.specweave.deploy.app.Host;
import io.specweave.deploy.app.Progress;
import io.specweave.deploy.app.TrackerFactory;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.http.Sleeper;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.function.BooleanSupplier;
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

    /** Core's view of this process for one command. */
    Host host(Progress progress, Sleeper sleeper, BooleanSupplier stop) {
        return new Host(env, clock, trackers, sleeper, progress, stop, null);
    }

    Host host() {
        return host(Progress.NONE, Sleeper.system(), null);
    }

    /**
     * ANSI colours: not with {@link #plain()}; on for a terminal, in GitHub Actions' log (which shows
     * them) or with {@code FORCE_COLOR}; off when output goes to a file or a pipe.
     */
    public boolean colour() {
        if (plain()) {
            return false;
        }
        return env.containsKey("FORCE_COLOR") || "true".equals(env.get("GITHUB_ACTIONS")) || System.console() != null;
    }

    /**
     * A person watching a terminal, who gets progress rewritten in place: a console, and not a CI
     * log ({@code CI=true}, GitHub Actions, Jenkins), whose viewers show every {@code \r} as a new line.
     */
    public boolean interactive() {
        return System.console() != null && !"true".equalsIgnoreCase(env.get("CI"))
                && !"true".equals(env.get("GITHUB_ACTIONS")) && !env.containsKey("JENKINS_URL");
    }

    /** Emoji off when NO_COLOR is set (https://no-color.org) or the terminal is dumb. */
    public boolean plain() {
        return env.containsKey("NO_COLOR") || "dumb".equals(env.get("TERM"));
    }

    /**
     * UTF-8 whatever the locale: a CI container often has none (POSIX), and the JVM would then print
     * every arrow, dash and emoji as '?', while CI logs and terminals today read UTF-8.
     */
    private static PrintWriter utf8(java.io.PrintStream stream) {
        return new PrintWriter(new java.io.OutputStreamWriter(stream, java.nio.charset.StandardCharsets.UTF_8), true);
    }
}
