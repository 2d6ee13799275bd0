package io.specweave.deploy.tracker.jira;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/**
 * A spec summary's Markdown tree as ADF blocks that may stand inside a {@code blockquote}
 * (paragraphs, lists, code blocks): headings become bold paragraphs, rules are left out.
 */
final class AdfMarkdown {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private AdfMarkdown() {
    }

    static ArrayNode blocks(Node parent) {
        ArrayNode blocks = F.arrayNode();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            ObjectNode block = block(child);
            if (block != null) {
                blocks.add(block);
            }
        }
        return blocks;
    }

    private static ObjectNode block(Node node) {
        if (node instanceof Paragraph) {
            return paragraph(inline(node, F.arrayNode()));
        }
        if (node instanceof Heading) {
            return paragraph(inline(node, F.arrayNode().add(F.objectNode().put("type", "strong"))));
        }
        if (node instanceof BulletList || node instanceof OrderedList) {
            ObjectNode list = F.objectNode().put("type", node instanceof BulletList ? "bulletList" : "orderedList");
            if (node instanceof OrderedList ordered && ordered.getMarkerStartNumber() != null) {
                list.putObject("attrs").put("order", ordered.getMarkerStartNumber());
            }
            ArrayNode items = F.arrayNode();
            for (Node item = node.getFirstChild(); item != null; item = item.getNext()) {
                if (item instanceof ListItem) {
                    ArrayNode content = blocks(item);
                    if (content.isEmpty()) {
                        content.add(paragraph(F.arrayNode()));
                    }
                    items.add(F.objectNode().put("type", "listItem").set("content", content));
                }
            }
            return items.isEmpty() ? null : (ObjectNode) list.set("content", items);
        }
        if (node instanceof FencedCodeBlock fenced) {
            return code(fenced.getLiteral(), fenced.getInfo());
        }
        if (node instanceof IndentedCodeBlock indented) {
            return code(indented.getLiteral(), null);
        }
        if (node instanceof BlockQuote) {
            // ADF quotes do not nest: a quote in the quoted summary becomes its paragraphs.
            ArrayNode inner = blocks(node);
            return inner.isEmpty() ? null : (ObjectNode) inner.get(0);
        }
        if (node instanceof HtmlBlock html) {
            return paragraph(F.arrayNode().add(text(html.getLiteral().strip(), F.arrayNode())));
        }
        if (node instanceof ThematicBreak) {
            return null;
        }
        return null;
    }

    private static ObjectNode code(String literal, String info) {
        ObjectNode block = F.objectNode().put("type", "codeBlock");
        if (info != null && !info.isBlank()) {
            block.putObject("attrs").put("language", info.strip().split("\\s+")[0]);
        }
        String text = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
        ArrayNode content = F.arrayNode();
        if (!text.isEmpty()) {
            content.add(F.objectNode().put("type", "text").put("text", text));
        }
        return (ObjectNode) block.set("content", content);
    }

    private static ArrayNode inline(Node parent, ArrayNode marks) {
        ArrayNode out = F.arrayNode();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text text) {
                add(out, text(text.getLiteral(), marks));
            } else if (child instanceof Code code) {
                // Jira allows the code mark only with a link beside it.
                ArrayNode codeMarks = F.arrayNode();
                marks.forEach(m -> {
                    if ("link".equals(m.path("type").asText())) {
                        codeMarks.add(m);
                    }
                });
                codeMarks.add(F.objectNode().put("type", "code"));
                add(out, text(code.getLiteral(), codeMarks));
            } else if (child instanceof Emphasis) {
                out.addAll(inline(child, with(marks, F.objectNode().put("type", "em"))));
            } else if (child instanceof StrongEmphasis) {
                out.addAll(inline(child, with(marks, F.objectNode().put("type", "strong"))));
            } else if (child instanceof Link link) {
                ArrayNode linked = SpecMarkdown.safeLink(link.getDestination()) ? with(marks, linkMark(link.getDestination()))
                        : marks;
                out.addAll(inline(child, linked));
            } else if (child instanceof Image image) {
                String alt = SpecMarkdown.text(image);
                add(out, text(alt.isEmpty() ? image.getDestination() : alt, SpecMarkdown.safeLink(image.getDestination())
                        ? with(marks, linkMark(image.getDestination())) : marks));
            } else if (child instanceof SoftLineBreak) {
                add(out, text(" ", marks));
            } else if (child instanceof HardLineBreak) {
                out.add(F.objectNode().put("type", "hardBreak"));
            } else if (child instanceof HtmlInline html) {
                add(out, text(html.getLiteral(), marks));
            } else {
                out.addAll(inline(child, marks));
            }
        }
        return out;
    }

    private static ObjectNode linkMark(String href) {
        ObjectNode mark = F.objectNode().put("type", "link");
        mark.putObject("attrs").put("href", href);
        return mark;
    }

    private static ArrayNode with(ArrayNode marks, ObjectNode mark) {
        ArrayNode copy = marks.deepCopy();
        copy.add(mark);
        return copy;
    }

    private static void add(ArrayNode out, ObjectNode text) {
        if (text != null) {
            out.add(text);
        }
    }

    private static ObjectNode text(String value, ArrayNode marks) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        ObjectNode t = F.objectNode().put("type", "text").put("text", value);
        if (!marks.isEmpty()) {
            t.set("marks", marks.deepCopy());
        }
        return t;
    }

    private static ObjectNode paragraph(ArrayNode inline) {
        return (ObjectNode) F.objectNode().put("type", "paragraph").set("content", inline);
    }
}
