package io.specweave.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.tracker.RecordCopy;
import io.specweave.deploy.tracker.RecordLookup;
import io.specweave.deploy.tracker.Tracker;
import io.specweave.deploy.app.TrackerFactory;
import io.specweave.deploy.tracker.TrackingRef;
import io.specweave.deploy.tracker.TrackingRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status --refresh} and a {@code requirePrevious} gate through the command line, in two
 * fresh clones of one bare repository standing in for two CI jobs. The tracker is a stateful
 * stand-in for the GitHub issues that both jobs share: it keeps the record copy of each item as
 * the real trackers do ({@link RecordCopy}); the real trackers' copies are tested against their
 * fakes in core.
 */
class RefreshAcrossJobsCommandTest {

    private static final String TOKEN = "fake-token-refreshTestToken0000000001";

    @TempDir
    Path root;

    Path origin;
    int clones;
    /** The shared tracker's items: environment → envelope JSON, as an item body would hold it. */
    final Map<String, String> items = new ConcurrentHashMap<>();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /** Keeps the copy per environment; needs the token, as a real tracker would. */
    final class SharedItems implements Tracker {
        private final boolean authorized;

        SharedItems(boolean authorized) {
            this.authorized = authorized;
        }

        @Override
        public TrackingRef upsert(TrackingRequest request) {
            check();
            String environment = request.environment();
            boolean created = !items.containsKey(environment);
            items.put(environment, RecordCopy.hiddenComment(RecordCopy.envelope(request.increment().id(), environment,
                    request.record().toNode(), 20_000)));
            return new TrackingRef(Provider.GITHUB, 7, null, "https://github.example/acme/deploys/issues/7", created, true,
                    List.of());
        }

        @Override
        public java.util.Optional<ObjectNode> readRecord(RecordLookup lookup) {
            check();
            return RecordCopy.fromHiddenComment(items.get(lookup.environment()), lookup.increment().id(),
                    lookup.environment());
        }

        private void check() {
            if (!authorized) {
                // As the real tracker does: a missing token is bad input, the job cannot reach that tracker.
                throw new io.specweave.deploy.BadInputException("no GitHub token: set GITHUB_TOKEN");
            }
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        Path seed = Files.createDirectories(root.resolve("seed"));
        write(seed, ".specweave/config.json", """
                { "sync": { "profiles": {
                    "github-dev": { "provider": "github", "environment": "dev", "config": { "owner": "acme", "repo": "deploys" } },
                    "github-qa": { "provider": "github", "environment": "qa", "config": { "owner": "acme", "repo": "deploys" } } } },
                  "deployment": { "pipeline": ["dev", "qa", "prod"], "promotion": { "requirePrevious": true } } }
                """);
        write(seed, ".specweave/increments/0018-oauth-google/spec.md", "# Sign in with Google\n\nGoogle accounts.\n");
        write(seed, ".specweave/increments/0018-oauth-google/metadata.json",
                "{ \"id\": \"0018-oauth-google\", \"status\": \"active\" }\n");
        git(seed, "init", "-q");
        git(seed, "add", "-A");
        git(seed, "commit", "-q", "-m", "project");
        origin = root.resolve("origin.git");
        git(root, "clone", "-q", "--bare", seed.toString(), origin.toString());
    }

    @Test
    void statusRefreshInAFreshCloneSeesDevAndTheQaGatePasses() {
        Path first = job();
        assertThat(run(first, true, "sync", "0018", "--environment", "dev", "--deployed", "--commit", "abc1234def",
                "--no-health-check")).as(err.toString()).isZero();

        Path second = job();
        assertThat(run(second, true, "status", "0018", "--refresh")).as(err.toString()).isZero();
        assertThat(err.toString()).contains("refresh dev (github-dev): took the tracker's newer record");
        assertThat(out.toString()).contains("dev").contains("abc1234");
        assertThat(metadata(second)).contains("\"dev\"", "abc1234def");

        assertThat(run(second, true, "sync", "0018", "--environment", "qa", "--deployed", "--commit", "abc1234def",
                "--no-health-check")).as(err.toString()).isZero();
        assertThat(out.toString() + err.toString()).doesNotContain(TOKEN);
    }

    @Test
    void copyRemovedByHandIsReportedAndTheQaGateRefusesSayingWhy() {
        Path first = job();
        assertThat(run(first, true, "sync", "0018", "--environment", "dev", "--deployed", "--commit", "abc1234def",
                "--no-health-check")).isZero();
        items.put("dev", "Someone rewrote the issue body by hand.");

        Path second = job();
        assertThat(run(second, true, "status", "0018", "--refresh")).isZero();
        assertThat(err.toString()).contains("refresh dev (github-dev): the github item holds no record of dev");

        int code = run(second, true, "sync", "0018", "--environment", "qa", "--deployed", "--commit", "abc1234def",
                "--no-health-check");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("requirePrevious: dev (the environment before qa) has no deployment",
                "the record of dev could not be refreshed from its tracking item");
    }

    @Test
    void statusRefreshWithoutTheDevCredentialsSaysNotReachableAndExitsZero() {
        Path first = job();
        assertThat(run(first, true, "sync", "0018", "--environment", "dev", "--deployed", "--commit", "abc1234def",
                "--no-health-check")).isZero();

        Path second = job();
        assertThat(run(second, false, "status", "0018", "--refresh")).isZero();
        assertThat(err.toString()).contains("refresh dev (github-dev): not reachable from here", "GITHUB_TOKEN");
    }

    private int run(Path dir, boolean authorized, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--dir", dir.toString()));
        Map<String, String> env = authorized ? Map.of("GITHUB_TOKEN", TOKEN) : Map.of();
        CliRuntime runtime = new CliRuntime(env, new PrintWriter(out, true), new PrintWriter(err, true),
                Clock.systemUTC(), credentials -> new TrackerFactory(credentials)
                        .register(Provider.GITHUB, (profile, c) -> new SharedItems(authorized)));
        return SpecweaveDeploy.run(runtime, all.toArray(String[]::new));
    }

    private Path job() {
        Path dir = root.resolve("job-" + (++clones));
        git(root, "clone", "-q", origin.toString(), dir.toString());
        return dir;
    }

    private static String metadata(Path job) {
        try {
            return Files.readString(job.resolve(".specweave/increments/0018-oauth-google/metadata.json"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void write(Path dir, String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Test Dev", "-c",
                "user.email=dev@example.com", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false",
                "-C", dir.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("git " + String.join(" ", args) + ": " + output).isZero();
            return output.strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run git: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
