package io.specweave.deploy.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * One entry of {@code deployment.testSuites}: a test suite run against a deployed environment.
 *
 * @param name             the key, e.g. {@code smoke}
 * @param command          the program and its arguments; a string in the config runs through {@code sh -c}
 * @param workingDirectory where it runs, relative to the project folder
 * @param reports          glob of the JUnit XML files it writes, relative to the project folder
 * @param timeout          how long it may run before its whole process tree is stopped
 */
public record SuiteDefinition(String name, List<String> command, Path workingDirectory, String reports,
        Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    /** Reads {@code deployment.testSuites.<name>}; errors name the field and what was expected. */
    public static SuiteDefinition from(SpecweaveConfig config, String name) {
        JsonNode suites = config.at("/deployment/testSuites");
        String path = "deployment.testSuites." + name;
        if (suites.isMissingNode() || !suites.isObject() || !suites.has(name)) {
            List<String> known = new ArrayList<>();
            if (suites.isObject()) {
                suites.fieldNames().forEachRemaining(known::add);
            }
            throw new UnknownSuiteException(config.source() + ": " + path + ": no such test suite; "
                    + (known.isEmpty() ? "add one, e.g. \"testSuites\": {\"" + name
                            + "\": {\"command\": \"npm run test:" + name + "\", \"reports\": \"reports/*.xml\"}} under \"deployment\""
                            : "known suites: " + String.join(", ", known)));
        }
        JsonNode node = suites.get(name);
        if (!node.isObject()) {
            throw new BadInputException(config.source() + ": " + path + ": expected an object, got "
                    + ConfigLoader.describe(node));
        }
        JsonNode commandNode = node.get("command");
        List<String> command = new ArrayList<>();
        if (commandNode != null && commandNode.isTextual() && !commandNode.asText().isBlank()) {
            command.addAll(List.of("sh", "-c", commandNode.asText()));
        } else if (commandNode != null && commandNode.isArray() && commandNode.size() > 0) {
            for (JsonNode part : commandNode) {
                if (!part.isTextual()) {
                    throw new BadInputException(config.source() + ": " + path + ".command: expected strings in the "
                            + "array, got " + ConfigLoader.describe(part));
                }
                command.add(part.asText());
            }
        } else {
            throw new BadInputException(config.source() + ": " + path + ".command: expected a command line (a string "
                    + "run by sh -c, or an array of program and arguments), got " + ConfigLoader.describe(commandNode));
        }
        String dir = text(node, "workingDirectory", path, config);
        String reports = text(node, "reports", path, config);
        if (reports == null) {
            throw new BadInputException(config.source() + ": " + path + ".reports: expected the glob of the JUnit XML "
                    + "reports the suite writes (e.g. \"e2e/results/*.xml\"), got nothing");
        }
        try {
            // Checked before the suite runs: found out after it, its run would be lost for nothing.
            FileSystems.getDefault().getPathMatcher("glob:" + reports);
        } catch (PatternSyntaxException e) {
            throw new BadInputException(config.source() + ": " + path + ".reports: \"" + reports + "\" is not a glob "
                    + "pattern (" + e.getDescription() + "); a [ or { opens a group that must be closed, e.g. "
                    + "\"e2e/results/*.xml\"");
        }
        Duration timeout = DEFAULT_TIMEOUT;
        JsonNode seconds = node.get("timeoutSeconds");
        if (seconds != null && !seconds.isNull()) {
            if (!seconds.canConvertToLong() || seconds.asLong() <= 0) {
                throw new BadInputException(config.source() + ": " + path + ".timeoutSeconds: expected a positive "
                        + "number of seconds, got " + ConfigLoader.describe(seconds));
            }
            timeout = Duration.ofSeconds(seconds.asLong());
        }
        Path working = config.projectDir().resolve(dir == null ? "." : dir).normalize();
        if (!Files.isDirectory(working)) {
            // Said before the suite is announced or run, with the setting that names it.
            throw new BadInputException(config.source() + ": " + path + ".workingDirectory: no folder \"" + dir
                    + "\" in the project folder; expected the folder the suite runs in, relative to the project");
        }
        return new SuiteDefinition(name, List.copyOf(command), working, reports, timeout);
    }

    private static String text(JsonNode node, String field, String path, SpecweaveConfig config) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new BadInputException(config.source() + ": " + path + "." + field + ": expected a string, got "
                    + ConfigLoader.describe(value));
        }
        return value.asText().isBlank() ? null : value.asText();
    }

    /** The suite named is not a key of {@code deployment.testSuites}: the name given is wrong, not the config. */
    public static final class UnknownSuiteException extends BadInputException {

        private static final long serialVersionUID = 1L;

        public UnknownSuiteException(String message) {
            super(io.specweave.deploy.Input.SUITE, io.specweave.deploy.Message.text(message));
        }
    }
}
