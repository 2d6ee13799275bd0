package io.specweave.deploy.tracker.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.app.Request;
import io.specweave.deploy.app.ChangeOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code githubDeployment: true}: a native GitHub Deployment and status per (commit, environment). */
class GithubDeploymentTest {

    @TempDir
    Path dir;

    FakeGithub github;
    GithubProject project;
    FakeGithub.Repo repo;

    @BeforeEach
    void start() throws IOException {
        github = new FakeGithub().repository(GithubProject.OWNER, GithubProject.REPO);
        repo = github.repo(GithubProject.OWNER, GithubProject.REPO);
        project = new GithubProject(dir, github, "\"githubDeployment\": true");
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void firstSyncCreatesADeploymentAndASuccessStatus() {
        project.deploy(GithubProject.sha(1), 1);

        assertThat(repo.deployments).singleElement().satisfies(d -> {
            assertThat(d.path("ref").asText()).isEqualTo(GithubProject.sha(1));
            assertThat(d.path("environment").asText()).isEqualTo("qa");
            assertThat(d.path("production_environment").asBoolean()).isFalse();
            assertThat(d.path("transient_environment").asBoolean()).isFalse();
        });
        long id = repo.deployments.get(0).path("id").asLong();
        JsonNode sent = repo.deploymentRequests.get(id);
        assertThat(sent.path("required_contexts").isArray()).isTrue();
        assertThat(sent.path("required_contexts")).isEmpty();
        assertThat(sent.path("auto_merge").asBoolean(true)).isFalse();
        assertThat(sent.path("description").asText()).contains("0018-oauth-google");
        assertThat(repo.statuses.get(id)).singleElement().satisfies(s -> {
            assertThat(s.path("state").asText()).isEqualTo("success");
            assertThat(s.path("environment_url").asText()).isEqualTo("https://qa.shop.example");
            assertThat(s.path("log_url").asText()).isEqualTo("https://github.example/acme/shop/actions/runs/1");
        });
    }

    /** GitHub deactivates only deployments older than a new success: the newer one rolled back is told. */
    @Test
    void aRollbackMarksTheDeploymentItTookOutInactiveAndTheRestoredOneSuccessful() {
        project.deploy(GithubProject.sha(1), 1);
        project.deploy(GithubProject.sha(2), 2);
        long first = repo.deployments.get(0).path("id").asLong();
        long second = repo.deployments.get(1).path("id").asLong();

        assertThat(project.rollback(3).exitCode()).isZero();

        assertThat(repo.statuses.get(second)).last().satisfies(s -> assertThat(s.path("state").asText())
                .isEqualTo("inactive"));
        assertThat(repo.statuses.get(first)).last().satisfies(s -> assertThat(s.path("state").asText())
                .isEqualTo("success"));
        int statuses = repo.statuses.get(second).size();
        project.deploy(GithubProject.sha(1), 3);
        assertThat(repo.statuses.get(second)).as("a re-sync adds none").hasSize(statuses);
    }

    /** GitHub answers "" for a URL a status was created without, which github-api refuses to parse. */
    @Test
    void aStatusWithoutUrlsIsReadAsHavingNone() {
        project.deploy(GithubProject.sha(1), 1);
        long id = repo.deployments.get(0).path("id").asLong();
        repo.statuses.get(id).forEach(s -> ((com.fasterxml.jackson.databind.node.ObjectNode) s)
                .put("environment_url", "").put("log_url", ""));

        ChangeOutcome<?> again = project.deploy(GithubProject.sha(1), 1);

        assertThat(again.exitCode()).isZero();
        assertThat(repo.statuses.get(id)).last().satisfies(s -> assertThat(s.path("environment_url").asText())
                .isEqualTo("https://qa.shop.example"));
    }

    @Test
    void theOutcomeNamesTheDeploymentItCreatedAndTheSameOneOnARerun() {
        ChangeOutcome<?> first = project.deploy(GithubProject.sha(1), 1);
        long id = repo.deployments.get(0).path("id").asLong();

        assertThat(first.deploymentId()).isEqualTo(id);
        assertThat(io.specweave.deploy.report.OutcomeJson.named(first)).containsEntry("deploymentId", String.valueOf(id));
        assertThat(io.specweave.deploy.report.OutcomeJson.of(first, io.specweave.deploy.Message.Spelling.DOMAIN)
                .path("deploymentId").asLong()).isEqualTo(id);
        assertThat(project.deploy(GithubProject.sha(1), 2).deploymentId()).isEqualTo(id);
    }

    @Test
    void withoutGithubDeploymentThereIsNoDeploymentId(@TempDir Path other) {
        GithubProject plain = new GithubProject(other, github);

        ChangeOutcome<?> outcome = plain.deploy(GithubProject.sha(1), 1);

        assertThat(repo.deployments).isEmpty();
        assertThat(outcome.deploymentId()).isNull();
        assertThat(io.specweave.deploy.report.OutcomeJson.named(outcome)).doesNotContainKey("deploymentId");
    }

    @Test
    void rerunReusesTheDeploymentAndAddsNoStatusWhenNothingChanged() {
        project.deploy(GithubProject.sha(1), 1);
        github.clearRequests();

        ChangeOutcome<?> again = project.deploy(GithubProject.sha(1), 1);

        assertThat(repo.deployments).hasSize(1);
        assertThat(repo.statuses.get(repo.deployments.get(0).path("id").asLong())).hasSize(1);
        assertThat(again.tracking().changed()).isFalse();
        assertThat(github.requests()).allMatch(r -> r.startsWith("GET "));
        assertThat(github.requests()).anyMatch(r -> r.contains("/deployments?") && r.contains("sha=" + GithubProject.sha(1))
                && r.contains("environment=qa"));
    }

    @Test
    void rerunWithAFailedHealthCheckAddsAFailureStatusToTheSameDeployment() {
        project.deploy(GithubProject.sha(1), 1);
        ObjectNode metadata = project.metadata();
        ((ObjectNode) metadata.path("deployments").path("qa")).put("healthStatus", "unhealthy");
        project.metadata(metadata);

        project.deploy(GithubProject.sha(1), 1);

        assertThat(repo.deployments).hasSize(1);
        assertThat(repo.statuses.get(repo.deployments.get(0).path("id").asLong()))
                .extracting(s -> s.path("state").asText()).containsExactly("success", "failure");
    }

    @Test
    void aNewCommitGetsItsOwnDeploymentAndTheLastPipelineEnvironmentIsProduction() {
        project.write(".specweave/config.json", """
                {
                  "sync": { "defaultProfile": "github-qa", "profiles": {
                      "github-qa": { "provider": "github", "config": { "owner": "acme", "repo": "app-deploy",
                        "githubDeployment": true }, "environment": "qa" },
                      "github-prod": { "provider": "github", "githubDeployment": true,
                        "config": { "owner": "acme", "repo": "app-deploy" }, "environment": "prod" } } },
                  "deployment": { "pipeline": ["dev", "qa", "prod"] }
                }
                """);
        project.deploy(GithubProject.sha(1), 1);
        project.sync("github-prod", GithubProject.sha(1), 2, Request.Outcome.IN_PROGRESS);

        assertThat(repo.deployments).hasSize(2);
        assertThat(repo.deployments.get(0).path("production_environment").asBoolean()).isFalse();
        assertThat(repo.deployments.get(1).path("environment").asText()).isEqualTo("prod");
        assertThat(repo.deployments.get(1).path("production_environment").asBoolean()).isTrue();
        assertThat(repo.statuses.get(repo.deployments.get(1).path("id").asLong()))
                .extracting(s -> s.path("state").asText()).containsExactly("pending");
        // one issue per environment
        assertThat(repo.issues).hasSize(2);
    }

    @Test
    void theConfigsProductionEnvironmentIsGithubsProductionAsItIsDoras() {
        project.write(".specweave/config.json", """
                {
                  "sync": { "profiles": {
                      "github-qa": { "provider": "github", "config": { "owner": "acme", "repo": "app-deploy",
                        "githubDeployment": true }, "environment": "qa" },
                      "github-preview": { "provider": "github", "githubDeployment": true,
                        "config": { "owner": "acme", "repo": "app-deploy" }, "environment": "preview" } } },
                  "deployment": { "pipeline": ["qa", "preview"], "productionEnvironment": "qa" }
                }
                """);
        project.deploy(GithubProject.sha(1), 1);
        project.sync("github-preview", GithubProject.sha(1), 2, Request.Outcome.IN_PROGRESS);

        assertThat(repo.deployments).hasSize(2);
        assertThat(repo.deployments.get(0).path("environment").asText()).isEqualTo("qa");
        assertThat(repo.deployments.get(0).path("production_environment").asBoolean()).isTrue();
        assertThat(repo.deployments.get(1).path("production_environment").asBoolean())
                .as("the pipeline's last, but not production").isFalse();
    }

    @Test
    void aRefusedDeploymentLeavesTheIssueUpdatedAndWarnsNamingThePermission() {
        github.fault(r -> r.equals("POST /repos/acme/app-deploy/deployments"), 403, Map.of(),
                FakeGithub.error("Resource not accessible by integration", "https://docs.github.com"));

        ChangeOutcome<?> result = project.deploy(GithubProject.sha(1), 1);

        assertThat(repo.issues).hasSize(1);
        assertThat(result.tracking().number()).isEqualTo(1);
        assertThat(result.warnings()).anyMatch(w -> w.contains("deployments: write") && w.contains("GITHUB_TOKEN"));
    }
}
