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
        assertThat(SpecDocument.readTitle(dir.resolve("absent.md"))).isNull();
        assertThat(SpecDocument.read(dir.resolve("absent.md")).summary()).isEmpty();
    }
}
