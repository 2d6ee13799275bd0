package io.specweave.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void lineBreaksEscapesAndDirectionOverridesAreShownAsTheirEscapes() {
        assertThat(LogText.oneLine("a\nb\r\tc")).isEqualTo("a\\nb\\r\\tc");
        assertThat(LogText.oneLine("red \u001b[31mtext")).isEqualTo("red \\u001b[31mtext");
        assertThat(LogText.oneLine("user\u202Egnp.exe")).isEqualTo("user\\u202egnp.exe");
        assertThat(LogText.oneLine("next\u0085line\u2028")).isEqualTo("next\\u0085line\\u2028");
    }

    @Test
    void ordinaryTextIsLeftAsItIs() {
        String text = "Zoë 🚀 → prod (commit 9b1d5f0), 50 %";
        assertThat(LogText.oneLine(text)).isSameAs(text);
        assertThat(LogText.oneLine(null)).isNull();
    }

    @Test
    void wideLettersTakeTwoColumnsAndCombiningMarksNone() {
        assertThat(LogText.columns("0004-日本語")).isEqualTo(11);
        assertThat(LogText.columns("0004-cafe\u0301")).as("a decomposed é").isEqualTo(9);
        assertThat(LogText.pad("日本", 6)).isEqualTo("日本  ");
        assertThat(LogText.pad("0004-abc", 4)).isEqualTo("0004-abc");
    }
}
