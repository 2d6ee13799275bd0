package io.specweave.deploy.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommitsTest {

    private static final String FULL = "1111111aaaaaaa1111111aaaaaaa1111111aaaaa";

    @Test
    void aCommitIsItsAbbreviationAndItsUpperCaseSpelling() {
        assertThat(Commits.same(FULL, FULL)).isTrue();
        assertThat(Commits.same("1111111", FULL)).as("git rev-parse --short").isTrue();
        assertThat(Commits.same(FULL, "1111111aaaa")).isTrue();
        assertThat(Commits.same(FULL.toUpperCase(), FULL)).isTrue();
        assertThat(Commits.same("1111111AAA", FULL)).isTrue();
    }

    @Test
    void anotherCommitATooShortPrefixOrNoCommitIsNotTheSame() {
        assertThat(Commits.same("2222222", FULL)).isFalse();
        assertThat(Commits.same("111111", FULL)).as("fewer hex digits than a commit input takes").isFalse();
        assertThat(Commits.same("1111111-dirty", FULL + "-dirty-build")).as("not hex: only the same text").isFalse();
        assertThat(Commits.same("v1.2", "V1.2")).isTrue();
        assertThat(Commits.same(null, FULL)).isFalse();
        assertThat(Commits.same(null, null)).isFalse();
        assertThat(Commits.equal(null, null)).isTrue();
        assertThat(Commits.equal(null, FULL)).isFalse();
        assertThat(Commits.equal("1111111", FULL)).isTrue();
    }
}
