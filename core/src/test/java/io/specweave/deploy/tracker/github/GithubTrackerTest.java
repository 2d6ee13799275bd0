package io.specweave.deploy.tracker.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.app.Request;
import io.specweave.deploy.app.ChangeOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GithubTrackerTest {

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
    void metricsTooLargeForTheBodysRecordCopyAreLeftOutOfItAndTheIssueIsWritten() {
        StringBuilder metrics = new StringBuilder("{");
        for (int i = 0; i < 1_500; i++) {
            metrics.append(i == 0 ? "" : ",").append("\"latency_p99_endpoint_").append(i).append("\": ").append(i + 0.25);
        }
        String json = metrics.append('}').toString();

        project.sync("github-qa", GithubProject.sha(1), 1, Request.Outcome.DEPLOYED, b -> b.metrics(json));

        assertThat(repo.issues).hasSize(1);
        String body = repo.issues.get(1).path("body").asText();
        assertThat(body.length()).isLessThanOrEqualTo(65_536);
        assertThat(body).contains("[left out of the tracker's copy: ");
        assertThat(project.metadata().path("deployments").path("qa").path("metrics").size()).as("metadata.json keeps "
                + "them all").isEqualTo(1_500);
    }

    @Test
    void firstSyncCreatesExactlyOneIssueWithItsLabels() {
        ChangeOutcome<?> result = project.deploy(GithubProject.sha(1), 1);

        assertThat(repo.issues).hasSize(1);
        ObjectNode issue = repo.issues.get(1);
        assertThat(issue.path("title").asText()).isEqualTo("[0018-oauth-google] Sign in with Google — QA");
        assertThat(issue.path("body").asText())
                .contains("Shoppers sign in with their Google account")
                .contains("https://qa.shop.example")
                .contains("[" + GithubProject.sha(1).substring(0, 12) + "](https://github.example/acme/shop/commit/"
                        + GithubProject.sha(1) + ")")
                .contains("<!-- specweave-deploy:increment=0018-oauth-google;environment=qa -->\n")
                .containsPattern("<!-- specweave-deploy:record \\{.*\"commit\":\"" + GithubProject.sha(1) + "\".* -->\n$");
        assertThat(repo.labelNames(1)).containsExactly("specweave", "increment:0018", "env:qa", "deployed");
        assertThat(repo.labels.values()).allSatisfy(l -> assertThat(l.path("color").asText())
                .isEqualTo(IssueLabels.colour(l.path("name").asText())).isNotEqualTo("ededed"));
        assertThat(repo.commentsOf(1)).isEmpty();
        assertThat(result.tracking().created()).isTrue();
        assertThat(result.tracking().number()).isEqualTo(1);
        assertThat(result.tracking().url()).isEqualTo("https://github.example/acme/app-deploy/issues/1");
        ObjectNode qa = (ObjectNode) project.metadata().path("deployments").path("qa");
        assertThat(qa.path("issueNumber").asInt()).isEqualTo(1);
        assertThat(qa.path("issueUrl").asText()).isEqualTo("https://github.example/acme/app-deploy/issues/1");
        assertThat(github.requests()).noneMatch(r -> r.contains("/search/") || r.startsWith("GET /user"));
    }

    @Test
    void theIncrementsOwnIssueSpecweaveLinkedIsReferencedFromTheEnvironmentsIssue() {
        ObjectNode metadata = project.metadata();
        metadata.putObject("github").put("issue", 7).put("url", "https://github.example/acme/shop/issues/7");
        project.metadata(metadata);

        project.deploy(GithubProject.sha(1), 1);

        assertThat(repo.issues.get(1).path("body").asText())
                .contains("| Increment issue | [#7](https://github.example/acme/shop/issues/7) |");
        assertThat(project.metadata().path("github").path("issue").asInt()).isEqualTo(7);
    }

    @Test
    void fiveResyncsKeepOneIssueAndCommentOncePerNewDeployment() {
        project.deploy(GithubProject.sha(1), 1);
        project.deploy(GithubProject.sha(1), 1);
        project.deploy(GithubProject.sha(2), 2);
        project.deploy(GithubProject.sha(2), 2);
        project.deploy(GithubProject.sha(3), 3);
        ChangeOutcome<?> last = project.deploy(GithubProject.sha(3), 3);

        assertThat(repo.issues).hasSize(1);
        assertThat(repo.commentsOf(1)).hasSize(2);
        assertThat(repo.commentsOf(1).get(0).path("body").asText())
                .startsWith("Deployed to qa from commit " + GithubProject.sha(2).substring(0, 12) + " (main) by octocat")
                .contains("[Pipeline run](https://github.example/acme/shop/actions/runs/2)");
        assertThat(repo.commentsOf(1).get(1).path("body").asText()).contains(GithubProject.sha(3).substring(0, 12));
        assertThat(repo.issues.get(1).path("body").asText()).contains("Earlier deployments to qa")
                .contains(GithubProject.sha(1).substring(0, 12));
        assertThat(last.tracking().changed()).isFalse();
        assertThat(last.tracking().created()).isFalse();
    }

    @Test
    void unchangedResyncReadsOnceAndWritesNothing() {
        project.deploy(GithubProject.sha(1), 1);
        github.clearRequests();

        project.deploy(GithubProject.sha(1), 1);

        assertThat(github.requests()).containsExactly("GET /repos/acme/app-deploy/issues/1");
    }

    @Test
    void newDeploymentReadsOnceWritesBodyAndOneComment() {
        project.deploy(GithubProject.sha(1), 1);
        github.clearRequests();

        project.deploy(GithubProject.sha(2), 2);

        // The comment before the body that carries its key: a failure between them leaves it owed.
        assertThat(github.requests()).containsExactly(
                "GET /repos/acme/app-deploy/issues/1",
                "POST /repos/acme/app-deploy/issues/1/comments",
                "PATCH /repos/acme/app-deploy/issues/1");
    }

    @Test
    void aNoteIsCommentedOnceAndARerunWithTheSameNoteAddsNothing() {
        project.deploy(GithubProject.sha(1), 1);

        note("swap-slots: green is live (was blue)");
        github.clearRequests();
        note("swap-slots: green is live (was blue)");

        assertThat(repo.commentsOf(1)).singleElement().satisfies(c -> assertThat(c.path("body").asText())
                .isEqualTo("In qa: swap-slots: green is live (was blue)"));
        assertThat(github.requests()).containsExactly("GET /repos/acme/app-deploy/issues/1");
        assertThat(repo.issues.get(1).path("body").asText()).contains("<!-- specweave-deploy:note=");

        note("rollback: 0000000 rolled back to 1111111");

        assertThat(repo.commentsOf(1)).hasSize(2);
        assertThat(repo.commentsOf(1).get(1).path("body").asText())
                .isEqualTo("In qa: rollback: 0000000 rolled back to 1111111");
    }

    @Test
    void aNoteThatIsAlsoANewDeploymentMakesOneComment() {
        project.deploy(GithubProject.sha(1), 1);
        project.deploy(GithubProject.sha(2), 2);
        int before = repo.commentsOf(1).size();
        // The promotion made the canary's commit the environment's record, as the rollout writes it.
        ObjectNode metadata = project.metadata();
        ((ObjectNode) metadata.path("deployments").path("qa")).put("commit", GithubProject.sha(3))
                .put("runUrl", "https://github.example/acme/shop/actions/runs/3");
        project.metadata(metadata);

        io.specweave.deploy.tracker.TrackerProject.send(project.trackers(), dir, "github-qa", true,
                "canary 1234567 promoted to 100 %", "https://github.example/acme/shop");

        assertThat(repo.commentsOf(1)).hasSize(before + 1);
        assertThat(repo.commentsOf(1).get(before).path("body").asText())
                .startsWith("Deployed to qa from commit " + GithubProject.sha(3).substring(0, 12))
                .endsWith("\n\nIn qa: canary 1234567 promoted to 100 %");
    }

    @Test
    void aCommentShowsTheUsersWordsAsTextMentioningAndLinkingNoOne() {
        project.deploy(GithubProject.sha(1), 1);

        note("rollback: asked @alice and @org/release, see [this](https://evil.example) <b>now</b>");

        assertThat(repo.commentsOf(1)).singleElement().satisfies(c -> assertThat(c.path("body").asText())
                .isEqualTo("In qa: rollback: asked @&#8203;alice and @&#8203;org/release, see "
                        + "\\[this\\](https&#8203;://evil.example) &lt;b&gt;now&lt;/b&gt;"));
    }

    /** What a rollout does after writing metadata.json: the item shows the stored record, commented with the note. */
    private void note(String note) {
        io.specweave.deploy.tracker.TrackerProject.send(project.trackers(), dir, "github-qa", false, note,
                "https://github.example/acme/shop");
    }

    @Test
    void lostLinkIsFoundByLabelsAndMarkerWithoutDuplicate() {
        github.maxPageSize(2);
        project.deploy(GithubProject.sha(1), 1);
        // Issues carrying the same labels that are not this item: another tool's, and another environment's marker.
        seedIssue("hand-made", "no marker here", "increment:0018", "env:qa");
        seedIssue("other env", "<!-- specweave-deploy:increment=0018-oauth-google;environment=qa-2 -->",
                "increment:0018", "env:qa");
        seedIssue("unrelated", "also unrelated", "increment:0018", "env:qa");
        ObjectNode metadata = project.metadata();
        ObjectNode qa = (ObjectNode) metadata.path("deployments").path("qa");
        qa.remove("issueNumber");
        qa.remove("issueUrl");
        project.metadata(metadata);
        github.clearRequests();

        ChangeOutcome<?> result = project.deploy(GithubProject.sha(2), 2);

        assertThat(result.tracking().number()).isEqualTo(1);
        assertThat(result.tracking().created()).isFalse();
        assertThat(repo.issues).hasSize(4);
        assertThat(repo.openIssues()).hasSize(4);
        assertThat(repo.commentsOf(1)).hasSize(1);
        assertThat(project.metadata().path("deployments").path("qa").path("issueNumber").asInt()).isEqualTo(1);
        assertThat(github.requests()).noneMatch(r -> r.contains("/search/"));
        assertThat(github.requests()).anyMatch(r -> r.startsWith("GET /repos/acme/app-deploy/issues?")
                && r.contains("labels=increment:0018,env:qa") && r.contains("state=all"));
        // The list had to be paged: the server hands out two issues per page.
        assertThat(github.requests()).anyMatch(r -> r.startsWith("GET /repos/acme/app-deploy/issues?") && r.contains("page=2"));
    }

    @Test
    void goneLinkedIssueIsReplacedByTheOneFoundByLabels() {
        project.deploy(GithubProject.sha(1), 1);
        ObjectNode metadata = project.metadata();
        ((ObjectNode) metadata.path("deployments").path("qa")).put("issueNumber", 99);
        project.metadata(metadata);

        ChangeOutcome<?> result = project.deploy(GithubProject.sha(2), 2);

        assertThat(result.tracking().number()).isEqualTo(1);
        assertThat(result.warnings()).anyMatch(w -> w.contains("#99") && w.contains("gone"));
        assertThat(repo.issues).hasSize(1);
        assertThat(project.metadata().path("deployments").path("qa").path("issueNumber").asInt()).isEqualTo(1);
    }

    @Test
    void linkToAnIssueThatIsNotThisItemIsNotTrusted() {
        seedIssue("someone else's issue", "unrelated", "bug");
        ObjectNode metadata = project.metadata();
        ObjectNode qa = metadata.putObject("deployments").putObject("qa");
        qa.put("profile", "github-qa");
        qa.put("status", "deployed");
        qa.put("issueNumber", 1);
        qa.put("commit", GithubProject.sha(1));
        project.metadata(metadata);

        ChangeOutcome<?> result = project.deploy(GithubProject.sha(2), 2);

        assertThat(result.tracking().number()).isEqualTo(2);
        assertThat(repo.issues.get(1).path("body").asText()).isEqualTo("unrelated");
        assertThat(result.warnings()).anyMatch(w -> w.contains("#1") && w.contains("is not the tracking issue"));
    }

    @Test
    void twoConcurrentSyncsOnAnEmptyRepositoryLeaveOneOpenIssue(@TempDir Path otherDir) throws Exception {
        GithubProject other = new GithubProject(otherDir, github);
        // Both runs list the (empty) repository before either creates an issue.
        github.gate(r -> r.startsWith("GET /repos/acme/app-deploy/issues?"), 2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<ChangeOutcome<?>> a = CompletableFuture.supplyAsync(() -> project.deploy(GithubProject.sha(1), 1), pool);
            CompletableFuture<ChangeOutcome<?>> b = CompletableFuture.supplyAsync(() -> other.deploy(GithubProject.sha(1), 1), pool);
            ChangeOutcome<?> ra = a.get(30, TimeUnit.SECONDS);
            ChangeOutcome<?> rb = b.get(30, TimeUnit.SECONDS);

            assertThat(repo.issues).hasSize(2);
            assertThat(repo.openIssues()).hasSize(1);
            assertThat(repo.openIssues().get(0).path("number").asInt()).isEqualTo(1);
            assertThat(ra.tracking().number()).isEqualTo(1);
            assertThat(rb.tracking().number()).isEqualTo(1);
            assertThat(repo.commentsOf(2)).anyMatch(c -> c.path("body").asText().startsWith("Duplicate of #1"));
            assertThat(repo.commentsOf(1)).isEmpty();
            assertThat(List.of(ra, rb)).anyMatch(r -> r.warnings().stream().anyMatch(w -> w.contains("duplicate of #1")));
            assertThat(project.metadata().path("deployments").path("qa").path("issueNumber").asInt()).isEqualTo(1);
            assertThat(other.metadata().path("deployments").path("qa").path("issueNumber").asInt()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }

        // A later sync finds the kept issue and leaves the closed duplicate alone.
        int duplicateComments = repo.commentsOf(2).size();
        ObjectNode metadata = project.metadata();
        ((ObjectNode) metadata.path("deployments").path("qa")).remove("issueNumber");
        project.metadata(metadata);
        ChangeOutcome<?> again = project.deploy(GithubProject.sha(2), 2);
        assertThat(again.tracking().number()).isEqualTo(1);
        assertThat(again.warnings()).noneMatch(w -> w.contains("duplicate"));
        assertThat(repo.commentsOf(2)).hasSize(duplicateComments);
        assertThat(repo.commentsOf(1)).hasSize(1);
    }

    @Test
    void existingDuplicatesAreClosedKeepingTheOldest() {
        String marker = "<!-- specweave-deploy:increment=0018-oauth-google;environment=qa -->";
        seedIssue("first", "old body\n" + marker, "increment:0018", "env:qa");
        seedIssue("second", "copy\n" + marker, "increment:0018", "env:qa");

        ChangeOutcome<?> result = project.deploy(GithubProject.sha(1), 1);

        assertThat(result.tracking().number()).isEqualTo(1);
        assertThat(repo.issues.get(2).path("state").asText()).isEqualTo("closed");
        assertThat(repo.commentsOf(2)).singleElement().satisfies(c ->
                assertThat(c.path("body").asText()).startsWith("Duplicate of #1"));
        assertThat(repo.issues.get(1).path("body").asText()).contains("Sign in with Google");
        assertThat(result.warnings()).anyMatch(w -> w.contains("closed #2") && w.contains("duplicate of #1"));
    }

    @Test
    void aFailedDeploymentDropsTheDeployedLabelAndKeepsLabelsAddedByPeople() {
        project.deploy(GithubProject.sha(1), 1);
        // someone adds a label of their own
        addLabelByHand(1, "needs-review");

        project.sync("github-qa", GithubProject.sha(2), 2, Request.Outcome.FAILED);

        assertThat(repo.labelNames(1)).containsExactlyInAnyOrder("specweave", "increment:0018", "env:qa", "needs-review");
        assertThat(repo.commentsOf(1)).singleElement().satisfies(c ->
                assertThat(c.path("body").asText()).contains("The deployment of commit "
                        + GithubProject.sha(2).substring(0, 12) + " (main)", "to qa failed."));
    }

    /** Label names are case-insensitive on GitHub: an issue shows the repository's spelling ("Deployed"). */
    @Test
    void theDeployedLabelInTheRepositorysSpellingIsDroppedWhenTheDeploymentFails() {
        project.deploy(GithubProject.sha(1), 1);
        ((ObjectNode) repo.issues.get(1).path("labels").get(repo.labelNames(1).indexOf("deployed"))).put("name", "Deployed");

        project.sync("github-qa", GithubProject.sha(2), 2, Request.Outcome.FAILED);

        assertThat(repo.labelNames(1)).containsExactlyInAnyOrder("specweave", "increment:0018", "env:qa");
    }

    @Test
    void theSameDeploymentFailingAfterInProgressGetsACommentSoTheLastCommentIsTrue() {
        project.sync("github-qa", GithubProject.sha(1), 1, Request.Outcome.IN_PROGRESS);
        project.sync("github-qa", GithubProject.sha(2), 2, Request.Outcome.IN_PROGRESS);
        assertThat(repo.commentsOf(1)).last().satisfies(c -> assertThat(c.path("body").asText())
                .startsWith("Deploying to qa from commit " + GithubProject.sha(2).substring(0, 12)));

        project.sync("github-qa", GithubProject.sha(2), 2, Request.Outcome.FAILED);

        assertThat(repo.commentsOf(1)).last().satisfies(c -> assertThat(c.path("body").asText())
                .contains("The deployment of commit " + GithubProject.sha(2).substring(0, 12) + " to qa is now failed "
                        + "(was in progress)."));
    }

    @Test
    void anUnhealthyDeploymentCarriesTheUnhealthyLabelInsteadOfDeployed() {
        project.deploy(GithubProject.sha(1), 1);
        assertThat(repo.labelNames(1)).contains("deployed");

        try (io.specweave.deploy.testing.HealthServer down = io.specweave.deploy.testing.HealthServer.start(503)) {
            assertThat(project.deployChecked(GithubProject.sha(1), 2, down.url()).result())
                    .isEqualTo(ChangeOutcome.Result.RECORDED_UNHEALTHY);
        }

        assertThat(repo.labelNames(1)).contains("unhealthy").doesNotContain("deployed");
        assertThat(repo.labels.get("unhealthy").path("color").asText()).isEqualTo(IssueLabels.colour("unhealthy"));
    }

    @Test
    void configLabelsAreAddedAndCreatedWithStableColours() {
        project.config(configWithQa("\"config\": { \"owner\": \"acme\", \"repo\": \"app-deploy\", \"labels\": [\"team-web\"] }"));

        project.deploy(GithubProject.sha(1), 1);

        assertThat(repo.labelNames(1)).contains("team-web");
        assertThat(repo.labels.get("team-web").path("color").asText()).isEqualTo(IssueLabels.colour("team-web"));
        assertThat(IssueLabels.colour("team-web")).isEqualTo(IssueLabels.colour("team-web"));
    }

    @Test
    void statusMappingClosesAndReopensTheIssue() {
        project.config(configWithQa("\"config\": { \"owner\": \"acme\", \"repo\": \"app-deploy\" }")
                .replace("\"sync\": {", "\"sync\": { \"statusSync\": { \"mappings\": { \"github\": "
                        + "{ \"active\": \"open\", \"completed\": { \"state\": \"closed\", \"labels\": [\"done\"] } } } },"));
        project.deploy(GithubProject.sha(1), 1);
        assertThat(repo.issues.get(1).path("state").asText()).isEqualTo("open");

        ObjectNode metadata = project.metadata();
        metadata.put("status", "completed");
        project.metadata(metadata);
        project.deploy(GithubProject.sha(1), 1);
        assertThat(repo.issues.get(1).path("state").asText()).isEqualTo("closed");
        assertThat(repo.labelNames(1)).contains("done");

        metadata = project.metadata();
        metadata.put("status", "active");
        project.metadata(metadata);
        project.deploy(GithubProject.sha(2), 2);
        assertThat(repo.issues.get(1).path("state").asText()).isEqualTo("open");
        assertThat(repo.labelNames(1)).doesNotContain("done");
    }

    @Test
    void withoutAMappingAClosedIssueStaysClosed() {
        project.deploy(GithubProject.sha(1), 1);
        repo.issues.get(1).put("state", "closed");

        project.deploy(GithubProject.sha(2), 2);

        assertThat(repo.issues.get(1).path("state").asText()).isEqualTo("closed");
        assertThat(repo.commentsOf(1)).hasSize(1);
    }

    @Test
    void oversizedBodyIsTrimmedToGithubsLimitKeepingTheMarker() {
        project.deploy(GithubProject.sha(1), 1);
        ObjectNode metadata = project.metadata();
        ObjectNode qa = (ObjectNode) metadata.path("deployments").path("qa");
        var history = qa.putArray("history");
        for (int i = 0; i < 1500; i++) {
            ObjectNode h = history.addObject();
            h.put("profile", "github-qa");
            h.put("status", "deployed");
            h.put("deployedAt", "2026-01-01T00:00:00Z");
            h.put("deployedBy", "a-rather-long-deployer-name-" + i);
            h.put("commit", GithubProject.sha(1000 + i));
            h.put("branch", "release/with-a-long-branch-name-" + i);
            h.put("runUrl", "https://github.example/acme/shop/actions/runs/" + (100000 + i));
        }
        project.metadata(metadata);

        project.deploy(GithubProject.sha(2), 2);

        String body = repo.issues.get(1).path("body").asText();
        assertThat(body.length()).isLessThanOrEqualTo(GithubTracker.BODY_LIMIT).isGreaterThan(GithubTracker.BODY_LIMIT / 4);
        assertThat(body).contains("older deployments not shown")
                .contains("<!-- specweave-deploy:increment=0018-oauth-google;environment=qa -->\n")
                .contains("\"historyTrimmed\":").endsWith(" -->\n");
    }

    @Test
    void aRollbackWithAHugeReasonKeepsTheWholeBodyWithinGithubsLimitAndTheCopyReadable() {
        project.deploy(GithubProject.sha(1), 1);
        project.deploy(GithubProject.sha(2), 2);
        String reason = "stack trace line at com.acme.Payment(Payment.java:42) -- ".repeat(1_250);

        ChangeOutcome<?> done = project.rollback(3, reason);

        assertThat(done.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        String body = repo.issues.get(1).path("body").asText();
        assertThat(body.length()).isLessThanOrEqualTo(GithubTracker.BODY_LIMIT);
        assertThat(body).contains("Shortened to fit GitHub's limit of 65,536 characters");
        ObjectNode copy = io.specweave.deploy.tracker.RecordCopy.fromHiddenComment(body, "0018-oauth-google", "qa")
                .orElseThrow();
        assertThat(copy.path("rollbackReason").asText()).hasSizeLessThanOrEqualTo(2_000)
                .startsWith("stack trace line at com.acme.Payment(Payment.java:42) -- stack")
                .endsWith("… [cut from " + reason.strip().length() + " characters; metadata.json keeps the whole text]");
        assertThat(copy.path("commit").asText()).isEqualTo(GithubProject.sha(1));
        assertThat(project.metadata().path("deployments").path("qa").path("rollbackReason").asText())
                .isEqualTo(reason.strip());
        assertThat(project.metadata().path("deployments").path("qa").has("trackingPending")).isFalse();

        github.clearRequests();
        project.deploy(GithubProject.sha(1), 4);

        assertThat(github.requests()).contains("PATCH /repos/acme/app-deploy/issues/1");
        assertThat(repo.issues.get(1).path("body").asText().length()).isLessThanOrEqualTo(GithubTracker.BODY_LIMIT);
    }

    @Test
    void resultCarriesOnlyLinkAndNoTokenInMetadata() {
        project.deploy(GithubProject.sha(1), 1);

        assertThat(project.metadataText()).doesNotContain(FakeGithub.TOKEN);
        assertThat(Json.compact(project.metadata())).contains("\"issueNumber\":1");
    }

    private void seedIssue(String title, String body, String... labels) {
        ObjectNode request = Json.mapper().createObjectNode();
        request.put("title", title);
        request.put("body", body);
        var array = request.putArray("labels");
        for (String l : labels) {
            array.add(l);
        }
        post("/repos/acme/app-deploy/issues", request);
    }

    private void addLabelByHand(int number, String label) {
        ObjectNode request = Json.mapper().createObjectNode();
        var array = request.putArray("labels");
        repo.labelNames(number).forEach(array::add);
        array.add(label);
        send("PATCH", "/repos/acme/app-deploy/issues/" + number, request);
    }

    private void post(String path, ObjectNode body) {
        send("POST", path, body);
    }

    private void send(String method, String path, ObjectNode body) {
        try {
            var client = java.net.http.HttpClient.newHttpClient();
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(github.apiUrl() + path))
                    .header("Authorization", "token " + FakeGithub.TOKEN)
                    .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(Json.compact(body))).build();
            var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isBetween(200, 201);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static String configWithQa(String qaConfig) {
        return """
                {
                  "sync": {
                    "defaultProfile": "github-qa",
                    "profiles": {
                      "github-qa": { "provider": "github", "displayName": "QA", %s,
                        "environment": "qa", "deploymentUrl": "https://qa.shop.example" }
                    }
                  },
                  "deployment": { "pipeline": ["dev", "qa", "prod"] }
                }
                """.formatted(qaConfig);
    }

    @Test
    void forbiddenNamesTheTokenVariableAndThePermission() {
        github.fault(r -> r.startsWith("POST /repos/acme/app-deploy/issues"), 403, java.util.Map.of(),
                FakeGithub.error("Resource not accessible by integration", "https://docs.github.com/rest"));

        assertThatThrownBy(() -> project.deploy(GithubProject.sha(1), 1))
                .isInstanceOf(io.specweave.deploy.OperationFailedException.class)
                .hasMessageContaining("GITHUB_TOKEN")
                .hasMessageContaining("issues: write")
                .hasMessageContaining("Resource not accessible by integration")
                .hasMessageNotContaining(FakeGithub.TOKEN);
    }
}
