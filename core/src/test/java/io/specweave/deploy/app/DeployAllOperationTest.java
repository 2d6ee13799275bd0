package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.TestProjects;
import io.specweave.deploy.testing.TestProject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deploy} to every environment: five local profiles in pipeline order, and stopped by a gate in the middle. */
class DeployAllOperationTest {

    private static final String COMMIT = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";

    @TempDir
    Path dir;

    TestProject project;
    final TestOperations run = TestOperations.at("2026-11-27T12:00:00Z");

    private void project(String promotion) {
        project = TestProject.in(dir).config("""
                {"sync": {"profiles": {
                   "local-prod": {"provider": "local", "environment": "prod"},
                   "local-dev": {"provider": "local", "environment": "dev"},
                   "local-qa": {"provider": "local", "environment": "qa"},
                   "local-staging": {"provider": "local", "environment": "staging"},
                   "local-uat": {"provider": "local", "environment": "uat"}}},
                 "deployment": {"pipeline": ["dev", "qa", "staging", "uat", "preview", "prod"]%s}}
                """.formatted(promotion == null ? "" : ", \"promotion\": " + promotion))
                .increment("0018-oauth-google", "OAuth", "{\"id\": \"0018-oauth-google\", \"status\": \"active\"}\n");
    }

    private AllEnvironmentsOutcome deploy(boolean force) {
        return run.operations().deployAll(TestOperations.request(dir).allEnvironments(true).commit(COMMIT)
                .branch("main").tag("v1.4.0").deployedBy("release-bot").runUrl("https://ci.example/runs/7")
                .force(force).build());
    }

    private JsonNode deployments() {
        return TestOperations.metadata(dir, "0018-oauth-google").path("deployments");
    }

    @Test
    void recordsTheSameCommitInEveryEnvironmentInPipelineOrder() {
        project("{\"requirePrevious\": true}");

        AllEnvironmentsOutcome result = deploy(false);

        assertThat(result.exitCode()).isZero();
        assertThat(result.stoppedAt()).isNull();
        assertThat(result.commit()).isEqualTo(COMMIT);
        assertThat(result.recorded()).extracting(ChangeOutcome::environment)
                .containsExactly("dev", "qa", "staging", "uat", "prod");
        assertThat(result.recorded()).extracting(o -> o.target().profile().name())
                .containsExactly("local-dev", "local-qa", "local-staging", "local-uat", "local-prod");
        assertThat(result.recorded()).extracting(ChangeOutcome::result).containsOnly(ChangeOutcome.Result.RECORDED);
        JsonNode deployments = deployments();
        assertThat(deployments.fieldNames()).toIterable().containsExactly("dev", "qa", "staging", "uat", "prod");
        deployments.forEach(d -> {
            assertThat(d.path("commit").asText()).isEqualTo(COMMIT);
            assertThat(d.path("status").asText()).isEqualTo("deployed");
            assertThat(d.path("tag").asText()).isEqualTo("v1.4.0");
            assertThat(d.has("forced")).isFalse();
        });
    }

    @Test
    void aRefusedGateStopsTheRunThereAndTheRestIsNotRecorded() {
        project("{\"requirePrevious\": true, \"requireApproval\": [\"uat\"]}");

        AllEnvironmentsOutcome result = deploy(false);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.recorded()).extracting(ChangeOutcome::environment).containsExactly("dev", "qa", "staging");
        assertThat(result.stoppedAt()).isEqualTo("uat");
        assertThat(result.reason().toString()).contains("promotion to uat refused", "requireApproval");
        assertThat(result.notRecorded()).containsExactly("uat", "prod");
        assertThat(deployments().fieldNames()).toIterable().containsExactly("dev", "qa", "staging");
    }

    @Test
    void forceRecordsPastTheRefusedGateAndSaysSo() {
        project("{\"requireApproval\": [\"uat\"]}");

        AllEnvironmentsOutcome result = deploy(true);

        assertThat(result.exitCode()).isZero();
        assertThat(deployments().path("uat").path("forced").asBoolean()).isTrue();
        assertThat(deployments().path("prod").has("forced")).isFalse();
    }

    @Test
    void anEnvironmentWithTwoProfilesAndNoDefaultIsRefusedBeforeAnythingIsRecorded() {
        TestProject.in(dir).config("""
                {"sync": {"profiles": {"a": {"provider": "local", "environment": "dev"},
                  "b": {"provider": "local", "environment": "dev"}, "c": {"provider": "local", "environment": "qa"}}}}
                """).increment("0018-oauth-google", "OAuth", null);
        assertThatThrownBy(() -> deploy(false)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("2 profiles have \"environment\": \"dev\" (a, b)");
        assertThat(dir.resolve(".specweave/increments/0018-oauth-google/metadata.json")).doesNotExist();
    }

    @Test
    void aBrokenEnvironmentBindingIsRefusedBeforeAnythingIsRecordedNotPassedOver() {
        TestProject.in(dir).config("""
                {"deployment": {"pipeline": ["dev", "qa", "prod"], "environments": {"dev": {"provider": "local"},
                  "qa": {"profile": "github-qa"}, "prod": {"provider": "local"}}}}
                """).increment("0018-oauth-google", "OAuth", null);
        assertThatThrownBy(() -> deploy(false)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("deployment.environments.qa");
        assertThat(dir.resolve(".specweave/increments/0018-oauth-google/metadata.json")).doesNotExist();
    }

    @Test
    void badInputFoundOnlyInALaterEnvironmentIsRefusedBeforeTheFirstIsRecorded() {
        project(null);
        Path file = dir.resolve(".specweave/increments/0018-oauth-google/metadata.json");
        String hand = "{\"id\": \"0018-oauth-google\", \"deployments\": {\"prod\": {\"status\": \"deployed\", "
                + "\"commit\": \"p0\", \"deployedAt\": \"2026-11-01T00:00:00Z\", \"history\": \"see wiki\"}}}\n";
        TestProjects.write(file, hand);

        assertThatThrownBy(() -> deploy(false)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("deployments.prod.history");
        assertThat(TestProjects.read(file)).isEqualTo(hand);

        TestProjects.write(file, "{\"id\": \"0018-oauth-google\"}\n");
        TestProject.in(dir).config("""
                {"sync": {"profiles": {"local-dev": {"provider": "local", "environment": "dev"},
                  "github-prod": {"provider": "github", "environment": "prod", "config": {"owner": "o", "repo": "r"}}}},
                 "deployment": {"pipeline": ["dev", "prod"]}}
                """);
        // The shipped trackers, as a run has them: prod's GitHub profile has no token.
        assertThatThrownBy(() -> TestOperations.at("2026-11-27T12:00:00Z").trackers(TrackerFactory::standard)
                .operations().deployAll(TestOperations.request(dir).allEnvironments(true).commit(COMMIT).build()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no GitHub token for profile \"github-prod\"");
        assertThat(TestProjects.read(file)).isEqualTo("{\"id\": \"0018-oauth-google\"}\n");
    }

    @Test
    void aConfigThatBindsNoEnvironmentSaysHowToBindOneInDeploymentEnvironments() {
        project = TestProject.in(dir).config("""
                {"sync": {"profiles": {"demo-shop": {"provider": "github", "config": {"owner": "o", "repo": "r"}}}},
                 "deployment": {"pipeline": ["dev", "qa", "prod"]}}
                """).increment("0018-oauth-google", "OAuth", "{\"id\": \"0018-oauth-google\"}\n");
        String sync = null;
        try {
            run.operations().sync(TestOperations.request(dir).commit(COMMIT).build());
        } catch (BadInputException e) {
            sync = e.getMessage();
        }

        assertThatThrownBy(() -> deploy(false)).isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("config.json: all-environments records a deployment to each environment of "
                        + "the pipeline, and no environment is bound to a profile yet: bind one in "
                        + "deployment.environments, e.g. \"deployment\": {\"environments\": {\"dev\": {\"profile\": "
                        + "\"demo-shop\"}}} (profiles: demo-shop)")
                .hasMessageNotContaining("sync.profiles: no profile has");
        assertThat(sync).as("sync gives the same advice").contains("no environment is bound to a profile yet: bind "
                + "one in deployment.environments, e.g. \"deployment\": {\"environments\": {");
    }

    @Test
    void oneEnvironmentOrProfileNamedWithEveryEnvironmentIsBadInput() {
        project(null);
        assertThatThrownBy(() -> run.operations().deployAll(TestOperations.request(dir).allEnvironments(true)
                .environment("qa").commit(COMMIT).build()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("all-environments records every environment of the pipeline through its own "
                        + "profile; leave out environment, profile, slot, canary and deployment-url");
        assertThatThrownBy(() -> run.operations().deployAll(TestOperations.request(dir).allEnvironments(true).build()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no commit known: pass commit");
        assertThat(deployments().isMissingNode()).isTrue();
    }
}
