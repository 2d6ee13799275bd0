package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.tracker.local.LocalTracker;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackerFactoryTest {

    @Test
    void theStandardFactoryAlwaysOffersTheLocalProvider() {
        TrackerFactory factory = TrackerFactory.standard(new Credentials(Map.of()));

        assertThat(factory.forProfile(profile(Provider.LOCAL))).isInstanceOf(LocalTracker.class);
    }

    @Test
    void aProviderWithoutTrackerIsBadInputNamingTheProfileField() {
        TrackerFactory factory = new TrackerFactory(new Credentials(Map.of()));

        assertThatThrownBy(() -> factory.forProfile(profile(Provider.ADO)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("sync.profiles.ado-qa.provider")
                .hasMessageContaining("available: local");
    }

    private static SyncProfile profile(Provider provider) {
        return new SyncProfile(provider.id() + "-qa", provider, null, "qa", null, Json.mapper().createObjectNode(),
                Json.mapper().createObjectNode(), ".specweave/config.json");
    }
}
