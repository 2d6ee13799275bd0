package io.specweave.deploy.increment;

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
            String line = reader.readLine();
            boolean frontMatter = line != null && line.strip().equals("---");
            int lines = 0;
            if (frontMatter) {
                while ((line = reader.readLine()) != null && !line.strip().equals("---") && lines++ < 200) {
                    String title = frontMatterValue(line, "title");
                    if (title != null) {
                        return title;
                    }
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
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        int i = 0;
        String title = null;
        if (lines.length > 0 && lines[0].strip().equals("---")) {
            for (i = 1; i < lines.length && !lines[i].strip().equals("---"); i++) {
                String value = frontMatterValue(lines[i], "title");
                if (value != null && title == null) {
                    title = value;
                }
            }
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

    private static String frontMatterValue(String line, String key) {
        String stripped = line.strip();
        if (!stripped.regionMatches(true, 0, key + ":", 0, key.length() + 1)) {
            return null;
        }
        String value = stripped.substring(key.length() + 1).strip();
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            value = value.substring(1, value.length() - 1);
        }
        return value.isEmpty() ? null : value;
    }
}
