package io.specweave.deploy.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowCommandsTest {

    @Test
    void messageDataEscapesPercentCarriageReturnAndLineFeed() {
        assertThat(WorkflowCommands.format("error", Map.of(), "100% done\r\nnext: a,b"))
                .isEqualTo("::error::100%25 done%0D%0Anext: a,b");
    }

    @Test
    void propertiesAlsoEscapeColonAndComma() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("title", "Input deployed: 50%, really\nyes");
        properties.put("file", ".specweave/config.json");

        assertThat(WorkflowCommands.format("warning", properties, "m"))
                .isEqualTo("::warning title=Input deployed%3A 50%25%2C really%0Ayes,file=.specweave/config.json::m");
    }

    @Test
    void maskedValuesAreRedactedFromEveryLaterLine() {
        StringWriter out = new StringWriter();
        WorkflowCommands commands = new WorkflowCommands(new PrintWriter(out, true));

        commands.mask("s3cr3t-value");
        commands.mask("");
        commands.error("title s3cr3t-value", "failed with s3cr3t-value");
        commands.group("group", "body s3cr3t-value");

        assertThat(out.toString().lines()).containsExactly("::add-mask::s3cr3t-value",
                "::error title=title ***::failed with ***", "::group::group", "body ***", "::endgroup::");
    }

    @Test
    void textTheRunnerWouldTakeForACommandIsPrintedWithCommandsStopped() {
        StringWriter out = new StringWriter();
        WorkflowCommands commands = new WorkflowCommands(new PrintWriter(out, true));

        commands.info("plain line");
        commands.group("notes", "first\n  ::error::forged");
        commands.info("older form ##[warning]forged");

        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("plain line");
        assertThat(lines.get(1)).isEqualTo("::group::notes");
        assertThat(lines.get(2)).startsWith("::stop-commands::");
        String token = lines.get(2).substring("::stop-commands::".length());
        assertThat(token).isNotBlank();
        assertThat(lines.subList(3, 7)).containsExactly("first", "  ::error::forged", "::" + token + "::",
                "::endgroup::");
        assertThat(lines.get(7)).startsWith("::stop-commands::").isNotEqualTo(lines.get(2));
        assertThat(lines.get(8)).isEqualTo("older form ##[warning]forged");
    }

    @Test
    void aMaskedValueIsAlsoRedactedInTheBase64FormBasicAuthSendsIt() {
        StringWriter out = new StringWriter();
        WorkflowCommands commands = new WorkflowCommands(new PrintWriter(out, true));
        commands.mask("atl-token-789");
        String encoded = java.util.Base64.getEncoder().encodeToString("atl-token-789".getBytes(
                java.nio.charset.StandardCharsets.UTF_8));

        commands.info("Authorization: Basic " + encoded);

        assertThat(out.toString()).doesNotContain(encoded).contains("Authorization: Basic ***");
    }

    @Test
    void heredocOutputUsesADelimiterThatIsNotInTheValue() {
        String value = "{\n  \"a\": \"ghadelimiter_x\"\n}";

        String text = FileCommands.output("deployment", value, false);

        String header = text.lines().findFirst().orElseThrow();
        String delimiter = header.substring("deployment<<".length());
        assertThat(header).startsWith("deployment<<ghadelimiter_");
        assertThat(value).doesNotContain(delimiter);
        assertThat(RunnerFiles.parseOutputs(text + FileCommands.output("id", "57", false)))
                .containsEntry("deployment", value).containsEntry("id", "57");
        assertThat(FileCommands.output("id", "57", false)).isEqualTo("id=57\n");
        assertThat(FileCommands.output("empty", "", true)).matches("empty<<(ghadelimiter_[0-9a-f-]+)\n\n\\1\n");
    }
}
