package io.specweave.deploy.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.specweave.deploy.config.HealthCheckSettings;
import io.specweave.deploy.http.HttpListener;
import io.specweave.deploy.http.HttpSettings;
import io.specweave.deploy.http.ProxySettings;
import io.specweave.deploy.model.HealthStatus;
import io.specweave.deploy.testing.OriginServer;
import io.specweave.deploy.testing.OriginServer.Answer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Health checks carry no credential, follow redirects anywhere but down to http, and say when they retry. */
class HealthRedirectTest {

    private static HealthCheckSettings settings(int retries) {
        return new HealthCheckSettings("/health", List.of(), null, Duration.ofSeconds(2), retries, Duration.ofSeconds(5));
    }

    @Test
    void redirectToAnotherOriginIsFollowedAndCarriesNoCredential() {
        try (OriginServer moved = OriginServer.http("127.0.0.2", r -> Answer.of(200, "{\"status\":\"UP\"}"));
                OriginServer service = OriginServer.http("127.0.0.1", r -> Answer.redirect(302, moved.url("/health")))) {
            HealthResult result = new HealthChecker(d -> { }, Clock.systemUTC()).check(service.url(""),
                    "deploymentUrl", settings(0));

            assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(moved.received()).singleElement()
                    .satisfies(r -> assertThat(r.headers()).doesNotContainKeys("authorization", "proxy-authorization"));
        }
    }

    @Test
    void everyRetryOfAStartingServiceIsReportedAsOneLine() {
        AtomicInteger calls = new AtomicInteger();
        List<String> lines = new ArrayList<>();
        List<Duration> waits = new ArrayList<>();
        try (OriginServer service = OriginServer.http("127.0.0.1",
                r -> calls.incrementAndGet() < 3 ? Answer.of(503, "starting") : Answer.of(200, "{}"))) {
            HttpListener listener = wait -> lines.add(wait.line());
            HttpSettings network = HttpSettings.defaults().withNetwork(ProxySettings.NONE, listener, null);
            HealthResult result = new HealthChecker(network, waits::add, Clock.systemUTC())
                    .check(service.url(""), "deploymentUrl", settings(5));

            assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
            assertThat(lines).containsExactly(
                    "health " + service.url("/health") + " answered HTTP 503: retrying in 5 s, attempt 2 of 6",
                    "health " + service.url("/health") + " answered HTTP 503: retrying in 5 s, attempt 3 of 6");
        }
    }

    @Test
    void aRetryLineOfAnAnswerOutsideExpectStatusSaysWhatWasExpectedNotABody() {
        AtomicInteger calls = new AtomicInteger();
        List<String> lines = new ArrayList<>();
        try (OriginServer service = OriginServer.http("127.0.0.1",
                r -> calls.incrementAndGet() < 2 ? Answer.of(200, "{}") : Answer.of(204, ""))) {
            HttpSettings network = HttpSettings.defaults().withNetwork(ProxySettings.NONE, wait -> lines.add(wait.line()),
                    null);
            HealthResult result = new HealthChecker(network, d -> { }, Clock.systemUTC()).check(service.url(""),
                    "deploymentUrl", new HealthCheckSettings("/health", List.of(204), null, Duration.ofSeconds(2), 2,
                            Duration.ofSeconds(5)));

            assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(lines).containsExactly("health " + service.url("/health") + " answered HTTP 200, expected "
                    + "HTTP 204: retrying in 5 s, attempt 2 of 3");
        }
    }

    @Test
    void aStopRequestEndsTheRetriesWithWhatTheCheckSaw() {
        AtomicInteger calls = new AtomicInteger();
        try (OriginServer service = OriginServer.http("127.0.0.1", r -> {
            calls.incrementAndGet();
            return Answer.of(503, "down");
        })) {
            HttpSettings network = HttpSettings.defaults().withNetwork(ProxySettings.NONE, HttpListener.NONE,
                    () -> calls.get() >= 2);

            HealthResult result = new HealthChecker(network, d -> { }, Clock.systemUTC()).check(service.url(""),
                    "deploymentUrl", settings(5));

            assertThat(calls.get()).isEqualTo(2);
            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(result.httpStatus()).isEqualTo(503);
            assertThat(result.attempts()).isEqualTo(2);
            assertThat(result.message()).endsWith("; stopped before attempt 3 of 6 (the run was asked to stop)");
        }
    }

    @Test
    void maintenanceAnswerWithRetryAfterIsUnhealthyNotARateLimit() {
        try (OriginServer service = OriginServer.http("127.0.0.1", r -> new Answer(503, java.util.Map.of("Retry-After",
                "120"), "maintenance"))) {
            HealthResult result = new HealthChecker(d -> { }, Clock.systemUTC()).check(service.url(""),
                    "deploymentUrl", settings(0));
            assertThat(result.status()).as(result.message()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(result.httpStatus()).isEqualTo(503);
        }
    }
}
