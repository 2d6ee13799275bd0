package io.specweave.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parsesTheUnitsMonitorTakesWithSecondsForABareNumber() {
        assertThat(Durations.parse("500ms", "--interval")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse(" 30s ", "--interval")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("15m", "--duration")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Durations.parse("1h", "--duration")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("45", "--duration")).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void anythingElseIsBadInputNamingTheOption() {
        assertThatThrownBy(() -> Durations.parse("15 minutes", "--duration")).isInstanceOf(BadInputException.class)
                .hasMessage("--duration 15 minutes: expected a duration such as 30s, 1m, 15m or 1h");
        assertThatThrownBy(() -> Durations.parse("-1s", "--interval")).isInstanceOf(BadInputException.class);
    }
}
