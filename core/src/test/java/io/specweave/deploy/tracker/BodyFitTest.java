package io.specweave.deploy.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodyFitTest {

    private static final String MARKER = ItemContent.marker("0018-x", "qa");

    @Test
    void aLongTitleIsCutWithinTheLimitWithoutSplittingAnEmoji() {
        assertThat(BodyFit.title("short", 255)).isEqualTo("short");
        String emoji = "x".repeat(253) + "😀😀";
        String cut = BodyFit.title(emoji, 255);
        assertThat(cut).hasSizeLessThanOrEqualTo(255).endsWith("x…");
        assertThat(cut.chars().noneMatch(c -> Character.isSurrogate((char) c))).isTrue();
    }

    @Test
    void aBodyWithinTheLimitIsWholeAndSaysNothingWasShortened() {
        String body = MarkdownItemRenderer.render(content(3, "A short summary.", "https://qa.example.com"), copy(),
                BodyFit.GITHUB);

        assertThat(body).contains("A short summary.", "abc0", "abc2", "<!-- " + MARKER + " -->")
                .doesNotContain("not shown", "Shortened to fit");
    }

    @Test
    void historyGivesWayFirstWithItsOwnNote() {
        ItemContent content = content(400, "A short summary.", "https://qa.example.com");

        String body = MarkdownItemRenderer.render(content, copy(), BodyFit.GITHUB.of(20_000));

        assertThat(body.length()).isLessThanOrEqualTo(20_000);
        assertThat(body).contains("A short summary.", "older deployments not shown; metadata.json keeps them all.")
                .doesNotContain("Shortened to fit");
        assertThat(body).endsWith(copy() + "\n");
    }

    @Test
    void anOversizedSummaryIsShortenedWithAVisibleNoteAndTheRecordCopyStaysWhole() {
        ItemContent content = content(20, "word ".repeat(20_000), "https://qa.example.com");
        String copy = copy();

        String body = MarkdownItemRenderer.render(content, copy, BodyFit.GITHUB);

        assertThat(body.length()).isLessThanOrEqualTo(BodyFit.GITHUB.chars());
        assertThat(body).contains("**Shortened to fit GitHub's limit of 65,536 characters; metadata.json keeps the "
                + "whole record.**", "<!-- " + MARKER + " -->\n" + copy);
        assertThat(RecordCopy.fromHiddenComment(body, "0018-x", "qa")).get()
                .satisfies(r -> assertThat(r.path("commit").asText()).isEqualTo("abc1234"));
    }

    @Test
    void valuesAreCappedLastSoEvenAHugeFactFitsAndTheMarkerIsLast() {
        ItemContent content = content(0, "", "https://qa.example.com/" + "x".repeat(50_000));

        String html = BodyFit.fit(content, BodyFit.JIRA.of(5_000),
                cut -> "<p>" + cut.value(content.facts().get(1).value()) + "</p>"
                        + (cut.shortenedNote() == null ? "" : "<p>" + cut.shortenedNote() + "</p>") + "<p>" + MARKER + "</p>",
                String::length);

        assertThat(html.length()).isLessThanOrEqualTo(5_000);
        assertThat(html).contains("…", "Shortened to fit Jira's limit of 5,000 characters").endsWith(MARKER + "</p>");
    }

    @Test
    void aCommentOverTheLimitKeepsItsStartAndSaysItWasShortened() {
        String comment = "Deployed to qa. " + "x".repeat(40_000);

        String fitted = BodyFit.text(comment, BodyFit.JIRA);

        assertThat(fitted.length()).isEqualTo(BodyFit.JIRA.chars());
        assertThat(fitted).startsWith("Deployed to qa. xxx")
                .endsWith("…\n\nShortened to fit Jira's limit of 32,767 characters; metadata.json keeps the whole record.");
        assertThat(BodyFit.text("short", BodyFit.JIRA)).isEqualTo("short");
    }

    @Test
    void aCommentIsMeasuredAsRenderedSoEscapingCannotTakeItOverTheLimit() {
        String words = "In qa: " + "<b>&</b> ".repeat(10_000);
        java.util.function.Function<String, String> escaped = text -> "<p>" + text.replace("&", "&amp;")
                .replace("<", "&lt;").replace(">", "&gt;") + "</p>";

        String fitted = BodyFit.text(words, BodyFit.AZURE_DEVOPS.of(20_000), escaped, String::length);

        assertThat(fitted.length()).isLessThanOrEqualTo(20_000).isGreaterThan(20_000 - 10);
        assertThat(fitted).startsWith("<p>In qa: &lt;b&gt;&amp;&lt;/b&gt;")
                .endsWith("…\n\nShortened to fit Azure DevOps's limit of 20,000 characters; metadata.json keeps the "
                        + "whole record.</p>");
        assertThat(BodyFit.text("In qa: <b>", BodyFit.AZURE_DEVOPS, escaped, String::length))
                .isEqualTo("<p>In qa: &lt;b&gt;</p>");
    }

    @Test
    void aShortenedSummaryNeverSplitsASurrogatePair() {
        ItemContent content = content(0, "😀".repeat(30_000), "https://qa.example.com");

        String body = MarkdownItemRenderer.render(content, null, BodyFit.GITHUB.of(40_000));

        assertThat(body.length()).isLessThanOrEqualTo(40_000);
        assertThat(body.codePoints().filter(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)).isEmpty();
    }

    private static String copy() {
        ObjectNode record = Json.mapper().createObjectNode().put("commit", "abc1234").put("status", "deployed");
        return RecordCopy.hiddenComment(RecordCopy.envelope("0018-x", "qa", record, 24_000));
    }

    private static ItemContent content(int historySize, String summary, String url) {
        List<ItemContent.Fact.HistoryEntry> history = new ArrayList<>();
        for (int i = 0; i < historySize; i++) {
            history.add(new ItemContent.Fact.HistoryEntry("2026-01-01T00:00:00Z", "deployed", "abc" + i,
                    "https://github.example/acme/shop/commit/abc" + i, "release/branch-" + i, "deployer-" + i,
                    "https://ci.example/runs/" + i));
        }
        return new ItemContent("[0018-x] X — qa", "0018-x", "X", summary, "qa",
                List.of(new ItemContent.Fact("Environment", "qa", null), new ItemContent.Fact("URL", url, url)),
                List.of(new ItemContent.OtherEnvironment("prod", "not deployed", null, null, null, null, null)),
                history, MARKER);
    }
}
