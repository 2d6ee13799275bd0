package io.specweave.deploy.tracker.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.tracker.BodyFit;
import io.specweave.deploy.tracker.ItemContent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdfRendererTest {

    static ItemContent content(int historyEntries, String summary) {
        List<ItemContent.Fact.HistoryEntry> history = new ArrayList<>();
        for (int i = 0; i < historyEntries; i++) {
            history.add(new ItemContent.Fact.HistoryEntry("2026-11-" + (10 + i % 17) + "T10:00:00Z", "deployed",
                    "abc" + i, "https://github.com/o/r/commit/abc" + i, "main", "ci-bot", null));
        }
        return new ItemContent("[0018-x] X — qa", "0018-x", "X", summary, "qa",
                List.of(new ItemContent.Fact("Environment", "qa", null), new ItemContent.Fact("Tag", "", null),
                        new ItemContent.Fact("URL", "https://qa.example.com", "https://qa.example.com")),
                List.of(new ItemContent.OtherEnvironment("prod", "not deployed", null, null, null, null, null)),
                history, ItemContent.marker("0018-x", "qa"));
    }

    @Test
    void documentHasNoEmptyTextNodesAndEndsWithTheMarker() {
        ObjectNode doc = AdfRenderer.description(content(2, "line one\\\nline two\n\nsecond block"), "MARKER-1", BodyFit.JIRA.of(30_000));
        assertThat(doc.path("type").asText()).isEqualTo("doc");
        assertThat(doc.path("version").asInt()).isEqualTo(1);
        List<JsonNode> texts = new ArrayList<>();
        collect(doc, texts);
        assertThat(texts).isNotEmpty().allSatisfy(t -> assertThat(t.path("text").asText()).isNotEmpty());
        JsonNode blocks = doc.path("content");
        assertThat(AdfRenderer.plainText(blocks.get(blocks.size() - 1))).contains("MARKER-1");
        assertThat(AdfRenderer.plainText(doc)).contains("line one", "second block", "not deployed", "abc1");
        assertThat(Json.compact(doc)).contains("\"type\":\"hardBreak\"", "\"type\":\"tableHeader\"",
                "\"href\":\"https://qa.example.com\"");
    }

    @Test
    void longHistoryIsTrimmedToFitTheLimitKeepingTheMarker() {
        ObjectNode full = AdfRenderer.description(content(300, "s"), "MARKER-2", BodyFit.JIRA.of(1_000_000));
        ObjectNode trimmed = AdfRenderer.description(content(300, "s"), "MARKER-2", BodyFit.JIRA.of(20_000));
        assertThat(Json.compact(full).length()).isGreaterThan(20_000);
        assertThat(Json.compact(trimmed).length()).isLessThanOrEqualTo(20_000);
        assertThat(AdfRenderer.plainText(trimmed)).contains("MARKER-2", "older deployments not shown");
    }

    @Test
    void wikiTextEscapesMarkupAndLinksCells() {
        String text = WikiRenderer.description(content(1, "a | b [c] {d}"), "MARKER-3", BodyFit.JIRA.of(30_000));
        assertThat(text).contains("a \\| b \\[c\\] \\{d\\}", "[https://qa.example.com|https://qa.example.com]",
                "||Environment|qa|", "MARKER-3");
    }

    static final String SPEC_SUMMARY = "<!-- SpecWeave template: describe the problem, delete this comment -->\n"
            + "Users sign in with **Google** or _GitHub_; see [the RFC](https://example.com/rfc).\n\n"
            + "## Scope\n\n- OAuth callback\n- `session` cookie\n\n1. first\n2. second\n\n"
            + "```java\nclass A {}\n```\n";

    @Test
    void aSpecSummaryIsRenderedAsAdfWithoutTheTemplatesComment() {
        ObjectNode doc = AdfRenderer.description(content(0, SPEC_SUMMARY), "M", BodyFit.JIRA.of(30_000));
        String json = Json.compact(doc);
        assertThat(AdfRenderer.plainText(doc)).doesNotContain("SpecWeave template", "**", "##", "```");
        assertThat(json).contains("{\"type\":\"text\",\"text\":\"Google\",\"marks\":[{\"type\":\"strong\"}]}",
                "{\"type\":\"text\",\"text\":\"GitHub\",\"marks\":[{\"type\":\"em\"}]}",
                "\"href\":\"https://example.com/rfc\"", "\"type\":\"bulletList\"", "\"type\":\"orderedList\"",
                "{\"type\":\"codeBlock\",\"attrs\":{\"language\":\"java\"}",
                "{\"type\":\"text\",\"text\":\"session\",\"marks\":[{\"type\":\"code\"}]}");
    }

    @Test
    void aSpecSummaryIsRenderedAsWikiMarkupWithoutTheTemplatesComment() {
        String text = WikiRenderer.description(content(0, SPEC_SUMMARY), "M", BodyFit.JIRA.of(30_000));
        assertThat(text).doesNotContain("SpecWeave template", "**", "##", "```")
                .contains("Users sign in with *Google* or _GitHub_; see [the RFC|https://example.com/rfc].",
                        "*Scope*", "* OAuth callback\n* {{session}} cookie", "# first\n# second",
                        "{code:java}\nclass A {}\n{code}");
    }

    private static void collect(JsonNode node, List<JsonNode> texts) {
        if ("text".equals(node.path("type").asText())) {
            texts.add(node);
        }
        node.path("content").forEach(c -> collect(c, texts));
    }
}
