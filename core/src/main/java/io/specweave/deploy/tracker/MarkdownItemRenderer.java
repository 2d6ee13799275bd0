package io.specweave.deploy.tracker;

import io.specweave.deploy.MarkdownText;
import java.util.List;

/**
 * Renders {@link ItemContent} as GitHub-flavoured Markdown, within GitHub's limit as {@link BodyFit}
 * fits it: the hidden marker and the machine-readable blocks after it are always whole. Values from
 * files and inputs show as the text they are ({@link MarkdownText}): a recorded {@code [x](url)},
 * {@code |} or {@code <img>} adds no link, column or HTML to the issue; only http(s) URLs are links.
 * The spec's summary is the spec's own Markdown, and is quoted as such.
 */
public final class MarkdownItemRenderer {

    private MarkdownItemRenderer() {
    }

    /** The body, within {@code limit}, ending with the hidden marker (and {@code extraHidden}, if any). */
    public static String render(ItemContent content, String extraHidden, BodyFit.Limit limit) {
        String hidden = "<!-- " + content.marker() + " -->" + (extraHidden == null || extraHidden.isEmpty() ? "" : "\n" + extraHidden);
        return BodyFit.fit(content, limit, cut -> body(content, cut) + "\n" + hidden + "\n", String::length);
    }

    private static String body(ItemContent c, BodyFit.Cut cut) {
        StringBuilder s = new StringBuilder();
        s.append("## ").append(MarkdownText.line(cut.value(c.specTitle()))).append("\n\n");
        s.append("Increment `").append(c.incrementId()).append("` in **").append(MarkdownText.text(c.environment())).append("**.\n\n");
        String shown = SpecMarkdown.withoutComments(cut.summary());
        if (!shown.isBlank()) {
            s.append(quote(shown)).append("\n\n");
        }
        s.append("### Deployment\n\n| | |\n|---|---|\n");
        for (ItemContent.Fact f : c.facts()) {
            s.append("| ").append(f.label()).append(" | ").append(link(cut.value(f.value()), f.link())).append(" |\n");
        }
        if (cut.showOthers() && !c.others().isEmpty()) {
            s.append("\n### Other environments\n\n| Environment | State | As of | Deployed at | Commit | Tracking |\n"
                    + "|---|---|---|---|---|---|\n");
            for (ItemContent.OtherEnvironment o : c.others()) {
                s.append("| ").append(cell(o.environment())).append(" | ").append(cell(o.state())).append(" | ")
                        .append(cell(o.asOf())).append(" | ")
                        .append(cell(o.deployedAt())).append(" | ").append(cell(o.commit())).append(" | ")
                        .append(link(o.trackingId(), o.trackingUrl())).append(" |\n");
            }
            s.append("\n_").append(ItemContent.OTHERS_CAPTION).append("_\n");
        }
        List<ItemContent.Fact.HistoryEntry> history = cut.history();
        if (!history.isEmpty() || cut.historyNote() != null) {
            s.append("\n### Earlier deployments to ").append(MarkdownText.text(c.environment())).append("\n\n");
            s.append("| Deployed at | Status | Commit | Ref | By | Run |\n|---|---|---|---|---|---|\n");
            for (ItemContent.Fact.HistoryEntry h : history) {
                s.append("| ").append(cell(h.deployedAt())).append(" | ").append(cell(h.status())).append(" | ")
                        .append(link(h.commit(), h.commitLink())).append(" | ").append(cell(h.ref())).append(" | ")
                        .append(cell(h.deployedBy())).append(" | ")
                        .append(h.runUrl() == null ? "" : link("run", h.runUrl())).append(" |\n");
            }
            if (cut.historyNote() != null) {
                s.append("\n_").append(cut.historyNote()).append("_\n");
            }
        }
        if (cut.shortenedNote() != null) {
            s.append("\n**").append(cut.shortenedNote()).append("**\n");
        }
        s.append("\n<sub>Maintained by SpecWeave Deploy; edits to this description are replaced on the next deployment.</sub>\n");
        return s.toString();
    }

    private static String quote(String text) {
        StringBuilder s = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            s.append("> ").append(line).append('\n');
        }
        return s.toString().stripTrailing();
    }

    /** {@code text} linked to {@code url} when it is an http(s) URL; nothing for no text. */
    private static String link(String text, String url) {
        return text == null || text.isEmpty() ? "" : url == null ? cell(text) : MarkdownText.link(text, url);
    }

    private static String cell(String value) {
        return MarkdownText.text(value);
    }
}
