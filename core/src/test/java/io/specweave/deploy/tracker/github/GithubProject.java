package io.specweave.deploy.tracker.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.app.Request;
import io.specweave.deploy.app.ChangeOutcome;
import io.specweave.deploy.app.Host;
import io.specweave.deploy.app.Operations;
import io.specweave.deploy.http.HttpSettings;
import io.specweave.deploy.app.TrackerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A temporary {@code .specweave} project whose profiles point at a {@link FakeGithub}: increment
 * 0018 with a spec, profiles {@code github-qa} and {@code github-prod} on {@code acme/app-deploy},
 * and a sync helper that runs {@link SyncService} as the CLI does, with waits recorded instead of
 * slept.
 */
final class GithubProject {

    static final String OWNER = "acme";
    static final String REPO = "app-deploy";
    static final String INCREMENT = "0018-oauth-google";
    static final HttpSettings FAST = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 4,
            Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(90));

    final Path dir;
    final FakeGithub github;
    final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> env = new HashMap<>();

    GithubProject(Path dir, FakeGithub github) {
        this(dir, github, "");
    }

    /** {@code qaExtra}: more JSON members for the github-qa profile, e.g. {@code "githubDeployment": true}. */
    GithubProject(Path dir, FakeGithub github, String qaExtra) {
        this.dir = dir;
        this.github = github;
        env.put("GITHUB_TOKEN", FakeGithub.TOKEN);
        env.put("GITHUB_API_URL", github.apiUrl());
        write(".specweave/config.json", """
                {
                  "sync": {
                    "defaultProfile": "github-qa",
                    "profiles": {
                      "github-qa": { "provider": "github", "displayName": "QA",
                        "config": { "owner": "%s", "repo": "%s" },
                        "environment": "qa", "deploymentUrl": "https://qa.shop.example"%s },
                      "github-prod": { "provider": "github", "displayName": "Production",
                        "config": { "owner": "%s", "repo": "%s" },
                        "environment": "prod", "deploymentUrl": "https://shop.example" }
                    }
                  },
                  "deployment": { "pipeline": ["dev", "qa", "prod"], "refresh": "never" }
                }
                """.formatted(OWNER, REPO, qaExtra.isEmpty() ? "" : ", " + qaExtra, OWNER, REPO));
        write(".specweave/increments/" + INCREMENT + "/spec.md", """
                ---
                title: "Sign in with Google"
                status: active
                ---

                # Sign in with Google

                Shoppers sign in with their Google account instead of a password.

                ## User Stories
                """);
        write(".specweave/increments/" + INCREMENT + "/metadata.json", """
                {
                  "id": "0018-oauth-google",
                  "status": "active",
                  "created": "2026-11-02T08:00:00.000Z"
                }
                """);
    }

    /** Replaces the config file. */
    GithubProject config(String json) {
        write(".specweave/config.json", json);
        return this;
    }

    void write(String relative, String text) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ObjectNode metadata() {
        try {
            return (ObjectNode) Json.mapper().readTree(dir.resolve(".specweave/increments/" + INCREMENT + "/metadata.json")
                    .toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void metadata(JsonNode node) {
        write(".specweave/increments/" + INCREMENT + "/metadata.json", Json.pretty(node) + "\n");
    }

    String metadataText() {
        try {
            return Files.readString(dir.resolve(".specweave/increments/" + INCREMENT + "/metadata.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TrackerFactory trackers() {
        return new TrackerFactory(new Credentials(env)).register(Provider.GITHUB,
                (profile, credentials) -> new GithubTracker(profile, credentials, FAST, waits::add, Clock.systemUTC()));
    }

    /** A deployed sync of {@code commit} from run {@code run} with the default profile (github-qa). */
    ChangeOutcome<?> deploy(String commit, int run) {
        return sync("github-qa", commit, run, Request.Outcome.DEPLOYED);
    }

    ChangeOutcome<?> sync(String profile, String commit, int run, Request.Outcome outcome) {
        return sync(profile, commit, run, outcome, b -> b);
    }

    /** A sync as {@link #sync(String, String, int, Request.Outcome)}, with {@code more} of the request set. */
    ChangeOutcome<?> sync(String profile, String commit, int run, Request.Outcome outcome,
            java.util.function.UnaryOperator<Request.Builder> more) {
        CiContext ci = new CiContext("github-actions", commit, "main", null, "octocat",
                "https://github.example/acme/shop/actions/runs/" + run, "https://github.example/acme/shop");
        Host host = new Host(env, Clock.systemUTC(), c -> trackers(), d -> { }, null, null, (e, d) -> ci, null);
        ChangeOutcome<?> done = new Operations(host).sync(more.apply(Request.builder(dir).increment("0018")
                .profile(profile).outcome(outcome).healthCheck(false)).build());
        if (done.result() == ChangeOutcome.Result.RECORDED_TRACKER_FAILED) {
            // A tracker test asks what the tracker did: its failure is the test's subject.
            throw new io.specweave.deploy.OperationFailedException(done.problem());
        }
        return done;
    }

    /** A rollback of github-qa to what ran before, from run {@code run}. */
    ChangeOutcome<?> rollback(int run) {
        return rollback(run, "checkout broken");
    }

    /** A rollback of github-qa to what ran before, from run {@code run}, for {@code reason}. */
    ChangeOutcome<?> rollback(int run, String reason) {
        CiContext ci = new CiContext("github-actions", null, "main", null, "octocat",
                "https://github.example/acme/shop/actions/runs/" + run, "https://github.example/acme/shop");
        Host host = new Host(env, Clock.systemUTC(), c -> trackers(), d -> { }, null, null, (e, d) -> ci, null);
        return new Operations(host).rollback(Request.builder(dir).increment("0018").profile("github-qa")
                .healthCheck(false).reason(reason).build());
    }

    /** A deployed sync of {@code commit} whose health check asks {@code url}. */
    ChangeOutcome<?> deployChecked(String commit, int run, String url) {
        CiContext ci = new CiContext("github-actions", commit, "main", null, "octocat",
                "https://github.example/acme/shop/actions/runs/" + run, "https://github.example/acme/shop");
        Host host = new Host(env, Clock.systemUTC(), c -> trackers(), d -> { }, null, null, (e, d) -> ci, null);
        return new Operations(host).sync(Request.builder(dir).increment("0018").profile("github-qa")
                .deploymentUrl(url).build());
    }

    /** A full 40-digit SHA made of {@code seed}. */
    static String sha(int seed) {
        return String.format("%040x", seed * 7919L + 0xabcdefL);
    }
}
