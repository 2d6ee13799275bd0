package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.testing.TestProject;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operations on a folder SpecWeave itself also works on: its profiles, its two active increments. */
class SpecweaveCoexistenceTest {

    @TempDir
    Path dir;

    TestProject project;
    TestOperations run = TestOperations.at("2026-11-27T10:00:00Z");

    @BeforeEach
    void setUp() {
        project = TestProject.in(dir).config("""
                {"sync": {"profiles": {
                   "team": {"provider": "github", "displayName": "Team", "config": {"owner": "o", "repo": "app"},
                     "timeRange": {"default": "1M", "max": "6M"}},
                   "half-done": {"provider": "gitlab", "environment": 42, "deploymentUrl": "not a url"}}},
                 "cicd": {"git": {"branchPrefix": "feat/"}},
                 "deployment": {"environments": {"dev": {"provider": "local"}, "qa": {"profile": "half-done"}}}}
                """)
                .increment("0018-oauth", "OAuth", "{\"status\": \"active\"}")
                .increment("0019-search", "Search", "{\"status\": \"active\"}")
                .file(".specweave/state/active-increment.json", "{\"ids\": [\"0018-oauth\", \"0019-search\"]}");
    }

    private Request.Builder dev() {
        return Request.builder(dir).increment("active").environment("dev").commit("c100000").healthCheck(false);
    }

    @Test
    void activeWithTwoActiveIncrementsIsTheOneOfTheRunsBranch() {
        run.ci(new CiContext("github-actions", "c100000", "feat/0019-search", null, "octocat", null, null));

        ChangeOutcome<?> outcome = run.operations().sync(dev().build());

        assertThat(outcome.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(TestOperations.deployment(dir, "0019-search", "dev").path("commit").asText()).isEqualTo("c100000");
        assertThat(TestOperations.metadata(dir, "0018-oauth").has("deployments")).isFalse();
    }

    @Test
    void activeWithTwoActiveIncrementsAndAnotherBranchListsBoth() {
        run.ci(new CiContext("github-actions", "c100000", "main", null, "octocat", null, null));

        assertThatThrownBy(() -> run.operations().sync(dev().build())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("0018-oauth, 0019-search")
                .hasMessageContaining("feat/<id>");
    }

    @Test
    void aProfileTheCommandDoesNotUseNeverFailsIt() {
        ChangeOutcome<?> outcome = run.operations().sync(dev().increment("0018").build());
        assertThat(outcome.result()).isEqualTo(ChangeOutcome.Result.RECORDED);

        StatusOutcome status = run.operations().status(Request.builder(dir).increment("0018").build());
        assertThat(status.pipeline().environments()).extracting(e -> e.environment() + ":" + e.state())
                .contains("dev:deployed");

        // the environment bound to the broken profile fails, saying why, when it is used
        assertThatThrownBy(() -> run.operations().sync(dev().increment("0018").environment("qa").build()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("deployment.environments.qa.profile: names \"half-done\"")
                .hasMessageContaining("sync.profiles.half-done");
    }
}
