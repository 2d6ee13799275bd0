package io.specweave.deploy.tracker.ado;

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

    /** The description, at most {@code limit} characters; {@code marker} closes it. */
    static String description(ItemContent c, String marker, int limit) {
        List<ItemContent.Fact.HistoryEntry> history = c.history();
        String summary = c.summary();
        for (int keep = history.size(); ; ) {
            String body = build(c, summary, history.subList(0, keep), history.size() - keep, marker);
            if (body.length() <= limit) {
                return body;
            }
            if (keep > 0) {
                keep = keep > 8 ? keep / 2 : keep - 1;
            } else if (summary != null && summary.length() > 200) {
                summary = summary.substring(0, summary.length() / 2) + "…";
            } else {
                return build(c, "", List.of(), history.size(), marker);
            }
        }
    }

    /** A history entry: the sentence and a link to the run. */
    static String comment(String text, String runUrl) {
        return "<p>" + escape(text) + (runUrl == null ? "" : " " + link("Pipeline run", runUrl)) + "</p>";
    }

    private static String build(ItemContent c, String summary, List<ItemContent.Fact.HistoryEntry> history,
            int dropped, String marker) {
        StringBuilder s = new StringBuilder();
        s.append("<h2>").append(escape(c.specTitle())).append("</h2>");
        s.append("<p>Increment <code>").append(escape(c.incrementId())).append("</code> in <b>")
                .append(escape(c.environment())).append("</b>.</p>");
        if (summary != null && !summary.isBlank()) {
            String shown = SUMMARY.render(SpecMarkdown.parse(summary)).strip();
            if (!shown.isEmpty()) {
                s.append("<blockquote>").append(shown).append("</blockquote>");
            }
        }
        s.append("<h3>Deployment</h3><table>");
        for (ItemContent.Fact f : c.facts()) {
            s.append("<tr><th>").append(escape(f.label())).append("</th><td>").append(cell(f.value(), f.link()))
                    .append("</td></tr>");
        }
        s.append("</table>");
        if (!c.others().isEmpty()) {
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
        if (!history.isEmpty() || dropped > 0) {
            s.append("<h3>Earlier deployments to ").append(escape(c.environment())).append("</h3>");
            s.append("<table><tr><th>Deployed at</th><th>Status</th><th>Commit</th><th>Ref</th><th>By</th><th>Run</th></tr>");
            for (ItemContent.Fact.HistoryEntry h : history) {
                s.append("<tr><td>").append(cell(h.deployedAt(), null)).append("</td><td>").append(cell(h.status(), null))
                        .append("</td><td>").append(cell(h.commit(), h.commitLink())).append("</td><td>")
                        .append(cell(h.ref(), null)).append("</td><td>").append(cell(h.deployedBy(), null))
                        .append("</td><td>").append(h.runUrl() == null ? "" : link("run", h.runUrl())).append("</td></tr>");
            }
            s.append("</table>");
            if (dropped > 0) {
                s.append("<p><i>").append(dropped).append(" older deployment").append(dropped == 1 ? "" : "s")
                        .append(" not shown; metadata.json keeps them all.</i></p>");
            }
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
