package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.TestProjects;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.DeploymentStatus;
import io.specweave.deploy.testing.TestProject;
import io.specweave.deploy.tracker.TrackingRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sync}: what a deployment record holds, re-runs, history, dry runs, and a tracker that fails. */
class SyncOperationTest {

    static final String METADATA = ".specweave/increments/0018-oauth/metadata.json";

    @TempDir
    Path dir;

    TestProject project;
    TestOperations run = TestOperations.at("2026-11-27T10:00:00Z");

    @BeforeEach
    void setUp() {
        project = TestProject.in(dir).localProfiles("dev", "qa", "prod")
                .increment("0018-oauth", "OAuth", "{\n  \"id\": \"0018-oauth\",\n  \"status\": \"active\",\n  \"owner\": {\"team\": \"id\"}\n}\n");
    }

    /** A finished deployment of {@code commit} by run {@code runUrl}; the example.test URLs are not checked. */
    private Request request(String profile, String commit, String runUrl) {
        return TestOperations.request(dir).profile(profile).commit(commit).branch("main").deployedBy("ci")
                .runUrl(runUrl).healthCheck(false).build();
    }

    private ChangeOutcome<?> sync(String profile, String commit, String runUrl) {
        return run.operations().sync(request(profile, commit, runUrl));
    }

    @Test
    void aDeploymentOfNoKnownCommitIsRecordedWithAWarningAndApproveSaysWhyItCannotTell() {
        ChangeOutcome<?> recorded = sync("local-dev", null, null);

        assertThat(recorded.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(recorded.warnings()).singleElement().asString().startsWith("no commit is known for this deployment "
                + "to dev").contains("the promotion gates, approvals and DORA's lead time cannot tell its version");
        assertThat(sync("local-qa", "abc0000", null).warnings()).as("a commit given").isEmpty();

        run.operations().sync(request("local-qa", null, null));
        assertThatThrownBy(() -> run.operations().approve(TestOperations.request(dir).environment("qa")
                .approvedBy("jane").build()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("cannot tell which deployment to qa this approves: qa's recorded deployment "
                        + "names no commit and dev's recorded deployment names no commit");
    }

    @Test
    void numbersNoDoubleHoldsAreWrittenBackAsReadAndShownAsWritten() {
        project.file(METADATA, """
                {"id": "0018-oauth", "status": "active", "budget": 1e400, "floor": -1e400, "least": 5e-324,
                  "deployments": {"qa": {"profile": "local-qa", "status": "deployed", "commit": "abcdef1234567",
                    "deployedAt": "2026-11-01T10:00:00Z", "metrics": {"rps": 1e400, "errorRate": 0.30}}}}""");

        assertThat(sync("local-prod", "1234567", null).result()).isEqualTo(ChangeOutcome.Result.RECORDED);

        assertThat(project.read(METADATA)).contains("\"budget\": 1e400,", "\"floor\": -1e400,", "\"least\": 5e-324,",
                "\"rps\": 1e400,", "\"errorRate\": 0.3\n").doesNotContain("Infinity", "4.9e-324");
        StatusOutcome status = run.operations().status(TestOperations.request(dir).build());
        assertThat(io.specweave.deploy.model.RecordFacts.metrics(status.pipeline().environments().stream()
                .filter(e -> e.environment().equals("qa")).findFirst().orElseThrow().record()))
                .contains("1e400 req/s").contains("0.3 % errors");
    }

    @Test
    void aRecordWithoutAStatusAsSpecweavesExampleWritesItIsADeploymentTheNextOneArchives() {
        project.file(METADATA, """
                {"id": "0018-oauth", "status": "active", "deployments": {"prod":
                  {"deployedAt": "2026-11-01T10:00:00Z", "commit": "abcdef1234567", "deployedBy": "maria"}}}""");

        ChangeOutcome<?> next = sync("local-prod", "1234567", "https://ci.example/runs/2");

        assertThat(next.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        JsonNode prod = TestOperations.deployment(dir, "0018-oauth", "prod");
        assertThat(prod.path("commit").asText()).isEqualTo("1234567");
        assertThat(prod.path("history")).singleElement().satisfies(earlier -> {
            assertThat(earlier.path("commit").asText()).isEqualTo("abcdef1234567");
            assertThat(earlier.path("deployedBy").asText()).isEqualTo("maria");
            assertThat(earlier.has("status")).as("kept as written").isFalse();
        });
    }

    @Test
    void aReRunNamingTheCommitShortKeepsTheFullShaRecorded() {
        String full = "9b1d5f0c2e4a6b8d0f1a3c5e7092b4d6f8a0c2e4";
        sync("local-prod", full, "https://ci.example/runs/7");

        ChangeOutcome<?> rerun = sync("local-prod", "9B1D5F0", "https://ci.example/runs/7");

        assertThat(rerun.record().commit()).isEqualTo(full);
        JsonNode prod = TestOperations.deployment(dir, "0018-oauth", "prod");
        assertThat(prod.path("commit").asText()).isEqualTo(full);
        assertThat(prod.has("history")).as("a re-run, not a new deployment").isFalse();
    }

    @Test
    void issueKeysForAProfileThatIsNotJirasAreBadInputBeforeAnythingIsWritten() throws Exception {
        String before = java.nio.file.Files.readString(dir.resolve(METADATA));

        assertThatThrownBy(() -> run.operations().sync(request("local-qa", "abc0000", "https://ci/run/1").toBuilder()
                .issueKeys(List.of("SHOP-7")).build()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("names Jira issues, but profile \"local-qa\" uses local")
                .satisfies(e -> assertThat(((BadInputException) e).input()).isEqualTo(io.specweave.deploy.Input.ISSUE_KEYS));
        assertThat(java.nio.file.Files.readString(dir.resolve(METADATA))).isEqualTo(before);
    }

    @Test
    void aRunUrlCarryingACredentialIsRefusedAsADeploymentUrlIs() throws Exception {
        String before = java.nio.file.Files.readString(dir.resolve(METADATA));

        assertThatThrownBy(() -> sync("local-qa", "abc0000", "https://ci.example/r/1?token=ghp_SECRET123456"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("run-url: expected a URL without a credential in its query")
                .hasMessageNotContaining("ghp_SECRET123456")
                .satisfies(e -> assertThat(((BadInputException) e).input()).isEqualTo(io.specweave.deploy.Input.RUN_URL));
        assertThatThrownBy(() -> sync("local-qa", "abc0000", "https://ci:hunter2@ci.example/r/1"))
                .isInstanceOf(BadInputException.class).hasMessageNotContaining("hunter2");
        assertThat(java.nio.file.Files.readString(dir.resolve(METADATA))).isEqualTo(before);
    }

    @Test
    void aRunUrlThatIsNoHttpUrlIsRefusedAsADeploymentUrlIs() throws Exception {
        String before = java.nio.file.Files.readString(dir.resolve(METADATA));

        assertThatThrownBy(() -> sync("local-qa", "abc0000", "javascript:alert(1)"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("run-url: expected an absolute http(s) URL")
                .satisfies(e -> assertThat(((BadInputException) e).input()).isEqualTo(io.specweave.deploy.Input.RUN_URL));
        assertThatThrownBy(() -> sync("local-qa", "abc0000", "build-57"))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("run-url: expected an absolute http(s) URL");
        assertThat(java.nio.file.Files.readString(dir.resolve(METADATA))).isEqualTo(before);
    }

    @Test
    void aCommitIsAHexObjectNameAbbreviatedOrWholeAnythingElseIsRefusedNamingTheCommitInput() throws Exception {
        String before = java.nio.file.Files.readString(dir.resolve(METADATA));

        for (String notACommit : List.of("hello world; rm -rf /", "refs/heads/main", "${{ github.sha }}", "abc123",
                "a".repeat(41), "main")) {
            assertThatThrownBy(() -> request("local-qa", notACommit, "https://ci.example/r/1"))
                    .as(notACommit).isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith("commit: expected a commit's hex object name (7 to 40 hex digits, or 64 "
                            + "in a SHA-256 repository)")
                    .satisfies(e -> assertThat(((BadInputException) e).input())
                            .isEqualTo(io.specweave.deploy.Input.COMMIT));
        }
        assertThat(java.nio.file.Files.readString(dir.resolve(METADATA))).isEqualTo(before);
        for (String commit : List.of("abc1234", "9B1D5F0C", "9b1d5f0c2e4a6b8d0f1a3c5e7092b4d6f8a0c2e4", "e".repeat(64))) {
            assertThat(sync("local-qa", commit, "https://ci.example/r/1").record().commit()).as("git's spelling")
                    .isEqualTo(commit.toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Test
    void theCiCommitIsTheRunsFactNotAnInputAndIsRecordedAsTheCiGivesIt() {
        run.ci(new CiContext("jenkins", "9b1d5f0c2e4a6b8d0f1a3c5e7092b4d6f8a0c2e4", "main", null, "jenkins",
                "https://jenkins.example/job/app/7/", null));

        ChangeOutcome<?> result = run.operations().sync(TestOperations.request(dir).profile("local-qa")
                .healthCheck(false).build());

        assertThat(result.record().commit()).isEqualTo("9b1d5f0c2e4a6b8d0f1a3c5e7092b4d6f8a0c2e4");
        assertThat(result.record().runUrl()).isEqualTo("https://jenkins.example/job/app/7/");
    }

    @Test
    void aValueHoldingACredentialOfTheRunIsRefusedNamingTheInputNeverTheSecret() throws Exception {
        String before = java.nio.file.Files.readString(dir.resolve(METADATA));
        run.env("GITHUB_TOKEN", "ghp_LEAKME0000000000");
        Request.Builder deployment = request("local-qa", "abc1234", "https://ci.example/r/1").toBuilder();

        assertThatThrownBy(() -> run.operations().sync(deployment
                .deploymentUrl("https://qa.example.com/ghp_LEAKME0000000000/").build()))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("deployment-url: holds the value of GITHUB_TOKEN, a credential")
                .hasMessageNotContaining("ghp_LEAKME")
                .satisfies(e -> assertThat(((BadInputException) e).input())
                        .isEqualTo(io.specweave.deploy.Input.DEPLOYMENT_URL));
        assertThatThrownBy(() -> run.operations().sync(deployment.deploymentUrl(null)
                .deployedBy("x ghp_LEAKME0000000000").build()))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("deployed-by: holds the value of GITHUB_TOKEN")
                .hasMessageNotContaining("ghp_LEAKME");
        assertThat(java.nio.file.Files.readString(dir.resolve(METADATA))).isEqualTo(before);
    }

    @Test
    void aValueHoldingTheCredentialAFrontEndPassedOrItsBase64IsRefusedToo() throws Exception {
        String before = java.nio.file.Files.readString(dir.resolve(METADATA));
        String secret = "jenkins-secret-4242";
        String base64 = java.util.Base64.getEncoder().encodeToString(secret.getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        Request.Builder deployment = request("local-qa", "abc1234", "https://ci.example/r/1").toBuilder()
                .credential(null, secret);

        assertThatThrownBy(() -> run.operations().sync(deployment.branch("release/" + secret).build()))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("branch: holds the value of the tracker credential the run was given")
                .hasMessageNotContaining(secret);
        assertThatThrownBy(() -> run.operations().approve(deployment.branch("main").approvedBy("jane")
                .notes("token " + base64).build()))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("notes: holds the value of")
                .hasMessageNotContaining(base64);
        assertThat(java.nio.file.Files.readString(dir.resolve(METADATA))).isEqualTo(before);
        assertThat(run.operations().sync(deployment.branch("main").notes(null).build()).exitCode())
                .as("values without it").isZero();
    }

    @Test
    void anEmptyDeploymentsListHoldsNothingToLoseAndBecomesTheObject() throws Exception {
        java.nio.file.Files.writeString(dir.resolve(METADATA), "{\"id\": \"0018-oauth\", \"status\": \"active\", "
                + "\"deployments\": []}");
        assertThat(run.operations().status(TestOperations.request(dir).increment("0018").build()).pipeline()
                .environments()).allSatisfy(e -> assertThat(e.record()).isNull());

        assertThat(sync("local-qa", "c100000", "https://ci.example/r/1").result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(TestOperations.deployment(dir, "0018-oauth", "qa").path("commit").asText()).isEqualTo("c100000");
    }

    @Test
    void anEntryThatIsNoRecordIsShownAsNotDeployedWithAWarningNamingIt() throws Exception {
        java.nio.file.Files.writeString(dir.resolve(METADATA), "{\"id\": \"0018-oauth\", \"status\": \"active\", "
                + "\"deployments\": {\"qa\": \"pending\"}}");

        StatusOutcome status = run.operations().status(TestOperations.request(dir).increment("0018").build());

        assertThat(status.warnings()).singleElement().asString().endsWith("metadata.json: deployments.qa: expected an "
                + "object (a deployment record), got \"pending\"; shown as not deployed");
    }

    @Test
    void recordsADeploymentWithEverythingTheRunKnows() {
        run.ci(new CiContext("github-actions", "abc0000", "main", null, "octocat", "https://gh/run/1", null));
        ChangeOutcome<?> result = run.operations().sync(Request.builder(dir).increment("active").environment("qa")
                .provider("local").healthCheck(false).build());

        assertThat(result.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(result.exitCode()).isZero();
        assertThat(result.environment()).isEqualTo("qa");
        assertThat(result.newDeployment()).isTrue();
        assertThat(result.metadataChanged()).isTrue();
        JsonNode qa = TestOperations.deployment(dir, "0018-oauth", "qa");
        assertThat(qa.path("profile").asText()).isEqualTo("local-qa");
        assertThat(qa.path("status").asText()).isEqualTo("deployed");
        assertThat(qa.path("deployedAt").asText()).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(qa.path("deployedBy").asText()).isEqualTo("octocat");
        assertThat(qa.path("commit").asText()).isEqualTo("abc0000");
        assertThat(qa.path("deploymentUrl").asText()).isEqualTo("https://qa.example.test");
        assertThat(qa.path("runUrl").asText()).isEqualTo("https://gh/run/1");
        assertThat(TestOperations.metadata(dir, "0018-oauth").path("owner").path("team").asText()).isEqualTo("id");
    }

    @Test
    void howTheConfigWasReadGoesToTheDebugOutputOnceAndOnlyThere() {
        project.config("""
                {"sync": {"profiles": {"local-qa": {"provider": "local", "environment": "qa"},
                  "half-done": {"provider": "gitlab", "environment": "perf"}}}}
                """);
        List<String> debug = new ArrayList<>();
        Operations operations = new Operations(run.host().withDebug(debug::add));

        operations.sync(request("local-qa", "c100000", "https://ci.example/r/1"));
        // A front end that shows the pipeline after a change runs a second operation: no second telling.
        operations.status(TestOperations.request(dir).build());
        run.operations().sync(request("local-qa", "c200000", "https://ci.example/r/2"));

        assertThat(debug).hasSize(2).anySatisfy(line -> assertThat(line)
                .startsWith("sync.profiles.local-qa: provider \"local\" is read for compatibility"))
                .anySatisfy(line -> assertThat(line).startsWith("sync.profiles.half-done: ignored unless a command "
                        + "uses it"));
    }

    @Test
    void rerunOfTheSameDeploymentChangesNothing() {
        sync("local-dev", "c100000", "https://ci.example/r/1");
        String first = project.read(METADATA);
        run.advance(Duration.ofHours(1));

        ChangeOutcome<?> again = sync("local-dev", "c100000", "https://ci.example/r/1");

        assertThat(again.newDeployment()).isFalse();
        assertThat(again.metadataChanged()).isFalse();
        assertThat(project.read(METADATA)).isEqualTo(first);
    }

    @Test
    void aNewDeploymentMovesTheCurrentRecordIntoHistory() {
        sync("local-dev", "c100000", "https://ci.example/r/1");
        run.advance(Duration.ofMinutes(1));
        sync("local-dev", "c200000", "https://ci.example/r/2");
        run.advance(Duration.ofMinutes(1));

        ChangeOutcome<?> third = sync("local-dev", "c300000", "https://ci.example/r/3");

        assertThat(third.record().history()).extracting(DeploymentRecord::commit).containsExactly("c100000", "c200000");
        JsonNode dev = TestOperations.deployment(dir, "0018-oauth", "dev");
        assertThat(dev.path("commit").asText()).isEqualTo("c300000");
        assertThat(dev.path("history")).hasSize(2);
        assertThat(dev.path("history").get(0).has("history")).isFalse();
        assertThat(dev.path("history").get(1).path("deployedAt").asText()).isEqualTo("2026-11-27T10:01:00Z");
    }

    @Test
    void inProgressThenDeployedIsOneDeploymentStampedWhenItFinished() {
        run.operations().sync(TestOperations.request(dir).profile("local-prod").outcome(Request.Outcome.IN_PROGRESS)
                .commit("c100000").runUrl("https://ci.example/r/1").build());
        run.advance(Duration.ofMinutes(5));

        ChangeOutcome<?> done = sync("local-prod", "c100000", "https://ci.example/r/1");

        assertThat(done.newDeployment()).isFalse();
        assertThat(done.record().status()).isEqualTo(DeploymentStatus.DEPLOYED);
        assertThat(done.record().deployedAt()).isEqualTo("2026-11-27T10:05:00Z");
        assertThat(done.record().history()).isEmpty();
    }

    @Test
    void dryRunWritesNothing() {
        String before = project.read(METADATA);

        ChangeOutcome<?> result = run.operations().sync(TestOperations.request(dir).profile("local-qa").commit("c900000")
                .dryRun(true).build());

        assertThat(result.dryRun()).isTrue();
        assertThat(result.result()).isEqualTo(ChangeOutcome.Result.DRY_RUN);
        assertThat(result.metadataChanged()).isTrue();
        assertThat(result.record().commit()).isEqualTo("c900000");
        assertThat(result.health()).as("a dry run checks nothing").isNull();
        assertThat(project.read(METADATA)).isEqualTo(before);
    }

    @Test
    void aDryRunChecksTheProfilesTrackerSettingsAndTheRefreshSettingAsTheRealRunButNeedsNoCredentials() {
        project.config("""
                {"sync": {"profiles": {
                  "jira-qa": {"provider": "jira", "environment": "qa", "config": {"projectKey": "PROD"}},
                  "jira-prod": {"provider": "jira", "environment": "prod",
                    "config": {"domain": "acme.atlassian.net", "projectKey": "PROD"}}}}}
                """);
        run.trackers(TrackerFactory::standard);
        String before = project.read(METADATA);
        Request.Builder qa = TestOperations.request(dir).profile("jira-qa").commit("c900000").healthCheck(false);

        for (boolean dryRun : new boolean[] {true, false}) {
            assertThatThrownBy(() -> run.operations().sync(qa.dryRun(dryRun).build())).as("dry run " + dryRun)
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("sync.profiles.jira-qa.config: expected \"domain\"");
        }
        assertThatThrownBy(() -> run.operations().rollback(TestOperations.request(dir).profile("jira-qa").dryRun(true)
                .build())).as("before the rollback finds nothing to go back to, as the real run's refresh")
                .isInstanceOf(BadInputException.class).hasMessageContaining("expected \"domain\"");
        ChangeOutcome<?> preview = run.operations().sync(TestOperations.request(dir).profile("jira-prod")
                .commit("c900000").healthCheck(false).dryRun(true).build());
        assertThat(preview.result()).as("no Jira credentials are needed to preview").isEqualTo(
                ChangeOutcome.Result.DRY_RUN);

        project.config("""
                {"deployment": {"refresh": "sometimes"},
                 "sync": {"profiles": {"local-qa": {"provider": "local", "environment": "qa"}}}}
                """);
        assertThatThrownBy(() -> run.operations().sync(TestOperations.request(dir).profile("local-qa")
                .commit("c900000").dryRun(true).build())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("refresh");
        assertThat(project.read(METADATA)).isEqualTo(before);
    }

    @Test
    void recordsUnderAKeySpellingDeploymentsAnotherWayAreReadAndWrittenThere() {
        TestProjects.write(dir.resolve(METADATA), """
                {"id": "0018-oauth", "status": "active", "Deployments": {
                  "prod": {"status": "deployed", "deployedAt": "2026-11-20T10:00:00Z", "commit": "c100000"}}}""");

        StatusOutcome status = run.operations().status(TestOperations.request(dir).dora(false).build());
        assertThat(status.pipeline().environments()).filteredOn(e -> e.environment().equals("prod")).singleElement()
                .satisfies(prod -> assertThat(prod.state()).isEqualTo("deployed"));
        sync("local-prod", "c200000", "https://ci.example/runs/2");

        String written = project.read(METADATA);
        assertThat(written).contains("\"Deployments\"").doesNotContain("\"deployments\"");
        JsonNode prod = TestOperations.metadata(dir, "0018-oauth").path("Deployments").path("prod");
        assertThat(prod.path("commit").asText()).isEqualTo("c200000");
        assertThat(prod.path("history").findValuesAsText("commit")).containsExactly("c100000");
        assertThat(run.operations().dora(TestOperations.request(dir).environment("prod").build()).deployments())
                .as("DORA reads the same key").isEqualTo(2);

        TestProjects.write(dir.resolve(METADATA), "{\"id\": \"0018-oauth\", \"deployments\": {}, \"DEPLOYMENTS\": "
                + "{\"qa\": {\"status\": \"deployed\"}}}");
        assertThat(run.operations().status(TestOperations.request(dir).dora(false).build()).warnings())
                .anySatisfy(w -> assertThat(w).endsWith("metadata.json: DEPLOYMENTS: spells deployments another way; "
                        + "its records are not read (only those under deployments are): move them there"));

        TestProjects.write(dir.resolve(METADATA), "{\"id\": \"0018-oauth\", \"Deployments\": \"see the wiki\"}");
        sync("local-prod", "c300000", "https://ci.example/runs/3");
        assertThat(TestOperations.metadata(dir, "0018-oauth").path("Deployments").asText())
                .as("a team's own value under that name stays theirs").isEqualTo("see the wiki");
        assertThat(TestOperations.metadata(dir, "0018-oauth").path("deployments").path("prod").path("commit").asText())
                .isEqualTo("c300000");
    }

    @Test
    void providerWordMustMatchTheProfile() {
        assertThatThrownBy(() -> run.operations().sync(TestOperations.request(dir).profile("local-qa")
                .provider("github").build()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("uses provider \"local\", not \"github\"");
    }

    /** Changed with the application layer: a failing tracker is an outcome (exit 1), no longer an exception. */
    @Test
    void trackerFailureStillRecordsTheDeploymentAndReportsIt() {
        List<String> calls = new ArrayList<>();
        run.trackers(credentials -> new TrackerFactory(credentials).register(Provider.LOCAL, (p, c) -> r -> {
            calls.add(r.environment());
            throw new OperationFailedException("tracker down");
        }));

        ChangeOutcome<?> outcome = sync("local-qa", "c100000", "https://ci.example/r/1");

        assertThat(outcome.result()).isEqualTo(ChangeOutcome.Result.RECORDED_TRACKER_FAILED);
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.problem().toString()).contains("tracker down",
                "the change is recorded in 0018-oauth/metadata.json");
        assertThat(calls).containsExactly("qa");
        assertThat(TestOperations.deployment(dir, "0018-oauth", "qa").path("commit").asText()).isEqualTo("c100000");
    }

    /** A tracker's unexpected exception (a client library's own bug) does not cost the user the record. */
    @Test
    void anUnexpectedTrackerErrorStillRecordsTheDeploymentAndOwesTheItem() {
        run.trackers(credentials -> new TrackerFactory(credentials).register(Provider.LOCAL, (p, c) -> r -> {
            throw new IllegalStateException("Invalid URL: ");
        }));

        ChangeOutcome<?> outcome = sync("local-qa", "c100000", "https://ci.example/r/1");

        assertThat(outcome.result()).isEqualTo(ChangeOutcome.Result.RECORDED_TRACKER_FAILED);
        assertThat(outcome.problem().toString()).contains("the local tracker of profile local-qa failed unexpectedly: "
                + "IllegalStateException: Invalid URL: ", "the change is recorded in 0018-oauth/metadata.json");
        JsonNode qa = TestOperations.deployment(dir, "0018-oauth", "qa");
        assertThat(qa.path("commit").asText()).isEqualTo("c100000");
        assertThat(qa.path("trackingPending").asBoolean()).isTrue();
    }

    /** The re-run the failure asks for is the same deployment, but its item never heard of it: it is told then. */
    @Test
    void aDeploymentTheTrackerFailedToTellIsToldByTheNextRunOfIt() {
        List<Boolean> told = new ArrayList<>();
        List<JsonNode> copies = new ArrayList<>();
        boolean[] down = {true};
        run.trackers(credentials -> new TrackerFactory(credentials).register(Provider.LOCAL, (p, c) -> r -> {
            told.add(r.newDeployment());
            copies.add(r.recordCopyNode());
            if (down[0]) {
                throw new OperationFailedException("tracker down");
            }
            return new TrackingRef(Provider.LOCAL, 0, null, null, false, true, null);
        }));

        assertThat(sync("local-qa", "c100000", "https://ci.example/r/1").result()).isEqualTo(ChangeOutcome.Result.RECORDED_TRACKER_FAILED);
        assertThat(TestOperations.deployment(dir, "0018-oauth", "qa").path("trackingPending").asBoolean()).isTrue();
        assertThat(new io.specweave.deploy.report.TextStatusRenderer(true).render(run.operations().status(
                TestOperations.request(dir).increment("0018").build()).pipeline()))
                .contains("Tracking: not told of this deployment yet (its tracker failed; the next run tells it)");
        // Failing again keeps it owed.
        assertThat(sync("local-qa", "c100000", "https://ci.example/r/1").result()).isEqualTo(ChangeOutcome.Result.RECORDED_TRACKER_FAILED);
        down[0] = false;
        ChangeOutcome<?> retried = sync("local-qa", "c100000", "https://ci.example/r/1");
        ChangeOutcome<?> again = sync("local-qa", "c100000", "https://ci.example/r/1");

        assertThat(retried.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(retried.newDeployment()).as("metadata.json had it already").isFalse();
        assertThat(told).containsExactly(true, true, true, false);
        assertThat(copies).allSatisfy(copy -> assertThat(copy.has("trackingPending")).isFalse());
        assertThat(TestOperations.deployment(dir, "0018-oauth", "qa").has("trackingPending")).isFalse();
        assertThat(again.metadataChanged()).isFalse();

        // Owed, then replaced by a new deployment: what was owed is not carried into history.
        down[0] = true;
        sync("local-qa", "c200000", "https://ci.example/r/2");
        sync("local-qa", "c300000", "https://ci.example/r/3");
        JsonNode qa = TestOperations.deployment(dir, "0018-oauth", "qa");
        assertThat(qa.path("trackingPending").asBoolean()).isTrue();
        assertThat(qa.path("history")).allSatisfy(h -> assertThat(h.has("trackingPending")).isFalse());
        assertThat(copies.get(copies.size() - 1).toString()).doesNotContain("trackingPending");
    }

    @Test
    void trackingLinkIsStoredAndKeptForTheNextDeployment() {
        run.trackers(credentials -> new TrackerFactory(credentials).register(Provider.LOCAL, (p, c) -> r ->
                new TrackingRef(Provider.GITHUB, 57, null, "https://github.com/o/r/issues/57", true, true, null)));
        ChangeOutcome<?> first = sync("local-qa", "c100000", "https://ci.example/r/1");
        JsonNode qa = TestOperations.deployment(dir, "0018-oauth", "qa");
        assertThat(qa.path("issueNumber").asInt()).isEqualTo(57);
        assertThat(qa.path("issueUrl").asText()).isEqualTo("https://github.com/o/r/issues/57");
        assertThat(first.trackingId()).isEqualTo("57");

        run.trackers(TrackerFactory::new);
        ChangeOutcome<?> next = sync("local-qa", "c200000", "https://ci.example/r/2");

        assertThat(next.record().issueNumber()).isEqualTo(57);
    }
}
