package io.specweave.deploy.action;

import io.specweave.deploy.Redactor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The runner's workflow commands on standard output ({@code ::add-mask::}, {@code ::error},
 * {@code ::group::}, ...), escaped as the runner unescapes them: {@code %}, CR and LF in the
 * message; also {@code :} and {@code ,} in properties. Every line written here first has the
 * masked values replaced (as core redacts: also their Base64 form), so a secret cannot reach the log
 * even before the runner masks it.
 */
final class WorkflowCommands {

    private final PrintWriter out;
    private final List<String> masked = new ArrayList<>();
    private final Redactor redactor = new Redactor("***");

    WorkflowCommands(PrintWriter out) {
        this.out = out;
    }

    /** Registers a secret with the runner ({@code ::add-mask::}) and with this writer's own redaction. */
    void mask(String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        parts.add(value);
        // The runner masks per line of a multi-line value too; register each line on its own as well.
        value.lines().map(String::strip).filter(l -> l.length() > 3).forEach(parts::add);
        for (String part : parts) {
            if (!masked.contains(part)) {
                out.println("::add-mask::" + escapeData(part));
                masked.add(part);
                redactor.add(part);
            }
        }
        out.flush();
    }

    /** {@code text} with every masked value replaced by {@code ***}. */
    String redact(String text) {
        return redactor.redact(text);
    }

    void error(String title, String message) {
        command("error", title, message);
    }

    void warning(String title, String message) {
        command("warning", title, message);
    }

    void notice(String title, String message) {
        command("notice", title, message);
    }

    /** A line the runner shows only with step debug logging on. */
    void debug(String message) {
        out.println("::debug::" + escapeData(redact(message)));
        out.flush();
    }

    void group(String title, String body) {
        startGroup(title);
        info(body.stripTrailing());
        endGroup();
    }

    /** Opens a group; the lines up to {@link #endGroup()} fold under its title in the log. */
    void startGroup(String title) {
        out.println("::group::" + escapeData(redact(title)));
        out.flush();
    }

    void endGroup() {
        out.println("::endgroup::");
        out.flush();
    }

    /**
     * Stops the runner from reading workflow commands in what follows (a test suite's own output may
     * print {@code ::error} or {@code ::endgroup::}); returns the token {@link #resumeCommands} takes.
     */
    String stopCommands() {
        String token = "specweave-" + java.util.UUID.randomUUID();
        out.println("::stop-commands::" + token);
        out.flush();
        return token;
    }

    void resumeCommands(String token) {
        out.println("::" + token + "::");
        out.flush();
    }

    /**
     * Lines of the log. Text holding a line the runner would take for a workflow command (one that
     * starts with {@code ::} after blanks, or holds the older {@code ##[}) is the user's, from a file
     * or an input: it is printed with commands stopped, so it shows as it is and commands nothing.
     */
    void info(String text) {
        String shown = redact(text);
        if (shown.lines().anyMatch(WorkflowCommands::readAsCommand)) {
            String token = stopCommands();
            out.println(shown);
            resumeCommands(token);
        } else {
            out.println(shown);
        }
        out.flush();
    }

    /** As the runner reads a line: {@code ::name::} after leading blanks, or {@code ##[name]} anywhere. */
    static boolean readAsCommand(String line) {
        return line.stripLeading().startsWith("::") || line.contains("##[");
    }

    private void command(String name, String title, String message) {
        out.println(format(name, Map.of("title", redact(title)), redact(message)));
        out.flush();
    }

    /** {@code ::name k=v,k2=v2::message} with the runner's escaping. */
    static String format(String name, Map<String, String> properties, String message) {
        String props = properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + escapeProperty(e.getValue()))
                .collect(Collectors.joining(","));
        return "::" + name + (props.isEmpty() ? "" : " " + props) + "::" + escapeData(message);
    }

    static String escapeData(String value) {
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String escapeProperty(String value) {
        return escapeData(value).replace(":", "%3A").replace(",", "%2C");
    }
}
