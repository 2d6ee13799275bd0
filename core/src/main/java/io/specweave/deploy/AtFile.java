package io.specweave.deploy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The {@code @FILE} form of an input that takes a value inline or from a file: {@code @reports/m.json}
 * means the text of {@code reports/m.json}, relative to the project folder. Written once here, so the
 * CLI, the Action and the Jenkins step pass the value as the user wrote it and all read it alike
 * (the CLI's own {@code @file} expansion is off, so the shell's word reaches this rule unchanged).
 */
public final class AtFile {

    /**
     * The text an input stands for.
     *
     * @param text   the inline value, or the file's text
     * @param source how messages name where the text came from: the file, or null for an inline value
     */
    public record Value(String text, String source) {
        public boolean fromFile() {
            return source != null;
        }
    }

    private AtFile() {
    }

    /**
     * {@code value} itself, or the text of the file it names after {@code @}.
     *
     * @param expected what the input takes, for the message when the file cannot be read
     *                 ("a JSON object, or @FILE naming a file that holds one")
     */
    public static Value read(Input input, String value, Path baseDir, String expected) {
        String trimmed = value.trim();
        if (!trimmed.startsWith("@")) {
            return new Value(value, null);
        }
        String name = trimmed.substring(1).trim();
        if (name.isEmpty()) {
            throw new BadInputException(input, Message.of(Message.arg(input, value),
                    ": a file name is missing after @; expected " + expected));
        }
        Path file = baseDir.resolve(name).normalize();
        String source = display(file);
        if (Files.isDirectory(file)) {
            throw new BadInputException(input, Message.of(Message.arg(input, value), ": " + source
                    + " is a folder, not a file; expected " + expected));
        }
        try {
            return new Value(JsonInput.readText(file, source), source);
        } catch (NoSuchFileException e) {
            throw new BadInputException(input, Message.of(Message.arg(input, value), ": no such file " + source
                    + " (paths after @ are relative to the project folder); expected " + expected));
        } catch (BadInputException e) {
            throw new BadInputException(input, Message.of(Message.arg(input, value), ": " + e.getMessage()), e);
        }
    }

    /** The file as a user would type it from the current folder. */
    private static String display(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(cwd) && !absolute.equals(cwd) ? cwd.relativize(absolute).toString()
                : absolute.toString();
    }
}
