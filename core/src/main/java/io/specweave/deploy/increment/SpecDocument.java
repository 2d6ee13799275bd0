package io.specweave.deploy.increment;

import io.specweave.deploy.JsonInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a tracking item shows of an increment's {@code spec.md}: its title and opening section.
 * SpecWeave specs start with YAML front matter ({@code title:} is preferred when present), then a
 * {@code # Title} heading.
 *
 * @param title   the title, or null when the spec has none
 * @param summary the opening section (text up to the second heading), capped; may be empty
 */
public record SpecDocument(String title, String summary) {

    /** A YAML block scalar's header: {@code >}, {@code |-}, {@code >2+}, a comment after it. */
    private static final java.util.regex.Pattern BLOCK_HEADER = java.util.regex.Pattern.compile(
            "[>|][0-9]?[+-]?[0-9]?(\\s+#.*)?");
    /** A comment at the end of a plain scalar's line. */
    private static final java.util.regex.Pattern COMMENT = java.util.regex.Pattern.compile("\\s+#.*$");

    /** Longest summary kept, in characters: enough for a reader, small enough for any tracker field. */
    public static final int SUMMARY_LIMIT = 1500;

    /** A spec without a title or summary. */
    public static SpecDocument empty() {
        return new SpecDocument(null, "");
    }

    /** Reads the whole spec's opening; a missing file gives {@link #empty()}. */
    public static SpecDocument read(Path specFile) {
        try {
            return parse(Files.readString(specFile, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return empty();
        } catch (IOException e) {
            return empty();
        }
    }

    /**
     * Reads only the title: stops at the first heading, so listing thousands of increments stays
     * fast.
     */
    public static String readTitle(Path specFile) {
        try (BufferedReader reader = Files.newBufferedReader(specFile, StandardCharsets.UTF_8)) {
            // An editor's byte-order mark hides no front matter from gray-matter, SpecWeave's reader.
            String line = reader.readLine();
            line = line == null ? null : JsonInput.withoutBom(line);
            boolean frontMatter = line != null && line.strip().equals("---");
            int lines = 0;
            if (frontMatter) {
                List<String> front = new ArrayList<>();
                while ((line = reader.readLine()) != null && !line.strip().equals("---") && lines++ < 200) {
                    front.add(line);
                }
                String title = frontMatterValue(front, "title");
                if (title != null) {
                    return title;
                }
                line = reader.readLine();
            }
            while (line != null && lines++ < 400) {
                String heading = heading(line, 1);
                if (heading != null) {
                    return cleanTitle(heading);
                }
                line = reader.readLine();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Parses spec text. */
    public static SpecDocument parse(String text) {
        String[] lines = JsonInput.withoutBom(text).replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        int i = 0;
        String title = null;
        if (lines.length > 0 && lines[0].strip().equals("---")) {
            List<String> front = new ArrayList<>();
            for (i = 1; i < lines.length && !lines[i].strip().equals("---"); i++) {
                front.add(lines[i]);
            }
            title = frontMatterValue(front, "title");
            i++;
        }
        List<String> summary = new ArrayList<>();
        boolean seenTitleHeading = false;
        boolean inFence = false;
        for (; i < lines.length; i++) {
            String line = lines[i];
            if (line.strip().startsWith("```")) {
                inFence = !inFence;
            }
            if (!inFence && line.startsWith("#")) {
                String h1 = heading(line, 1);
                if (h1 != null && !seenTitleHeading && summary.stream().allMatch(String::isBlank)) {
                    seenTitleHeading = true;
                    if (title == null) {
                        title = cleanTitle(h1);
                    }
                    continue;
                }
                if (summary.stream().anyMatch(s -> !s.isBlank())) {
                    break;
                }
                String h2 = heading(line, 2);
                if (h2 != null && isOverviewHeading(h2)) {
                    continue;
                }
                if (seenTitleHeading) {
                    continue;
                }
            }
            summary.add(line);
        }
        return new SpecDocument(title, cap(String.join("\n", summary).strip()));
    }

    private static boolean isOverviewHeading(String heading) {
        String h = heading.toLowerCase(Locale.ROOT);
        return h.contains("overview") || h.contains("summary") || h.contains("problem") || h.contains("context")
                || h.contains("description") || h.contains("goal");
    }

    private static String cap(String text) {
        if (text.length() <= SUMMARY_LIMIT) {
            return text;
        }
        int cut = text.lastIndexOf(' ', SUMMARY_LIMIT - 1);
        return text.substring(0, cut > SUMMARY_LIMIT / 2 ? cut : SUMMARY_LIMIT - 1) + "…";
    }

    private static String heading(String line, int level) {
        String prefix = "#".repeat(level) + " ";
        if (line.startsWith(prefix)) {
            String text = line.substring(prefix.length()).strip();
            return text.isEmpty() ? null : text;
        }
        return null;
    }

    /** Drops SpecWeave's customary "Feature:" / "Increment 0018:" prefixes from a heading. */
    private static String cleanTitle(String heading) {
        String t = heading.strip();
        for (String prefix : List.of("Feature:", "Specification:", "Spec:")) {
            if (t.regionMatches(true, 0, prefix, 0, prefix.length())) {
                t = t.substring(prefix.length()).strip();
            }
        }
        return t.replaceFirst("(?i)^increment\\s+\\d+[a-z]?\\s*[:\\-—–]\\s*", "").strip();
    }

    /**
     * The top-level {@code key} of YAML front matter as one line of text, in each form SpecWeave's
     * writer (gray-matter over js-yaml) gives a string: plain, {@code 'single'} ({@code ''} is a quote),
     * {@code "double"} (backslash escapes), or a folded or literal block ({@code >-}, {@code |}) on the
     * lines indented below it; a plain or quoted value may go on over such lines too. Line breaks
     * become spaces: a title is one line. A key indented under another (a nested {@code title:}) is not it.
     */
    static String frontMatterValue(List<String> lines, String key) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.regionMatches(true, 0, key + ":", 0, key.length() + 1)) {
                continue;
            }
            StringBuilder text = new StringBuilder(line.substring(key.length() + 1).strip());
            for (int j = i + 1; j < lines.size() && (lines.get(j).isBlank() || Character.isWhitespace(lines.get(j)
                    .charAt(0))); j++) {
                text.append('\n').append(lines.get(j).strip());
            }
            String value = scalar(text.toString());
            return value == null || value.isEmpty() ? null : value;
        }
        return null;
    }

    /** One YAML scalar: {@code text} is what follows the key, then each continuation line after a line break. */
    private static String scalar(String text) {
        int newline = text.indexOf('\n');
        String first = newline < 0 ? text : text.substring(0, newline);
        if (newline < 0 && first.indexOf('#') < 0 && !first.isEmpty() && "'\">|".indexOf(first.charAt(0)) < 0) {
            // The common case, read for every increment a listing shows: one plain line.
            return first.equals("~") || first.equals("null") ? null : first;
        }
        String rest = text.substring(first.length());
        if (BLOCK_HEADER.matcher(first).matches()) {
            return oneLine(rest);
        }
        String joined = newline < 0 ? first : oneLine(text);
        if (first.startsWith("'")) {
            String body = joined.substring(1);
            int end = body.replace("''", "\0\0").indexOf('\'');
            return (end < 0 ? body : body.substring(0, end)).replace("''", "'");
        }
        if (first.startsWith("\"")) {
            return unescape(joined.substring(1));
        }
        // Plain: a "#" after a blank, or opening a line, starts a comment.
        String plain = oneLine(text.lines().map(l -> l.startsWith("#") ? "" : COMMENT.matcher(l).replaceFirst(""))
                .reduce((a, b) -> a + "\n" + b).orElse(""));
        return plain.equals("~") || plain.equals("null") ? null : plain;
    }

    /** The text of a double-quoted scalar up to its closing quote, its escapes read. */
    private static String unescape(String body) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"') {
                break;
            }
            if (c != '\\' || i + 1 == body.length()) {
                out.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'n', 't', ' ' -> out.append(' ');
                case 'u', 'x', 'U' -> {
                    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + digits < body.length()) {
                        try {
                            out.appendCodePoint(Integer.parseInt(body.substring(i + 1, i + 1 + digits), 16));
                            i += digits;
                        } catch (IllegalArgumentException bad) {
                            out.append(e);
                        }
                    }
                }
                default -> out.append(e);
            }
        }
        return out.toString().strip();
    }

    /** Lines joined by single spaces, as a folded title reads. */
    private static String oneLine(String text) {
        return String.join(" ", text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()).strip();
    }
}
