package io.specweave.deploy.tracker.jira;

import io.specweave.deploy.tracker.BodyFit;
import io.specweave.deploy.tracker.ItemContent;
import io.specweave.deploy.tracker.SpecMarkdown;
import java.util.List;

/**
 * Renders {@link ItemContent} as Jira wiki markup, the text body of Jira Data Center's REST v2: the
 * same sections as the Cloud and GitHub bodies, ending with the identity marker in grey.
 */
final class WikiRenderer {

    private WikiRenderer() {
    }

    /** The description, within {@code limit} as {@link BodyFit} fits it; {@code marker} closes it, whole. */
    static String description(ItemContent c, String marker, BodyFit.Limit limit) {
        return BodyFit.fit(c, limit, cut -> build(c, cut, marker), String::length);
    }

    /** A comment: the sentence and a link to the run. */
    static String comment(String text, String runUrl) {
        return escape(text) + (runUrl == null ? "" : " " + link("Pipeline run", runUrl));
    }

    private static String build(ItemContent c, BodyFit.Cut cut, String marker) {
        StringBuilder s = new StringBuilder();
        s.append("h2. ").append(escape(cut.value(c.specTitle()))).append("\n\n");
        s.append("Increment {{").append(escape(c.incrementId())).append("}} in *").append(escape(c.environment()))
                .append("*.\n\n");
        if (!cut.summary().isBlank()) {
            String shown = WikiMarkdown.render(SpecMarkdown.parse(cut.summary()));
            if (!shown.isBlank()) {
                s.append("{quote}\n").append(shown).append("\n{quote}\n\n");
            }
        }
        s.append("h3. Deployment\n\n");
        for (ItemContent.Fact f : c.facts()) {
            s.append("||").append(escape(f.label())).append("|").append(cell(cut.value(f.value()), f.link())).append("|\n");
        }
        if (cut.showOthers() && !c.others().isEmpty()) {
            s.append("\nh3. Other environments\n\n||Environment||State||As of||Deployed at||Commit||Tracking||\n");
            for (ItemContent.OtherEnvironment o : c.others()) {
                s.append("|").append(cell(o.environment(), null)).append("|").append(cell(o.state(), null))
                        .append("|").append(cell(o.asOf(), null))
                        .append("|").append(cell(o.deployedAt(), null)).append("|").append(cell(o.commit(), null))
                        .append("|").append(cell(o.trackingId(), o.trackingUrl())).append("|\n");
            }
            s.append("\n_").append(escape(ItemContent.OTHERS_CAPTION)).append("_\n");
        }
        List<ItemContent.Fact.HistoryEntry> history = cut.history();
        if (!history.isEmpty() || cut.historyNote() != null) {
            s.append("\nh3. Earlier deployments to ").append(escape(c.environment())).append("\n\n");
            s.append("||Deployed at||Status||Commit||Ref||By||Run||\n");
            for (ItemContent.Fact.HistoryEntry h : history) {
                s.append("|").append(cell(h.deployedAt(), null)).append("|").append(cell(h.status(), null))
                        .append("|").append(cell(h.commit(), h.commitLink())).append("|").append(cell(h.ref(), null))
                        .append("|").append(cell(h.deployedBy(), null)).append("|")
                        .append(h.runUrl() == null ? " " : link("run", h.runUrl())).append("|\n");
            }
            if (cut.historyNote() != null) {
                s.append("\n_").append(escape(cut.historyNote())).append("_\n");
            }
        }
        if (cut.shortenedNote() != null) {
            s.append("\n*").append(escape(cut.shortenedNote())).append("*\n");
        }
        s.append("\n{color:#97a0af}Maintained by SpecWeave Deploy; edits to this description are replaced on the "
                + "next deployment.{color}\n");
        s.append("{color:#97a0af}").append(marker).append("{color}\n");
        return s.toString();
    }

    /** A table cell: never empty (an empty cell would merge columns), links in wiki form. */
    private static String cell(String value, String link) {
        if (value == null || value.isEmpty()) {
            return " ";
        }
        String text = escape(value).replace("\n", " ");
        return link == null ? text : link(text, link);
    }

    private static String link(String text, String url) {
        return "[" + text + "|" + url.replace("|", "%7C").replace("]", "%5D").replace(" ", "%20") + "]";
    }

    /** Escapes the characters that open wiki markup. */
    static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        for (char ch : value.toCharArray()) {
            if ("|[]{}*_^~+".indexOf(ch) >= 0) {
                s.append('\\');
            }
            s.append(ch);
        }
        return s.toString();
    }
}
