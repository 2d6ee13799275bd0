package io.specweave.deploy.tracker.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.DeployException;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.app.ChangeOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rate limits, server errors and refusals: waits are recorded, never slept. */
class GithubFaultsTest {

    private static final String CREATE = "POST /repos/acme/app-deploy/issues";

    @TempDir
    Path dir;

    FakeGithub github;
    GithubProject project;
    FakeGithub.Repo repo;

    @BeforeEach
    void start() throws IOException {
        github = new FakeGithub().repository(GithubProject.OWNER, GithubProject.REPO);
        repo = github.repo(GithubProject.OWNER, GithubProject.REPO);
        project = new GithubProject(dir, github);
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void tooManyRequestsWithRetryAfterWaitsThenSucceeds() {
        github.fault(r -> r.equals(CREATE), 429, Map.of("Retry-After", "7"),
                FakeGithub.error("API rate limit exceeded", "https://docs.github.com/rest"));

        ChangeOutcome<?> result = project.deploy(GithubProject.sha(1), 1);

        assertThat(result.tracking().number()).isEqualTo(1);
        assertThat(repo.issues).hasSize(1);
        assertThat(project.waits).containsExactly(Duration.ofSeconds(7));
        assertThat(github.requests().stream().filter(CREATE::equals)).hasSize(2);
    }

    @Test
    void secondaryLimitWithoutRetryAfterBacksOffAMinute() {
        github.fault(r -> r.equals(CREATE), 403, Map.of(), FakeGithub.error(
                "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"));

        project.deploy(GithubProject.sha(1), 1);

        assertThat(repo.issues).hasSize(1);
        assertThat(project.waits).containsExactly(Duration.ofMinutes(1));
    }

    @Test
    void secondaryLimitThatPersistsFailsWithWhenToRetry() {
        for (int i = 0; i < 2; i++) {
            github.fault(r -> r.equals(CREATE), 403, Map.of("gh-limited-by", "write-requests"),
                    FakeGithub.error("You have exceeded a secondary rate limit.", "https://docs.github.com"));
        }

        assertThatThrownBy(() -> project.deploy(GithubProject.sha(1), 1))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("secondary rate limit")
                .hasMessageContaining("resets at")
                .hasMessageContaining("run again after that time");
        // one minute was waited; the next back-off (two minutes) is beyond the 90 s bound
        assertThat(project.waits).containsExactly(Duration.ofMinutes(1));
        assertThat(project.metadata().path("deployments").path("qa").path("commit").asText())
                .isEqualTo(GithubProject.sha(1));
    }

    @Test
    void exhaustedPrimaryLimitWaitsUntilTheResetWhenItIsNear() {
        long reset = Instant.now().getEpochSecond() + 30;
        github.fault(r -> r.startsWith("GET /repos/acme/app-deploy/issues?"), 403,
                Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", String.valueOf(reset)),
                FakeGithub.error("API rate limit exceeded for installation ID 1.", "https://docs.github.com"));

        project.deploy(GithubProject.sha(1), 1);

        assertThat(repo.issues).hasSize(1);
        assertThat(project.waits).singleElement().satisfies(w ->
                assertThat(w).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(32)));
    }

    @Test
    void anOutageIsRetriedThoughEveryAnswerCarriesTheLimitsResetAnHourAhead() {
        Map<String, String> usual = Map.of("X-RateLimit-Remaining", "4999",
                "X-RateLimit-Reset", String.valueOf(Instant.now().getEpochSecond() + 3600));
        github.fault(r -> r.startsWith("GET /repos/acme/app-deploy/issues?"), 503, usual, "{}");
        github.fault(r -> r.startsWith("GET /repos/acme/app-deploy/issues?"), 503, usual, "{}");

        project.deploy(GithubProject.sha(1), 1);

        assertThat(repo.issues).hasSize(1);
        assertThat(project.waits).hasSize(2).allSatisfy(w -> assertThat(w).isLessThan(Duration.ofSeconds(10)));
    }

    @Test
    void exhaustedPrimaryLimitFarFromItsResetFailsGivingTheResetTime() {
        Instant reset = Instant.now().plusSeconds(1800);
        github.fault(r -> r.startsWith("GET /repos/acme/app-deploy/issues?"), 403,
                Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", String.valueOf(reset.getEpochSecond())),
                FakeGithub.error("API rate limit exceeded", "https://docs.github.com"));

        assertThatThrownBy(() -> project.deploy(GithubProject.sha(1), 1))
                .isInstanceOf(OperationFailedException.class)
                .satisfies(e -> assertThat(((DeployException) e).exitCode()).isEqualTo(1))
                .hasMessageContaining("rate limit")
                .hasMessageContaining(reset.plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                        .toString().substring(0, 16))
                .hasMessageNotContaining(FakeGithub.TOKEN);
        assertThat(project.waits).isEmpty();
        assertThat(repo.issues).isEmpty();
    }

    @Test
    void aLockedIssueIsSaidToBeLockedNotAMissingPermission() {
        project.deploy(GithubProject.sha(1), 1);
        github.fault(r -> r.startsWith("POST /repos/acme/app-deploy/issues/1/comments"), 403, Map.of(),
                FakeGithub.error("Unable to create comment because issue is locked.", "https://docs.github.com"));

        assertThatThrownBy(() -> project.deploy(GithubProject.sha(2), 2))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("the issue's conversation is locked; unlock it on GitHub, then re-run")
                .hasMessageNotContaining("permission");
    }

    @Test
    void aValidationFailureSaysGithubsCauseNeverTheToken() {
        project.deploy(GithubProject.sha(1), 1);
        github.fault(r -> r.equals("PATCH /repos/acme/app-deploy/issues/1"), 422, Map.of(), """
                {"message": "Validation Failed", "errors": [
                  {"resource": "Issue", "code": "custom", "field": "body",
                   "message": "body is too long (maximum is 65536 characters)"},
                  {"resource": "Issue", "code": "invalid", "field": "milestone"},
                  "token %s is not welcome here"],
                 "documentation_url": "https://docs.github.com/rest/issues/issues#update-an-issue"}"""
                .formatted(FakeGithub.TOKEN));

        assertThatThrownBy(() -> project.deploy(GithubProject.sha(2), 2))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("(HTTP 422 validation failed: Validation Failed (body is too long (maximum is "
                        + "65536 characters); invalid milestone; token ")
                .hasMessageNotContaining(FakeGithub.TOKEN);
    }

    @Test
    void serverErrorsAreRetriedWithBoundedBackoff() {
        github.fault(r -> r.equals(CREATE), 502, Map.of(), "<html>bad gateway</html>");
        github.fault(r -> r.equals(CREATE), 503, Map.of(), FakeGithub.error("Service unavailable", "x"));

        project.deploy(GithubProject.sha(1), 1);

        assertThat(repo.issues).hasSize(1);
        assertThat(project.waits).hasSize(2).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(Duration.ofMillis(40)));
    }

    @Test
    void serverErrorsThatPersistFailTheSync() {
        for (int i = 0; i < 4; i++) {
            github.fault(r -> r.equals(CREATE), 503, Map.of(), FakeGithub.error("Service unavailable", "x"));
        }

        assertThatThrownBy(() -> project.deploy(GithubProject.sha(1), 1))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("acme/app-deploy");
        assertThat(project.waits).hasSize(3);
    }

    @Test
    void rejectedTokenFailsNamingTheVariableNeverTheValue() {
        project.env.remove("GITHUB_TOKEN");
        project.env.put("DEPLOY_GH_TOKEN", "fake-token-wrongTokenValue987654321");
        project.config(GithubTrackerTest.configWithQa(
                "\"config\": { \"owner\": \"acme\", \"repo\": \"app-deploy\", \"tokenEnv\": \"DEPLOY_GH_TOKEN\" }"));

        assertThatThrownBy(() -> project.deploy(GithubProject.sha(1), 1))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("DEPLOY_GH_TOKEN")
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("issues: write")
                .hasMessageNotContaining("fake-token-wrongTokenValue987654321")
                .satisfies(e -> assertThat(((DeployException) e).message().render(
                        io.specweave.deploy.testing.CredentialInputs.SPELLING)).as("as a front end gives the token")
                        .contains("GitHub rejected the token in <DEPLOY_GH_TOKEN> (HTTP 401", "set <DEPLOY_GH_TOKEN> to a "
                                + "token with issues: write"));
        assertThat(project.metadataText()).doesNotContain("fake-token-wrongTokenValue987654321");
    }

    @Test
    void missingTokenIsBadInputNamingTheVariablesTried() {
        project.env.remove("GITHUB_TOKEN");

        assertThatThrownBy(() -> project.deploy(GithubProject.sha(1), 1))
                .isInstanceOf(BadInputException.class)
                .satisfies(e -> assertThat(((DeployException) e).exitCode()).isEqualTo(2))
                .hasMessageContaining("GITHUB_TOKEN")
                .hasMessageContaining("GH_TOKEN")
                .hasMessageContaining("acme/app-deploy")
                .satisfies(e -> assertThat(((DeployException) e).credential()).as("the credential at fault")
                        .isEqualTo("GITHUB_TOKEN"));
        assertThat(github.requests()).isEmpty();
    }

    @Test
    void ghTokenIsTheFallback() {
        project.env.remove("GITHUB_TOKEN");
        project.env.put("GH_TOKEN", FakeGithub.TOKEN);

        assertThat(project.deploy(GithubProject.sha(1), 1).tracking().number()).isEqualTo(1);
    }

    @Test
    void unknownRepositoryExplainsThatAWorkflowTokenOnlyReachesItsOwnRepository() {
        project.config(GithubTrackerTest.configWithQa("\"config\": { \"owner\": \"acme\", \"repo\": \"elsewhere\" }"));

        assertThatThrownBy(() -> project.deploy(GithubProject.sha(1), 1))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("acme/elsewhere")
                .hasMessageContaining("GITHUB_TOKEN only reaches the workflow's own repository")
                .hasMessageContaining("config.tokenEnv");
    }

    @Test
    void badSettingsAreBadInputNamingTheField() {
        project.config(GithubTrackerTest.configWithQa("\"config\": { \"owner\": \"acme\" }"));
        assertThatThrownBy(() -> project.deploy(GithubProject.sha(1), 1))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("sync.profiles.github-qa.config.repo");

        project.config(GithubTrackerTest.configWithQa(
                "\"config\": { \"owner\": \"acme\", \"repo\": \"app-deploy\", \"apiUrl\": \"http://github.example.com/api/v3\" }"));
        assertThatThrownBy(() -> project.deploy(GithubProject.sha(1), 1))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("config.apiUrl")
                .hasMessageContaining("plain http");

        project.config(GithubTrackerTest.configWithQa(
                "\"config\": { \"owner\": \"acme\", \"repo\": \"app-deploy\" }, \"githubDeployment\": \"yes\""));
        assertThatThrownBy(() -> project.deploy(GithubProject.sha(1), 1))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("sync.profiles.github-qa.githubDeployment")
                .hasMessageContaining("true or false");
        assertThat(github.requests()).isEmpty();
    }
}
