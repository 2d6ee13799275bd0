package io.specweave.deploy.tracker.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.specweave.deploy.app.Host;
import io.specweave.deploy.app.Operations;
import io.specweave.deploy.app.Request;
import io.specweave.deploy.app.TrackerFactory;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.report.ProgressLines;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped GitHub tracker, built as every front end builds it, waits by the one retry policy
 * and says so: each wait is a progress line the front end prints.
 */
class GithubWaitProgressTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:15:00Z");
    private static final String CREATE = "POST /repos/acme/app-deploy/issues";

    @TempDir
    Path dir;

    FakeGithub github;
    GithubProject project;
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        github = new FakeGithub().repository(GithubProject.OWNER, GithubProject.REPO);
        project = new GithubProject(dir, github);
    }

    @AfterEach
    void stop() {
        github.close();
    }

    private void deploy() {
        CiContext ci = new CiContext("github-actions", GithubProject.sha(1), "main", null, "octocat",
                "https://github.example/acme/shop/actions/runs/1", "https://github.example/acme/shop");
        Host host = new Host(project.env, Clock.fixed(NOW, ZoneOffset.UTC), TrackerFactory::standard, waits::add,
                new ProgressLines(lines::add, true), null, (e, d) -> ci, null);
        new Operations(host).sync(Request.builder(dir).increment("0018").profile("github-qa").healthCheck(false).build());
    }

    @Test
    void primaryRateLimitWaitIsOneLineNamingTheResetAndTheAttempt() {
        github.fault(r -> r.equals(CREATE), 403, Map.of("X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset", String.valueOf(NOW.plusSeconds(12).getEpochSecond())),
                FakeGithub.error("API rate limit exceeded", "https://docs.github.com/rest"));

        deploy();

        assertThat(github.repo(GithubProject.OWNER, GithubProject.REPO).issues).hasSize(1);
        assertThat(waits).containsExactly(Duration.ofSeconds(13));
        assertThat(lines).containsExactly("POST " + github.apiUrl().replaceAll("/$", "")
                + "/repos/acme/app-deploy/issues hit the server's rate limit (HTTP 403): waiting 13 s (resets at "
                + "10:15:13Z), attempt 2 of 4");
    }

    @Test
    void retryAfterAsAnHttpDateIsHonouredAndReported() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(40).atOffset(ZoneOffset.UTC));
        github.fault(r -> r.equals(CREATE), 429, Map.of("Retry-After", date),
                FakeGithub.error("You have exceeded a secondary rate limit.", "https://docs.github.com"));

        deploy();

        assertThat(waits).containsExactly(Duration.ofSeconds(40));
        assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                .contains("secondary rate limit (HTTP 429): waiting 40 s (resets at 10:15:40Z), attempt 2 of 4"));
    }

    @Test
    void serverErrorRetriesAreReportedWithTheirBackoff() {
        github.fault(r -> r.equals(CREATE), 502, Map.of(), "<html>bad gateway</html>");

        deploy();

        assertThat(waits).hasSize(1);
        assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                .matches("POST .*/repos/acme/app-deploy/issues answered HTTP 502: retrying in \\d+ ms, attempt 2 of 4"));
    }
}
