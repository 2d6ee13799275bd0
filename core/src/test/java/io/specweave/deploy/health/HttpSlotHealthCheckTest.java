package io.specweave.deploy.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.testing.HealthServer;
import io.specweave.deploy.testing.TestProject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpSlotHealthCheckTest {

    @TempDir
    Path dir;

    private SyncProfile profile(String healthCheck) {
        return TestProject.in(dir).config("{\"sync\": {\"profiles\": {\"local-prod\": {\"provider\": \"local\", "
                + "\"environment\": \"prod\"" + healthCheck + "}}}}").open().config().profile("local-prod");
    }

    @Test
    void aServiceStillStartingIsHealthyWithinTheRetries() {
        try (HealthServer server = HealthServer.start(200)) {
            server.failNext(2);
            List<Duration> waits = new ArrayList<>();
            SlotHealth health = new HttpSlotHealthCheck(waits::add).check(server.url(), profile(""));
            assertThat(health.healthy()).isTrue();
            assertThat(health.attempts()).isEqualTo(3);
            assertThat(health.httpCode()).isEqualTo(200);
            // the shared defaults: a retry every 10 s while the service starts
            assertThat(waits).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10));
        }
    }

    @Test
    void theProfilesPathAndRetriesAreUsedAndTheLastAnswerReported() {
        try (HealthServer server = HealthServer.start(500)) {
            SlotHealth health = new HttpSlotHealthCheck(d -> { }).check(server.url() + "/",
                    profile(", \"healthCheck\": {\"path\": \"health\", \"retries\": 4}"));
            assertThat(health.status()).isEqualTo(SlotHealth.UNHEALTHY);
            assertThat(health.httpCode()).isEqualTo(500);
            assertThat(health.url()).isEqualTo(server.url() + "/health");
            // "retries" counts the attempts after the first, as for sync's health check
            assertThat(server.calls()).isEqualTo(5);
        }
    }

    @Test
    void nothingListeningIsUnreachable() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        SlotHealth health = new HttpSlotHealthCheck(d -> { }).check("http://127.0.0.1:" + port,
                profile(", \"healthCheck\": {\"retries\": 1}"));
        assertThat(health.status()).isEqualTo(SlotHealth.UNREACHABLE);
        assertThat(health.httpCode()).isNull();
        assertThat(health.detail()).contains("127.0.0.1:" + port).containsIgnoringCase("refused");
    }
}
