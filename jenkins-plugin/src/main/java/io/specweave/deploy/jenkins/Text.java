package io.specweave.deploy.jenkins;

/** Small text helpers for step parameters. */
final class Text {

    private Text() {
    }

    /** Trimmed text, or null when null or blank: an empty Snippet Generator field means "not set". */
    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
