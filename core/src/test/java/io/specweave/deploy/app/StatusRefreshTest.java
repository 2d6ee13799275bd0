package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.Message;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.testing.TestProject;
import io.specweave.deploy.tracker.RecordLookup;
import io.specweave.deploy.tracker.Tracker;
import io.specweave.deploy.tracker.TrackingRef;
import io.specweave.deploy.tracker.TrackingRequest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status} with refresh: every environment's record copy read from its tracker and merged in. */
class StatusRefreshTest {

    @TempDir
    Path dir;

    /** A tracker whose items' record copies the test sets by environment. */
    static class CopyHoldingTracker implements Tracker {
        final Map<String, ObjectNode> copies = new HashMap<>();

        @Override
        public TrackingRef upsert(TrackingRequest request) {
            throw new AssertionError("refresh must not write to the tracker");
        }

        @Override
        public Optional<ObjectNode> readRecord(RecordLookup lookup) {
            return Optional.ofNullable(copies.get(lookup.environment()));
        }
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void mergesCopiesReportsUnreachableAndNoCopy() {
        TestProject.in(dir).config("""
                {"sync": {"profiles": {
                  "gh-dev": {"provider": "github", "environment": "dev", "config": {"owner": "o", "repo": "r"}},
                  "jira-qa": {"provider": "jira", "environment": "qa", "config": {"domain": "x.atlassian.net", "project": "P"}},
                  "ado-uat": {"provider": "ado", "environment": "uat", "config": {"organization": "o", "project": "p"}},
                  "local-prod": {"provider": "local", "environment": "prod"}}}}
                """).increment("0018-oauth", "OAuth", "{\"id\": \"0018-oauth\", \"keep\": true}");
        CopyHoldingTracker github = new CopyHoldingTracker();
        github.copies.put("dev", json("{\"profile\": \"gh-dev\", \"status\": \"deployed\", \"deployedAt\": "
                + "\"2026-11-01T10:00:00Z\", \"commit\": \"abc\", \"issueNumber\": 7}"));
        TestOperations run = TestOperations.at("2026-11-27T10:00:00Z").trackers(credentials ->
                new TrackerFactory(credentials)
                        .register(Provider.GITHUB, (p, c) -> github)
                        .register(Provider.JIRA, (p, c) -> {
                            throw new BadInputException("no Jira credentials: set JIRA_EMAIL and JIRA_API_TOKEN");
                        })
                        .register(Provider.ADO, (p, c) -> new CopyHoldingTracker()));

        StatusOutcome status = run.operations().status(TestOperations.request(dir).refresh(true).dora(false).build());

        assertThat(status.refreshed()).extracting(Message::toString).containsExactly(
                "dev (gh-dev): took the tracker's newer record",
                "qa (jira-qa): not reachable from here: no Jira credentials: set JIRA_EMAIL and JIRA_API_TOKEN",
                "uat (ado-uat): the ado item holds no record of uat (not created yet, or its copy was removed)");
        JsonNode metadata = TestOperations.metadata(dir, "0018-oauth");
        assertThat(metadata.path("keep").asBoolean()).isTrue();
        assertThat(metadata.path("deployments").path("dev").path("commit").asText()).isEqualTo("abc");
        assertThat(metadata.path("deployments").path("dev").path("issueNumber").asInt()).isEqualTo(7);
        assertThat(status.pipeline().environments()).filteredOn(e -> e.environment().equals("dev")).singleElement()
                .satisfies(dev -> assertThat(dev.record().commit()).isEqualTo("abc"));

        StatusOutcome again = run.operations().status(TestOperations.request(dir).refresh(true).dora(false).build());
        assertThat(again.refreshed()).first().hasToString("dev (gh-dev): already up to date");
    }

    @Test
    void aTrackerThatAnswersWithAnErrorCouldNotBeReadNotUnreachable() {
        TestProject.in(dir).config("""
                {"sync": {"profiles": {
                  "gh-dev": {"provider": "github", "environment": "dev", "config": {"owner": "o", "repo": "r"}}}}}
                """).increment("0018-oauth", "OAuth", "{\"id\": \"0018-oauth\"}");
        TestOperations run = TestOperations.at("2026-11-27T10:00:00Z").trackers(credentials ->
                new TrackerFactory(credentials).register(Provider.GITHUB, (p, c) -> new CopyHoldingTracker() {
                    @Override
                    public Optional<ObjectNode> readRecord(RecordLookup lookup) {
                        throw new io.specweave.deploy.OperationFailedException("GitHub rejected the token (HTTP 401)");
                    }
                }));

        StatusOutcome status = run.operations().status(TestOperations.request(dir).refresh(true).dora(false).build());

        assertThat(status.refreshed()).extracting(Message::toString)
                .containsExactly("dev (gh-dev): could not be read: GitHub rejected the token (HTTP 401)");
    }

    @Test
    void statusWithoutRefreshAsksNoTracker() {
        TestProject.in(dir).config("""
                {"sync": {"profiles": {
                  "gh-dev": {"provider": "github", "environment": "dev", "config": {"owner": "o", "repo": "r"}}}}}
                """).increment("0018-oauth", "OAuth", "{\"id\": \"0018-oauth\"}");
        TestOperations run = TestOperations.at("2026-11-27T10:00:00Z").trackers(credentials ->
                new TrackerFactory(credentials).register(Provider.GITHUB, (p, c) -> {
                    throw new AssertionError("no tracker is built without refresh");
                }));

        StatusOutcome status = run.operations().status(TestOperations.request(dir).dora(false).build());

        assertThat(status.refreshed()).isEmpty();
        assertThat(status.pipeline().environments()).extracting(e -> e.environment()).contains("dev");
    }
}
