package io.specweave.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.testing.TestProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void aSwitchIsABooleanOrTheTextTrueOrFalseAndAnythingElseIsRefusedNamingTheSetting() throws Exception {
        com.fasterxml.jackson.databind.JsonNode node = io.specweave.deploy.Json.mapper().readTree(
                "{\"a\": true, \"b\": \" False \", \"c\": null, \"d\": \"yes\", \"e\": 1}");

        assertThat(ConfigLoader.flag(node.get("a"), "x.a")).isTrue();
        assertThat(ConfigLoader.flag(node.get("b"), "x.b")).isFalse();
        assertThat(ConfigLoader.flag(node.get("c"), "x.c")).isNull();
        assertThat(ConfigLoader.flag(node.get("absent"), "x.absent")).isNull();
        assertThatThrownBy(() -> ConfigLoader.flag(node.get("d"), "x.d")).isInstanceOf(BadInputException.class)
                .hasMessage("x.d: expected true or false, got \"yes\"");
        assertThatThrownBy(() -> ConfigLoader.flag(node.get("e"), "x.e")).hasMessage("x.e: expected true or false, got 1");
    }

    @TempDir
    Path dir;

    @Test
    void everyRealSpecweaveConfigLoads() throws IOException {
        Path configs = Path.of(System.getProperty("specweave.shared.dir", "../../shared"), "examples", "configs");
        Assumptions.assumeTrue(Files.isDirectory(configs),
                "skipped: " + configs + " is absent (the shared examples come with CI's checkout)");
        List<Path> files;
        try (Stream<Path> s = Files.list(configs)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            TestProject project = TestProject.in(dir.resolve(file.getFileName().toString()));
            project.config(Files.readString(file));
            SpecweaveConfig config = ConfigLoader.load(project.dir());
            assertThat(config.root().size()).as(file.toString()).isPositive();
            config.profiles().forEach(p -> assertThat(p.provider()).isNotNull());
        }
    }

    @Test
    void specweaveProfilesWithoutEnvironmentLoadAndFailOnlyWhenUsedForDeployments() {
        TestProject project = TestProject.in(dir).config("""
                {"sync": {"defaultProfile": "main", "profiles": {
                  "main": {"provider": "github", "config": {"owner": "o", "repo": "r"}, "timeRange": {"default": "1M"}}}}}
                """);
        SpecweaveConfig config = ConfigLoader.load(project.dir());
        SyncProfile main = config.profile("main");
        assertThat(main.configText("owner")).isEqualTo("o");
        assertThatThrownBy(main::requireEnvironment).isInstanceOf(BadInputException.class)
                .hasMessageContaining("deployment.environments.<environment>.profile")
                .hasMessageContaining("{\"qa\": {\"profile\": \"main\"}}");
        // SpecWeave's default profile is where SpecWeave syncs increments: never a deployment target
        assertThatThrownBy(() -> config.resolveProfile(null, null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no environment chosen");
    }

    @Test
    void configWithoutSyncLoadsAndSaysSoWhenAProfileIsAsked() {
        TestProject project = TestProject.in(dir).config("{\"project\": {\"name\": \"x\"}}");
        SpecweaveConfig config = ConfigLoader.load(project.dir());
        assertThat(config.profiles()).isEmpty();
        assertThatThrownBy(() -> config.resolveProfile(null, "qa")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("the config binds no environment");
    }

    @Test
    void wrongTypeNamesFilePathAndExpectationWhenTheProfileIsUsed() {
        TestProject project = TestProject.in(dir).config("""
                {"sync": {"profiles": {"github-qa": {"provider": "github", "environment": 42}}}}
                """);
        SpecweaveConfig config = ConfigLoader.load(project.dir());
        assertThat(config.notes()).anySatisfy(n -> assertThat(n).startsWith("sync.profiles.github-qa: ignored"));
        assertThatThrownBy(() -> config.resolveProfile("github-qa", null))
                .isInstanceOf(BadInputException.class)
                .hasMessage(".specweave/config.json: sync.profiles.github-qa.environment: expected a string, got 42"
                        .replace(".specweave/config.json", ConfigLoader.display(project.dir(),
                                project.dir().resolve(".specweave/config.json"))));
    }

    @Test
    void unknownProviderListsTheKnownOnesWhenItsEnvironmentIsUsed() {
        TestProject project = TestProject.in(dir).config("""
                {"sync": {"profiles": {"x": {"provider": "gitlab", "environment": "qa"}}}}
                """);
        SpecweaveConfig config = ConfigLoader.load(project.dir());
        assertThatThrownBy(() -> config.resolveProfile(null, "qa"))
                .hasMessageContaining("sync.profiles.x.provider")
                .hasMessageContaining("gitlab")
                .hasMessageContaining("github, jira, ado, local");
    }

    @Test
    void syntaxErrorGivesLineAndColumn() {
        TestProject project = TestProject.in(dir).config("{\n  \"sync\": {\n    \"profiles\": {\n  }\n");
        assertThatThrownBy(() -> ConfigLoader.load(project.dir()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("config.json: not valid JSON at line");
    }

    @Test
    void badUrlAndBadPipelineAreRefused() {
        TestProject project = TestProject.in(dir).config("""
                {"sync": {"profiles": {"q": {"provider": "local", "environment": "qa", "deploymentUrl": "qa.example.com"}}}}
                """);
        assertThatThrownBy(() -> ConfigLoader.load(project.dir()).resolveProfile("q", null))
                .hasMessageContaining("sync.profiles.q.deploymentUrl: expected an absolute http(s) URL");
        project.config("{\"deployment\": {\"pipeline\": [\"dev\", 3]}}");
        assertThatThrownBy(() -> ConfigLoader.load(project.dir()))
                .hasMessageContaining("deployment.pipeline[1]: expected an environment name");
        project.config("{\"deployment\": {\"pipeline\": [\"dev\", \"Prod\", \"preview\"], \"environments\": "
                + "{\"dev\": {\"provider\": \"local\"}, \"prod\": {\"provider\": \"local\"}}}}");
        assertThatThrownBy(() -> ConfigLoader.load(project.dir()))
                .hasMessageContaining("deployment.pipeline[1]: \"Prod\" is bound as \"prod\"; spell it as the "
                        + "environment is bound (names are case-sensitive)");
    }

    @Test
    void resolvesByNameOrEnvironmentButNeverBySpecweavesDefaultProfile() {
        TestProject project = TestProject.in(dir).config("""
                {"sync": {"activeProfile": "b", "profiles": {
                  "a": {"provider": "local", "environment": "dev"},
                  "b": {"provider": "local", "environment": "qa"},
                  "c": {"provider": "azure-devops", "environment": "qa", "config": {"organization": "o", "project": "p"}}}}}
                """);
        SpecweaveConfig config = ConfigLoader.load(project.dir());
        assertThat(config.resolveProfile("a", null).environment()).isEqualTo("dev");
        assertThat(config.resolveProfile(null, "dev").name()).isEqualTo("a");
        assertThatThrownBy(() -> config.resolveProfile(null, null)).hasMessageContaining("no environment chosen");
        // two profiles for qa: SpecWeave's activeProfile does not choose; a binding or --profile does
        assertThatThrownBy(() -> config.resolveProfile(null, "qa")).hasMessageContaining("(b, c)")
                .hasMessageContaining("deployment.environments.qa.profile");
        assertThat(config.profile("c").provider()).isEqualTo(Provider.ADO);
        assertThatThrownBy(() -> config.resolveProfile("a", "qa")).hasMessageContaining("not \"qa\"");
        assertThatThrownBy(() -> config.resolveProfile("zzz", null)).hasMessageContaining("known profiles: a, b, c");
        assertThatThrownBy(() -> config.resolveProfile(null, "prod")).hasMessageContaining("environments with a profile: dev, qa");
    }

    @Test
    void anUnknownEnvironmentListsOnlyTheEnvironmentsAProfileRecords() {
        TestProject project = TestProject.in(dir).config("""
                {"sync": {"profiles": {"d": {"provider": "local", "environment": "dev"},
                  "p": {"provider": "local", "environment": "prod"}}},
                 "deployment": {"pipeline": ["dev", "staging", "prod"]}}
                """);
        SpecweaveConfig config = ConfigLoader.load(project.dir());

        assertThatThrownBy(() -> config.resolveProfile(null, "staging"))
                .hasMessageEndingWith("has no environment \"staging\" in deployment.environments (nor a profile in "
                        + "sync.profiles with \"environment\": \"staging\"); environments with a profile: dev, prod "
                        + "(the pipeline also names staging, which no profile records)");
    }

    @Test
    void specweavesOwnProfilesWithNoEnvironmentBoundSayHowToBindOne() {
        // SpecWeave's config as a team has it before adding this tool: profiles, no deployment section.
        TestProject project = TestProject.in(dir).config("""
                {"sync": {"defaultProfile": "app", "profiles": {
                  "app": {"provider": "github", "config": {"owner": "o", "repo": "app"}},
                  "board": {"provider": "jira", "config": {"domain": "o.atlassian.net", "projectKey": "APP"}}}}}
                """);
        SpecweaveConfig config = ConfigLoader.load(project.dir());
        String binding = "\"deployment\": {\"environments\": {\"qa\": {\"profile\": \"app\"}}}";

        assertThatThrownBy(() -> config.resolveProfile(null, "qa"))
                .hasMessageContaining("has no environment \"qa\" in deployment.environments")
                .hasMessageContaining(binding).hasMessageContaining("(profiles: app, board)");
        assertThatThrownBy(() -> config.resolveProfile(null, null)).hasMessageContaining("no environment chosen")
                .hasMessageContaining(binding);
        assertThatThrownBy(() -> config.resolveProfile("app", null).requireEnvironment())
                .hasMessageContaining("deployment.environments.<environment>.profile: expected an environment bound "
                        + "to profile \"app\"").hasMessageContaining(binding);
    }

    @Test
    void pipelineOrderFollowsDeclarationElseTheUsualOrderThenConfigOrder() {
        TestProject project = TestProject.in(dir).config("""
                {"sync": {"profiles": {
                  "p": {"provider": "local", "environment": "prod"},
                  "x": {"provider": "local", "environment": "perf"},
                  "d": {"provider": "local", "environment": "dev"},
                  "q": {"provider": "local", "environment": "qa"}}}}
                """);
        assertThat(ConfigLoader.load(project.dir()).pipeline()).containsExactly("dev", "qa", "prod", "perf");
        project.config("""
                {"sync": {"profiles": {"p": {"provider": "local", "environment": "prod"},
                  "x": {"provider": "local", "environment": "perf"}}},
                 "deployment": {"pipeline": ["perf", "prod"]}}
                """);
        SpecweaveConfig declared = ConfigLoader.load(project.dir());
        assertThat(declared.pipeline()).containsExactly("perf", "prod");
        assertThat(declared.pipeline(List.of("staging"))).containsExactly("perf", "prod", "staging");
    }

    @Test
    void aTrailingCommaIsReadButWarnedOfWithWhereItIsAsSpecweaveRefusesIt() {
        TestProject project = TestProject.in(dir).config("""
                {
                  "deployment": {"environments": {"qa": {"provider": "local"},}},
                  "project": {"name": "x"},
                }
                """);

        SpecweaveConfig config = ConfigLoader.load(project.dir());

        assertThat(config.environments()).containsExactly("qa");
        assertThat(config.warnings()).containsExactly(config.source() + ": 2 trailing commas, at line 2, column 62; "
                + "line 3, column 27: SpecWeave reads this file with JSON.parse, which refuses them; remove the "
                + "commas");
        assertThat(config.notes()).isEmpty();
    }

    @Test
    void oneTrailingCommaInAnArrayIsWarnedOfAndManyAreCounted() {
        TestProject project = TestProject.in(dir).config("{\"deployment\": {\"pipeline\": [\"qa\", \"prod\",]}}");
        SpecweaveConfig config = ConfigLoader.load(project.dir());
        assertThat(config.warnings()).containsExactly(config.source() + ": a trailing comma at line 1, column 42: "
                + "SpecWeave reads this file with JSON.parse, which refuses it; remove the comma");

        project.config("\uFEFF{\"a\": [1,], \"b\": [2,], \"c\": {\"d\": 3,}, \"e\": [4,],}");
        List<String> warnings = ConfigLoader.load(project.dir()).warnings();
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).endsWith(": a byte order mark before the JSON: SpecWeave reads this file with "
                + "JSON.parse, which refuses it; save the file as UTF-8 without a byte order mark");
        assertThat(warnings.get(1)).endsWith(": 5 trailing commas, at line 1, column 9; line 1, column 20; "
                + "line 1, column 36; 2 more: SpecWeave reads this file with JSON.parse, which refuses them; "
                + "remove the commas");
    }

    @Test
    void aConfigJsonParseReadsGivesNoWarning() {
        // A key given twice JSON.parse reads too (the last wins): nothing to warn of.
        TestProject project = TestProject.in(dir).config("""
                {"project": {"name": "x"}, "project": {"name": "y"}, "s": "a, ]",
                 "deployment": {"pipeline": ["qa", "prod"], "environments": {}}}
                """);

        assertThat(ConfigLoader.load(project.dir()).warnings()).isEmpty();
        assertThat(ConfigLoader.load(TestProject.in(dir.resolve("none")).dir()).warnings()).isEmpty();
    }

    @Test
    void missingSpecweaveFolderIsBadInput() {
        assertThatThrownBy(() -> ConfigLoader.load(dir)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no .specweave folder");
    }
}
