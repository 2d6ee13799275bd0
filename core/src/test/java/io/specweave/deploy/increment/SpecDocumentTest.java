package io.specweave.deploy.increment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecDocumentTest {

    @Test
    void frontMatterTitleWinsAndSummaryIsTheOpeningSection() {
        SpecDocument spec = SpecDocument.parse("""
                ---
                increment: 0018-oauth
                title: "Sign in with Google"
                ---

                # Feature: OAuth Google

                ## Overview

                Shoppers sign in with Google.
                It links accounts by email.

                ## User Stories

                - US-001
                """);
        assertThat(spec.title()).isEqualTo("Sign in with Google");
        assertThat(spec.summary()).isEqualTo("Shoppers sign in with Google.\nIt links accounts by email.");
    }

    /** SpecWeave rewrites the front matter on every status change (gray-matter over js-yaml). */
    @Test
    void aFrontMatterTitleInEachFormSpecweavesWriterGivesReadsAsOneLine() {
        assertThat(title("title: >-\n  Let customers sign in with their Google Workspace account, including the\n"
                + "  admin consent flow\nstatus: paused")).isEqualTo("Let customers sign in with their Google Workspace "
                + "account, including the admin consent flow");
        assertThat(title("title: 'Customer''s basket: keep it'\nstatus: active")).isEqualTo("Customer's basket: keep it");
        assertThat(title("title: \"Say \\\"hi\\\" \\u00e9\"")).isEqualTo("Say \"hi\" é");
        assertThat(title("title: |-\n  Two\n  lines")).isEqualTo("Two lines");
        assertThat(title("title: Plain words # a comment")).isEqualTo("Plain words");
        assertThat(title("meta:\n  title: nested, not the spec's\ntitle: Top level")).isEqualTo("Top level");
        assertThat(title("title: ~")).as("null: the heading's title").isEqualTo("Heading");
        assertThat(title("title: # to be named\nstatus: active")).as("only a comment: null").isEqualTo("Heading");
        assertThat(title("title: Plain value # c\n  # a comment line\n  goes on")).isEqualTo("Plain value goes on");
        assertThat(title("title: 'Quoted # not a comment' # but this is")).isEqualTo("Quoted # not a comment");
        assertThat(title("title: C# support: phase 2")).isEqualTo("C# support: phase 2");
    }

    private static String title(String frontMatter) {
        return SpecDocument.parse("---\n" + frontMatter + "\n---\n\n# Heading\n\nText.\n").title();
    }

    @Test
    void headingTitleWithoutFrontMatterDropsSpecweavePrefixes() {
        SpecDocument spec = SpecDocument.parse("# Increment 0018: OAuth Google\n\nIntro text.\n\n## Next\nmore");
        assertThat(spec.title()).isEqualTo("OAuth Google");
        assertThat(spec.summary()).isEqualTo("Intro text.");
    }

    @Test
    void longSummaryIsCapped() {
        String text = "# T\n\n" + "word ".repeat(1000);
        assertThat(SpecDocument.parse(text).summary()).hasSizeLessThanOrEqualTo(SpecDocument.SUMMARY_LIMIT).endsWith("…");
    }

    @Test
    void readTitleStopsEarlyAndToleratesMissingFiles(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("spec.md");
        Files.writeString(spec, "---\nstatus: active\n---\n\n# Feature: Fast title");
        assertThat(SpecDocument.readTitle(spec)).isEqualTo("Fast title");
        Files.writeString(spec, "---\ntitle: >-\n  Folded\n  title\n---\n\n# Heading");
        assertThat(SpecDocument.readTitle(spec)).isEqualTo("Folded title");
        assertThat(SpecDocument.readTitle(dir.resolve("absent.md"))).isNull();
    }

    @Test
    void aByteOrderMarkBeforeTheFrontMatterHidesNeitherItsTitleNorTheHeading(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("spec.md");
        Files.writeString(spec, "\uFEFF---\r\nincrement: 0001-user-login\r\ntitle: \"Title from front matter\"\r\n"
                + "---\r\n\r\n# H1 heading\r\n\r\nWhy it matters.\r\n");

        assertThat(SpecDocument.readTitle(spec)).isEqualTo("Title from front matter");
        assertThat(SpecDocument.read(spec).title()).isEqualTo("Title from front matter");
        assertThat(SpecDocument.read(spec).summary()).isEqualTo("Why it matters.");
        Files.writeString(spec, "\uFEFF# Feature: Heading only\n\nWhy.\n");
        assertThat(SpecDocument.readTitle(spec)).isEqualTo("Heading only");
        assertThat(SpecDocument.read(spec).title()).isEqualTo("Heading only");
        assertThat(SpecDocument.read(dir.resolve("absent.md")).summary()).isEmpty();
    }
}
