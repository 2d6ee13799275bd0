package io.specweave.deploy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.Redactor;
import io.specweave.deploy.http.ScriptedServer.Reply;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestClientTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final String SECRET = "s3cr3t-token-value";

    private final ScriptedServer server = new ScriptedServer();
    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @AfterEach
    void stop() {
        server.close();
    }

    private RestClient client(HttpSettings settings) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
        return new RestClient(http, settings, waits::add, clock, new Redactor().add(SECRET));
    }

    private RestClient client() {
        return client(new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 4, Duration.ofMillis(400),
                Duration.ofSeconds(2), Duration.ofSeconds(60)));
    }

    @Test
    void successIsReturnedAfterOneRequestWithoutWaiting() {
        server.then(Reply.of(200, "{\"ok\":true}"));
        HttpResult result = client().send(RestClient.Call.get(server.uri("/thing")));
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.json().path("ok").asBoolean()).isTrue();
        assertThat(server.received()).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void serviceUnavailableWithRetryAfterSecondsWaitsThatLongThenSucceeds() {
        server.then(Reply.of(503).header("Retry-After", "7")).then(Reply.of(200, "{}"));
        HttpResult result = client().send(RestClient.Call.get(server.uri("/x")));
        assertThat(result.status()).isEqualTo(200);
        assertThat(server.received()).hasSize(2);
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void tooManyRequestsWithRetryAfterHttpDateWaitsUntilThatDate() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(30).atOffset(ZoneOffset.UTC));
        server.then(Reply.of(429).header("Retry-After", date)).then(Reply.of(200, "{}"));
        assertThat(client().send(RestClient.Call.get(server.uri("/x"))).status()).isEqualTo(200);
        assertThat(waits).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void jiraRateLimitResetIsoTimestampIsHonoured() {
        server.then(Reply.of(429).header("X-RateLimit-Reset", "2026-11-27T12:00:12Z")).then(Reply.of(200, "{}"));
        assertThat(client().send(RestClient.Call.get(server.uri("/x"))).status()).isEqualTo(200);
        assertThat(waits).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void jiraRateLimitResetWithoutSecondsIsHonoured() {
        server.then(Reply.of(429).header("X-RateLimit-Reset", "2026-11-27T12:01Z")).then(Reply.of(200, "{}"));
        assertThat(client().send(RestClient.Call.get(server.uri("/x"))).status()).isEqualTo(200);
        assertThat(waits).containsExactly(Duration.ofSeconds(60));
    }

    @Test
    void azureDevOpsRateLimitDelayInFractionalSecondsIsHonoured() {
        server.then(Reply.of(429).header("X-RateLimit-Delay", "1.5")).then(Reply.of(200, "{}"));
        assertThat(client().send(RestClient.Call.get(server.uri("/x"))).status()).isEqualTo(200);
        assertThat(waits).containsExactly(Duration.ofMillis(1500));
    }

    @Test
    void azureDevOpsRetryAfterOnSuccessPausesBeforeTheNextRequestWithoutResending() {
        server.then(Reply.of(200, "{}").header("Retry-After", "3"));
        assertThat(client().send(RestClient.Call.get(server.uri("/x"))).status()).isEqualTo(200);
        assertThat(server.received()).hasSize(1);
        assertThat(waits).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void forbiddenWithRetryAfterIsARateLimitAndIsRetried() {
        server.then(Reply.of(403).header("Retry-After", "2")).then(Reply.of(200, "{}"));
        assertThat(client().send(RestClient.Call.get(server.uri("/x"))).status()).isEqualTo(200);
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void forbiddenWithExhaustedRateLimitWaitsUntilTheEpochReset() {
        server.then(Reply.of(403).header("X-RateLimit-Remaining", "0")
                .header("X-RateLimit-Reset", String.valueOf(NOW.plusSeconds(20).getEpochSecond())))
                .then(Reply.of(200, "{}"));
        assertThat(client().send(RestClient.Call.get(server.uri("/x"))).status()).isEqualTo(200);
        // one second more: the epoch reset is rounded down to whole seconds
        assertThat(waits).containsExactly(Duration.ofSeconds(21));
    }

    @Test
    void forbiddenWithoutRateLimitHeadersIsReturnedAtOnce() {
        server.then(Reply.of(403, "{\"message\":\"no\"}"));
        assertThat(client().send(RestClient.Call.get(server.uri("/x"))).status()).isEqualTo(403);
        assertThat(server.received()).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void serverErrorsAreRetriedWithGrowingJitteredBackoff() {
        server.then(Reply.of(503)).then(Reply.of(502)).then(Reply.of(504)).then(Reply.of(200, "{}"));
        assertThat(client().send(RestClient.Call.get(server.uri("/x"))).status()).isEqualTo(200);
        assertThat(server.received()).hasSize(4);
        assertThat(waits).hasSize(3);
        // initial 400 ms, doubled each time, capped at 2 s; jitter keeps each wait within [half, full]
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
        assertThat(waits.get(2)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1600));
    }

    @Test
    void anUnavailableServerWithRateLimitLeftIsRetriedAsAnOutageNotWaitedOnUntilTheReset() {
        // GitHub's headers on every answer: quota left, the window's reset an hour ahead.
        Reply unavailable = Reply.of(503).header("X-RateLimit-Remaining", "4999")
                .header("X-RateLimit-Reset", String.valueOf(NOW.plusSeconds(3600).getEpochSecond()));
        server.then(unavailable).then(unavailable).then(Reply.of(200, "{}"));

        assertThat(client().send(RestClient.Call.get(server.uri("/x"))).status()).isEqualTo(200);
        assertThat(server.received()).hasSize(3);
        assertThat(waits).hasSize(2).allSatisfy(w -> assertThat(w).isLessThan(Duration.ofSeconds(2)));
    }

    @Test
    void persistentServerErrorStopsAfterMaxAttemptsAndReturnsTheLastResponse() {
        server.then(Reply.of(502, "bad gateway"));
        HttpResult result = client().send(RestClient.Call.get(server.uri("/x")));
        assertThat(result.status()).isEqualTo(502);
        assertThat(server.received()).hasSize(4);
        assertThat(waits).hasSize(3);
    }

    @Test
    void internalServerErrorIsAnAnswerNotATransientFault() {
        server.then(Reply.of(500, "{\"error\":\"bug\"}"));
        assertThat(client().send(RestClient.Call.get(server.uri("/x"))).status()).isEqualTo(500);
        assertThat(server.received()).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void clientErrorsAreNotRetried() {
        server.then(Reply.of(404, "{}"));
        assertThat(client().send(RestClient.Call.get(server.uri("/x"))).status()).isEqualTo(404);
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void rateLimitLongerThanTheBoundFailsAtOnceNamingTheResetTime() {
        server.then(Reply.of(429).header("Retry-After", "3600"));
        assertThatThrownBy(() -> client().send(RestClient.Call.get(server.uri("/x"))))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("rate limit (HTTP 429)")
                .hasMessageContaining("2026-11-27T13:00:00Z");
        assertThat(waits).isEmpty();
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void timeoutsAreRetriedThenReportedWithoutTheSecret() {
        server.then(Reply.of(200, "{}").delayed(1500));
        RestClient client = client(new HttpSettings(Duration.ofSeconds(2), Duration.ofMillis(200), 2,
                Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(60)));
        assertThatThrownBy(() -> client.send(RestClient.Call.get(server.uri("/items/" + SECRET))
                .authorization("Bearer " + SECRET)))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("timed out")
                .hasMessageContaining("after 2 attempts")
                .hasMessageNotContaining(SECRET);
        assertThat(waits).hasSize(1);
    }

    @Test
    void aHostNameThatDoesNotResolveIsReportedAsAnUnknownHost() {
        RestClient client = client();
        assertThatThrownBy(() -> client.send(RestClient.Call.get(URI.create("http://no-such-host.invalid/x"))))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("no-such-host.invalid")
                .hasMessageEndingWith(": unknown host: the name does not resolve (a typo in the URL, or no DNS entry "
                        + "from here)");
    }

    @Test
    void connectionRefusedIsRetriedThenReported() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RestClient client = client();
        assertThatThrownBy(() -> client.send(RestClient.Call.get(URI.create("http://127.0.0.1:" + port + "/x"))))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("failed after 4 attempts")
                .hasMessageEndingWith(": connection refused (nothing answers at that host and port)");
        assertThat(waits).hasSize(3);
    }

    @Test
    void credentialsAreRefusedOverPlainHttpToAHostThatIsNotLoopback() {
        assertThatThrownBy(() -> client().send(RestClient.Call.get(URI.create("http://jira.example.invalid/rest"))
                .authorization("Bearer " + SECRET)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("jira.example.invalid")
                .hasMessageContaining("https://")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void loopbackHostsMayReceiveCredentialsOverPlainHttp() {
        assertThat(RestClient.isSafeForCredentials(URI.create("http://127.0.0.1:8080/x"))).isTrue();
        assertThat(RestClient.isSafeForCredentials(URI.create("http://localhost/x"))).isTrue();
        assertThat(RestClient.isSafeForCredentials(URI.create("http://[::1]:9/x"))).isTrue();
        assertThat(RestClient.isSafeForCredentials(URI.create("https://jira.example.com/x"))).isTrue();
        assertThat(RestClient.isSafeForCredentials(URI.create("http://10.0.0.1/x"))).isFalse();
        assertThat(RestClient.isSafeForCredentials(URI.create("http://127.0.0.1.example.com/x"))).isFalse();
        assertThat(RestClient.isSafeForCredentials(URI.create("http://localhost.example.com/x"))).isFalse();
    }

    @Test
    void credentialsReachTheLoopbackServer() {
        server.then(Reply.of(200, "{}"));
        client().send(RestClient.Call.get(server.uri("/x")).authorization("Bearer " + SECRET));
        assertThat(server.received().get(0).headers()).containsEntry("authorization", "Bearer " + SECRET);
    }

    @Test
    void bodiesAndHeadersAreSentAsGiven() {
        server.then(Reply.of(201, "{\"id\":1}"));
        HttpResult result = client().send(RestClient.Call.of("POST", server.uri("/items?x=1"))
                .header("Accept", "application/json").json("{\"a\":\"ü\"}"));
        assertThat(result.status()).isEqualTo(201);
        ScriptedServer.Received r = server.received().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.query()).isEqualTo("x=1");
        assertThat(r.body()).isEqualTo("{\"a\":\"ü\"}");
        assertThat(r.headers()).containsEntry("content-type", "application/json");
    }

    @Test
    void redactorHidesPlainAndBase64FormsOfEachSecret() {
        Redactor redactor = new Redactor().add("me@example.com:" + SECRET).add(SECRET);
        String basic = java.util.Base64.getEncoder()
                .encodeToString(("me@example.com:" + SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(redactor.redact("Basic " + basic + " / " + SECRET)).isEqualTo("Basic **** / ****");
        assertThat(redactor.redact(null)).isNull();
        // added shortest first, and "me@example.com:" is 15 bytes: the pair's Base64 ends with the token's
        Redactor reversed = new Redactor().add(SECRET).add("me@example.com:" + SECRET);
        assertThat(reversed.redact("Basic " + basic)).isEqualTo("Basic ****");
    }

    @Test
    void retryAfterParsingAcceptsSecondsAndDatesAndIgnoresNoise() {
        RestClient client = client();
        assertThat(client.policy().parseRetryAfter(" 12 ")).contains(Duration.ofSeconds(12));
        assertThat(client.policy().parseRetryAfter("-5")).contains(Duration.ZERO);
        assertThat(client.policy().parseRetryAfter("Fri, 27 Nov 2026 11:00:00 GMT")).contains(Duration.ZERO);
        assertThat(client.policy().parseRetryAfter("soon")).isEmpty();
    }

    @Test
    void retriesEndWithinTheTotalTimeOfARequest() {
        server.then(Reply.of(503));
        RestClient client = client(new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 50,
                Duration.ofMillis(400), Duration.ofMillis(400), Duration.ofSeconds(60))
                .withLimits(Duration.ofSeconds(2), HttpSettings.DEFAULT_MAX_BODY, 5));

        assertThat(client.send(RestClient.Call.get(server.uri("/x"))).status()).isEqualTo(503);

        // waits are counted as spent although the test's sleeper returns at once
        assertThat(waits.stream().mapToLong(Duration::toMillis).sum()).isLessThanOrEqualTo(2000);
        // at least one retry; how many fit depends on the machine's speed, never all 50
        assertThat(server.received().size()).isLessThan(50).isGreaterThan(1);
    }

    @Test
    void aRetryCutShortByTheTotalTimeLeavesTheServersLastAnswerAsTheAnswer() {
        // the first answer comes at once, the retry's only after the total time has run out
        server.then(Reply.of(503)).then(Reply.of(200, "{}").delayed(1500));
        RestClient client = client(new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 3,
                Duration.ofMillis(400), Duration.ofMillis(400), Duration.ofSeconds(60))
                .withLimits(Duration.ofSeconds(1), HttpSettings.DEFAULT_MAX_BODY, 5));

        assertThat(client.send(RestClient.Call.get(server.uri("/x"))).status()).isEqualTo(503);
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void rateLimitLongerThanWhatIsLeftOfTheTotalTimeFailsAtOnce() {
        server.then(Reply.of(429).header("Retry-After", "30"));
        RestClient client = client(new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 4,
                Duration.ofMillis(400), Duration.ofSeconds(2), Duration.ofSeconds(60))
                .withLimits(Duration.ofSeconds(10), HttpSettings.DEFAULT_MAX_BODY, 5));
        assertThatThrownBy(() -> client.send(RestClient.Call.get(server.uri("/x"))))
                .isInstanceOf(RetryPolicy.RateLimitedException.class)
                .hasMessageContaining("2026-11-27T12:00:30Z");
        assertThat(waits).isEmpty();
    }

    @Test
    void stopRequestEndsAWaitAndTheRequestFailsSayingSo() {
        server.then(Reply.of(503));
        List<String> lines = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        HttpSettings settings = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 4,
                Duration.ofMillis(400), Duration.ofSeconds(2), Duration.ofSeconds(60))
                .withNetwork(ProxySettings.NONE, w -> lines.add(w.line()), stop::get);
        RestClient client = new RestClient(HttpClient.newHttpClient(), settings, d -> stop.set(true), clock,
                new Redactor());

        assertThatThrownBy(() -> client.send(RestClient.Call.get(server.uri("/x"))))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("stopped while waiting to retry");
        assertThat(server.received()).hasSize(1);
        assertThat(lines).singleElement().satisfies(l -> assertThat(l).contains("answered HTTP 503: retrying in"));
    }

    @Test
    void serverDrippingItsBodyIsCutOffAtTheRequestTimeout() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread drip = new Thread(() -> {
                try (java.net.Socket s = socket.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    java.io.OutputStream out = s.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n".getBytes());
                    out.flush();
                    for (int i = 0; i < 1000; i++) {
                        out.write('x');
                        out.flush();
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException e) {
                    // the client hung up, as it should
                }
            });
            drip.setDaemon(true);
            drip.start();
            RestClient client = client(new HttpSettings(Duration.ofSeconds(2), Duration.ofMillis(700), 1,
                    Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(60)));
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.send(RestClient.Call.get(URI.create("http://127.0.0.1:"
                    + socket.getLocalPort() + "/slow"))))
                    .isInstanceOf(OperationFailedException.class)
                    .hasMessageContaining("timed out");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void secretEchoedInAnErrorBodyIsRedactedFromTheRetryReason() {
        server.then(Reply.of(403, "{\"message\":\"You have exceeded a secondary rate limit for " + SECRET + "\"}"))
                .then(Reply.of(200, "{}"));
        List<String> lines = new ArrayList<>();
        HttpSettings settings = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 4,
                Duration.ofMillis(400), Duration.ofSeconds(2), Duration.ofSeconds(90))
                .withNetwork(ProxySettings.NONE, w -> lines.add(w.line()), null);
        RestClient client = new RestClient(HttpClient.newHttpClient(), settings, waits::add, clock,
                new Redactor().add(SECRET));
        assertThat(client.send(RestClient.Call.get(server.uri("/items/" + SECRET)).authorization("Bearer " + SECRET))
                .status()).isEqualTo(200);
        assertThat(waits).containsExactly(Duration.ofMinutes(1));
        assertThat(lines).singleElement().satisfies(l -> assertThat(l).doesNotContain(SECRET)
                .contains("secondary rate limit"));
    }
}
