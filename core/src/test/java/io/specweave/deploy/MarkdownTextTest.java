package io.specweave.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTextTest {

    @Test
    void linksHtmlCodeEmphasisAndColumnBreaksOfAValueAreShownAsText() {
        assertThat(MarkdownText.text("[x](https://evil)")).isEqualTo("\\[x\\](https&#8203;://evil)");
        assertThat(MarkdownText.text("![i](https://evil/p.png)")).isEqualTo("!\\[i\\](https&#8203;://evil/p.png)");
        assertThat(MarkdownText.text("<img src=x onerror=alert(1)>")).isEqualTo("&lt;img src=x onerror=alert(1)&gt;");
        assertThat(MarkdownText.text("&lt;b&gt;")).isEqualTo("&amp;lt;b&amp;gt;");
        assertThat(MarkdownText.text("run `rm -rf`")).isEqualTo("run \\`rm -rf\\`");
        assertThat(MarkdownText.text("a|b")).isEqualTo("a\\|b");
        assertThat(MarkdownText.text("in_progress local__qa _x")).isEqualTo("in_progress local\\_\\_qa \\_x");
        assertThat(MarkdownText.text("*b* _i_ ~~s~~ $x$ \\")).isEqualTo("\\*b\\* \\_i\\_ \\~\\~s\\~\\~ \\$x\\$ \\\\");
    }

    @Test
    void aValueStaysOnOneLineAndControlCharactersShowAsTheirEscapes() {
        assertThat(MarkdownText.text("one\ntwo\r\nthree")).isEqualTo("one two three");
        assertThat(MarkdownText.text("user\u202Egnp.exe")).isEqualTo("user\\\\u202egnp.exe");
        assertThat(MarkdownText.text(null)).isEmpty();
        assertThat(MarkdownText.text("0018 → prod, 50 % (v1.5.0-rc.1)")).isEqualTo("0018 → prod, 50 % (v1.5.0-rc.1)");
    }

    @Test
    void aNameAfterAnAtSignNotifiesNoOneAndAnAddressIsNoMailtoLink() {
        assertThat(MarkdownText.text("@org/release")).isEqualTo("@&#8203;org/release");
        assertThat(MarkdownText.text("asked @alice, (@bob)")).isEqualTo("asked @&#8203;alice, (@&#8203;bob)");
        assertThat(MarkdownText.text("ops@example.com a.b@c x_y@z @ @-"))
                .isEqualTo("ops@&#8203;example.com a.b@&#8203;c x_y@&#8203;z @ @-");
    }

    @Test
    void aBareUrlOrHostIsTextThatReadsTheSameNotALinkGithubMakesOfIt() {
        assertThat(MarkdownText.text("see https://evil.example/x and www.evil.example"))
                .isEqualTo("see https&#8203;://evil.example/x and www&#8203;.evil.example");
        assertThat(MarkdownText.text("(HTTP://a.example) WWW.b.example ftp://c.example mailto:ops@example.com"))
                .isEqualTo("(HTTP&#8203;://a.example) WWW&#8203;.b.example ftp&#8203;://c.example "
                        + "mailto:ops@&#8203;example.com");
        assertThat(MarkdownText.text("14:30 awww.example a: //b")).as("no autolink to begin with")
                .isEqualTo("14:30 awww.example a: //b");
        assertThat(MarkdownText.message("GET https://qa.example/health failed; `https://x.example` is code"))
                .isEqualTo("GET https&#8203;://qa.example/health failed; `https://x.example` is code");
    }

    @Test
    void theToolsOwnLinkStaysALinkWhateverItsTextSays() {
        assertThat(MarkdownText.link("https://qa.example.com", "https://qa.example.com"))
                .isEqualTo("[https://qa.example.com](https://qa.example.com)");
        assertThat(MarkdownText.link("www.qa.example @ops", "https://www.qa.example"))
                .isEqualTo("[www.qa.example @&#8203;ops](https://www.qa.example)");
        assertThat(MarkdownText.link("https://qa.example.com", "javascript:alert(1)"))
                .as("no link: the text is a value like any other").isEqualTo("https&#8203;://qa.example.com");
    }

    @Test
    void atTheStartOfALineHeadingsAndListsAreTextToo() {
        assertThat(MarkdownText.line("# Title")).isEqualTo("\\# Title");
        assertThat(MarkdownText.line("- item")).isEqualTo("\\- item");
        assertThat(MarkdownText.line("+ item")).isEqualTo("\\+ item");
        assertThat(MarkdownText.line("===")).isEqualTo("\\===");
        assertThat(MarkdownText.line("12. item")).isEqualTo("12\\. item");
        assertThat(MarkdownText.line("issue #12 - fixed")).isEqualTo("issue #12 - fixed");
        assertThat(MarkdownText.text("# inside a line")).isEqualTo("# inside a line");
    }

    @Test
    void aMessageKeepsItsCodeSpansAndEscapesEverythingElse() {
        assertThat(MarkdownText.message("pass `force: true` to record [x](https://evil) anyway"))
                .isEqualTo("pass `force: true` to record \\[x\\](https&#8203;://evil) anyway");
        assertThat(MarkdownText.message("run ``a `b` c`` now")).isEqualTo("run ``a `b` c`` now");
        assertThat(MarkdownText.message("`<img src=x>` shows as code")).isEqualTo("`<img src=x>` shows as code");
        assertThat(MarkdownText.message("an open ` stays text <b>")).isEqualTo("an open \\` stays text &lt;b&gt;");
        assertThat(MarkdownText.message("- not a list")).isEqualTo("\\- not a list");
    }

    @Test
    void aCodeSpanHoldsItsValueWhateverItContains() {
        assertThat(MarkdownText.code("9b1d5f0c")).isEqualTo("`9b1d5f0c`");
        assertThat(MarkdownText.code("a`b")).isEqualTo("``a`b``");
        assertThat(MarkdownText.code("`x")).isEqualTo("`` `x ``");
        assertThat(MarkdownText.code("<img>")).isEqualTo("`<img>`");
        assertThat(MarkdownText.cellCode("ab|cd")).isEqualTo("`ab\\|cd`");
        assertThat(MarkdownText.code(null)).isEmpty();
    }

    @Test
    void aLinkTargetIsAnHttpUrlThatNothingInItCanEnd() {
        assertThat(MarkdownText.link("run", "https://ci.example/run/1")).isEqualTo("[run](https://ci.example/run/1)");
        assertThat(MarkdownText.link("run", "https://ci.example/a b(1)|<c>\\"))
                .isEqualTo("[run](https://ci.example/a%20b%281%29%7C%3Cc%3E%5C)");
        assertThat(MarkdownText.link("run", "https://ci.example/) [y](https://evil"))
                .isEqualTo("[run](https://ci.example/%29%20%5By%5D%28https://evil)");
        assertThat(MarkdownText.link("[#7](https://evil)", "https://github.com/o/r/issues/7"))
                .isEqualTo("[\\[#7\\](https://evil)](https://github.com/o/r/issues/7)");
        assertThat(MarkdownText.link("Zoë", "https://example.com/Zoë")).isEqualTo("[Zoë](https://example.com/Zo%C3%AB)");
        assertThat(MarkdownText.link("x", "HTTP://example.com")).isEqualTo("[x](HTTP://example.com)");
        assertThat(MarkdownText.link("v6", "http://[::1]:8080/a[1]")).isEqualTo("[v6](http://[::1]:8080/a%5B1%5D)");
    }

    @Test
    void anythingButAnAbsoluteHttpUrlIsTextOnly() {
        assertThat(MarkdownText.link("x", "javascript:alert(1)")).isEqualTo("x");
        assertThat(MarkdownText.link("x", "data:text/html,<b>")).isEqualTo("x");
        assertThat(MarkdownText.link("x", "https:relative")).isEqualTo("x");
        assertThat(MarkdownText.link("x", "/relative/path")).isEqualTo("x");
        assertThat(MarkdownText.link("[x]", " https://leading-space.example")).isEqualTo("\\[x\\]");
        assertThat(MarkdownText.link("x", null)).isEqualTo("x");
        assertThat(MarkdownText.target("https://example.com/%zz")).isNull();
    }
}
