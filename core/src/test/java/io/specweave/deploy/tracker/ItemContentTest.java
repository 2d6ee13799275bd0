package io.specweave.deploy.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import io.specweave.deploy.app.Project;
import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.increment.SpecDocument;
import io.specweave.deploy.model.DeploymentRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every tracker's item tells about a deployment: the facts a release manager audits. */
class ItemContentTest {

    @TempDir
    Path dir;

    private String item(String environment, String note) throws IOException {
        Path increment = dir.resolve(".specweave/increments/0018-oauth-google");
        Files.createDirectories(increment);
        Files.writeString(dir.resolve(".specweave/config.json"), "{\"sync\": {\"profiles\": {"
                + "\"uat\": {\"provider\": \"local\", \"environment\": \"uat\"},"
                + "\"prod\": {\"provider\": \"local\", \"environment\": \"prod\"}}},"
                + " \"deployment\": {\"pipeline\": [\"uat\", \"prod\"]}}");
        Files.writeString(increment.resolve("spec.md"), "# Sign in with Google\n\n<!-- template: say why -->\n"
                + "Shoppers sign in with **Google**.\n");
        Files.writeString(increment.resolve("metadata.json"), """
                {"id": "0018-oauth-google", "status": "active", "deployments": {
                  "uat": {"profile": "uat", "status": "deployed", "issueNumber": 7,
                    "issueUrl": "https://github.com/acme/shop/issues/7", "commit": "1111111111111111", "deployedAt":
                    "2026-11-24T09:00:00Z", "lastChecked": "2026-11-24T12:00:00Z", "healthStatus": "unhealthy",
                    "coverage": 81.5,
                    "loadTestResults": {"maxRPS": 333.33, "avgLatency": 84.31, "p95Latency": 188.46, "errorRate": 0.3},
                    "approvals": [{"approvedBy": "maria.qa", "role": "QA Lead", "approvedAt": "2026-11-24T09:40:00Z",
                      "commit": "1111111111111111"}],
                    "flagChanges": [{"flag": "newCheckout", "enabled": true, "previous": false,
                      "at": "2026-11-24T10:00:00Z", "by": "jane"}]},
                  "prod": {"profile": "prod", "status": "deployed", "commit": "2222222222222222",
                    "deployedAt": "2026-11-26T22:10:00Z", "healthStatus": "healthy",
                    "metrics": {"rps": 5234, "errorRate": 0.0001, "p50Latency": 45, "uptime": 99.98},
                    "changeRequest": {"id": "CHG0031337", "url": "https://change.example/CHG0031337",
                      "window": "2026-11-26T22:00:00Z/2026-11-27T02:00:00Z"},
                    "rolledBackFrom": "3333333333333333", "rollbackReason": "checkout broken"}}}""");
        Project project = Project.open(dir);
        Increment inc = project.increments().resolve("0018");
        MetadataDocument document = project.metadata(inc).read();
        DeploymentRecord record = Deployments.get(document, environment).orElseThrow();
        TrackingRequest request = new TrackingRequest(project.config(), project.config().profile(environment), inc,
                SpecDocument.read(inc.specFile()), document.status(), record, true, Deployments.all(document),
                "https://github.com/acme/shop", List.of(), note, document.deployment(environment).orElseThrow());
        return MarkdownItemRenderer.render(ItemContent.of(request), null, BodyFit.GITHUB);
    }

    @Test
    void aLongSpecTitleGivesWaySoTheIncrementAndTheEnvironmentStayWhole() {
        String spec = "Sign in with Google ".repeat(20).strip();
        ItemContent qa = new ItemContent("[0018-oauth] " + spec + " — QA", "0018-oauth", spec, null, "qa", List.of(),
                List.of(), List.of(), null);
        ItemContent prod = new ItemContent("[0018-oauth] " + spec + " — Production", "0018-oauth", spec, null, "prod",
                List.of(), List.of(), List.of(), null);

        assertThat(qa.title(255)).hasSize(255).startsWith("[0018-oauth] Sign in with Google").endsWith("… — QA");
        assertThat(prod.title(255)).hasSize(255).endsWith("… — Production");
        assertThat(new ItemContent("[0018-oauth] Short — QA", "0018-oauth", "Short", null, "qa", List.of(), List.of(),
                List.of(), null).title(255)).isEqualTo("[0018-oauth] Short — QA");
    }

    @Test
    void theUatItemShowsItsApprovalOfACommitLoadTestCoverageFlagsAndThatItIsUnhealthy() throws IOException {
        String body = item("uat", null);
        assertThat(body).contains("| Status | deployed, unhealthy |",
                "| Approved | commit 111111111111 by maria.qa (QA Lead) at 2026-11-24T09:40:00Z |",
                "| Load test | 333.33 req/s, avg 84.31 ms, p95 188.46 ms, 0.3 % errors |",
                "| Coverage | 81.5% of lines |",
                "| Feature flags | newCheckout on (was off) at 2026-11-24T10:00:00Z by jane |")
                .contains("> Shoppers sign in with **Google**.").doesNotContain("template: say why");
    }

    @Test
    void theProdItemShowsItsChangeRequestMetricsForPeopleAndTheRollbackReason() throws IOException {
        String body = item("prod", null);
        assertThat(body).contains("| Change request | [CHG0031337, window 2026-11-26T22:00:00Z/2026-11-27T02:00:00Z",
                "| Metrics | 5234 req/s, 0.0001 % errors, p50 45 ms, 99.98 % uptime |",
                "| Rolled back | from commit 333333333333: checkout broken |");
        assertThat(body).as("a GitHub issue as people write it").contains("| [#7](https://github.com/acme/shop/issues/7) |");
    }

    @Test
    void anotherEnvironmentsStateSaysWhenItWasTrue() throws IOException {
        String body = item("prod", null);
        assertThat(body).contains("| Environment | State | As of | Deployed at | Commit | Tracking |",
                "| uat | deployed, unhealthy | 2026-11-24T12:00:00Z | 2026-11-24T09:00:00Z | 111111111111 |",
                ItemContent.OTHERS_CAPTION);
    }

    @Test
    void aFailedDeploymentsCommentSaysItFailedAndAStatusChangeIsANoteOfItsOwn() throws IOException {
        item("prod", null);
        DeploymentRecord failed = DeploymentRecord.builder().status(io.specweave.deploy.model.DeploymentStatus.FAILED)
                .commit("4444444444444444").deployedBy("ci-bot").build();
        ItemContent content = new ItemContent("t", "0018-oauth-google", "t", "", "prod", List.of(), List.of(), List.of(),
                ItemContent.marker("0018-oauth-google", "prod"));
        assertThat(content.deploymentComment(failed, null))
                .isEqualTo("The deployment of commit 444444444444 by ci-bot to prod failed.");
    }

    @Test
    void aRecordedValueShowsInTheIssueAsTheTextItIsAndOnlyHttpUrlsAreLinks() {
        ItemContent content = new ItemContent("t", "0018-oauth-google", "[Sign in](https://evil.example) <img src=x>",
                "", "prod", List.of(
                        new ItemContent.Fact("Rolled back", "from abc: see [docs](https://evil.example) | extra", null),
                        new ItemContent.Fact("Run", "run 7", "javascript:alert(1)"),
                        new ItemContent.Fact("Deployment URL", "shop", "https://shop.example/a b)")),
                List.of(), List.of(new ItemContent.Fact.HistoryEntry("2026-11-20T10:00:00Z", "deployed", "abc", null,
                        "main", "<b>eve</b>", "https://ci.example/runs/(1)")),
                ItemContent.marker("0018-oauth-google", "prod"));

        String body = MarkdownItemRenderer.render(content, null, BodyFit.GITHUB);

        assertThat(body).contains("## \\[Sign in\\](https&#8203;://evil.example) &lt;img src=x&gt;",
                "| Rolled back | from abc: see \\[docs\\](https&#8203;://evil.example) \\| extra |",
                "| Run | run 7 |",
                "| Deployment URL | [shop](https://shop.example/a%20b%29) |",
                "| &lt;b&gt;eve&lt;/b&gt; | [run](https://ci.example/runs/%281%29) |")
                .doesNotContain("javascript:", "<img", "<b>");
        // The same rule for every tracker: a link only to an http(s) URL.
        assertThat(content.facts().get(1).link()).isNull();
    }
}
