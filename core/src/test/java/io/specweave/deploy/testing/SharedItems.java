package io.specweave.deploy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.app.TrackerFactory;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.tracker.RecordCopy;
import io.specweave.deploy.tracker.RecordLookup;
import io.specweave.deploy.tracker.Tracker;
import io.specweave.deploy.tracker.TrackingRef;
import io.specweave.deploy.tracker.TrackingRequest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * GitHub issues that several CI jobs share, one per environment, standing in for the real tracker
 * across fresh checkouts: each keeps the record copy in its body as the real trackers do (the
 * environment's whole node, {@link TrackingRequest#recordCopyNode()}). The real trackers' copies are
 * tested against their vendors' recorded responses.
 */
public final class SharedItems {

    /** Environment → item body. */
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final Map<String, Integer> numbers = new ConcurrentHashMap<>();

    /** The trackers a job builds: GitHub profiles get these items, once the job has a token. */
    public Function<Credentials, TrackerFactory> trackers() {
        return credentials -> new TrackerFactory(credentials).register(Provider.GITHUB, (profile, c) -> tracker(
                c.find(java.util.List.of("GITHUB_TOKEN")).isPresent()));
    }

    /** The record copy an environment's item holds now; empty when there is no item or copy. */
    public Optional<ObjectNode> copy(String incrementId, String environment) {
        return RecordCopy.fromHiddenComment(bodies.get(environment), incrementId, environment);
    }

    /** The copy's field at {@code pointer} ({@code /canary/weight}), as text; "" when absent. */
    public String copyAt(String incrementId, String environment, String pointer) {
        JsonNode node = copy(incrementId, environment).map(c -> (JsonNode) c).orElse(Json.mapper().missingNode());
        return node.at(pointer).asText("");
    }

    private Tracker tracker(boolean authorized) {
        return new Tracker() {
            @Override
            public TrackingRef upsert(TrackingRequest request) {
                check(authorized);
                String environment = request.environment();
                boolean created = !bodies.containsKey(environment);
                int number = numbers.computeIfAbsent(environment, e -> numbers.size() + 1);
                bodies.put(environment, RecordCopy.hiddenComment(RecordCopy.envelope(request.increment().id(),
                        environment, request.recordCopyNode(), 60_000)));
                return new TrackingRef(Provider.GITHUB, number, null, "https://github.example/acme/deploys/issues/"
                        + number, created, true, java.util.List.of());
            }

            @Override
            public Optional<ObjectNode> readRecord(RecordLookup lookup) {
                check(authorized);
                return copy(lookup.increment().id(), lookup.environment());
            }
        };
    }

    private static void check(boolean authorized) {
        if (!authorized) {
            throw new OperationFailedException("no GitHub token: set GITHUB_TOKEN");
        }
    }
}
