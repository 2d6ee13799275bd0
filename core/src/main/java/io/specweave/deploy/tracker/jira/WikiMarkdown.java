package io.specweave.deploy.tracker.jira;

import io.specweave.deploy.tracker.SpecMarkdown;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;

/** A spec summary's Markdown tree as Jira wiki markup (Jira Data Center's description format). */
final class WikiMarkdown {

    private WikiMarkdown() {
    }

    static String render(Node document) {
        StringBuilder s = new StringBuilder();
        blocks(document, s, "");
        return s.toString().strip();
    }

    private static void blocks(Node parent, StringBuilder s, String listPrefix) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Paragraph) {
                s.append(inline(node)).append(listPrefix.isEmpty() ? "\n\n" : "\n");
            } else if (node instanceof Heading) {
                s.append('*').append(inline(node).strip()).append("*\n\n");
            } else if (node instanceof BulletList || node instanceof OrderedList) {
                String prefix = listPrefix + (node instanceof BulletList ? "*" : "#");
                for (Node item = node.getFirstChild(); item != null; item = item.getNext()) {
                    if (item instanceof ListItem) {
                        list(item, s, prefix);
                    }
                }
                if (listPrefix.isEmpty()) {
                    s.append('\n');
                }
            } else if (node instanceof FencedCodeBlock fenced) {
                String language = fenced.getInfo() == null || fenced.getInfo().isBlank() ? null
                        : fenced.getInfo().strip().split("\\s+")[0];
                s.append(language == null ? "{noformat}\n" : "{code:" + language.replaceAll("[^A-Za-z0-9+#-]", "")
                        + "}\n").append(fenced.getLiteral()).append(language == null ? "{noformat}\n\n" : "{code}\n\n");
            } else if (node instanceof IndentedCodeBlock indented) {
                s.append("{noformat}\n").append(indented.getLiteral()).append("{noformat}\n\n");
            } else if (node instanceof BlockQuote) {
                blocks(node, s, listPrefix);
            } else if (node instanceof HtmlBlock html) {
                s.append(WikiRenderer.escape(html.getLiteral().strip())).append("\n\n");
            } else if (node instanceof ThematicBreak) {
                s.append("----\n\n");
            }
        }
    }

    private static void list(Node item, StringBuilder s, String prefix) {
        boolean first = true;
        for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof BulletList || child instanceof OrderedList) {
                String nested = prefix + (child instanceof BulletList ? "*" : "#");
                for (Node sub = child.getFirstChild(); sub != null; sub = sub.getNext()) {
                    list(sub, s, nested);
                }
            } else {
                s.append(first ? prefix + " " : "").append(child instanceof Paragraph ? inline(child)
                        : WikiRenderer.escape(SpecMarkdown.text(child))).append('\n');
                first = false;
            }
        }
        if (first) {
            s.append(prefix).append(" \n");
        }
    }

    private static String inline(Node parent) {
        StringBuilder s = new StringBuilder();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text text) {
                s.append(WikiRenderer.escape(text.getLiteral()));
            } else if (child instanceof Code code) {
                s.append("{{").append(WikiRenderer.escape(code.getLiteral())).append("}}");
            } else if (child instanceof Emphasis) {
                s.append('_').append(inline(child)).append('_');
            } else if (child instanceof StrongEmphasis) {
                s.append('*').append(inline(child)).append('*');
            } else if (child instanceof Link link) {
                String label = inline(child);
                s.append(SpecMarkdown.safeLink(link.getDestination())
                        ? "[" + (label.isEmpty() ? "" : label + "|") + wikiUrl(link.getDestination()) + "]" : label);
            } else if (child instanceof Image image) {
                String alt = WikiRenderer.escape(SpecMarkdown.text(image));
                s.append(SpecMarkdown.safeLink(image.getDestination())
                        ? "[" + (alt.isEmpty() ? "" : alt + "|") + wikiUrl(image.getDestination()) + "]" : alt);
            } else if (child instanceof SoftLineBreak) {
                s.append(' ');
            } else if (child instanceof HardLineBreak) {
                s.append("\\\\ ");
            } else if (child instanceof HtmlInline html) {
                s.append(WikiRenderer.escape(html.getLiteral()));
            } else {
                s.append(inline(child));
            }
        }
        return s.toString();
    }

    private static String wikiUrl(String url) {
        return url.replace("|", "%7C").replace("]", "%5D").replace(" ", "%20");
    }
}
