package io.specweave.deploy.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.http.Sleeper;
import io.specweave.deploy.tracker.TrackingRef;
import io.specweave.deploy.tracker.TrackingRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * {@link Operations} as a test runs them: a clock the test moves, the trackers it chooses, waits
 * recorded instead of slept, and the CI's facts fixed (so nothing is read from the machine's git or
 * environment). Each {@link #operations()} call builds them from the current settings; the clock is
 * shared, so moving it moves every later run.
 */
public final class TestOperations {

    private final MutableClock clock;
    private final Map<String, String> env = new HashMap<>();
    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private Function<Credentials, TrackerFactory> trackers = TrackerFactory::new;
    private Sleeper sleeper = waits::add;
    private CiContext ci = CiContext.none();
    private BooleanSupplier stop;
    private Progress progress;

    private TestOperations(Instant start) {
        clock = new MutableClock(start);
    }

    /** Operations whose clock says {@code instant} (ISO-8601) until the test moves it. */
    public static TestOperations at(String instant) {
        return new TestOperations(Instant.parse(instant));
    }

    /** Environment variables of the run: credentials, mostly. */
    public TestOperations env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public TestOperations env(Map<String, String> variables) {
        env.putAll(variables);
        return this;
    }

    /** How trackers are built from the run's credentials; by default only the local provider has one. */
    public TestOperations trackers(Function<Credentials, TrackerFactory> value) {
        trackers = value;
        return this;
    }

    /** Every upsert of a local-provider profile is added to {@code requests}; the item is the record itself. */
    public TestOperations recordingTrackers(List<TrackingRequest> requests) {
        return trackers(credentials -> recording(credentials, requests));
    }

    /** A factory whose local-provider tracker keeps every request it gets in {@code requests}. */
    public static TrackerFactory recording(Credentials credentials, List<TrackingRequest> requests) {
        return new TrackerFactory(credentials).register(Provider.LOCAL, (profile, c) -> request -> {
            requests.add(request);
            return new TrackingRef(Provider.LOCAL, null, request.increment().id() + "/" + request.environment(),
                    null, false, true, null);
        });
    }

    /** How the run waits; by default every wait is recorded ({@link #waits()}) and returns at once. */
    public TestOperations sleeper(Sleeper value) {
        sleeper = value;
        return this;
    }

    /** The run's facts as the CI would tell them. */
    public TestOperations ci(CiContext value) {
        ci = value;
        return this;
    }

    public TestOperations stop(BooleanSupplier value) {
        stop = value;
        return this;
    }

    public TestOperations progress(Progress value) {
        progress = value;
        return this;
    }

    public Operations operations() {
        return new Operations(host());
    }

    public Host host() {
        CiContext facts = ci;
        return new Host(env, clock, trackers, sleeper, progress, stop, (variables, dir) -> facts, null);
    }

    public MutableClock clock() {
        return clock;
    }

    /** Moves the clock forward. */
    public TestOperations advance(Duration by) {
        clock.advance(by);
        return this;
    }

    /** Sets the clock to {@code instant} (ISO-8601). */
    public TestOperations now(String instant) {
        clock.set(Instant.parse(instant));
        return this;
    }

    /** The waits the default sleeper was asked for, in order. */
    public List<Duration> waits() {
        return waits;
    }

    /** A request for the project in {@code dir}, increment 0018. */
    public static Request.Builder request(Path dir) {
        return Request.builder(dir).increment("0018");
    }

    /** {@code deployments.<environment>} of the increment's metadata.json as stored. */
    public static JsonNode deployment(Path dir, String incrementId, String environment) {
        return metadata(dir, incrementId).path("deployments").path(environment);
    }

    /** The increment's metadata.json as stored. */
    public static JsonNode metadata(Path dir, String incrementId) {
        try {
            return Json.mapper().readTree(dir.resolve(".specweave/increments/" + incrementId + "/metadata.json")
                    .toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A clock tests move by hand. */
    public static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        public void advance(Duration by) {
            now = now.plus(by);
        }

        public void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
