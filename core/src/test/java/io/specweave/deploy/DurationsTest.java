package io.specweave.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parsesTheUnitsMonitorTakesWithSecondsForABareNumber() {
        assertThat(Durations.parse("500ms", Input.INTERVAL)).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse(" 30s ", Input.INTERVAL)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("15m", Input.DURATION)).isEqualTo(Duration.ofMinutes(15));
        assertThat(Durations.parse("1h", Input.DURATION)).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("45", Input.DURATION)).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void anythingElseIsBadInputNamingTheOption() {
        assertThatThrownBy(() -> Durations.parse("15 minutes", Input.DURATION)).isInstanceOf(BadInputException.class)
                .hasMessage("duration 15 minutes: expected a duration such as 30s, 1m, 15m or 1h");
        assertThatThrownBy(() -> Durations.parse("-1s", Input.INTERVAL)).isInstanceOf(BadInputException.class);
    }

    @Test
    void aWaitOrTimeoutInAMessageIsShortAndNeverClaimsMoreThanItIs() {
        assertThat(Durations.brief(Duration.ofMillis(250))).isEqualTo("250 ms");
        assertThat(Durations.brief(Duration.ZERO)).isEqualTo("0 s");
        assertThat(Durations.brief(Duration.ofSeconds(10))).isEqualTo("10 s");
        assertThat(Durations.brief(Duration.ofMillis(1500))).as("a 1.5 s timeout is not '2 s'").isEqualTo("1.5 s");
        assertThat(Durations.brief(Duration.ofMillis(13_400))).isEqualTo("13 s");
        assertThat(Durations.brief(Duration.ofMinutes(2))).isEqualTo("120 s");
    }
}
