package io.specweave.deploy;

/**
 * A value from a file or an input as a terminal or a build log may show it. Such a value is the
 * user's, not ours: a line break in it would start a line that looks like our own (in a GitHub
 * Actions log, a line starting {@code ::} is a workflow command), an escape sequence would move the
 * cursor or recolour the screen, a bidirectional override would reorder what is read. Each is shown
 * as its escape ({@code \n}, {@code \u001b}), so the reader sees what the file holds.
 */
public final class LogText {

    private LogText() {
    }

    /** {@code value} on one line, with every control character written as its escape; null stays null. */
    public static String oneLine(String value) {
        if (value == null || value.chars().noneMatch(LogText::isControl)) {
            return value;
        }
        StringBuilder s = new StringBuilder(value.length() + 8);
        value.chars().forEach(c -> {
            switch (c) {
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> s.append(isControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c));
            }
        });
        return s.toString();
    }

    /** A C0 or C1 control character, or one that overrides or isolates the direction of the text around it. */
    static boolean isControl(int c) {
        return Character.isISOControl(c) || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069
                || c == 0x2028 || c == 0x2029;
    }
}
