package io.specweave.deploy.tracker;

import io.specweave.deploy.app.ChangeOutcome;
import io.specweave.deploy.app.Host;
import io.specweave.deploy.app.Operations;
import io.specweave.deploy.app.Project;
import io.specweave.deploy.app.Request;
import io.specweave.deploy.app.TrackerFactory;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.increment.SpecDocument;
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
 * profiles, synced through the real {@link Operations} with a test's tracker factory. Its config says
 * {@code deployment.refresh: never}, so what a test counts is the tracker's own requests; refresh
 * before a change is tested where the pipeline is.
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
                    + " },\n  \"deployment\": { \"pipeline\": [\"dev\", \"qa\", \"prod\"], \"refresh\": \"never\" }\n}\n", StandardCharsets.UTF_8);
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
    public ChangeOutcome<?> sync(String profile, String commit, int run) {
        return sync(profile, commit, run, List.of());
    }

    public ChangeOutcome<?> sync(String profile, String commit, int run, List<String> issueKeys) {
        return sync(profile, commit, run, issueKeys, Request.Outcome.DEPLOYED);
    }

    /** {@link #sync(String, String, int)} of a deployment that is still running or has failed too. */
    public ChangeOutcome<?> sync(String profile, String commit, int run, Request.Outcome state) {
        return sync(profile, commit, run, List.of(), state);
    }

    private ChangeOutcome<?> sync(String profile, String commit, int run, List<String> issueKeys,
            Request.Outcome state) {
        Instant at;
        synchronized (this) {
            now = now.plusSeconds(60);
            at = now;
        }
        CiContext ci = new CiContext("none", null, null, null, null, null, REPOSITORY);
        Host host = new Host(java.util.Map.of(), Clock.fixed(at, ZoneOffset.UTC), c -> trackers.apply(credentials),
                d -> { }, null, null, (env, project) -> ci, null);
        ChangeOutcome<?> outcome = new Operations(host).sync(Request.builder(dir).increment("0018").profile(profile)
                .commit(commit).branch("main").deployedBy("ci-bot").runUrl("https://ci.example.com/runs/" + run)
                .issueKeys(issueKeys).outcome(state).healthCheck(false).build());
        if (outcome.result() == ChangeOutcome.Result.RECORDED_TRACKER_FAILED) {
            // The tracker tests ask what the tracker did: its failure is the test's subject.
            throw new io.specweave.deploy.OperationFailedException(outcome.problem());
        }
        return outcome;
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

    /** Removes the record of {@code environment}, as a fresh checkout without the last commit-back has it. */
    public void forgetRecord(String environment) {
        try {
            String text = Files.readString(metadataFile(), StandardCharsets.UTF_8);
            var root = (com.fasterxml.jackson.databind.node.ObjectNode) io.specweave.deploy.Json.mapper().readTree(text);
            ((com.fasterxml.jackson.databind.node.ObjectNode) root.path("deployments")).remove(environment);
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
    public TrackingRef note(String profile, String note) {
        return send(trackers.apply(credentials), dir, profile, false, note, REPOSITORY);
    }

    /**
     * Upserts the item of {@code profile} from {@code metadata.json} as stored, with {@code note} as its comment,
     * and stores the item's link back, as the pipeline does after a change.
     */
    public static TrackingRef send(TrackerFactory trackers, Path dir, String profile, boolean newDeployment,
            String note, String repositoryUrl) {
        Project project = Project.open(dir);
        var chosen = project.config().resolveProfile(profile, null);
        var increment = project.increments().resolve("0018");
        MetadataDocument document = project.metadata(increment).read();
        var record = Deployments.get(document, chosen.requireEnvironment()).orElseThrow();
        TrackingRef ref = trackers.forProfile(chosen).upsert(new TrackingRequest(project.config(), chosen, increment,
                SpecDocument.read(increment.specFile()), document.status(), record, newDeployment,
                Deployments.all(document), repositoryUrl, List.of(), note,
                document.deployment(chosen.requireEnvironment()).orElse(null)));
        project.metadata(increment).update(doc -> {
            var node = doc.deploymentForUpdate(chosen.requireEnvironment());
            var links = ref.linked(record).toNodeWithoutHistory();
            RecordCopy.LINK_FIELDS.forEach(f -> {
                if (links.hasNonNull(f)) {
                    node.set(f, links.get(f));
                }
            });
            return null;
        });
        return ref;
    }
}
