package io.specweave.deploy;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A value from a file or an input as GitHub-flavoured Markdown shows it: as the text it is. Such a
 * value is the user's, not ours: {@code [x](https://evil)} in it would be a link, {@code |} would
 * end a table cell, {@code <img>} would be HTML, a backtick would open code, {@code $} math. Each
 * character that means something to Markdown is escaped, line breaks become spaces (a cell holds one
 * line) and other control characters are shown as their escapes, as {@link LogText} shows them.
 * An {@code @name} is not a mention: GitHub would notify that user or team (a {@code deployedBy} of
 * {@code @org/release}, a note "asked @alice") each time an issue is created with it; a zero-width
 * space after the {@code @} keeps the text as it reads and notifies no one. The same space keeps
 * what GitHub would turn into a link by itself (its extended autolinks: {@code https://host},
 * {@code www.host}, {@code ops@example.com}) text that reads the same.
 *
 * <p>Links this tool builds itself (a tracking item, a run) stay links: their text is escaped, and
 * their target is an absolute {@code http(s)} URL in which nothing can end the link.
 */
public final class MarkdownText {

    /** Backslash-escaped (an underscore inside a word excepted): each can start markup inside a line, or end a cell. */
    private static final String ESCAPED = "\\`*_[]~$|";
    /** What a link target keeps as it is, besides letters and digits: the rest is percent-encoded. */
    private static final String TARGET_KEEPS = "-._~:/?#[]@!$&'*+,;=%";

    private MarkdownText() {
    }

    /** A zero-width space: it reads as nothing, and no mention or autolink matches across it. */
    private static final String ZERO_WIDTH_SPACE = "&#8203;";

    /** {@code value} as literal text on one line, safe inside a line and in a table cell; null is empty. */
    public static String text(String value) {
        return text(value, true);
    }

    /**
     * {@code value} as {@link #text(String)} escapes it; a bare URL in it is kept from becoming a link
     * when {@code bareUrlsAsText}, which a link's own text needs not be: GitHub links nothing inside a link.
     */
    private static String text(String value, boolean bareUrlsAsText) {
        if (value == null) {
            return "";
        }
        String one = LogText.oneLine(value.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' '));
        StringBuilder s = new StringBuilder(one.length() + 8);
        for (int i = 0; i < one.length(); i++) {
            char c = one.charAt(i);
            if (bareUrlsAsText && startsWwwLink(one, i)) {
                s.append(one, i, i + 3).append(ZERO_WIDTH_SPACE);
                i += 2;
                continue;
            }
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '@' -> s.append(startsNameOrDomain(one, i) ? "@" + ZERO_WIDTH_SPACE : "@");
                case ':' -> s.append(bareUrlsAsText && endsScheme(one, i) ? ZERO_WIDTH_SPACE + ":" : ":");
                default -> {
                    if (ESCAPED.indexOf(c) >= 0 && !(c == '_' && inWord(one, i))) {
                        s.append('\\');
                    }
                    s.append(c);
                }
            }
        }
        return s.toString();
    }

    /**
     * {@code value} as {@link #text} has it, for the start of a line: a leading {@code #}, {@code -},
     * {@code +}, {@code =} or {@code 1.} would make a heading or a list of it, and is escaped too.
     */
    public static String line(String value) {
        return atLineStart(text(value));
    }

    /**
     * A line of this tool's own words that may hold code spans ({@code `force: true`}, a command to
     * run), with values from files and inputs among them: the code spans stay code, everything else
     * is escaped as {@link #line} escapes it, and a backtick without its closing one is text.
     */
    public static String message(String value) {
        if (value == null) {
            return "";
        }
        String one = value.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
        StringBuilder s = new StringBuilder(one.length() + 8);
        int plain = 0;
        int i = 0;
        while (i < one.length()) {
            if (one.charAt(i) != '`') {
                i++;
                continue;
            }
            int run = runAt(one, i);
            int close = closing(one, i + run, run);
            if (close < 0) {
                i += run; // no closing run: the backticks are text
                continue;
            }
            s.append(text(one.substring(plain, i)));
            // A code span shows its content as it is: nothing in it is markup.
            s.append(LogText.oneLine(one.substring(i, close + run)));
            i = close + run;
            plain = i;
        }
        s.append(text(one.substring(plain)));
        return atLineStart(s.toString());
    }

    /** {@code value} as a code span, shown as it is (a backtick in it included); null is empty. */
    public static String code(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String one = LogText.oneLine(value.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' '));
        int longest = 0;
        for (int i = 0; i < one.length(); i++) {
            if (one.charAt(i) == '`') {
                int run = runAt(one, i);
                longest = Math.max(longest, run);
                i += run - 1;
            }
        }
        String fence = "`".repeat(longest + 1);
        // A space on each side keeps a backtick at either end apart from the fence (and is not shown).
        boolean pad = one.startsWith("`") || one.endsWith("`") || one.isBlank();
        return fence + (pad ? " " : "") + one + (pad ? " " : "") + fence;
    }

    /**
     * {@code value} as a code span in a table cell: as {@link #code}, with {@code |} escaped, which a
     * table reads before the code span (and shows without the backslash).
     */
    public static String cellCode(String value) {
        return code(value).replace("|", "\\|");
    }

    /**
     * A link to {@code url} reading {@code text} (escaped) when {@code url} is an absolute
     * {@code http(s)} URL, else {@code text} alone.
     */
    public static String link(String text, String url) {
        String target = target(url);
        return target == null ? text(text) : "[" + text(text, false) + "](" + target + ")";
    }

    /**
     * {@code url} as a link's target: an absolute {@code http} or {@code https} URL with an authority,
     * every character outside {@link #TARGET_KEEPS}, letters and digits percent-encoded (a space, a
     * parenthesis or a {@code |} cannot end the link or the table cell; brackets stay only around an
     * IPv6 host); null for any other URL.
     */
    public static String target(String url) {
        if (url == null || url.isEmpty()) {
            return null;
        }
        // Brackets belong only around an IPv6 host: anywhere else they are encoded.
        int slashes = url.indexOf("://");
        int authorityEnd = slashes < 0 ? 0 : slashes + 3;
        while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        StringBuilder s = new StringBuilder(url.length() + 8);
        encode(s, url.substring(0, authorityEnd), TARGET_KEEPS);
        encode(s, url.substring(authorityEnd), TARGET_KEEPS.replace("[", "").replace("]", ""));
        String encoded = s.toString();
        try {
            URI uri = new URI(encoded);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && !uri.isOpaque()
                    && uri.getRawAuthority() != null ? encoded : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static void encode(StringBuilder s, String part, String keeps) {
        for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || keeps.indexOf(c) >= 0)) {
                s.append((char) c);
            } else {
                s.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
    }

    /** {@code escaped} with a leading block marker escaped: a heading, a list item, a setext underline. */
    private static String atLineStart(String escaped) {
        int start = 0;
        while (start < escaped.length() && escaped.charAt(start) == ' ') {
            start++;
        }
        if (start >= escaped.length()) {
            return escaped;
        }
        char first = escaped.charAt(start);
        if (first == '#' || first == '-' || first == '+' || first == '=') {
            return escaped.substring(0, start) + "\\" + escaped.substring(start);
        }
        int digits = start;
        while (digits < escaped.length() && Character.isDigit(escaped.charAt(digits))) {
            digits++;
        }
        if (digits > start && digits < escaped.length() && (escaped.charAt(digits) == '.'
                || escaped.charAt(digits) == ')')) {
            return escaped.substring(0, digits) + "\\" + escaped.substring(digits);
        }
        return escaped;
    }

    /**
     * An {@code @} followed by a letter or digit: GitHub reads it as a mention ({@code @alice}), or
     * inside a word as an address it links ({@code ops@example.com} becomes a mailto link).
     */
    private static boolean startsNameOrDomain(String s, int at) {
        return at + 1 < s.length() && Character.isLetterOrDigit(s.charAt(at + 1));
    }

    /**
     * The {@code :} of a scheme followed by {@code //} ({@code https://}, {@code ftp://}): GitHub links
     * such a URL standing bare in text.
     */
    private static boolean endsScheme(String s, int colon) {
        return colon > 0 && Character.isLetter(s.charAt(colon - 1)) && s.startsWith("//", colon + 1);
    }

    /** {@code www.} starting a word, which GitHub links as a host standing bare in text. */
    private static boolean startsWwwLink(String s, int at) {
        return s.regionMatches(true, at, "www.", 0, 4) && (at == 0 || !Character.isLetterOrDigit(s.charAt(at - 1)));
    }

    /** An underscore between two letters or digits ({@code in_progress}), which never emphasises. */
    private static boolean inWord(String s, int at) {
        return at > 0 && at + 1 < s.length() && Character.isLetterOrDigit(s.charAt(at - 1))
                && Character.isLetterOrDigit(s.charAt(at + 1));
    }

    /** The length of the run of backticks at {@code at}. */
    private static int runAt(String s, int at) {
        int end = at;
        while (end < s.length() && s.charAt(end) == '`') {
            end++;
        }
        return end - at;
    }

    /** Where the next run of exactly {@code length} backticks from {@code from} starts, or -1. */
    private static int closing(String s, int from, int length) {
        int i = from;
        while (i < s.length()) {
            if (s.charAt(i) == '`') {
                int run = runAt(s, i);
                if (run == length) {
                    return i;
                }
                i += run;
            } else {
                i++;
            }
        }
        return -1;
    }
}
