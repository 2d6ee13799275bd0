package io.specweave.deploy.tracker;

import io.specweave.deploy.model.FreeText;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Fits what a tracking item says for people into the vendor's size limit; one rule for every
 * provider and format. What machines read — the identity marker and the record copy — is never
 * shortened here: a renderer puts it outside the parts a {@link Cut} shortens, so it survives whole
 * (the copy keeps to a bound of its own, {@link RecordCopy#envelope}).
 *
 * <p>The human part gives way in this order, measuring after each step: the earlier deployments
 * (oldest first; {@code metadata.json} keeps them all), then the spec's summary (halved, then left
 * out), then the other environments' table, then every remaining value is capped. Anything beyond
 * dropping history carries a visible note, so a reader knows the item says less than it could.
 */
public final class BodyFit {

    /** GitHub: an issue body, and a comment, hold at most 65,536 characters. */
    public static final Limit GITHUB = new Limit("GitHub", 65_536);
    /** Jira (Cloud and Data Center): a description or a comment holds at most 32,767 characters. */
    public static final Limit JIRA = new Limit("Jira", 32_767);
    /**
     * Azure DevOps: {@code System.Description} and {@code System.History} are HTML fields that take
     * far more (about a million characters); this bound keeps work items readable and patches small.
     */
    public static final Limit AZURE_DEVOPS = new Limit("Azure DevOps", 60_000);

    /** Summaries are halved down to this length before they are left out. */
    static final int SHORT_SUMMARY = 200;
    /** The last step caps every value (title, facts, links' text) at this many characters. */
    static final int VALUE_CAP = 200;

    private BodyFit() {
    }

    /** A vendor's limit for one text, in characters. */
    public record Limit(String vendor, int chars) {

        public Limit {
            if (chars < 1) {
                throw new IllegalArgumentException("a limit holds at least one character: " + chars);
            }
        }

        /** The same vendor with another bound (tests, or a field with its own limit). */
        public Limit of(int otherChars) {
            return new Limit(vendor, otherChars);
        }
    }

    /**
     * How much of the human part one rendering shows. Renderers take every value through
     * {@link #value(String)} and show {@link #historyNote()} and {@link #shortenedNote()} when present.
     *
     * @param summary          the spec's summary to show; empty when left out
     * @param summaryShortened true when the summary was shortened or left out
     * @param history          the earlier deployments to show, newest first
     * @param historyDropped   how many older deployments are not shown
     * @param showOthers       false when the other environments' table is left out
     * @param valueCap         the most characters a value shows; 0 for no cap
     * @param limit            the limit fitted to
     */
    public record Cut(String summary, boolean summaryShortened, List<ItemContent.Fact.HistoryEntry> history,
            int historyDropped, boolean showOthers, int valueCap, Limit limit) {

        public Cut {
            summary = summary == null ? "" : summary;
            history = List.copyOf(history);
        }

        /** True when more than earlier deployments had to give way. */
        public boolean shortened() {
            return summaryShortened || !showOthers || valueCap > 0;
        }

        /** {@code text} as this cut shows it: whole, or capped with an ellipsis; null stays null. */
        public String value(String text) {
            if (text == null || valueCap == 0 || text.length() <= valueCap) {
                return text;
            }
            return cut(text, valueCap - 1) + ELLIPSIS;
        }

        /** "N older deployments not shown; metadata.json keeps them all.", or null when none was dropped. */
        public String historyNote() {
            return historyDropped == 0 ? null : historyDropped + " older deployment" + (historyDropped == 1 ? "" : "s")
                    + " not shown; metadata.json keeps them all.";
        }

        /** The visible note that this text was shortened to fit the limit, or null when it was not. */
        public String shortenedNote() {
            return shortened() ? note(limit) : null;
        }
    }

    private static final String ELLIPSIS = "…";

    /**
     * The largest rendering of {@code content} whose {@code size} is within {@code limit}, or the
     * smallest one this rule can make when none is (the vendor's refusal then names the field).
     *
     * @param render renders the item for a cut: the marker and record copy added whole, every time
     * @param size   the rendering's size as the vendor counts it (characters, or the document's JSON)
     */
    public static <T> T fit(ItemContent content, Limit limit, Function<Cut, T> render, ToIntFunction<T> size) {
        List<ItemContent.Fact.HistoryEntry> history = content.history();
        String summary = content.summary() == null ? "" : content.summary();
        boolean summaryTouched = false;
        boolean others = true;
        int cap = 0;
        for (int keep = history.size(); ; ) {
            String shown = summaryTouched && !summary.isEmpty() ? summary + ELLIPSIS : summary;
            Cut cut = new Cut(shown, summaryTouched, history.subList(0, keep), history.size() - keep, others, cap,
                    limit);
            T rendered = render.apply(cut);
            if (size.applyAsInt(rendered) <= limit.chars()) {
                return rendered;
            }
            if (keep > 0) {
                keep = keep > 8 ? keep / 2 : keep - 1;
            } else if (summary.length() > SHORT_SUMMARY) {
                summary = cut(summary, summary.length() / 2);
                summaryTouched = true;
            } else if (!summary.isEmpty()) {
                summary = "";
                summaryTouched = true;
            } else if (others && !content.others().isEmpty()) {
                others = false;
            } else if (cap == 0) {
                cap = VALUE_CAP;
            } else {
                return rendered;
            }
        }
    }

    /**
     * A plain text (a comment) within {@code limit}: whole when it fits, else its start, an ellipsis
     * and the visible note.
     */
    public static String text(String text, Limit limit) {
        return text == null ? null : text(text, limit, Function.identity(), String::length);
    }

    /**
     * A comment as the vendor stores it, within {@code limit} as the vendor counts it: the rendering
     * is measured, not the words, since escaping (HTML's {@code &lt;}) and a document's JSON make it
     * longer. Whole when it fits, else the longest start of the words that fits with an ellipsis and
     * the visible note; the smallest rendering when even that does not.
     *
     * @param render renders the words as the vendor stores them (escaped, or as a document)
     * @param size   the rendering's size as the vendor counts it
     */
    public static <T> T text(String text, Limit limit, Function<String, T> render, ToIntFunction<T> size) {
        T whole = render.apply(text);
        if (size.applyAsInt(whole) <= limit.chars()) {
            return whole;
        }
        String tail = ELLIPSIS + "\n\n" + note(limit);
        // The rendering grows with the start kept: the longest start that fits, by halving.
        int fits = 0;
        int over = text.length();
        while (over - fits > 1) {
            int middle = (fits + over) >>> 1;
            if (size.applyAsInt(render.apply(cut(text, middle) + tail)) <= limit.chars()) {
                fits = middle;
            } else {
                over = middle;
            }
        }
        return render.apply(cut(text, fits) + tail);
    }

    /**
     * A title within {@code limit} characters (UTF-16 units, as Jira and Azure DevOps count; never more
     * than GitHub's code points): whole when it fits, else its start and an ellipsis, never splitting
     * a surrogate pair (an emoji).
     */
    public static String title(String title, int limit) {
        return title.length() <= limit ? title : cut(title, limit - 1) + ELLIPSIS;
    }

    /** The note a shortened text shows, in the same words everywhere. */
    public static String note(Limit limit) {
        return "Shortened to fit " + limit.vendor() + "'s limit of " + String.format(java.util.Locale.ROOT, "%,d",
                limit.chars()) + " characters; metadata.json keeps the whole record.";
    }

    /** The first {@code length} characters, never splitting a surrogate pair. */
    private static String cut(String text, int length) {
        return FreeText.start(text, length);
    }
}
