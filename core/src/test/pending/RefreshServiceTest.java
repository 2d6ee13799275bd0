package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.testing.TestProject;
import io.specweave.deploy.tracker.RecordLookup;
import io.specweave.deploy.tracker.Tracker;
import io.specweave.deploy.tracker.TrackingRef;
import io.specweave.deploy.tracker.TrackingRequest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefreshServiceTest {

    @TempDir
    Path dir;

    /** A tracker whose items' record copies the test sets by environment. */
    static final class CopyHoldingTracker implements Tracker {
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

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void mergesCopiesReportsUnreachableAndNoCopy() throws Exception {
        TestProject project = TestProject.in(dir).config("""
                {"sync": {"profiles": {
                  "gh-dev": {"provider": "github", "environment": "dev", "config": {"owner": "o", "repo": "r"}},
                  "jira-qa": {"provider": "jira", "environment": "qa", "config": {"domain": "x.atlassian.net", "project": "P"}},
                  "ado-uat": {"provider": "ado", "environment": "uat", "config": {"organization": "o", "project": "p"}},
                  "local-prod": {"provider": "local", "environment": "prod"}}}}
                """).increment("0018-oauth", "OAuth", "{\"id\": \"0018-oauth\", \"keep\": true}");
        CopyHoldingTracker github = new CopyHoldingTracker();
        github.copies.put("dev", json("{\"profile\": \"gh-dev\", \"status\": \"deployed\", \"deployedAt\": \"2026-11-01T10:00:00Z\", \"commit\": \"abc\", \"issueNumber\": 7}"));
        TrackerFactory factory = new TrackerFactory(new Credentials(Map.of()))
                .register(Provider.GITHUB, (p, c) -> github)
                .register(Provider.JIRA, (p, c) -> {
                    throw new BadInputException("no Jira credentials: set JIRA_EMAIL and JIRA_API_TOKEN");
                })
                .register(Provider.ADO, (p, c) -> new CopyHoldingTracker());
        var project1 = project.open();
        List<RefreshService.EnvironmentRefresh> report = new RefreshService(factory)
                .refresh(project1, project1.increments().resolve("18"));
        assertThat(report).extracting(RefreshService.EnvironmentRefresh::environment, RefreshService.EnvironmentRefresh::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("dev", RefreshService.Outcome.UPDATED),
                        org.assertj.core.groups.Tuple.tuple("qa", RefreshService.Outcome.UNREACHABLE),
                        org.assertj.core.groups.Tuple.tuple("uat", RefreshService.Outcome.NO_COPY),
                        org.assertj.core.groups.Tuple.tuple("prod", RefreshService.Outcome.LOCAL));
        assertThat(report.get(1).message()).contains("not reachable from here", "JIRA_EMAIL");
        JsonNode metadata = Json.mapper().readTree(project.read(".specweave/increments/0018-oauth/metadata.json"));
        assertThat(metadata.path("keep").asBoolean()).isTrue();
        assertThat(metadata.path("deployments").path("dev").path("commit").asText()).isEqualTo("abc");
        assertThat(metadata.path("deployments").path("dev").path("issueNumber").asInt()).isEqualTo(7);

        List<RefreshService.EnvironmentRefresh> again = new RefreshService(factory)
                .refresh(project1, project1.increments().resolve("18"), "dev");
        assertThat(again).singleElement().extracting(RefreshService.EnvironmentRefresh::outcome)
                .isEqualTo(RefreshService.Outcome.UNCHANGED);
    }
}
