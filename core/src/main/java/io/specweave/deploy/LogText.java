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
    /** {@code count} and {@code noun}, the noun in the plural unless the count is 1: "1 error", "2 errors". */
    public static String count(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

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

    /**
     * The columns {@code text} takes in a terminal: two for a wide (East Asian) character, none for a
     * combining mark (a decomposed é is one column), one for the rest.
     */
    public static int columns(String text) {
        return text.codePoints().map(LogText::columnsOf).sum();
    }

    /** {@code text} followed by blanks up to {@code width} columns; as it is when it is that wide already. */
    public static String pad(String text, int width) {
        int columns = columns(text);
        return columns >= width ? text : text + " ".repeat(width - columns);
    }

    private static int columnsOf(int c) {
        int type = Character.getType(c);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || c == 0x200b) {
            return 0;
        }
        boolean wide = c >= 0x1100 && c <= 0x115f || c >= 0x2e80 && c <= 0xa4cf && c != 0x303f
                || c >= 0xac00 && c <= 0xd7a3 || c >= 0xf900 && c <= 0xfaff || c >= 0xfe30 && c <= 0xfe4f
                || c >= 0xff00 && c <= 0xff60 || c >= 0xffe0 && c <= 0xffe6 || c >= 0x1f300 && c <= 0x1f64f
                || c >= 0x1f900 && c <= 0x1f9ff || c >= 0x20000 && c <= 0x3fffd;
        return wide ? 2 : 1;
    }

    /** A C0 or C1 control character, or one that overrides or isolates the direction of the text around it. */
    static boolean isControl(int c) {
        return Character.isISOControl(c) || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069
                || c == 0x2028 || c == 0x2029;
    }
}
