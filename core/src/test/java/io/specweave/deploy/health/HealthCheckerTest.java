package io.specweave.deploy.health;

import io.specweave.deploy.config.HealthCheckSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.config.SyncProfile;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthCheckerTest {

    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final HealthChecker checker = new HealthChecker(waits::add,
            Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC));
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    private String serve(String path, Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(path, exchange -> {
            try (exchange) {
                handler.handle(exchange);
            }
        });
        server.start();
        cleanup.add(() -> server.stop(0));
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static HealthCheckSettings settings(int retries) {
        return new HealthCheckSettings("/health", List.of(), null, Duration.ofSeconds(5), retries,
                Duration.ofMillis(100));
    }

    @Test
    void answer200IsHealthyWithCodeLatencyAndTime() throws IOException {
        String base = serve("/health", ex -> respond(ex, 200, "{\"status\":\"UP\"}"));

        HealthResult result = checker.check(base, "deploymentUrl", settings(4));

        assertThat(result.status().raw()).isEqualTo("healthy");
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.latencyMs()).isNotNull().isGreaterThanOrEqualTo(0L);
        assertThat(result.checkedAt()).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(result.url()).isEqualTo(base + "/health");
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void serviceStillStartingIsRetriedUntilHealthy() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        String base = serve("/health", ex -> respond(ex, calls.incrementAndGet() <= 2 ? 503 : 200, "ok"));
        HealthChecker realSleeps = new HealthChecker(d -> {
            waits.add(d);
            Thread.sleep(d.toMillis());
        }, Clock.systemUTC());

        HealthResult result = realSleeps.check(base, "deploymentUrl", settings(4));

        assertThat(result.status().raw()).isEqualTo("healthy");
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(calls.get()).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100));
    }

    @Test
    void serviceThatStaysDownIsUnhealthyAfterTheRetries() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        String base = serve("/health", ex -> {
            calls.incrementAndGet();
            respond(ex, 503, "starting");
        });

        HealthResult result = checker.check(base, "deploymentUrl", settings(2));

        assertThat(result.status().raw()).isEqualTo("unhealthy");
        assertThat(result.httpStatus()).isEqualTo(503);
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(calls.get()).isEqualTo(3);
        assertThat(result.message()).contains("HTTP 503").contains("expected any 2xx");
    }

    @Test
    void slowServiceTimesOutAsUnreachable() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        cleanup.add(release::countDown);
        String base = serve("/health", ex -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(ex, 200, "late");
        });
        HealthCheckSettings quick = settings(0).withTimeout(Duration.ofMillis(300));

        HealthResult result = checker.check(base, "deploymentUrl", quick);

        assertThat(result.status().raw()).isEqualTo("unreachable");
        assertThat(result.httpStatus()).isNull();
        assertThat(result.message()).isEqualTo("no answer from " + base + "/health within 300 ms "
                + "(healthCheck.timeoutSeconds)");
    }

    @Test
    void redirectIsFollowed() throws IOException {
        List<String> paths = new CopyOnWriteArrayList<>();
        String base = serve("/", ex -> {
            paths.add(ex.getRequestURI().getPath());
            if (ex.getRequestURI().getPath().equals("/health")) {
                ex.getResponseHeaders().add("Location", "/actuator/health");
                respond(ex, 302, "");
            } else {
                respond(ex, 200, "{\"status\":\"UP\"}");
            }
        });

        HealthResult result = checker.check(base, "deploymentUrl", settings(0));

        assertThat(result.status().raw()).isEqualTo("healthy");
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(paths).containsExactly("/health", "/actuator/health");
    }

    @Test
    void bodyMustContainTheExpectedText() throws IOException {
        String base = serve("/status", ex -> respond(ex, 200, "{\"status\":\"DEGRADED\"}"));
        HealthCheckSettings wantsUp = new HealthCheckSettings("/status", List.of(200), "\"UP\"",
                Duration.ofSeconds(5), 0, Duration.ZERO);

        HealthResult result = checker.check(base, "deploymentUrl", wantsUp);

        assertThat(result.status().raw()).isEqualTo("unhealthy");
        assertThat(result.message()).contains("does not contain \"\\\"UP\\\"\"".replace("\\\"", "\""));
    }

    @Test
    void expectStatusReplacesAny2xx() throws IOException {
        String base = serve("/health", ex -> respond(ex, 204, ""));
        HealthCheckSettings wants200 = new HealthCheckSettings("/health", List.of(200), null,
                Duration.ofSeconds(5), 0, Duration.ZERO);

        HealthResult result = checker.check(base, "deploymentUrl", wants200);

        assertThat(result.status().raw()).isEqualTo("unhealthy");
        assertThat(result.message()).contains("HTTP 204").contains("expected HTTP 200");
    }

    @Test
    void refusedConnectionIsUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        HealthResult result = checker.check("http://127.0.0.1:" + port, "deploymentUrl", settings(1));

        assertThat(result.status().raw()).isEqualTo("unreachable");
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(result.message()).isEqualTo("connection to 127.0.0.1:" + port + " refused");
    }

    @Test
    void aHostNameThatDoesNotResolveIsSaidSoAndNotCalledRefused() {
        // .invalid never resolves (RFC 6761): the JDK reports it as a ConnectException, as it does a refusal.
        HealthResult result = checker.check("http://no-such-host.invalid/", "deploymentUrl", settings(0));

        assertThat(result.status().raw()).isEqualTo("unreachable");
        assertThat(result.message()).isEqualTo("unknown host no-such-host.invalid: the name does not resolve (a typo "
                + "in the URL, or no DNS entry from here)");
    }

    @Test
    void selfSignedCertificateIsRefusedWithAClearMessage(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
        try (InputStream output = keytool.getInputStream()) {
            output.readAllBytes();
        }
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        AtomicInteger served = new AtomicInteger();
        server.createContext("/health", ex -> {
            try (ex) {
                served.incrementAndGet();
                respond(ex, 200, "ok");
            }
        });
        server.start();
        cleanup.add(() -> server.stop(0));

        HealthResult result = checker.check("https://127.0.0.1:" + server.getAddress().getPort(), "deploymentUrl",
                settings(3));

        assertThat(result.status().raw()).isEqualTo("unreachable");
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(waits).isEmpty();
        assertThat(result.httpStatus()).isNull();
        assertThat(result.message()).startsWith("TLS certificate of 127.0.0.1 is not trusted (self-signed or "
                + "issued by an unknown CA)").contains("trust store");
        assertThat(served.get()).isZero();
    }

    @Test
    void urlWithCredentialsIsRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> checker.check("https://deploy:s3cr3t-pass@qa.example.com", "deploymentUrl",
                settings(0)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("deploymentUrl: expected a URL without user info (user:password@), got "
                        + "https://qa.example.com with user info; health checks send no credentials")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void queryOfTheHealthUrlIsNotShown() throws IOException {
        String base = serve("/health", ex -> respond(ex, 500, "down"));
        HealthCheckSettings withToken = new HealthCheckSettings("/health?token=s3cr3t", List.of(), null,
                Duration.ofSeconds(5), 0, Duration.ZERO);

        HealthResult result = checker.check(base, "deploymentUrl", withToken);

        assertThat(result.url()).isEqualTo(base + "/health?…");
        assertThat(result.message()).doesNotContain("s3cr3t").contains("HTTP 500");
    }

    @Test
    void settingsComeFromTheProfileWithDefaults() {
        ObjectNode raw = Json.mapper().createObjectNode();
        raw.putObject("healthCheck").put("path", "/ready").put("expectStatus", 200).put("timeoutSeconds", 2.5)
                .put("retries", 9).put("intervalSeconds", 3).put("bodyContains", "UP");

        HealthCheckSettings s = HealthCheckSettings.of(profile(raw));

        assertThat(s).isEqualTo(new HealthCheckSettings("/ready", List.of(200), "UP", Duration.ofMillis(2500), 9,
                Duration.ofSeconds(3)));
        assertThat(HealthCheckSettings.of(profile(Json.mapper().createObjectNode())))
                .isEqualTo(HealthCheckSettings.defaults());
        assertThat(HealthCheckSettings.defaults().retries() + 1).isEqualTo(5);
    }

    @Test
    void anAbsoluteHealthPathWithUserInfoIsRefusedWhereTheConfigNamesItWithoutShowingIt() {
        ObjectNode raw = Json.mapper().createObjectNode();
        raw.putObject("healthCheck").put("path", "https://probe:s3cr3t@status.example.com/health");

        assertThatThrownBy(() -> HealthCheckSettings.of(profile(raw))).isInstanceOf(BadInputException.class)
                .hasMessage(".specweave/config.json: sync.profiles.local-qa.healthCheck.path: expected a URL without "
                        + "user info (user:password@), got https://status.example.com/health with user info; health "
                        + "checks send no credentials");
    }

    @Test
    void aBaseUrlThatIsNoHttpUrlIsBadInputNamingWhereItWasRead() {
        assertThatThrownBy(() -> checker.check("ftp://x", "metadata.json: deployments.qa.deploymentUrl", settings(0)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("metadata.json: deployments.qa.deploymentUrl: expected an absolute http(s) URL such as "
                        + "\"https://green.myapp.com\", got a ftp: URL; only http and https are requested");
    }

    @Test
    void badSettingsNameTheFieldAndWhatWasExpected() {
        ObjectNode raw = Json.mapper().createObjectNode();
        raw.putObject("healthCheck").put("retries", -1);
        assertThatThrownBy(() -> HealthCheckSettings.of(profile(raw))).isInstanceOf(BadInputException.class)
                .hasMessage(".specweave/config.json: sync.profiles.local-qa.healthCheck.retries: expected a whole "
                        + "number from 0 to 60, got -1");
        ObjectNode raw2 = Json.mapper().createObjectNode();
        raw2.putObject("healthCheck").put("expectStatus", "200");
        assertThatThrownBy(() -> HealthCheckSettings.of(profile(raw2))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("healthCheck.expectStatus: expected an HTTP status code from 100 to 599, "
                        + "got \"200\"");
    }

    private static SyncProfile profile(ObjectNode raw) {
        return new SyncProfile("local-qa", Provider.LOCAL, null, "qa", "https://qa.example.com",
                Json.mapper().createObjectNode(), raw, ".specweave/config.json");
    }
}
