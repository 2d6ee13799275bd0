package io.specweave.deploy.tracker.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.tracker.BodyFit;
import io.specweave.deploy.tracker.ItemContent;
import io.specweave.deploy.tracker.SpecMarkdown;
import java.util.List;

/**
 * Renders {@link ItemContent} as Atlassian Document Format, the body format of Jira Cloud's REST v3:
 * the same sections as the GitHub body (summary, deployment table, other environments, earlier
 * deployments), ending with the identity marker in a grey paragraph (ADF has no hidden text).
 */
final class AdfRenderer {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String GREY = "#97a0af";

    private AdfRenderer() {
    }

    /** The description document, within {@code limit} (its JSON) as {@link BodyFit} fits it; {@code marker} closes it. */
    static ObjectNode description(ItemContent c, String marker, BodyFit.Limit limit) {
        return BodyFit.fit(c, limit, cut -> build(c, cut, marker), doc -> Json.compact(doc).length());
    }

    /** A comment document: one paragraph, with a link to the run when there is one. */
    static ObjectNode comment(String text, String runUrl) {
        ArrayNode inline = F.arrayNode();
        inline.add(text(text));
        if (runUrl != null) {
            inline.add(text(" "));
            inline.add(link("Pipeline run", runUrl));
        }
        return doc(F.arrayNode().add(paragraph(inline)));
    }

    /** Every text of a document, in order, for finding the marker in what Jira returns. */
    static String plainText(JsonNode node) {
        StringBuilder s = new StringBuilder();
        collect(node, s);
        return s.toString();
    }

    private static void collect(JsonNode node, StringBuilder s) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            s.append(node.asText());
            return;
        }
        if ("text".equals(node.path("type").asText()) && node.has("text")) {
            s.append(node.path("text").asText()).append(' ');
            return;
        }
        node.path("content").forEach(child -> collect(child, s));
    }

    private static ObjectNode build(ItemContent c, BodyFit.Cut cut, String marker) {
        ArrayNode blocks = F.arrayNode();
        blocks.add(heading(2, cut.value(c.specTitle())));
        blocks.add(paragraph(F.arrayNode().add(text("Increment ")).add(marked(c.incrementId(), "code"))
                .add(text(" in ")).add(marked(c.environment(), "strong")).add(text("."))));
        if (!cut.summary().isBlank()) {
            ArrayNode quoted = AdfMarkdown.blocks(SpecMarkdown.parse(cut.summary()));
            if (!quoted.isEmpty()) {
                blocks.add(F.objectNode().put("type", "blockquote").set("content", quoted));
            }
        }
        blocks.add(heading(3, "Deployment"));
        ArrayNode rows = F.arrayNode();
        for (ItemContent.Fact f : c.facts()) {
            rows.add(row(false, cell(text(f.label())), cell(linked(cut.value(f.value()), f.link()))));
        }
        blocks.add(table(rows));
        if (cut.showOthers() && !c.others().isEmpty()) {
            blocks.add(heading(3, "Other environments"));
            ArrayNode others = F.arrayNode();
            others.add(row(true, cell(text("Environment")), cell(text("State")), cell(text("As of")),
                    cell(text("Deployed at")), cell(text("Commit")), cell(text("Tracking"))));
            for (ItemContent.OtherEnvironment o : c.others()) {
                others.add(row(false, cell(text(o.environment())), cell(text(o.state())), cell(text(o.asOf())),
                        cell(text(o.deployedAt())), cell(text(o.commit())), cell(linked(o.trackingId(), o.trackingUrl()))));
            }
            blocks.add(table(others));
            blocks.add(paragraph(F.arrayNode().add(marked(ItemContent.OTHERS_CAPTION, "em"))));
        }
        List<ItemContent.Fact.HistoryEntry> history = cut.history();
        if (!history.isEmpty() || cut.historyNote() != null) {
            blocks.add(heading(3, "Earlier deployments to " + c.environment()));
            ArrayNode earlier = F.arrayNode();
            earlier.add(row(true, cell(text("Deployed at")), cell(text("Status")), cell(text("Commit")),
                    cell(text("Ref")), cell(text("By")), cell(text("Run"))));
            for (ItemContent.Fact.HistoryEntry h : history) {
                earlier.add(row(false, cell(text(h.deployedAt())), cell(text(h.status())),
                        cell(linked(h.commit(), h.commitLink())), cell(text(h.ref())), cell(text(h.deployedBy())),
                        cell(h.runUrl() == null ? null : link("run", h.runUrl()))));
            }
            blocks.add(table(earlier));
            if (cut.historyNote() != null) {
                blocks.add(paragraph(F.arrayNode().add(marked(cut.historyNote(), "em"))));
            }
        }
        if (cut.shortenedNote() != null) {
            blocks.add(paragraph(F.arrayNode().add(marked(cut.shortenedNote(), "strong"))));
        }
        blocks.add(paragraph(F.arrayNode().add(grey("Maintained by SpecWeave Deploy; edits to this description are "
                + "replaced on the next deployment."))));
        blocks.add(paragraph(F.arrayNode().add(grey(marker))));
        return doc(blocks);
    }

    private static ObjectNode doc(ArrayNode content) {
        ObjectNode doc = F.objectNode();
        doc.put("type", "doc").put("version", 1).set("content", content);
        return doc;
    }

    private static ObjectNode heading(int level, String title) {
        ObjectNode h = F.objectNode().put("type", "heading");
        h.putObject("attrs").put("level", level);
        h.set("content", F.arrayNode().add(text(title)));
        return h;
    }

    private static ObjectNode paragraph(ArrayNode inline) {
        ObjectNode p = F.objectNode().put("type", "paragraph");
        ArrayNode content = F.arrayNode();
        inline.forEach(n -> {
            if (n != null && !n.isNull()) {
                content.add(n);
            }
        });
        p.set("content", content);
        return p;
    }

    private static ObjectNode lines(String block) {
        ArrayNode inline = F.arrayNode();
        String[] lines = block.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                inline.add(F.objectNode().put("type", "hardBreak"));
            }
            if (!lines[i].isEmpty()) {
                inline.add(text(lines[i]));
            }
        }
        return paragraph(inline);
    }

    private static ObjectNode table(ArrayNode rows) {
        ObjectNode t = F.objectNode().put("type", "table");
        t.putObject("attrs").put("isNumberColumnEnabled", false).put("layout", "default");
        t.set("content", rows);
        return t;
    }

    private static ObjectNode row(boolean header, ObjectNode... cells) {
        ArrayNode content = F.arrayNode();
        for (ObjectNode cell : cells) {
            content.add(header ? cell.put("type", "tableHeader") : cell);
        }
        return (ObjectNode) F.objectNode().put("type", "tableRow").set("content", content);
    }

    private static ObjectNode cell(ObjectNode inline) {
        ArrayNode items = F.arrayNode();
        if (inline != null) {
            items.add(inline);
        }
        return (ObjectNode) F.objectNode().put("type", "tableCell").set("content", F.arrayNode().add(paragraph(items)));
    }

    /** A text node, or null for an empty value (ADF rejects empty text nodes). */
    private static ObjectNode text(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return F.objectNode().put("type", "text").put("text", value);
    }

    private static ObjectNode marked(String value, String mark) {
        ObjectNode t = text(value);
        if (t != null) {
            t.set("marks", F.arrayNode().add(F.objectNode().put("type", mark)));
        }
        return t;
    }

    private static ObjectNode grey(String value) {
        ObjectNode t = text(value);
        ObjectNode mark = F.objectNode().put("type", "textColor");
        mark.putObject("attrs").put("color", GREY);
        t.set("marks", F.arrayNode().add(mark));
        return t;
    }

    private static ObjectNode link(String value, String url) {
        ObjectNode t = text(value);
        ObjectNode mark = F.objectNode().put("type", "link");
        mark.putObject("attrs").put("href", url);
        t.set("marks", F.arrayNode().add(mark));
        return t;
    }

    private static ObjectNode linked(String value, String url) {
        return url == null || value == null || value.isEmpty() ? text(value) : link(value, url);
    }
}
