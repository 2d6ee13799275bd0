package io.specweave.deploy.tracker.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.app.Project;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.app.RefreshService;
import io.specweave.deploy.app.SyncRequest;
import io.specweave.deploy.app.SyncResult;
import io.specweave.deploy.app.SyncService;
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
 * the second learns of it only through the copy the dev issue carries.
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

    private SyncResult sync(Path job, String profile, String commit, int run) {
        SyncRequest request = new SyncRequest("0018", profile, null, null, SyncRequest.Outcome.DEPLOYED, null, null, null,
                null, null, null, false);
        CiContext ci = new CiContext("github-actions", commit, "main", null, "octocat",
                "https://github.example/acme/shop/actions/runs/" + run, "https://github.example/acme/shop");
        return new SyncService(seed.trackers(), Clock.systemUTC()).sync(Project.open(job), request, ci);
    }

    private List<RefreshService.EnvironmentRefresh> refresh(Path job) {
        Project project = Project.open(job);
        return new RefreshService(seed.trackers()).refresh(project, project.increments().resolve("0018"));
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
        List<RefreshService.EnvironmentRefresh> report = refresh(second);
        assertThat(report).extracting(RefreshService.EnvironmentRefresh::environment, RefreshService.EnvironmentRefresh::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dev", RefreshService.Outcome.UPDATED),
                        org.assertj.core.groups.Tuple.tuple("qa", RefreshService.Outcome.NO_COPY));
        JsonNode dev = metadata(second).path("deployments").path("dev");
        assertThat(dev.path("commit").asText()).isEqualTo(GithubProject.sha(1));
        assertThat(dev.path("status").asText()).isEqualTo("deployed");
        assertThat(dev.path("issueNumber").asInt()).isEqualTo(devIssue().path("number").asInt());

        SyncResult qa = sync(second, "github-qa", GithubProject.sha(1), 2);
        assertThat(qa.record().status()).isEqualTo("deployed");
        assertThat(qa.warnings()).isEmpty();
    }

    @Test
    void theGateRefreshesThePreviousEnvironmentByItselfInAFreshClone() throws IOException {
        sync(job(), "github-dev", GithubProject.sha(1), 1);

        Path second = job();
        SyncResult qa = sync(second, "github-qa", GithubProject.sha(1), 2);
        assertThat(qa.record().status()).isEqualTo("deployed");
        assertThat(metadata(second).path("deployments").path("dev").path("commit").asText())
                .isEqualTo(GithubProject.sha(1));
    }

    @Test
    void devIssueEditedByHandLosesItsCopyAndTheGateRefusesSayingWhy() throws IOException {
        sync(job(), "github-dev", GithubProject.sha(1), 1);
        ObjectNode issue = devIssue();
        issue.put("body", issue.path("body").asText().replaceAll("(?s)<!-- specweave-deploy:record .*? -->", ""));

        Path second = job();
        assertThat(refresh(second)).filteredOn(r -> r.environment().equals("dev")).singleElement()
                .satisfies(r -> {
                    assertThat(r.outcome()).isEqualTo(RefreshService.Outcome.NO_COPY);
                    assertThat(r.message()).contains("holds no record of dev");
                });
        assertThatThrownBy(() -> sync(second, "github-qa", GithubProject.sha(1), 2))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("requirePrevious: dev (the environment before qa) has no deployment")
                .hasMessageContaining("the record of dev could not be refreshed from its tracking item")
                .hasMessageContaining("holds no record of dev")
                .hasMessageContaining("(profile github-dev)");
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
        assertThatThrownBy(() -> sync(second, "github-qa", GithubProject.sha(1), 2))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("the record of dev could not be refreshed")
                .hasMessageContaining("not reachable from here")
                .hasMessageContaining("DEV_ONLY_TOKEN")
                .hasMessageNotContaining(FakeGithub.TOKEN);
    }

    @Test
    void refreshNeverDecidesOnTheLocalFileAloneAndABadValueNamesTheField() {
        seed.config(config("", ", \"refresh\": \"never\""));
        git(seed.dir, "commit", "-q", "-am", "no refresh");
        git(seed.dir, "push", "-q", origin.toString(), "HEAD:" + git(seed.dir, "rev-parse", "--abbrev-ref", "HEAD"));
        sync(job(), "github-dev", GithubProject.sha(1), 1);

        Path second = job();
        github.clearRequests();
        assertThatThrownBy(() -> sync(second, "github-qa", GithubProject.sha(1), 2))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("dev (the environment before qa) has no deployment")
                .hasMessageNotContaining("refreshed");
        assertThat(github.requests()).as("no tracker is asked").isEmpty();

        seed.write(".specweave/config.json", config("", ", \"refresh\": \"sometimes\""));
        assertThatThrownBy(() -> sync(seed.dir, "github-qa", GithubProject.sha(1), 3))
                .isInstanceOf(io.specweave.deploy.BadInputException.class)
                .hasMessageContaining("config.json: deployment.refresh: expected \"auto\"")
                .hasMessageContaining("\"never\"");
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
