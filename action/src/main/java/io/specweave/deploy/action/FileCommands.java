package io.specweave.deploy.action;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The runner's file commands: step outputs appended to {@code $GITHUB_OUTPUT} and the Markdown
 * step summary appended to {@code $GITHUB_STEP_SUMMARY}. A value with a line break (and every JSON
 * value) goes in the heredoc form {@code name<<DELIMITER}, with a random delimiter that does not
 * occur in the value; other values as {@code name=value}.
 */
final class FileCommands {

    private FileCommands() {
    }

    /** Appends the outputs; those named in {@code json} always in the heredoc form. */
    static void appendOutputs(Path file, Map<String, String> outputs, Set<String> json) {
        StringBuilder text = new StringBuilder();
        outputs.forEach((name, value) -> text.append(output(name, value == null ? "" : value, json.contains(name))));
        append(file, text.toString());
    }

    static String output(String name, String value, boolean heredoc) {
        if (!heredoc && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return name + "=" + value + "\n";
        }
        String delimiter;
        do {
            delimiter = "ghadelimiter_" + UUID.randomUUID();
        } while (value.contains(delimiter) || name.contains(delimiter));
        return name + "<<" + delimiter + "\n" + value + "\n" + delimiter + "\n";
    }

    static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }
}
