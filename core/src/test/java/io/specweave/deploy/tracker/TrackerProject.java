package io.specweave.deploy.tracker;

import io.specweave.deploy.app.TrackerFactory;
import io.specweave.deploy.app.Project;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.app.SyncRequest;
import io.specweave.deploy.app.SyncResult;
import io.specweave.deploy.app.SyncService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

/**
 * A {@code .specweave} project on disk with increment {@code 0018-oauth-google} and the given sync
 * profiles, synced through the real {@link SyncService} with a test's tracker factory.
 */
public final class TrackerProject {

    public static final String REPOSITORY = "https://github.com/myorg/myapp";

    private final Path dir;
    private final Function<Credentials, TrackerFactory> trackers;
    private final Credentials credentials;
    private Instant now = Instant.parse("2026-11-27T10:00:00Z");

    private TrackerProject(Path dir, Credentials credentials, Function<Credentials, TrackerFactory> trackers) {
        this.dir = dir;
        this.credentials = credentials;
        this.trackers = trackers;
    }

    /** Writes the project: {@code profiles} is the JSON object of {@code sync.profiles}. */
    public static TrackerProject create(Path dir, String profiles, Credentials credentials,
            Function<Credentials, TrackerFactory> trackers) {
        try {
            Path specweave = dir.resolve(".specweave");
            Path increment = specweave.resolve("increments/0018-oauth-google");
            Files.createDirectories(increment);
            Files.writeString(specweave.resolve("config.json"), "{\n  \"sync\": { \"profiles\": " + profiles
                    + " },\n  \"deployment\": { \"pipeline\": [\"dev\", \"qa\", \"prod\"] }\n}\n", StandardCharsets.UTF_8);
            Files.writeString(increment.resolve("spec.md"), "---\ntitle: Sign in with Google\n---\n\n# Sign in with Google\n\n"
                    + "Users sign in with their Google account instead of a password.\n\nSecond paragraph | with a pipe.\n\n"
                    + "## Requirements\n\n- one\n", StandardCharsets.UTF_8);
            Files.writeString(increment.resolve("metadata.json"), "{\n  \"id\": \"0018-oauth-google\",\n"
                    + "  \"status\": \"active\",\n  \"custom\": { \"kept\": true }\n}\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TrackerProject(dir, credentials, trackers);
    }

    public Path dir() {
        return dir;
    }

    public Path metadataFile() {
        return dir.resolve(".specweave/increments/0018-oauth-google/metadata.json");
    }

    /** A deployment of {@code commit} by run {@code run} with the profile; each call is a minute later. */
    public SyncResult sync(String profile, String commit, int run) {
        return sync(profile, commit, run, List.of());
    }

    public SyncResult sync(String profile, String commit, int run, List<String> issueKeys) {
        Instant at;
        synchronized (this) {
            now = now.plusSeconds(60);
            at = now;
        }
        SyncRequest request = new SyncRequest("0018", profile, null, null, SyncRequest.Outcome.DEPLOYED, commit,
                "main", null, "ci-bot", "https://ci.example.com/runs/" + run, null, false, issueKeys,
                SyncRequest.Attachments.NONE, false, false);
        CiContext ci = new CiContext("none", null, null, null, null, null, REPOSITORY);
        return new SyncService(trackers.apply(credentials), Clock.fixed(at, ZoneOffset.UTC))
                .sync(Project.open(dir), request, ci);
    }

    /** Removes the stored tracking link of {@code environment}, as a hand edit or a lost commit would. */
    public void forgetLink(String environment) {
        try {
            String text = Files.readString(metadataFile(), StandardCharsets.UTF_8);
            var root = (com.fasterxml.jackson.databind.node.ObjectNode) io.specweave.deploy.Json.mapper().readTree(text);
            var env = (com.fasterxml.jackson.databind.node.ObjectNode) root.path("deployments").path(environment);
            env.remove(List.of("issueKey", "issueUrl", "workItemId", "workItemUrl", "issueNumber"));
            Files.writeString(metadataFile(), io.specweave.deploy.Json.pretty(root) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the profile's tracker reads back from its item, as {@code --refresh} does. */
    public java.util.Optional<com.fasterxml.jackson.databind.node.ObjectNode> readRecord(String profileName) {
        Project project = Project.open(dir);
        io.specweave.deploy.config.SyncProfile profile = project.config().profile(profileName);
        io.specweave.deploy.increment.Increment increment = project.increments().resolve("0018");
        io.specweave.deploy.model.DeploymentRecord local = io.specweave.deploy.increment.Deployments
                .get(project.metadata(increment).read(), profile.requireEnvironment()).orElse(null);
        return trackers.apply(credentials).forProfile(profile)
                .readRecord(new RecordLookup(project.config(), profile, increment, local));
    }

    public String metadata() {
        try {
            return Files.readString(metadataFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a rollout does after writing metadata.json: the profile's item shows the stored record, with the note. */
    public io.specweave.deploy.tracker.TrackingRef note(String profile, String note) {
        Project project = Project.open(dir);
        var chosen = project.config().resolveProfile(profile, null);
        return io.specweave.deploy.app.TrackingNotes.send(trackers.apply(credentials), project, chosen,
                project.increments().resolve("0018"), chosen.requireEnvironment(), false, note, REPOSITORY);
    }
}
