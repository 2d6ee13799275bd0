package io.specweave.deploy.app;

import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.ci.CiDetector;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.health.HealthChecker;
import io.specweave.deploy.http.HttpSettings;
import io.specweave.deploy.http.ProxySettings;
import io.specweave.deploy.http.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What an operation may touch of the process it runs in, passed in so every front end (and every
 * test) runs the same operations: the environment variables (credentials and the CI's facts), the
 * clock, how trackers are built, how to wait, where progress goes and when to stop early.
 *
 * @param env      the environment variables: credentials are read from here, the CI's facts too
 * @param clock    the time deployments are recorded at
 * @param trackers builds the trackers from the credentials
 * @param sleeper  how to wait between polls and retries
 * @param progress where a running operation reports what it sees
 * @param stop     true once the operation should end with what it saw (Ctrl-C, a cancelled job)
 * @param ci       reads the run's facts (commit, branch, actor, run link) for a project folder
 * @param debug    where the lines of a user's debug output go (how the config was read: profiles no
 *                 operation uses, earlier shapes); nowhere unless the user asked for them
 */
public record Host(Map<String, String> env, Clock clock, Function<Credentials, TrackerFactory> trackers,
        Sleeper sleeper, Progress progress, BooleanSupplier stop, BiFunction<Map<String, String>, Path, CiContext> ci,
        Consumer<String> debug) {

    public Host {
        env = Map.copyOf(env);
        progress = progress == null ? Progress.NONE : progress;
        stop = stop == null ? () -> false : stop;
        ci = ci == null ? (variables, dir) -> new CiDetector(variables, dir).detect() : ci;
        debug = debug == null ? line -> { } : debug;
    }

    /** The real process: its environment, the system clock, the shipped trackers, real waits. */
    public static Host system(Map<String, String> env, Progress progress, BooleanSupplier stop) {
        return new Host(env, Clock.systemUTC(), TrackerFactory::standard, Sleeper.system(), progress, stop, null, null);
    }

    /** A front end's process: {@code stop} (may be null) ends waits early and asks long runs to end. */
    public static Host of(Map<String, String> env, Clock clock, Function<Credentials, TrackerFactory> trackers,
            Progress progress, StopSignal stop) {
        return new Host(env, clock, trackers, stop == null ? Sleeper.system() : stop.sleeper(), progress,
                stop == null ? null : stop::requested, null, null);
    }

    public Credentials credentials() {
        return new Credentials(env);
    }

    public TrackerFactory trackerFactory() {
        return trackers.apply(credentials()).network(http(), sleeper, clock);
    }

    /** The run's facts for the project in {@code dir}. */
    public CiContext ci(Path dir) {
        return ci.apply(env, dir);
    }

    public HealthChecker healthChecker() {
        return new HealthChecker(http(), sleeper, clock);
    }

    /**
     * How this process talks HTTP: the default bounds, the proxy of the environment variables
     * ({@code HTTPS_PROXY}, {@code HTTP_PROXY}, {@code NO_PROXY}), each wait reported as progress,
     * waits ended by the stop signal.
     */
    public HttpSettings http() {
        return HttpSettings.defaults().withNetwork(ProxySettings.fromEnv(env), progress::waiting, stop);
    }

    /**
     * For a process this tool owns (CLI, Action): lets Java send the Basic credentials of
     * {@code HTTPS_PROXY} on an https tunnel; see {@link ProxySettings#allowBasicForTunnels}. Call
     * before any request.
     */
    public static void allowProxyCredentialsOnTunnels(Map<String, String> env) {
        ProxySettings.allowBasicForTunnels(env);
    }

    /** The proxy credentials {@code env} holds, for a log to mask; none when its proxy setting is unreadable. */
    public static java.util.List<String> proxySecrets(Map<String, String> env) {
        try {
            return ProxySettings.fromEnv(env).secrets();
        } catch (io.specweave.deploy.BadInputException e) {
            return java.util.List.of(); // reported when the operation builds its clients
        }
    }

    /** This host with more environment variables (a front end's credential inputs win over the job's). */
    public Host withEnv(Map<String, String> more) {
        Map<String, String> merged = new java.util.HashMap<>(env);
        merged.putAll(more);
        return new Host(merged, clock, trackers, sleeper, progress, stop, ci, debug);
    }

    /** This host waiting with {@code other} and stopping when {@code when} says so. */
    public Host withWaits(Sleeper other, BooleanSupplier when) {
        return new Host(env, clock, trackers, other, progress, when, ci, debug);
    }

    public Host withProgress(Progress other) {
        return new Host(env, clock, trackers, sleeper, other, stop, ci, debug);
    }

    /** This host with the user's debug output going to {@code lines}; null for none. */
    public Host withDebug(Consumer<String> lines) {
        return new Host(env, clock, trackers, sleeper, progress, stop, ci, lines);
    }
}
