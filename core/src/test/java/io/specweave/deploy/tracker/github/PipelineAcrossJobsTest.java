package io.specweave.deploy.tracker.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.Message;
import io.specweave.deploy.app.ChangeOutcome;
import io.specweave.deploy.app.Host;
import io.specweave.deploy.app.Operations;
import io.specweave.deploy.app.Request;
import io.specweave.deploy.ci.CiContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two CI jobs of one pipeline, each on its own fresh clone of the project (real git clones of a
 * local bare repository), neither committing {@code metadata.json} back: the first records dev,
 * the second learns of it only through the copy the dev issue carries. Changed with the application
 * layer: a refused gate is the outcome REFUSED (exit 1), and {@code status} with refresh reports
 * each environment in a line.
 */
class PipelineAcrossJobsTest {

    @TempDir
    Path root;

    FakeGithub github;
    GithubProject seed;
    Path origin;
    int clones;

    @BeforeEach
    void setUp() throws IOException {
        github = new FakeGithub().repository(GithubProject.OWNER, GithubProject.REPO);
        seed = new GithubProject(Files.createDirectories(root.resolve("seed")), github);
        seed.config(config(""));
        git(seed.dir, "init", "-q");
        git(seed.dir, "add", "-A");
        git(seed.dir, "commit", "-q", "-m", "project");
        origin = root.resolve("origin.git");
        git(root, "clone", "-q", "--bare", seed.dir.toString(), origin.toString());
    }

    @AfterEach
    void tearDown() {
        github.close();
    }

    /** dev and qa on the fake GitHub; qa needs dev first. {@code devExtra}: more dev profile config. */
    private static String config(String devExtra) {
        return config(devExtra, "");
    }

    private static String config(String devExtra, String deploymentExtra) {
        return """
                {
                  "sync": { "profiles": {
                    "github-dev": { "provider": "github", "environment": "dev",
                      "config": { "owner": "%s", "repo": "%s"%s } },
                    "github-qa": { "provider": "github", "environment": "qa",
                      "config": { "owner": "%s", "repo": "%s" } } } },
                  "deployment": { "pipeline": ["dev", "qa", "prod"], "promotion": { "requirePrevious": true }%s }
                }
                """.formatted(GithubProject.OWNER, GithubProject.REPO, devExtra, GithubProject.OWNER, GithubProject.REPO,
                deploymentExtra);
    }

    /** A CI job's checkout: a fresh clone of the bare repository. */
    private Path job() {
        Path dir = root.resolve("job-" + (++clones));
        git(root, "clone", "-q", origin.toString(), dir.toString());
        return dir;
    }

    private Operations operations(CiContext ci) {
        return new Operations(new Host(seed.env, Clock.systemUTC(), credentials -> seed.trackers(), d -> { }, null,
                null, (env, dir) -> ci, null));
    }

    private ChangeOutcome<?> sync(Path job, String profile, String commit, int run) {
        CiContext ci = new CiContext("github-actions", commit, "main", null, "octocat",
                "https://github.example/acme/shop/actions/runs/" + run, "https://github.example/acme/shop");
        return operations(ci).sync(Request.builder(job).increment("0018").profile(profile).build());
    }

    /** {@code status} with refresh: what it found per environment, one line each. */
    private List<String> refresh(Path job) {
        return operations(CiContext.none()).status(Request.builder(job).increment("0018").refresh(true).dora(false)
                .build()).refreshed().stream().map(Message::toString).toList();
    }

    private static String refusal(ChangeOutcome<?> outcome) {
        assertThat(outcome.result()).isEqualTo(ChangeOutcome.Result.REFUSED);
        assertThat(outcome.exitCode()).isEqualTo(1);
        return outcome.problem().toString();
    }

    private static ObjectNode metadata(Path job) throws IOException {
        return (ObjectNode) Json.mapper().readTree(job.resolve(".specweave/increments/" + GithubProject.INCREMENT
                + "/metadata.json").toFile());
    }

    private ObjectNode devIssue() {
        return github.repo(GithubProject.OWNER, GithubProject.REPO).issues.values().stream()
                .filter(i -> i.path("title").asText().endsWith("dev")).findFirst().orElseThrow();
    }

    @Test
    void secondJobRefreshesDevFromItsIssueAndTheQaGatePasses() throws IOException {
        Path first = job();
        sync(first, "github-dev", GithubProject.sha(1), 1);
        assertThat(git(first, "status", "--porcelain")).as("the first job commits nothing back").isNotEmpty();

        Path second = job();
        assertThat(metadata(second).has("deployments")).as("a fresh clone knows nothing of dev").isFalse();
        assertThat(refresh(second)).containsExactly("dev (github-dev): took the tracker's newer record",
                "qa (github-qa): the github item holds no record of qa (not created yet, or its copy was "
                        + "removed)");
        JsonNode dev = metadata(second).path("deployments").path("dev");
        assertThat(dev.path("commit").asText()).isEqualTo(GithubProject.sha(1));
        assertThat(dev.path("status").asText()).isEqualTo("deployed");
        assertThat(dev.path("issueNumber").asInt()).isEqualTo(devIssue().path("number").asInt());

        ChangeOutcome<?> qa = sync(second, "github-qa", GithubProject.sha(1), 2);
        assertThat(qa.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(qa.record().status().raw()).isEqualTo("deployed");
        assertThat(qa.warnings()).isEmpty();
    }

    @Test
    void theGateRefreshesThePreviousEnvironmentByItselfInAFreshClone() throws IOException {
        sync(job(), "github-dev", GithubProject.sha(1), 1);

        Path second = job();
        ChangeOutcome<?> qa = sync(second, "github-qa", GithubProject.sha(1), 2);
        assertThat(qa.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(qa.record().status().raw()).isEqualTo("deployed");
        assertThat(metadata(second).path("deployments").path("dev").path("commit").asText())
                .isEqualTo(GithubProject.sha(1));
    }

    @Test
    void devIssueEditedByHandLosesItsCopyAndTheGateRefusesSayingWhy() throws IOException {
        sync(job(), "github-dev", GithubProject.sha(1), 1);
        ObjectNode issue = devIssue();
        issue.put("body", issue.path("body").asText().replaceAll("(?s)<!-- specweave-deploy:record .*? -->", ""));

        Path second = job();
        assertThat(refresh(second)).filteredOn(line -> line.startsWith("dev ")).singleElement().asString()
                .contains("holds no record of dev");
        Path third = job();
        assertThat(refusal(sync(third, "github-qa", GithubProject.sha(1), 2)))
                .contains("requirePrevious: dev (the environment before qa) has no deployment")
                .contains("the record of dev could not be refreshed from its tracking item")
                .contains("holds no record of dev")
                .contains("(profile github-dev)");
        assertThat(metadata(third).has("deployments")).isFalse();
        assertThat(metadata(second).has("deployments")).isFalse();
    }

    @Test
    void devTrackerUnreachableFromTheQaJobTheRefusalNamesTheMissingVariable() {
        seed.config(config(", \"tokenEnv\": \"DEV_ONLY_TOKEN\""));
        git(seed.dir, "commit", "-q", "-am", "dev has its own token");
        git(seed.dir, "push", "-q", origin.toString(), "HEAD:" + git(seed.dir, "rev-parse", "--abbrev-ref", "HEAD"));
        seed.env.put("DEV_ONLY_TOKEN", FakeGithub.TOKEN);
        sync(job(), "github-dev", GithubProject.sha(1), 1);
        seed.env.remove("DEV_ONLY_TOKEN");

        Path second = job();
        assertThat(refusal(sync(second, "github-qa", GithubProject.sha(1), 2)))
                .contains("the record of dev could not be refreshed")
                .contains("not reachable from here")
                .contains("DEV_ONLY_TOKEN")
                .doesNotContain(FakeGithub.TOKEN);
    }

    @Test
    void refreshNeverDecidesOnTheLocalFileAloneAndABadValueNamesTheField() {
        seed.config(config("", ", \"refresh\": \"never\""));
        git(seed.dir, "commit", "-q", "-am", "no refresh");
        git(seed.dir, "push", "-q", origin.toString(), "HEAD:" + git(seed.dir, "rev-parse", "--abbrev-ref", "HEAD"));
        sync(job(), "github-dev", GithubProject.sha(1), 1);

        Path second = job();
        github.clearRequests();
        assertThat(refusal(sync(second, "github-qa", GithubProject.sha(1), 2)))
                .contains("dev (the environment before qa) has no deployment")
                .doesNotContain("refreshed");
        assertThat(github.requests()).as("no tracker is asked").isEmpty();

        seed.write(".specweave/config.json", config("", ", \"refresh\": \"sometimes\""));
        assertThatThrownBy(() -> sync(seed.dir, "github-qa", GithubProject.sha(1), 3))
                .isInstanceOf(io.specweave.deploy.BadInputException.class)
                .hasMessageEndingWith("config.json: deployment.refresh: expected \"auto\" (every change first reads "
                        + "the environment's record, and the previous one's for a gate, from its tracking item) or "
                        + "\"never\" (decide on metadata.json alone), got \"sometimes\"");
    }

    @Test
    void refreshJoinsHistoriesWhenEachSideHasEntriesTheOtherLacks() throws IOException {
        Path first = job();
        sync(first, "github-dev", GithubProject.sha(1), 1);
        sync(first, "github-dev", GithubProject.sha(2), 2);

        // The second job's file has a newer dev deployment and an old one the tracker never saw.
        Path second = job();
        Instant later = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode meta = metadata(second);
        ObjectNode dev = meta.putObject("deployments").putObject("dev");
        dev.put("profile", "github-dev").put("status", "deployed").put("deployedAt", later.toString())
                .put("commit", GithubProject.sha(3)).put("runUrl", "https://ci.example/runs/3");
        ArrayNode history = dev.putArray("history");
        history.addObject().put("status", "deployed").put("deployedAt", "2026-01-05T10:00:00Z")
                .put("commit", GithubProject.sha(9)).put("runUrl", "https://ci.example/runs/0");
        Files.writeString(second.resolve(".specweave/increments/" + GithubProject.INCREMENT + "/metadata.json"),
                Json.pretty(meta) + "\n", StandardCharsets.UTF_8);

        refresh(second);
        JsonNode merged = metadata(second).path("deployments").path("dev");
        assertThat(merged.path("commit").asText()).as("the newer state wins").isEqualTo(GithubProject.sha(3));
        List<String> commits = new ArrayList<>();
        merged.path("history").forEach(h -> commits.add(h.path("commit").asText()));
        assertThat(commits).containsExactly(GithubProject.sha(9), GithubProject.sha(1), GithubProject.sha(2));
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
