package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Input;
import io.specweave.deploy.Json;
import io.specweave.deploy.TestProjects;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.flags.FlagMatrix;
import io.specweave.deploy.model.FlagChange;
import io.specweave.deploy.testing.TestProject;
import io.specweave.deploy.tracker.TrackingRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code feature-flag}: set, list and export flags; a change named with an increment is recorded in its history. */
class FeatureFlagOperationTest {

    static final String FLAGS = ".specweave/config/feature-flags.json";

    @TempDir
    Path dir;

    TestProject project;
    final List<TrackingRequest> tracked = new ArrayList<>();
    final TestOperations run = TestOperations.at("2026-11-27T12:00:00Z").recordingTrackers(tracked)
            .ci(new CiContext("none", null, null, null, "lee", null, null));

    @BeforeEach
    void setUp() {
        project = TestProject.in(dir).localProfiles("dev", "qa", "prod")
                .increment("0018-oauth", "OAuth", "{\"id\": \"0018-oauth\", \"deployments\": {\"qa\": "
                        + "{\"profile\": \"local-qa\", \"status\": \"deployed\", \"commit\": \"c1\"}}}\n")
                .file(FLAGS, """
                        {
                          "$schema": "./flags.schema.json",
                          "version": 3,
                          "prod": { "newCheckout": false, "darkMode": { "enabled": true, "owner": "ui-team" }, "note": "frozen" },
                          "dev": { "newCheckout": true },
                          "_comment": { "why": "kept by the team" }
                        }
                        """);
    }

    private JsonNode file() throws Exception {
        return Json.mapper().readTree(project.read(FLAGS));
    }

    /** Sets {@code flag} in {@code environment}; {@code increment} null for a change no increment owns. */
    private FlagOutcome set(String flag, boolean enabled, String environment, String increment) {
        return set(flag, enabled, environment, increment, false);
    }

    private FlagOutcome set(String flag, boolean enabled, String environment, String increment, boolean create) {
        return run.operations().featureFlag(Request.builder(dir).increment(increment)
                .flagAction(enabled ? Request.FlagAction.ENABLE : Request.FlagAction.DISABLE).flag(flag)
                .environment(environment).createFlag(create).build());
    }

    private String export(String environment, String format) {
        return run.operations().featureFlag(Request.builder(dir).flagAction(Request.FlagAction.EXPORT)
                .environment(environment).format(format).build()).export();
    }

    @Test
    void aRoundTripKeepsEveryKeyItDoesNotOwn() throws Exception {
        FlagChange change = set("newCheckout", true, "prod", null).change();
        assertThat(change.changed()).isTrue();
        assertThat(change.previous()).isFalse();
        set("darkMode", false, "prod", null);

        JsonNode root = file();
        assertThat(root.path("$schema").asText()).isEqualTo("./flags.schema.json");
        assertThat(root.path("version").asInt()).isEqualTo(3);
        assertThat(root.path("_comment").path("why").asText()).isEqualTo("kept by the team");
        assertThat(root.path("prod").path("note").asText()).isEqualTo("frozen");
        assertThat(root.path("prod").path("newCheckout").asBoolean()).isTrue();
        assertThat(root.path("prod").path("darkMode").path("enabled").asBoolean()).isFalse();
        assertThat(root.path("prod").path("darkMode").path("owner").asText()).isEqualTo("ui-team");
        assertThat(project.read(FLAGS)).endsWith("}\n");
        assertThat(dir.resolve(".specweave/config").toFile().list()).containsExactly("feature-flags.json");
        assertThat(tracked).as("a change no increment owns is told to no tracker").isEmpty();
    }

    @Test
    void settingTheSameValueAgainChangesNothing() {
        String before = project.read(FLAGS);

        FlagChange change = set("newCheckout", true, "dev", null).change();

        assertThat(change.changed()).isFalse();
        assertThat(project.read(FLAGS)).isEqualTo(before);
    }

    @Test
    void flagChangesOfAnotherKindAreTheUsersAndNeitherFileIsWrittenOverThem() {
        project.increment("0018-oauth", "OAuth", "{\"id\": \"0018-oauth\", \"deployments\": {\"qa\": "
                + "{\"profile\": \"local-qa\", \"status\": \"deployed\", \"commit\": \"c1\", \"flagChanges\": \"see wiki\"}}}\n");
        String flags = project.read(FLAGS);
        String metadata = project.read(".specweave/increments/0018-oauth/metadata.json");

        assertThatThrownBy(() -> set("newCheckout", true, "qa", "0018"))
                .isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("metadata.json: deployments.qa.flagChanges: expected a list, got \"see wiki\"; "
                        + "make it a list (or remove it) so this change can be recorded");
        assertThat(project.read(FLAGS)).isEqualTo(flags);
        assertThat(project.read(".specweave/increments/0018-oauth/metadata.json")).isEqualTo(metadata);
    }

    @Test
    void aChangeWithAnIncrementIsRecordedInItsHistory() {
        FlagOutcome first = set("newCheckout", true, "qa", "0018");
        set("newCheckout", false, "qa", "0018");

        assertThat(first.exitCode()).isZero();
        assertThat(first.recorded().result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        JsonNode changes = TestOperations.deployment(dir, "0018-oauth", "qa").path("flagChanges");
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).path("flag").asText()).isEqualTo("newCheckout");
        assertThat(changes.get(0).path("enabled").asBoolean()).isTrue();
        assertThat(changes.get(0).has("previous")).isFalse();
        assertThat(changes.get(0).path("by").asText()).isEqualTo("lee");
        assertThat(changes.get(1).path("previous").asBoolean()).isTrue();
        assertThat(changes.get(1).path("at").asText()).isEqualTo("2026-11-27T12:00:00Z");
        assertThat(tracked).hasSize(2);
        assertThat(tracked.get(0).note()).isEqualTo("Feature flag newCheckout turned on in qa (new flag).");
        assertThat(tracked.get(1).recordCopyNode().path("flagChanges"))
                .as("the item's record copy carries the flag changes").hasSize(2);
    }

    @Test
    void aDryRunSaysWhatWouldChangeAndWritesNothing() {
        String flags = project.read(FLAGS);
        String metadata = project.read(".specweave/increments/0018-oauth/metadata.json");

        FlagOutcome dry = run.operations().featureFlag(TestOperations.request(dir).flagAction(Request.FlagAction.ENABLE)
                .flag("newCheckout").environment("qa").dryRun(true).build());

        assertThat(dry.change().changed()).isTrue();
        assertThat(dry.dryRun()).isTrue();
        assertThat(io.specweave.deploy.report.FlagText.change(dry.change(), dry.dryRun()))
                .startsWith("Dry run: feature flag newCheckout would be on in qa").endsWith("nothing was written");
        assertThat(dry.change().increment()).isEqualTo("0018-oauth");
        assertThat(project.read(FLAGS)).isEqualTo(flags);
        assertThat(project.read(".specweave/increments/0018-oauth/metadata.json")).isEqualTo(metadata);
        assertThat(tracked).isEmpty();
    }

    @Test
    void anIncrementWithoutADeploymentThereIsRefusedBeforeAnythingIsWritten() {
        String before = project.read(FLAGS);
        assertThatThrownBy(() -> set("newCheckout", true, "prod", "0018"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no deployment to prod");
        assertThatThrownBy(() -> run.operations().featureFlag(Request.builder(dir).increment("0018")
                .flagAction(Request.FlagAction.ENABLE).flag("newCheckout").environment("prod").dryRun(true).build()))
                .as("a dry run checks it as the real run").isInstanceOf(BadInputException.class)
                .hasMessageContaining("no deployment to prod");
        assertThat(project.read(FLAGS)).isEqualTo(before);
    }

    @Test
    void anEnvironmentHoldingOnlyAnApprovalHasNoDeploymentForTheChangeToBelongTo() {
        String metadata = "{\"id\": \"0018-oauth\", \"deployments\": {\"prod\": {\"approvals\": [{\"by\": \"jane\", "
                + "\"commit\": \"c1\", \"at\": \"2026-11-27T11:00:00Z\"}]}}}\n";
        project.file(".specweave/increments/0018-oauth/metadata.json", metadata);
        String before = project.read(FLAGS);

        assertThatThrownBy(() -> set("newCheckout", true, "prod", "0018"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no deployment to prod");
        assertThat(project.read(FLAGS)).isEqualTo(before);
        assertThat(project.read(".specweave/increments/0018-oauth/metadata.json")).isEqualTo(metadata);
    }

    @Test
    void unknownEnvironmentsAndBadFlagNamesAreBadInput() {
        assertThatThrownBy(() -> set("x", true, "perf", null))
                .isInstanceOf(BadInputException.class).hasMessageContaining("known: dev, qa, prod");
        assertThatThrownBy(() -> set("../x", true, "qa", null))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("flag ../x: expected a name starting "
                        + "with a letter");
        assertThatThrownBy(() -> set("note", true, "prod", null))
                .isInstanceOf(BadInputException.class).hasMessageContaining("prod.note: expected true, false");
        assertThatThrownBy(() -> run.operations().featureFlag(Request.builder(dir).flag("x").build()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("no flag action given: flag-action is enable, disable, list or export");
        assertThatThrownBy(() -> set(null, false, "qa", null))
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.input()).isEqualTo(Input.FLAG))
                .hasMessage("no flag given: flag names the flag to turn off (e.g. newCheckout)");
    }

    @Test
    void aValueMeantAsAFlagThatIsNotOneIsBadInputOfTheViewsNotAFlagLeftOut() {
        project.file(FLAGS, "{\"qa\": {\"weird\": \"yes\", \"textual\": \"true\", \"note\": \"frozen\"}}\n");

        assertThatThrownBy(() -> export("qa", "env")).isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("feature-flags.json: qa.weird: expected true, false or an object with a boolean "
                        + "\"enabled\", got \"yes\"");
        assertThatThrownBy(() -> run.operations().featureFlag(Request.builder(dir).flagAction(Request.FlagAction.LIST)
                .build())).isInstanceOf(BadInputException.class).hasMessageContaining("qa.weird");

        project.file(FLAGS, "{\"qa\": {\"weird\": false, \"textual\": \"true\", \"note\": \"frozen\"}}\n");
        assertThat(export("qa", "env")).isEqualTo("FEATURE_WEIRD=false\nFEATURE_TEXTUAL=true\n");
    }

    private FlagOutcome list(String environment) {
        return run.operations().featureFlag(Request.builder(dir).flagAction(Request.FlagAction.LIST)
                .environment(environment).build());
    }

    @Test
    void listExportAndAChangeJudgeAnEntryMeantAsAFlagAlike() {
        // Each file holds one entry in qa that cannot be read as a flag, and one dev flag that can.
        Map<String, String> files = new LinkedHashMap<>();
        files.put("{\"qa\": {\"a\": null}, \"dev\": {\"b\": true}}",
                "qa.a: expected true, false or an object with a boolean \"enabled\", got null");
        files.put("{\"qa\": {\"a\": 1}, \"dev\": {\"b\": true}}",
                "qa.a: expected true, false or an object with a boolean \"enabled\", got 1");
        files.put("{\"qa\": {\"a\": {\"enabled\": \"on\", \"owner\": \"ui\"}}, \"dev\": {\"b\": true}}",
                "qa.a.enabled: expected true or false, got \"on\"");
        files.put("{\"qa\": \"on\", \"dev\": {\"b\": true}}",
                "qa: expected an object of flags such as {\"newCheckout\": true}, got \"on\"");
        files.forEach((text, message) -> {
            String expected = refusedByListAndExport(text, message);
            assertThatThrownBy(() -> set("a", true, "qa", null, true)).as(text).isInstanceOf(BadInputException.class)
                    .hasMessageEndingWith(expected);
            assertThat(project.read(FLAGS)).as("nothing written").isEqualTo(text + "\n");
            // What a command does not read does not stop it: another environment's flags are known.
            assertThat(export("dev", "env")).as(text).isEqualTo("FEATURE_B=true\n");
            assertThat(list("dev").matrix().value("dev", "b")).as(text).isTrue();
        });
    }

    /** With feature-flags.json holding {@code text}: list and every export of qa refuse it; returns what they say. */
    private String refusedByListAndExport(String text, String message) {
        project.file(FLAGS, text + "\n");
        String expected = "feature-flags.json: " + message;
        assertThatThrownBy(() -> list(null)).as(text).isInstanceOf(BadInputException.class)
                .hasMessageEndingWith(expected);
        assertThatThrownBy(() -> list("qa")).as(text).hasMessageEndingWith(expected);
        for (String format : FlagChanges.FORMATS) {
            assertThatThrownBy(() -> export("qa", format)).as(text).isInstanceOf(BadInputException.class)
                    .hasMessageEndingWith(expected);
        }
        return expected;
    }

    @Test
    void aKeyGivenTwiceWhoseLastValueIsNoFlagIsRefusedByEveryCommandNotLeftOut() {
        // The tree keeps the last of a key given twice, as JSON.parse does; the earlier flag says what it was meant as.
        Map<String, String> files = new LinkedHashMap<>();
        files.put("{\"qa\": {\"a\": true, \"a\": \"maybe\"}, \"dev\": {\"b\": true}}",
                "qa.a: expected true, false or an object with a boolean \"enabled\", got \"maybe\"");
        files.put("{\"qa\": {\"a\": true}, \"dev\": {\"b\": true}, \"qa\": {\"a\": \"maybe\"}}",
                "qa.a: expected true, false or an object with a boolean \"enabled\", got \"maybe\"");
        files.put("{\"qa\": {\"a\": {\"enabled\": false}, \"a\": {\"owner\": \"ui\"}}, \"dev\": {\"b\": true}}",
                "qa.a: expected true, false or an object with a boolean \"enabled\", got an object without "
                        + "\"enabled\"");
        files.forEach((text, message) -> {
            String expected = refusedByListAndExport(text, message);
            assertThatThrownBy(() -> set("a", true, "qa", null)).as(text).isInstanceOf(BadInputException.class)
                    .hasMessageEndingWith(expected);
            assertThatThrownBy(() -> set("a", false, "qa", null, true)).as(text).hasMessageEndingWith(expected);
            assertThat(project.read(FLAGS)).as("nothing written").isEqualTo(text + "\n");
            assertThat(export("dev", "env")).as(text).isEqualTo("FEATURE_B=true\n");
        });

        // The last value counts when it is a flag, and a note given twice stays the team's note.
        project.file(FLAGS, "{\"qa\": {\"a\": \"maybe\", \"a\": true, \"note\": \"frozen\", \"note\": \"thawed\"}}\n");
        assertThat(export("qa", "env")).isEqualTo("FEATURE_A=true\n");
        assertThat(list(null).matrix().flags()).containsExactly("a");
    }

    @Test
    void flagNamesThatDifferOnlyInCaseAreFlagsOfTheirOwnAsInTheExport() throws Exception {
        project.file(FLAGS, "{\"dev\": {\"ab\": true, \"aB\": false, \"z\": true}}\n");
        for (String environment : new String[] {null, "dev"}) {
            FlagMatrix matrix = list(environment).matrix();
            assertThat(matrix.flags()).as(environment).containsExactly("aB", "ab", "z");
            assertThat(matrix.value("dev", "ab")).isTrue();
            assertThat(matrix.value("dev", "aB")).isFalse();
            assertThat(io.specweave.deploy.report.FlagText.json(matrix).path("dev"))
                    .isEqualTo(Json.mapper().readTree("{\"aB\": false, \"ab\": true, \"z\": true}"));
        }
        assertThat(Json.mapper().readTree(export("dev", "json")))
                .isEqualTo(Json.mapper().readTree("{\"ab\": true, \"aB\": false, \"z\": true}"));

        project.file(FLAGS, "{\"dev\": {\"AB\": false, \"ab\": true}}\n");
        assertThat(io.specweave.deploy.report.FlagText.table(list("dev").matrix())).isEqualTo("AB  off\nab  on\n");

        project.file(FLAGS, "{\"dev\": {\"ab\": true}, \"qa\": {\"AB\": false}}\n");
        FlagMatrix matrix = list(null).matrix();
        assertThat(matrix.flags()).containsExactly("AB", "ab");
        assertThat(matrix.value("qa", "AB")).isFalse();
        assertThat(matrix.value("dev", "AB")).isNull();
        assertThat(matrix.value("qa", "ab")).isNull();
        // A change names the flag as the file spells it: another case is another flag.
        assertThatThrownBy(() -> set("Ab", true, "qa", null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("flag Ab: no environment of ").hasMessageContaining("(flags: AB, ab)");
    }

    @Test
    void whatIsNoFlagStaysTheTeamsOwnAndAnEnvironmentOfNullHasNoFlagsYet() {
        project.file(FLAGS, """
                {"$schema": "x", "_comment": null, "version": 3, "owner": "ops",
                 "qa": {"a": true, "note": "frozen", "meta": {"owner": "ui"}, "tags": ["x"]},
                 "dev": null}
                """);

        FlagMatrix matrix = list(null).matrix();

        assertThat(matrix.environments()).containsExactly("dev", "qa", "prod");
        assertThat(matrix.flags()).containsExactly("a");
        assertThat(export("qa", "env")).isEqualTo("FEATURE_A=true\n");
        assertThat(export("dev", "env")).isEmpty();
        assertThatThrownBy(() -> set("note", true, "qa", null, true)).isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("qa.note: expected true, false or an object with a boolean \"enabled\", got "
                        + "\"frozen\"");
        assertThat(set("a", true, "dev", null).change().changed()).as("a flag qa has is no typo in dev").isTrue();
        assertThat(project.read(FLAGS)).contains("\"dev\": {\"a\": true}", "\"owner\": \"ops\"", "\"note\": \"frozen\"");
    }

    @Test
    void aFlagWhoseNameHasNoAsciiSpellingIsRefusedAsAVariableButExportedAsJson() throws Exception {
        project.file(FLAGS, "{\"qa\": {\"日本\": true, \"newCheckout\": false}, \"dev\": {\"café日本\": true}, "
                + "\"prod\": {\"--\": true}}\n");

        assertThatThrownBy(() -> export("qa", "env")).isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("feature-flags.json: qa.日本: cannot be exported as an environment variable: 日, "
                        + "本 have no ASCII spelling (only accents are dropped, as Ü in neuÜberweisung), and a "
                        + "variable's name is ASCII letters, digits and '_'; export with format json or format flagd, "
                        + "which keep the name as it is, or rename the flag");
        assertThatThrownBy(() -> export("dev", "env")).as("a name cut short would be another flag's")
                .hasMessageContaining("dev.café日本: cannot be exported as an environment variable: 日, 本 have");
        assertThatThrownBy(() -> export("prod", "env")).hasMessageContaining("prod.--: cannot be exported as an "
                + "environment variable: it has no letter or digit");
        assertThat(Json.mapper().readTree(export("qa", "json")))
                .isEqualTo(Json.mapper().readTree("{\"日本\": true, \"newCheckout\": false}"));
        assertThat(Json.mapper().readTree(export("qa", "flagd")).path("flags").has("日本")).isTrue();
    }

    @Test
    void aFileOfCrLfLinesGetsItsNewLinesInCrLfToo() {
        project.file(FLAGS, "{\r\n  \"dev\": {\r\n    \"newCheckout\": true\r\n  }\r\n}\r\n");

        set("darkMode", true, "dev", null, true);
        set("newCheckout", false, "qa", null, true);

        String text = project.read(FLAGS);
        assertThat(text.replace("\r\n", "")).as("every line ends in CR LF").doesNotContain("\n", "\r");
        assertThat(text).contains("\"darkMode\": true", "\"qa\"");
    }

    @Test
    void theMatrixListsEveryFlagInEveryEnvironmentInPipelineOrder() {
        FlagMatrix matrix = run.operations().featureFlag(Request.builder(dir).flagAction(Request.FlagAction.LIST)
                .build()).matrix();
        assertThat(matrix.environments()).containsExactly("dev", "qa", "prod");
        assertThat(matrix.flags()).containsExactly("darkMode", "newCheckout");
        assertThat(matrix.value("dev", "newCheckout")).isTrue();
        assertThat(matrix.value("qa", "newCheckout")).isNull();
        assertThat(matrix.value("prod", "darkMode")).isTrue();

        FlagMatrix dev = run.operations().featureFlag(Request.builder(dir).flagAction(Request.FlagAction.LIST)
                .environment("dev").build()).matrix();
        assertThat(dev.environments()).containsExactly("dev");
        assertThat(dev.flags()).containsExactly("newCheckout");
    }

    @Test
    void anAccentedFlagNameExportsAsItsLettersWithoutTheAccents() {
        set("café-menu", true, "qa", null, true);
        assertThat(TestProjects.read(dir.resolve(FLAGS))).contains("\"café-menu\": true");
        set("café-menu", false, "qa", null);
        assertThat(TestProjects.read(dir.resolve(FLAGS))).contains("\"café-menu\": false");
        assertThat(FlagChanges.envName("neuÜberweisung")).isEqualTo("FEATURE_NEU_UBERWEISUNG");
        assertThat(FlagChanges.envName("café-menu")).isEqualTo("FEATURE_CAFE_MENU");
        assertThat(FlagChanges.envName("newCheckout")).isEqualTo("FEATURE_NEW_CHECKOUT");
    }

    @Test
    void exportsForTheApplication() throws Exception {
        assertThat(export("prod", "env")).isEqualTo("FEATURE_NEW_CHECKOUT=false\nFEATURE_DARK_MODE=true\n");
        assertThat(Json.mapper().readTree(export("prod", "json")))
                .isEqualTo(Json.mapper().readTree("{\"newCheckout\": false, \"darkMode\": true}"));
        JsonNode flagd = Json.mapper().readTree(export("prod", "flagd"));
        assertThat(flagd).isEqualTo(Json.mapper().readTree("""
                {"$schema": "https://flagd.dev/schema/v0/flags.json", "flags": {
                  "newCheckout": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off"},
                  "darkMode": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on"}}}
                """));
        assertThat(export("qa", "env")).isEmpty();
        assertThatThrownBy(() -> export("qa", "yaml")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("expected one of env, json, flagd");
    }

    @Test
    void aMissingFileIsCreatedOnTheFirstChange() throws Exception {
        Files.delete(dir.resolve(FLAGS));
        set("search", true, "dev", null, true);
        assertThat(file()).isEqualTo(Json.mapper().readTree("{\"dev\": {\"search\": true}}"));
    }

    @Test
    void concurrentChangesAreSerializedNoneIsLost() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<FlagOutcome>> done = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String flag = "flag" + i;
                done.add(pool.submit(() -> set(flag, true, "qa", null, true)));
            }
            for (Future<FlagOutcome> f : done) {
                assertThat(f.get().change().changed()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(file().path("qa")).hasSize(12);
        assertThat(file().path("$schema").asText()).isEqualTo("./flags.schema.json");
    }

    @Test
    void aFlagNoEnvironmentHasIsRefusedAsATypoUnlessCreateIsGiven() throws Exception {
        String before = project.read(FLAGS);

        assertThatThrownBy(() -> set("newChekout", true, "qa", null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("flag newChekout: no environment of ")
                .hasMessageContaining("has this flag (flags: darkMode, newCheckout); to add it, pass create");
        assertThat(project.read(FLAGS)).isEqualTo(before);

        // A flag that another environment has is no typo.
        assertThat(set("newCheckout", true, "qa", null).change().changed()).isTrue();
        assertThat(set("newChekout", true, "qa", null, true).change().changed()).isTrue();
        assertThat(file().path("qa").path("newChekout").asBoolean()).isTrue();
    }

    @Test
    void commentsLayoutAndOtherKeysOfTheFileStayAsTheTeamWroteThem() throws Exception {
        project.file(FLAGS, """
                {
                  // Flags per environment; owners in the object form.
                  "prod": {
                    "newCheckout": false, // until the CAB says so
                    "darkMode": { "enabled": true, "owner": "ui-team" }
                  },
                  /* dev flips freely */
                  "dev": { "newCheckout": true }
                }
                """);

        set("newCheckout", true, "prod", null);
        set("darkMode", false, "prod", null);
        set("search", true, "prod", null, true);
        set("newCheckout", false, "dev", null);
        set("newCheckout", true, "qa", null);

        assertThat(project.read(FLAGS)).isEqualTo("""
                {
                  // Flags per environment; owners in the object form.
                  "prod": {
                    "newCheckout": true, // until the CAB says so
                    "darkMode": { "enabled": false, "owner": "ui-team" },
                    "search": true
                  },
                  /* dev flips freely */
                  "dev": { "newCheckout": false },
                  "qa": {"newCheckout": true}
                }
                """);
        assertThat(export("prod", "env")).contains("FEATURE_NEW_CHECKOUT=true").contains("FEATURE_SEARCH=true");
    }
}
