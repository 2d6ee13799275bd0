package io.specweave.deploy.app;

import io.specweave.deploy.model.DeploymentRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.specweave.deploy.TestProjects;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.health.HealthChecker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncHealthTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger status = new AtomicInteger(200);
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    private final HealthChecker checker = new HealthChecker(d -> { }, clock);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", ex -> {
            try (ex) {
                byte[] body = "{\"status\":\"UP\"}".getBytes();
                ex.sendResponseHeaders(status.get(), body.length);
                ex.getResponseBody().write(body);
            }
        });
        server.start();
        TestProjects.create(dir, "http://127.0.0.1:" + server.getAddress().getPort(), null);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private SyncResult sync(boolean healthCheck) {
        SyncService service = new SyncService(new TrackerFactory(new Credentials(Map.of())), clock, checker);
        return service.sync(Project.open(dir), new SyncRequest("0018", null, "prod", null,
                SyncRequest.Outcome.DEPLOYED, "abc1234", "main", "v1.5.0", "release-bot", null, null, false, List.of(),
                null, healthCheck, false), CiContext.none());
    }

    private String metadata() {
        return TestProjects.read(dir.resolve(".specweave/increments/0018-oauth-google/metadata.json"));
    }

    @Test
    void healthyDeploymentRecordsStatusCodeLatencyAndTime() {
        SyncResult result = sync(true);

        DeploymentRecord r = result.record();
        assertThat(r.healthStatus()).isEqualTo("healthy");
        assertThat(r.healthHttpStatus()).isEqualTo(200);
        assertThat(r.healthLatencyMs()).isNotNull();
        assertThat(r.healthMessage()).isNull();
        assertThat(r.lastChecked()).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(metadata()).contains("\"healthStatus\": \"healthy\"", "\"healthHttpStatus\": 200",
                "\"lastChecked\": \"2026-11-27T10:00:00Z\"");
    }

    @Test
    void unhealthyDeploymentIsStillRecordedAndTheSyncFailsWithTheReason() {
        status.set(503);

        assertThatThrownBy(() -> sync(true)).isInstanceOf(UnhealthyDeploymentException.class)
                .hasMessage("0018-oauth-google is recorded as deployed to prod, but the environment is unhealthy: "
                        + "HTTP 503 from http://127.0.0.1:" + server.getAddress().getPort() + "/health, expected any "
                        + "2xx (GET http://127.0.0.1:" + server.getAddress().getPort() + "/health, 2 attempts); the "
                        + "record says healthStatus: unhealthy")
                .satisfies(e -> assertThat(((UnhealthyDeploymentException) e).result().record().status())
                        .isEqualTo("deployed"));
        assertThat(metadata()).contains("\"status\": \"deployed\"", "\"healthStatus\": \"unhealthy\"",
                "\"healthHttpStatus\": 503");
    }

    @Test
    void noHealthCheckLeavesHealthUnrecorded() {
        status.set(503);

        SyncResult result = sync(false);

        assertThat(result.record().healthStatus()).isNull();
        assertThat(metadata()).doesNotContain("healthStatus");
    }

    @Test
    void healthCommandRechecksAndUpdatesTheRecordInPlace() {
        sync(true);
        status.set(500);

        HealthService.Outcome outcome = new HealthService(checker).check(Project.open(dir), "0018", null, "prod");

        assertThat(outcome.result().status()).isEqualTo("unhealthy");
        assertThat(outcome.record().healthHttpStatus()).isEqualTo(500);
        assertThat(outcome.record().history()).isEmpty();
        assertThat(metadata()).contains("\"healthStatus\": \"unhealthy\"", "\"healthHttpStatus\": 500",
                "\"commit\": \"abc1234\"").doesNotContain("\"history\"");
    }
}
