package io.specweave.deploy.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.specweave.deploy.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plain Java values a Jenkins script gets for a record: numbers as written. */
class OutcomeJsonTest {

    @Test
    void numbersNoDoubleOrLongHoldsStayAsWrittenNotInfinity() throws Exception {
        Object plain = OutcomeJson.plain(Json.mapper().readTree(
                "{\"rps\": 1e400, \"rate\": 0.5, \"count\": 7, \"big\": 123456789012345678901234567890, \"no\": null}"));

        assertThat(plain).isEqualTo(Map.of("rps", new BigDecimal("1e400"), "rate", 0.5, "count", 7,
                "big", new BigInteger("123456789012345678901234567890")));
        assertThat(OutcomeJson.plain(Json.mapper().readTree("[1e400, -2]")))
                .isEqualTo(List.of(new BigDecimal("1e400"), -2));
    }
}
