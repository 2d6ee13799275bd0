package io.specweave.deploy.tracker;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.markdown.MarkdownRenderer;

/**
 * A spec summary is CommonMark as SpecWeave writes it, often with its template's
 * {@code <!-- ... -->} guidance still in it. Each tracker renders the parsed tree in its own
 * format (GitHub Markdown, Jira ADF or wiki markup, Azure DevOps HTML); the comments are dropped
 * first, because they are notes to the spec's author, not text for the item's reader.
 */
public final class SpecMarkdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final MarkdownRenderer MARKDOWN = MarkdownRenderer.builder().build();

    private SpecMarkdown() {
    }

    /** The summary's tree without HTML comments; an empty document for null text. */
    public static Node parse(String markdown) {
        Node document = PARSER.parse(markdown == null ? "" : markdown);
        List<Node> comments = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(HtmlBlock block) {
                if (isComment(block.getLiteral())) {
                    comments.add(block);
                }
            }

            @Override
            public void visit(HtmlInline inline) {
                if (isComment(inline.getLiteral())) {
                    comments.add(inline);
                }
            }
        });
        comments.forEach(Node::unlink);
        return document;
    }

    /** The summary as Markdown again, without its HTML comments (GitHub's body). */
    public static String withoutComments(String markdown) {
        return MARKDOWN.render(parse(markdown)).strip();
    }

    /** The text of a node and its children, for formats without the node's kind. */
    public static String text(Node node) {
        StringBuilder s = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                s.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                s.append(code.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak br) {
                s.append(' ');
            }
        });
        return s.toString();
    }

    /** True for a link target a tracker may render as a link: http, https, mailto, or relative. */
    public static boolean safeLink(String destination) {
        if (destination == null || destination.isBlank()) {
            return false;
        }
        String d = destination.strip().toLowerCase(Locale.ROOT);
        int colon = d.indexOf(':');
        int slash = d.indexOf('/');
        return colon < 0 || (slash >= 0 && slash < colon) || d.startsWith("http:") || d.startsWith("https:")
                || d.startsWith("mailto:");
    }

    private static boolean isComment(String literal) {
        String t = literal == null ? "" : literal.strip();
        return t.startsWith("<!--") && t.endsWith("-->");
    }
}
