package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MonitorSourcesTest {

    @Test
    void prometheusUrlsLoseUserInfoAndQueryBeforeTheyAreShownOrRecorded() {
        assertThat(MonitorSources.withoutSecrets("https://ops:s3cret@prom.example:9090/prometheus?token=abc"))
                .isEqualTo("https://prom.example:9090/prometheus");
        assertThat(MonitorSources.withoutSecrets("http://127.0.0.1:9090")).isEqualTo("http://127.0.0.1:9090");
        assertThat(MonitorSources.withoutSecrets("not a url with user@secret")).isEqualTo("(URL hidden)");
    }
}
