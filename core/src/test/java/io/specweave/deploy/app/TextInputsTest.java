package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.specweave.deploy.Command;
import io.specweave.deploy.Input;
import io.specweave.deploy.InputValueException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextInputsTest {

    private static final Path DIR = Path.of("project");

    private static Request request(String command, Map<Input, String> values) {
        return TextInputs.apply(Request.builder(DIR), Command.of(command), values).build();
    }

    @Test
    void textValuesBecomeTheTypedRequestTheCliWouldBuild() {
        Request request = request("sync", Map.of(Input.PROFILE, " jira-prod ", Input.DRY_RUN, "True",
                Input.HEALTH_CHECK, "FALSE", Input.ISSUE_KEYS, "PROD-1, PROD-2\nPROD-3", Input.DEPLOYED, "in-progress",
                Input.TEST_RESULTS, "  "));

        assertThat(request).usingRecursiveComparison().isEqualTo(Request.builder(DIR).profile("jira-prod")
                .dryRun(true).healthCheck(false).issueKeys(java.util.List.of("PROD-1", "PROD-2", "PROD-3"))
                .outcome(Request.Outcome.IN_PROGRESS).build());
    }

    @Test
    void aNameACommitOrALinkIsOneLineNotesMayRunOverLines() {
        assertThatThrownBy(() -> request("sync", Map.of(Input.COMMIT, "9b1d5f0\n::warning::forged")))
                .isInstanceOfSatisfying(InputValueException.class, e -> assertThat(e.input()).isEqualTo(Input.COMMIT))
                .hasMessageContaining("expected one line of text, got a line break in \"9b1d5f0…\"");
        assertThatThrownBy(() -> request("approve", Map.of(Input.APPROVED_BY, "jane\u001b[2J")))
                .isInstanceOfSatisfying(InputValueException.class,
                        e -> assertThat(e.input()).isEqualTo(Input.APPROVED_BY))
                .hasMessageContaining("a control character");
        assertThat(request("approve", Map.of(Input.NOTES, "CAB approved\nsee CHG-7")))
                .extracting("notes")
                .isEqualTo("CAB approved\nsee CHG-7");
    }

    @Test
    void aValueTheCommandWouldIgnoreIsRefusedASwitchLeftOffIsNot() {
        // health checks the recorded URL and writes what it sees: neither a URL nor a dry run can be honoured.
        assertThatThrownBy(() -> request("health", Map.of(Input.DEPLOYMENT_URL, "https://qa.example")))
                .isInstanceOfSatisfying(InputValueException.class,
                        e -> assertThat(e.input()).isEqualTo(Input.DEPLOYMENT_URL))
                .hasMessage("deployment-url: not read by command health (only by sync, deploy); remove it from this step");
        assertThatThrownBy(() -> request("health", Map.of(Input.DRY_RUN, "true")))
                .isInstanceOfSatisfying(InputValueException.class, e -> assertThat(e.input()).isEqualTo(Input.DRY_RUN))
                .hasMessageContaining("not read by command health (only by sync, approve, deploy, swap-slots, "
                        + "rollback, feature-flag)");
        assertThat(request("health", Map.of(Input.DRY_RUN, "false", Input.FORCE, "FALSE", Input.HEALTH_CHECK,
                "true"))).usingRecursiveComparison().isEqualTo(Request.builder(DIR).build());
        // Turned off, health-check asks for no check: swap-slots and health check all the same.
        assertThatThrownBy(() -> request("swap-slots", Map.of(Input.HEALTH_CHECK, "false")))
                .isInstanceOfSatisfying(InputValueException.class,
                        e -> assertThat(e.input()).isEqualTo(Input.HEALTH_CHECK))
                .hasMessage("health-check: command swap-slots checks health whatever this says, so false cannot skip it; "
                        + "remove it from this step");
        assertThatThrownBy(() -> request("dora", Map.of(Input.INCREMENT, "0018")))
                .isInstanceOfSatisfying(InputValueException.class,
                        e -> assertThat(e.input()).isEqualTo(Input.INCREMENT));
    }

    @Test
    void aSwitchTurnedOffAsksNothingOfACommandWithoutItUnlessTheCommandDoesItAnyway() {
        for (Command command : Command.values()) {
            for (Input input : Input.values()) {
                if (!input.isSwitch() || command.reads(input)) {
                    continue;
                }
                boolean checksAnyway = input == Input.HEALTH_CHECK && command.checksHealthAnyway();
                Map<Input, String> off = Map.of(input, "false");
                if (checksAnyway) {
                    assertThatThrownBy(() -> TextInputs.apply(Request.builder(DIR), command, off))
                            .as(command + " " + input).isInstanceOf(InputValueException.class);
                } else {
                    assertThat(TextInputs.apply(Request.builder(DIR), command, off).build()).as(command + " " + input)
                            .usingRecursiveComparison().isEqualTo(Request.builder(DIR).build());
                }
                // Turned on, a switch asks for what the command does not do, but health-check's default.
                Map<Input, String> on = Map.of(input, "true");
                if (input == Input.HEALTH_CHECK) {
                    assertThat(TextInputs.apply(Request.builder(DIR), command, on).build()).as(command + " " + input)
                            .usingRecursiveComparison().isEqualTo(Request.builder(DIR).build());
                } else {
                    assertThatThrownBy(() -> TextInputs.apply(Request.builder(DIR), command, on))
                            .as(command + " " + input).isInstanceOf(InputValueException.class);
                }
            }
        }
        assertThat(request("approve", Map.of(Input.HEALTH_CHECK, "False"))).usingRecursiveComparison()
                .isEqualTo(Request.builder(DIR).build());
        assertThatThrownBy(() -> request("monitor", Map.of(Input.HEALTH_CHECK, "false")))
                .hasMessage("health-check: command monitor checks health whatever this says, so false cannot skip it; "
                        + "remove it from this step");
    }

    @Test
    void aFlagActionReadsOnlyItsOwnInputs() {
        assertThatThrownBy(() -> request("feature-flag", Map.of(Input.FLAG_ACTION, "list", Input.FLAG, "newCheckout")))
                .isInstanceOfSatisfying(InputValueException.class, e -> assertThat(e.input()).isEqualTo(Input.FLAG))
                .hasMessage("flag: not read by feature-flag list (only by feature-flag enable, disable); "
                        + "remove it from this step");
        assertThatThrownBy(() -> request("feature-flag", Map.of(Input.FLAG_ACTION, "Export", Input.INCREMENT, "0002")))
                .hasMessageContaining("not read by feature-flag export (only by feature-flag enable, disable)");
        assertThatThrownBy(() -> request("feature-flag", Map.of(Input.FLAG_ACTION, "enable", Input.FORMAT, "json")))
                .hasMessageContaining("not read by feature-flag enable (only by feature-flag export)");
        assertThat(TextInputs.reads(Command.FEATURE_FLAG, Map.of(Input.FLAG_ACTION, "list"), Input.ENVIRONMENT)).isTrue();
        // Without a known action, the command's own table decides; the operation then says what is missing.
        assertThat(TextInputs.reads(Command.FEATURE_FLAG, Map.of(), Input.FLAG)).isTrue();
        assertThat(TextInputs.reads(Command.FEATURE_FLAG, Map.of(Input.FLAG_ACTION, "toggle"), Input.FORMAT)).isTrue();
    }

    @Test
    void failedWinsOverDeployedWhateverOrderTheFrontEndHoldsThem() {
        Map<Input, String> values = new LinkedHashMap<>();
        values.put(Input.FAILED, "true");
        values.put(Input.DEPLOYED, "true");

        assertThat(request("sync", values)).extracting("outcome").isEqualTo(Request.Outcome.FAILED);
    }

    @Test
    void canaryIsAShareOfTrafficForDeployAndTheRunningCanaryForRollbackAndMonitor() {
        assertThat(request("deploy", Map.of(Input.CANARY, "25%"))).extracting("canaryWeight").isEqualTo(25);
        assertThat(request("rollback", Map.of(Input.CANARY, "true"))).extracting("canary").isEqualTo(true);
        assertThat(request("monitor", Map.of(Input.DURATION, "15m", Input.INTERVAL, "30s", Input.FAILURES, "3")))
                .extracting("duration", "interval", "failures")
                .containsExactly(Duration.ofMinutes(15), Duration.ofSeconds(30), 3);
        assertThatThrownBy(() -> request("sync", Map.of(Input.CANARY, "25")))
                .isInstanceOf(InputValueException.class)
                .hasMessage("canary: not read by command sync (only by deploy, rollback, monitor); remove it from this step");
    }

    @Test
    void commitMetadataAsksForTheCommitBackPushedWithTheCheckoutsOwnCredentials() {
        assertThat(request("approve", Map.of(Input.COMMIT_METADATA, "TRUE")).commitBack())
                .isEqualTo(CommitBack.Spec.by("specweave-deploy"));
        assertThat(request("approve", Map.of(Input.COMMIT_METADATA, "false")).commitBack()).isNull();
        assertThatThrownBy(() -> request("sync", Map.of(Input.COMMIT_METADATA, "on")))
                .isInstanceOfSatisfying(InputValueException.class,
                        e -> assertThat(e.input()).isEqualTo(Input.COMMIT_METADATA));
    }

    @Test
    void theProjectFolderIsReadInTheWorkspaceTheRequestWasMadeFor() {
        assertThat(request("status", Map.of(Input.DIR, "services/shop/")).dir())
                .isEqualTo(DIR.toAbsolutePath().resolve("services/shop"));
        assertThat(request("status", Map.of(Input.DIR, "services/../.")).dir()).isEqualTo(DIR.toAbsolutePath());
    }

    @Test
    void aLinkInTheWorkspaceToAFolderOutsideItIsOutside(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        Path workspace = java.nio.file.Files.createDirectories(temp.resolve("workspace/services"));
        Path outside = java.nio.file.Files.createDirectories(temp.resolve("elsewhere"));
        java.nio.file.Files.createSymbolicLink(temp.resolve("workspace/proj"), outside);
        java.nio.file.Files.createSymbolicLink(temp.resolve("workspace/shop"), workspace);

        assertThatThrownBy(() -> TextInputs.apply(Request.builder(temp.resolve("workspace")), Command.SYNC,
                Map.of(Input.DIR, "proj")))
                .hasMessage("dir: expected a folder inside the workspace, got \"proj\", which is outside it");
        assertThat(TextInputs.apply(Request.builder(temp.resolve("workspace")), Command.SYNC,
                Map.of(Input.DIR, "shop")).build().dir()).as("a link that stays inside is a folder of the workspace")
                .isEqualTo(temp.resolve("workspace/shop").toAbsolutePath());
    }

    @Test
    void aValueOfTheWrongKindNamesTheInputAndSaysWhatWasExpected() {
        assertThatThrownBy(() -> request("sync", Map.of(Input.FORCE, "yes")))
                .isInstanceOfSatisfying(InputValueException.class, e -> assertThat(e.input()).isEqualTo(Input.FORCE))
                .hasMessage("force: expected true or false, got \"yes\"");
        assertThatThrownBy(() -> request("deploy", Map.of(Input.CANARY, "half")))
                .hasMessage("canary: expected a whole number, got \"half\"");
        assertThatThrownBy(() -> request("feature-flag", Map.of(Input.FLAG_ACTION, "toggle")))
                .hasMessage("flag-action: expected enable, disable, list or export, got \"toggle\"");
        assertThatThrownBy(() -> request("sync", Map.of(Input.DIR, "../beside")))
                .isInstanceOfSatisfying(InputValueException.class, e -> assertThat(e.input()).isEqualTo(Input.DIR))
                .hasMessage("dir: expected a folder inside the workspace, got \"../beside\", which is outside it");
    }
}
