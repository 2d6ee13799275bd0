package io.specweave.deploy.tracker;

import java.util.List;

/**
 * Renders {@link ItemContent} as GitHub-flavoured Markdown, within a size budget: earlier
 * deployments are dropped (oldest first) before anything else, then the summary is shortened.
 */
public final class MarkdownItemRenderer {

    private MarkdownItemRenderer() {
    }

    /** The body, at most {@code limit} characters, ending with the hidden marker (and {@code extraHidden}, if any). */
    public static String render(ItemContent content, String extraHidden, int limit) {
        String hidden = "<!-- " + content.marker() + " -->" + (extraHidden == null || extraHidden.isEmpty() ? "" : "\n" + extraHidden);
        List<ItemContent.Fact.HistoryEntry> history = content.history();
        String summary = content.summary();
        for (int keep = history.size(); ; ) {
            String body = body(content, summary, history.subList(0, keep), history.size() - keep) + "\n" + hidden + "\n";
            if (body.length() <= limit) {
                return body;
            }
            if (keep > 0) {
                keep = keep > 8 ? keep / 2 : keep - 1;
                continue;
            }
            if (summary.length() > 200) {
                summary = summary.substring(0, summary.length() / 2) + "…";
                continue;
            }
            // Still too long (an enormous title or marker block): cut hard, keeping the marker.
            return body.substring(0, Math.max(0, limit - hidden.length() - 2)) + "\n" + hidden + "\n";
        }
    }

    private static String body(ItemContent c, String summary, List<ItemContent.Fact.HistoryEntry> history, int dropped) {
        StringBuilder s = new StringBuilder();
        s.append("## ").append(escape(c.specTitle())).append("\n\n");
        s.append("Increment `").append(c.incrementId()).append("` in **").append(escape(c.environment())).append("**.\n\n");
        String shown = summary == null ? "" : SpecMarkdown.withoutComments(summary);
        if (!shown.isBlank()) {
            s.append(quote(shown)).append("\n\n");
        }
        s.append("### Deployment\n\n| | |\n|---|---|\n");
        for (ItemContent.Fact f : c.facts()) {
            s.append("| ").append(f.label()).append(" | ").append(link(cell(f.value()), f.link())).append(" |\n");
        }
        if (!c.others().isEmpty()) {
            s.append("\n### Other environments\n\n| Environment | State | As of | Deployed at | Commit | Tracking |\n"
                    + "|---|---|---|---|---|---|\n");
            for (ItemContent.OtherEnvironment o : c.others()) {
                s.append("| ").append(cell(o.environment())).append(" | ").append(cell(o.state())).append(" | ")
                        .append(cell(o.asOf())).append(" | ")
                        .append(cell(o.deployedAt())).append(" | ").append(cell(o.commit())).append(" | ")
                        .append(o.trackingId() == null ? "" : link(cell(o.trackingId()), o.trackingUrl())).append(" |\n");
            }
            s.append("\n_").append(ItemContent.OTHERS_CAPTION).append("_\n");
        }
        if (!history.isEmpty() || dropped > 0) {
            s.append("\n### Earlier deployments to ").append(escape(c.environment())).append("\n\n");
            s.append("| Deployed at | Status | Commit | Ref | By | Run |\n|---|---|---|---|---|---|\n");
            for (ItemContent.Fact.HistoryEntry h : history) {
                s.append("| ").append(cell(h.deployedAt())).append(" | ").append(cell(h.status())).append(" | ")
                        .append(link(cell(h.commit()), h.commitLink())).append(" | ").append(cell(h.ref())).append(" | ")
                        .append(cell(h.deployedBy())).append(" | ")
                        .append(h.runUrl() == null ? "" : link("run", h.runUrl())).append(" |\n");
            }
            if (dropped > 0) {
                s.append("\n_").append(dropped).append(" older deployment").append(dropped == 1 ? "" : "s")
                        .append(" not shown; metadata.json keeps them all._\n");
            }
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

    private static String link(String text, String url) {
        if (url == null || text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        return "[" + text + "](" + url.replace(")", "%29").replace(" ", "%20") + ")";
    }

    private static String cell(String value) {
        return value == null ? "" : escape(value).replace("|", "\\|").replace("\n", " ");
    }

    private static String escape(String value) {
        return value == null ? "" : value.replace("<", "&lt;").replace(">", "&gt;");
    }
}
