package io.specweave.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionCommandTest {

    @TempDir
    Path temp;

    @Test
    void completionPrintsABashScriptNamingEveryCommand() {
        CliHarness.Run run = CliHarness.inProcess(Map.of(), "completion");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("#!/usr/bin/env bash")
                .contains("complete -F _complete_specweave-deploy", "specweave-deploy");
        for (String command : SpecweaveDeploy.COMMANDS.keySet()) {
            assertThat(run.out()).as(command).contains(command);
        }
        // Each command's own options, not only the names.
        assertThat(run.out()).contains("--dry-run", "--environment", "--no-dora");
    }

    @Test
    void completionTakesNoArgumentsAndRefusesOthersAsEveryCommandDoes() {
        CliHarness.Run option = CliHarness.inProcess(Map.of(), "completion", "--bogus");
        CliHarness.Run word = CliHarness.inProcess(Map.of(), "completion", "nonsense");

        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err()).contains("Unknown option: '--bogus'");
        assertThat(word.exitCode()).isEqualTo(2);
        assertThat(word.out()).doesNotContain("#!/usr/bin/env bash");
    }

    @Test
    void bashCompletesCommandsAndOptionsWithTheScript() throws IOException, InterruptedException {
        Path script = Files.writeString(temp.resolve("specweave-deploy.bash"),
                CliHarness.inProcess(Map.of(), "completion").out());

        String commands = complete(script, "specweave-deploy sw");
        String options = complete(script, "specweave-deploy status --no-");

        assertThat(commands.lines()).containsExactly("swap-slots");
        assertThat(options.lines()).contains("--no-dora");
    }

    /** What bash offers for {@code line} (completing its last word) with the script loaded. */
    private String complete(Path script, String line) throws IOException, InterruptedException {
        String program = "source '" + script + "'\n"
                + "COMP_LINE='" + line + "'; COMP_WORDS=(" + line + "); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "COMP_POINT=${#COMP_LINE}\n"
                + "_complete_specweave-deploy specweave-deploy \"${COMP_WORDS[COMP_CWORD]}\"\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process bash = new ProcessBuilder("bash", "-c", program).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes());
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(out).isZero();
        return out;
    }
}
