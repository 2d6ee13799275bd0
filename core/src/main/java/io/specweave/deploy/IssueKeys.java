package io.specweave.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Jira issue keys ({@code PROD-12}) as users give them (the {@code issue-keys} input,
 * {@code config.issueKeys}) and as SpecWeave stores them: one reading for every place that takes
 * them. Jira's keys are case-insensitive, so they are upper-cased; a list may be separated by
 * commas, blanks or new lines.
 */
public final class IssueKeys {

    private static final Pattern KEY = Pattern.compile("[A-Z][A-Z0-9_]*-\\d+");

    private IssueKeys() {
    }

    /** True when {@code text} is a key as Jira writes one (upper case). */
    public static boolean isKey(String text) {
        return text != null && KEY.matcher(text).matches();
    }

    /**
     * The keys {@code texts} hold, each text possibly several; upper-cased, each once, in order.
     *
     * @throws BadInputException naming {@code setting} (text, or an {@link Input}) for one that is no key
     */
    public static List<String> parse(Collection<String> texts, Object setting) {
        Set<String> keys = new LinkedHashSet<>();
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            for (String part : text.split("[,\\s]+")) {
                String key = part.strip().toUpperCase(Locale.ROOT);
                if (key.isEmpty()) {
                    continue;
                }
                if (!isKey(key)) {
                    throw new BadInputException(Message.of(setting, ": \"" + part.strip()
                            + "\" is not a Jira issue key (expected e.g. PROD-12)"));
                }
                keys.add(key);
            }
        }
        return new ArrayList<>(keys);
    }
}
