package io.specweave.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.testing.TestProject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentBindingTest {

    @TempDir
    Path dir;

    private static final String BOUND = """
            {"sync": {"profiles": {
               "team-issues": {"provider": "github", "displayName": "Team issues",
                 "config": {"owner": "o", "repo": "app"}, "timeRange": {"default": "1M", "max": "6M"}},
               "github-qa": {"provider": "github", "displayName": "QA tracking",
                 "config": {"owner": "o", "repo": "app-qa"}, "timeRange": {"default": "1M", "max": "6M"},
                 "healthCheck": {"path": "/ready"}}}},
             "deployment": {"environments": {
               "dev": {"provider": "local", "displayName": "Development", "deploymentUrl": "https://dev.example.com"},
               "qa": {"profile": "github-qa", "deploymentUrl": "https://qa.example.com"}}}}
            """;

    @Test
    void environmentsBoundInDeploymentUseTheLocalProviderOrASyncProfile() {
        SpecweaveConfig config = ConfigLoader.load(TestProject.in(dir).config(BOUND).dir());
        SyncProfile dev = config.resolveProfile(null, "dev");
        assertThat(dev.name()).isEqualTo("local-dev");
        assertThat(dev.provider()).isEqualTo(Provider.LOCAL);
        assertThat(dev.label()).isEqualTo("Development");
        assertThat(dev.settingPath("healthCheck")).isEqualTo("deployment.environments.dev.healthCheck");
        SyncProfile qa = config.resolveProfile(null, "qa");
        assertThat(qa.name()).isEqualTo("github-qa");
        assertThat(qa.configText("repo")).isEqualTo("app-qa");
        assertThat(qa.deploymentUrl()).isEqualTo("https://qa.example.com");
        assertThat(qa.label()).isEqualTo("QA tracking");
        assertThat(qa.setting("healthCheck").get("path").asText()).isEqualTo("/ready");
        assertThat(qa.settingPath("healthCheck")).isEqualTo("sync.profiles.github-qa.healthCheck");
        assertThat(qa.settingPath("deploymentUrl")).isEqualTo("deployment.environments.qa.deploymentUrl");
        assertThat(config.resolveProfile("local-dev", null).environment()).isEqualTo("dev");
        assertThat(config.pipeline()).containsExactly("dev", "qa");
        // the SpecWeave profile bound to no environment records nothing
        assertThat(config.profile("team-issues").environment()).isNull();
    }

    @Test
    void aProfileAndAnotherEnvironmentAtOnceNameWhereTheProfilesEnvironmentIsSet() {
        SpecweaveConfig config = ConfigLoader.load(TestProject.in(dir).config(BOUND).dir());

        assertThatThrownBy(() -> config.resolveProfile("local-dev", "qa")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("profile \"local-dev\" records environment \"dev\", not \"qa\" "
                        + "(").hasMessageContaining(".specweave/config.json: deployment.environments.dev)");
        assertThatThrownBy(() -> config.resolveProfile("github-qa", "dev")).isInstanceOf(BadInputException.class)
                .hasMessageContaining(".specweave/config.json: deployment.environments.qa)");
    }

    @Test
    void aBindingWinsOverTheOldProfileEnvironmentKey() {
        SpecweaveConfig config = ConfigLoader.load(TestProject.in(dir).config("""
                {"sync": {"profiles": {"old-qa": {"provider": "local", "environment": "qa"}}},
                 "deployment": {"environments": {"qa": {"provider": "local"}}}}
                """).dir());
        assertThat(config.resolveProfile(null, "qa").name()).isEqualTo("local-qa");
        assertThat(config.notes()).anySatisfy(n -> assertThat(n).contains("sync.profiles.old-qa.environment")
                .contains("wins"));
        assertThat(config.notes()).anySatisfy(n -> assertThat(n).contains("provider \"local\" is read for compatibility"));
    }

    @Test
    void aBadBindingFailsOnlyTheCommandThatUsesItsEnvironment() {
        SpecweaveConfig config = ConfigLoader.load(TestProject.in(dir).config("""
                {"sync": {"profiles": {}},
                 "deployment": {"environments": {
                   "dev": {"provider": "local"},
                   "qa": {"profile": "missing"},
                   "uat": {"provider": "gitlab"}}}}
                """).dir());
        assertThat(config.resolveProfile(null, "dev").name()).isEqualTo("local-dev");
        assertThatThrownBy(() -> config.resolveProfile(null, "qa")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("deployment.environments.qa.profile: no profile named \"missing\"");
        assertThatThrownBy(() -> config.resolveProfile(null, "uat")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("deployment.environments.uat.provider")
                .hasMessageContaining("\"gitlab\"");
        assertThat(config.notes()).hasSize(2);
    }

    @Test
    void aSyncProfileBoundToTwoEnvironmentsIsRefusedForTheSecond() {
        SpecweaveConfig config = ConfigLoader.load(TestProject.in(dir).config("""
                {"sync": {"profiles": {"gh": {"provider": "github", "config": {"owner": "o", "repo": "r"}}}},
                 "deployment": {"environments": {"qa": {"profile": "gh"}, "uat": {"profile": "gh"}}}}
                """).dir());
        assertThat(config.resolveProfile(null, "qa").name()).isEqualTo("gh");
        assertThatThrownBy(() -> config.resolveProfile(null, "uat"))
                .hasMessageContaining("already bound to environment qa");
    }

    @Test
    void specweavesReleaseEnvironmentsOrderThePipelineAndGateApprovalsWhenThisToolSaysNothing() {
        TestProject project = TestProject.in(dir).config("""
                {"cicd": {"release": {"strategy": "env-promotion", "environments": [
                   {"name": "dev"}, {"name": "staging", "branch": "develop"},
                   {"name": "prod", "branch": "main", "requiresApproval": true}, {"branch": "x"}]}},
                 "deployment": {"environments": {"prod": {"provider": "local"}, "qa": {"provider": "local"},
                   "staging": {"provider": "local"}, "dev": {"provider": "local"}}}}
                """);
        SpecweaveConfig config = ConfigLoader.load(project.dir());
        assertThat(config.pipeline()).containsExactly("dev", "staging", "prod", "qa");
        assertThat(config.hasDeclaredPipeline()).isTrue();
        assertThat(config.notes()).anySatisfy(n -> assertThat(n).startsWith("cicd.release.environments[3]: skipped"));
        assertThat(PromotionRules.of(config).requireApproval()).containsExactly("prod");

        project.config("""
                {"cicd": {"release": {"environments": [{"name": "prod", "requiresApproval": true}, {"name": "dev"}]}},
                 "deployment": {"pipeline": ["dev", "prod"], "promotion": {"requireApproval": []},
                   "environments": {"prod": {"provider": "local"}, "dev": {"provider": "local"}}}}
                """);
        SpecweaveConfig own = ConfigLoader.load(project.dir());
        assertThat(own.pipeline()).containsExactly("dev", "prod");
        assertThat(PromotionRules.of(own).requireApproval()).isEmpty();
    }
    @Test
    void aGateReadsTrueAsTextAndRefusesAnEnvironmentTheConfigDoesNotKnow() {
        TestProject project = TestProject.in(dir);
        String environments = "\"environments\": {\"qa\": {\"provider\": \"local\"}, \"prod\": {\"provider\": \"local\"}}";
        project.config("{\"deployment\": {\"promotion\": {\"requirePrevious\": \"true\"}, " + environments + "}}");
        assertThat(PromotionRules.of(ConfigLoader.load(project.dir())).requiresPrevious("prod")).isTrue();

        project.config("{\"deployment\": {\"promotion\": {\"requirePrevious\": \"yes\"}, " + environments + "}}");
        assertThatThrownBy(() -> PromotionRules.of(ConfigLoader.load(project.dir())))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(".specweave/config.json: deployment.promotion.requirePrevious: expected true, "
                        + "false or a list of environments; no environment \"yes\"");

        project.config("{\"deployment\": {\"promotion\": {\"requireApproval\": [\"qa\", \"Prod\"]}, "
                + environments + "}}");
        assertThatThrownBy(() -> PromotionRules.of(ConfigLoader.load(project.dir())))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("deployment.promotion.requireApproval[1]: no environment \"Prod\" in this config, "
                        + "so the gate would never apply; did you mean \"prod\"? environments: qa, prod");

        project.config("{\"deployment\": {\"promotion\": {\"changeWindow\": 3}, " + environments + "}}");
        assertThatThrownBy(() -> PromotionRules.of(ConfigLoader.load(project.dir())))
                .hasMessageContaining("deployment.promotion.changeWindow: expected a list of environments");
    }

    @Test
    void aSettingSpelledAnotherWayIsReadUnderItsOwnNameWithANote() {
        SpecweaveConfig config = ConfigLoader.load(TestProject.in(dir).config("""
                {"sync": {"profiles": {"github-qa": {"provider": "github", "Display_Name": "QA",
                   "config": {"owner": "o", "repo": "app"}}}},
                 "deployment": {"environments": {
                   "qa": {"profile": "github-qa", "deployment_url": "https://qa.example.com",
                     "health_check": {"path": "/ready"}},
                   "prod": {"provider": "local", "deploymentUrl": "https://example.com",
                     "deployment-url": "https://old.example.com"}}}}
                """).dir());
        SyncProfile qa = config.resolveProfile(null, "qa");
        assertThat(qa.deploymentUrl()).isEqualTo("https://qa.example.com");
        assertThat(qa.setting("healthCheck").path("path").asText()).isEqualTo("/ready");
        assertThat(qa.label()).isEqualTo("QA");
        assertThat(config.resolveProfile(null, "prod").deploymentUrl()).isEqualTo("https://example.com");
        assertThat(config.notes()).contains("deployment.environments.qa.deployment_url: read as deploymentUrl",
                "deployment.environments.qa.health_check: read as healthCheck",
                "sync.profiles.github-qa.Display_Name: read as displayName",
                "deployment.environments.prod.deployment-url: not read, deployment.environments.prod.deploymentUrl "
                        + "is given");
    }

    @Test
    void aGateASuiteAndACanaryLimitSpelledAnotherWayAreReadToo() {
        SpecweaveConfig config = ConfigLoader.load(TestProject.in(dir).config("""
                {"deployment": {
                   "promotion": {"require_approval": ["prod"], "Change-Window": ["prod"]},
                   "test_suites": {"smoke": {"command": "true", "reports": "out/*.xml", "timeout_seconds": 5}},
                   "environments": {"prod": {"provider": "local",
                     "canary_analysis": {"max_error_rate_increase": 0.01}}}}}
                """).dir());

        PromotionRules rules = PromotionRules.of(config);
        assertThat(rules.requireApproval()).containsExactly("prod");
        assertThat(rules.changeWindow()).containsExactly("prod");
        assertThat(SuiteDefinition.from(config, "smoke").timeout()).hasSeconds(5);
        assertThat(io.specweave.deploy.metrics.CanaryThresholds.of(config.resolveProfile(null, "prod"))
                .maxErrorRateIncrease()).isEqualTo(0.01);
        assertThat(config.notes()).contains("deployment.promotion.require_approval: read as requireApproval",
                "deployment.test_suites: read as testSuites",
                "deployment.testSuites.smoke.timeout_seconds: read as timeoutSeconds",
                "deployment.environments.prod.canary_analysis: read as canaryAnalysis",
                "deployment.environments.prod.canaryAnalysis.max_error_rate_increase: read as maxErrorRateIncrease");
    }
}
