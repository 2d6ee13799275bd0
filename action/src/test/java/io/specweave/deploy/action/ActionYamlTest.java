package io.specweave.deploy.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.specweave.deploy.Command;
import java.io.IOException;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** action.yml and the entry point must agree: what is declared is read, and what is read is declared. */
class ActionYamlTest {

    private static final Path ACTION_YML = Path.of("..", "action.yml");

    @TempDir
    Path temp;

    private static JsonNode actionYml() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(ACTION_YML.toFile());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void declaredInputsAreExactlyTheInputsOfTheTable() throws IOException {
        List<String> declared = names(actionYml().path("inputs"));
        List<String> table = ActionInput.ALL.stream().map(ActionInput::name).toList();

        assertThat(declared).containsExactlyInAnyOrderElementsOf(table);
    }

    @Test
    void theCommandInputsDescriptionNamesEveryCommandTheEntryPointRuns() throws IOException {
        String description = actionYml().path("inputs").path("command").path("description").asText();

        for (Command command : Command.values()) {
            assertThat(description).as(command.word()).containsPattern("(?<![-\\w])" + command.word() + "(?![-\\w])");
        }
    }

    @Test
    void everyInputHasADescriptionAndTheDefaultTheEntryPointFallsBackTo() throws IOException {
        JsonNode inputs = actionYml().path("inputs");
        for (ActionInput input : ActionInput.ALL) {
            JsonNode declared = inputs.path(input.name());
            assertThat(declared.path("description").asText()).as(input.name()).isNotBlank();
            String yamlDefault = declared.path("default").asText("");
            if (input.name().equals("github-token")) {
                assertThat(yamlDefault).isEqualTo("${{ github.token }}");
            } else {
                assertThat(yamlDefault).as("default of " + input.name())
                        .isEqualTo(input.fallback() == null ? "" : input.fallback());
            }
        }
    }

    @Test
    void theEntryPointReadsEveryDeclaredInputAndNoOther() throws IOException {
        Set<String> declaredVariables = names(actionYml().path("inputs")).stream()
                .map(n -> "INPUT_" + n.toUpperCase(java.util.Locale.ROOT).replace(' ', '_'))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        ActionWorkspace ws = new ActionWorkspace(temp).input("increment", "0002").input("github-token", "t0ken-value")
                .input("environment", "dev").input("health-check", "false");
        RecordingMap env = new RecordingMap(ws.env);

        ActionWorkspace.Run run = ws.run(env, ActionWorkspace.Trackers::standard);

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        Set<String> read = env.read.stream().filter(k -> k.startsWith("INPUT_")).collect(Collectors.toSet());
        assertThat(read).containsExactlyInAnyOrderElementsOf(declaredVariables);
        assertThat(declaredVariables).contains("INPUT_GITHUB-TOKEN", "INPUT_WORKING-DIRECTORY", "INPUT_DRY-RUN");
    }

    @Test
    void declaredOutputsAreExactlyWhatTheEntryPointWrites() throws IOException {
        JsonNode yml = actionYml();
        assertThat(names(yml.path("outputs"))).containsExactlyElementsOf(GitHubActionMain.OUTPUTS);
        yml.path("outputs").forEach(o -> assertThat(o.path("description").asText()).isNotBlank());
    }

    @Test
    void runsTheDockerfileImageWithBranding() throws IOException {
        JsonNode yml = actionYml();
        assertThat(yml.path("runs").path("using").asText()).isEqualTo("docker");
        assertThat(yml.path("runs").path("image").asText()).isEqualTo("Dockerfile");
        assertThat(yml.path("branding").path("icon").asText()).isNotBlank();
        assertThat(yml.path("branding").path("color").asText())
                .isIn("white", "black", "yellow", "blue", "green", "orange", "red", "purple", "gray-dark");
        assertThat(yml.path("name").asText()).isEqualTo("SpecWeave Deploy");
        assertThat(yml.path("description").asText()).isNotBlank();
    }

    @Test
    void exampleWorkflowsUseOnlyDeclaredInputsAndSetPermissionsAndConcurrency() throws IOException {
        Set<String> declared = new LinkedHashSet<>(names(actionYml().path("inputs")));
        List<Path> workflows;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(Path.of("..", "examples", "github"))) {
            workflows = files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(workflows).extracting(p -> p.getFileName().toString()).contains("deploy-dev.yml",
                "deploy-qa.yml", "deploy-staging.yml", "deploy-uat.yml", "deploy-prod.yml");
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (Path workflow : workflows) {
            JsonNode doc = yaml.readTree(workflow.toFile());
            String name = workflow.getFileName().toString();
            assertThat(doc.path("permissions").isObject()).as(name + " permissions").isTrue();
            assertThat(doc.path("concurrency").path("group").asText()).as(name + " concurrency").isNotBlank();
            int uses = 0;
            for (JsonNode job : doc.path("jobs")) {
                for (JsonNode step : job.path("steps")) {
                    if (step.path("uses").asText().contains("/specweave-deploy@")) {
                        uses++;
                        assertThat(names(step.path("with"))).as(name).isSubsetOf(declared);
                    }
                }
            }
            assertThat(uses).as(name + " runs the Action").isEqualTo(1);
        }
        JsonNode uat = yaml.readTree(Path.of("..", "examples", "github", "deploy-uat.yml").toFile());
        assertThat(uat.path("jobs").path("deploy").path("environment").path("name").asText()).isEqualTo("uat");
        JsonNode prod = yaml.readTree(Path.of("..", "examples", "github", "deploy-prod.yml").toFile());
        assertThat(prod.path("on").path("release").path("types").get(0).asText()).isEqualTo("published");
    }

    @Test
    void releaseWorkflowPushesTheMultiArchImageBeforeAnyTagAndMovesTheMajorTagAfterTheRelease() throws IOException {
        JsonNode release = new ObjectMapper(new YAMLFactory()).readTree(
                Path.of("..", ".github", "workflows", "release.yml").toFile());
        assertThat(release.path("on").path("workflow_dispatch").path("inputs").path("version").path("required")
                .asBoolean()).isTrue();
        assertThat(release.path("permissions").path("packages").asText()).isEqualTo("write");
        assertThat(release.path("permissions").path("contents").asText()).isEqualTo("write");
        List<String> steps = new ArrayList<>();
        release.path("jobs").path("release").path("steps").forEach(s -> steps.add(s.has("uses")
                ? s.path("uses").asText() : s.path("run").asText()));
        int push = indexOf(steps, "docker/build-push-action@");
        JsonNode pushStep = release.path("jobs").path("release").path("steps").get(push);
        assertThat(pushStep.path("with").path("platforms").asText()).isEqualTo("linux/amd64,linux/arm64");
        assertThat(indexOf(steps, "docker/setup-qemu-action@")).isLessThan(push);
        // The release commit and the files exist before the image is pushed; no tag exists before it is.
        assertThat(indexOf(steps, "release/prepare.sh")).isLessThan(push);
        assertThat(indexOf(steps, "release/assets.sh")).isLessThan(push);
        assertThat(indexOf(steps, "release/tag.sh")).isGreaterThan(push);
        assertThat(indexOf(steps, "release/publish.sh")).isGreaterThan(indexOf(steps, "release/tag.sh"));
        assertThat(indexOf(steps, "release/move-major.sh")).isGreaterThan(indexOf(steps, "release/publish.sh"));
        // The image's owner/repo is the repository's own, never a name written into the workflow.
        assertThat(steps.get(indexOf(steps, "release/prepare.sh")))
                .contains("release/image.sh \"$REGISTRY\" \"$GITHUB_REPOSITORY\"");
    }

    private static int indexOf(List<String> steps, String text) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no step with " + text + " in " + steps);
    }

    /** An environment that remembers every variable looked up. */
    private static final class RecordingMap extends AbstractMap<String, String> {
        final Map<String, String> delegate;
        final Set<String> read = new LinkedHashSet<>();

        RecordingMap(Map<String, String> delegate) {
            this.delegate = new LinkedHashMap<>(delegate);
        }

        @Override
        public String get(Object key) {
            read.add(String.valueOf(key));
            return delegate.get(key);
        }

        @Override
        public String getOrDefault(Object key, String fallback) {
            read.add(String.valueOf(key));
            return delegate.getOrDefault(key, fallback);
        }

        @Override
        public boolean containsKey(Object key) {
            read.add(String.valueOf(key));
            return delegate.containsKey(key);
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return delegate.entrySet();
        }
    }
}
