package io.specweave.deploy.tracker.ado;

import io.specweave.deploy.tracker.BodyFit;
import io.specweave.deploy.tracker.ItemContent;
import io.specweave.deploy.tracker.SpecMarkdown;
import java.util.List;

/**
 * Renders {@link ItemContent} as the HTML Azure DevOps keeps in {@code System.Description} and
 * {@code System.History}: the same sections as the GitHub and Jira bodies, ending with the
 * identity marker in a small grey paragraph (Azure DevOps strips HTML comments).
 */
final class HtmlRenderer {

    /** Raw HTML in a spec is shown as text, links other than http(s)/mailto are dropped. */
    private static final org.commonmark.renderer.html.HtmlRenderer SUMMARY = org.commonmark.renderer.html.HtmlRenderer
            .builder().escapeHtml(true).sanitizeUrls(true).build();

    private HtmlRenderer() {
    }

    /** The description, within {@code limit} as {@link BodyFit} fits it; {@code marker} closes it, whole. */
    static String description(ItemContent c, String marker, BodyFit.Limit limit) {
        return BodyFit.fit(c, limit, cut -> build(c, cut, marker), String::length);
    }

    /** A history entry: the sentence and a link to the run, within {@code limit} as escaped. */
    static String comment(String text, String runUrl, BodyFit.Limit limit) {
        return BodyFit.text(text, limit, words -> comment(words, runUrl), String::length);
    }

    /** A history entry: the sentence and a link to the run. */
    static String comment(String text, String runUrl) {
        return "<p>" + escape(text) + (runUrl == null ? "" : " " + link("Pipeline run", runUrl)) + "</p>";
    }

    private static String build(ItemContent c, BodyFit.Cut cut, String marker) {
        StringBuilder s = new StringBuilder();
        s.append("<h2>").append(escape(cut.value(c.specTitle()))).append("</h2>");
        s.append("<p>Increment <code>").append(escape(c.incrementId())).append("</code> in <b>")
                .append(escape(c.environment())).append("</b>.</p>");
        if (!cut.summary().isBlank()) {
            String shown = SUMMARY.render(SpecMarkdown.parse(cut.summary())).strip();
            if (!shown.isEmpty()) {
                s.append("<blockquote>").append(shown).append("</blockquote>");
            }
        }
        s.append("<h3>Deployment</h3><table>");
        for (ItemContent.Fact f : c.facts()) {
            s.append("<tr><th>").append(escape(f.label())).append("</th><td>").append(cell(cut.value(f.value()), f.link()))
                    .append("</td></tr>");
        }
        s.append("</table>");
        if (cut.showOthers() && !c.others().isEmpty()) {
            s.append("<h3>Other environments</h3><table><tr><th>Environment</th><th>State</th><th>As of</th>"
                    + "<th>Deployed at</th><th>Commit</th><th>Tracking</th></tr>");
            for (ItemContent.OtherEnvironment o : c.others()) {
                s.append("<tr><td>").append(cell(o.environment(), null)).append("</td><td>").append(cell(o.state(), null))
                        .append("</td><td>").append(cell(o.asOf(), null))
                        .append("</td><td>").append(cell(o.deployedAt(), null)).append("</td><td>")
                        .append(cell(o.commit(), null)).append("</td><td>").append(cell(o.trackingId(), o.trackingUrl()))
                        .append("</td></tr>");
            }
            s.append("</table><p><i>").append(escape(ItemContent.OTHERS_CAPTION)).append("</i></p>");
        }
        List<ItemContent.Fact.HistoryEntry> history = cut.history();
        if (!history.isEmpty() || cut.historyNote() != null) {
            s.append("<h3>Earlier deployments to ").append(escape(c.environment())).append("</h3>");
            s.append("<table><tr><th>Deployed at</th><th>Status</th><th>Commit</th><th>Ref</th><th>By</th><th>Run</th></tr>");
            for (ItemContent.Fact.HistoryEntry h : history) {
                s.append("<tr><td>").append(cell(h.deployedAt(), null)).append("</td><td>").append(cell(h.status(), null))
                        .append("</td><td>").append(cell(h.commit(), h.commitLink())).append("</td><td>")
                        .append(cell(h.ref(), null)).append("</td><td>").append(cell(h.deployedBy(), null))
                        .append("</td><td>").append(h.runUrl() == null ? "" : link("run", h.runUrl())).append("</td></tr>");
            }
            s.append("</table>");
            if (cut.historyNote() != null) {
                s.append("<p><i>").append(escape(cut.historyNote())).append("</i></p>");
            }
        }
        if (cut.shortenedNote() != null) {
            s.append("<p><b>").append(escape(cut.shortenedNote())).append("</b></p>");
        }
        s.append("<p style=\"color:#888888;font-size:smaller\">Maintained by SpecWeave Deploy; edits to this "
                + "description are replaced on the next deployment.</p>");
        s.append("<p style=\"color:#888888;font-size:smaller\">").append(escape(marker)).append("</p>");
        return s.toString();
    }

    private static String cell(String value, String link) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return link == null ? escape(value) : link(value, link);
    }

    private static String link(String text, String url) {
        return "<a href=\"" + escape(url) + "\">" + escape(text) + "</a>";
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
