package io.specweave.deploy.tracker.ado;

import static org.assertj.core.api.Assertions.assertThat;

import io.specweave.deploy.tracker.BodyFit;
import io.specweave.deploy.tracker.ItemContent;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlRendererTest {

    private static ItemContent content(String summary) {
        return new ItemContent("[0018-x] X — qa", "0018-x", "X", summary, "qa",
                List.of(new ItemContent.Fact("Environment", "qa", null)),
                List.of(new ItemContent.OtherEnvironment("prod", "deployed, unhealthy", "2026-11-27T10:00:00Z",
                        "9b1d5f0c2e4a", "PROD-1", null, "2026-11-27T11:00:00Z")),
                List.of(), ItemContent.marker("0018-x", "qa"));
    }

    @Test
    void aSpecSummaryIsHtmlWithoutTheTemplatesCommentAndRawHtmlIsShownAsText() {
        String html = HtmlRenderer.description(content("<!-- template guidance -->\n"
                + "Sign in with **Google**; see [RFC](https://example.com/rfc) and [x](javascript:alert(1)).\n\n"
                + "- one\n- two\n\n<script>alert(1)</script>\n"), "M", BodyFit.AZURE_DEVOPS);
        assertThat(html).doesNotContain("template guidance", "<script>", "javascript:", "**")
                .contains("<strong>Google</strong>", "href=\"https://example.com/rfc\">RFC</a>",
                        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>", "&lt;script&gt;");
    }

    @Test
    void anotherEnvironmentsRowSaysWhenItsStateWasTrue() {
        String html = HtmlRenderer.description(content(""), "M", BodyFit.AZURE_DEVOPS);
        assertThat(html).contains("<th>As of</th>", "<td>deployed, unhealthy</td><td>2026-11-27T11:00:00Z</td>",
                ItemContent.OTHERS_CAPTION);
    }
}
