package io.specweave.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import org.junit.jupiter.api.Test;

class SlotSettingsTest {

    private static SlotSettings slots(String json) throws Exception {
        ObjectNode raw = (ObjectNode) Json.mapper().readTree("{\"slots\": " + json + "}");
        return SlotSettings.of(new SyncProfile("local-prod", Provider.LOCAL, null, "prod", null,
                Json.mapper().createObjectNode(), raw, ".specweave/config.json"));
    }

    @Test
    void aSlotsUrlIsCheckedAsASlotsUrlAndNamedByItsPath() throws Exception {
        assertThat(slots("{\"blue\": {\"url\": \"https://blue.shop.example\"}, \"green\": {}}").url("blue"))
                .isEqualTo("https://blue.shop.example");
        assertThatThrownBy(() -> slots("{\"blue\": {\"url\": \"ftp://blue.shop.example\"}, \"green\": {}}"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(".specweave/config.json: sync.profiles.local-prod.slots.blue.url: expected an "
                        + "absolute http(s) URL");
    }

    @Test
    void aSlotsUrlWithCredentialsIsRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> slots("{\"blue\": {\"url\": \"https://ops:s3cret@blue.shop.example\"}, "
                + "\"green\": {}}"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("slots.blue.url: expected a URL without user info")
                .hasMessageNotContaining("s3cret");
    }
}
