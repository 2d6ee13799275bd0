package io.specweave.deploy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.Redactor;
import io.specweave.deploy.testing.OriginServer.Answer;
import io.specweave.deploy.testing.OriginServer;
import io.specweave.deploy.testing.TestTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redirects are decided hop by hop: a credential never leaves the origin it was configured for. */
class CredentialOriginTest {

    private static final String SECRET = "s3cr3t-token-value";
    private static final String SETTING = "sync.profiles.jira-qa.config.baseUrl";

    private final OriginServer elsewhere = OriginServer.http("127.0.0.2", r -> Answer.of(200, "{\"stolen\":true}"));
    private OriginServer origin;

    @AfterEach
    void stop() {
        elsewhere.close();
        if (origin != null) {
            origin.close();
        }
    }

    private static RestClient client() {
        return new RestClient(HttpSettings.defaults(), d -> { }, Clock.systemUTC(), new Redactor().add(SECRET));
    }

    private static RestClient.Call withToken(URI uri) {
        return RestClient.Call.get(uri).authorization("Bearer " + SECRET).setting(SETTING);
    }

    @Test
    void redirectToAnotherHostIsRefusedAndTheCredentialNeverReachesIt() {
        origin = OriginServer.http("127.0.0.1", r -> Answer.redirect(307, elsewhere.url("/rest/api/3/issue")));

        assertThatThrownBy(() -> client().send(withToken(origin.uri("/rest/api/3/issue"))))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining(SETTING)
                .hasMessageContaining("http://127.0.0.1:" + origin.uri("/").getPort())
                .hasMessageContaining("http://127.0.0.2:" + elsewhere.uri("/").getPort())
                .hasMessageNotContaining(SECRET);
        assertThat(elsewhere.received()).isEmpty();
    }

    @Test
    void redirectToAnotherPortOfTheSameHostIsAnotherOrigin() {
        try (OriginServer otherPort = OriginServer.http("127.0.0.1", r -> Answer.of(200, "{}"))) {
            origin = OriginServer.http("127.0.0.1", r -> Answer.redirect(302, otherPort.url("/x")));
            assertThatThrownBy(() -> client().send(withToken(origin.uri("/x"))))
                    .isInstanceOf(OperationFailedException.class).hasMessageContaining("another origin");
            assertThat(otherPort.received()).isEmpty();
        }
    }

    @Test
    void redirectWithinTheOriginKeepsTheCredential() {
        origin = OriginServer.http("127.0.0.1", r -> r.path().startsWith("/old")
                ? Answer.redirect(301, "/new/issue") : Answer.of(200, "{\"ok\":true}"));

        HttpResult result = client().send(withToken(origin.uri("/old/issue")));

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.uri().getPath()).isEqualTo("/new/issue");
        assertThat(origin.received()).extracting(r -> r.headers().get("authorization"))
                .containsExactly("Bearer " + SECRET, "Bearer " + SECRET);
    }

    @Test
    void anyCredentialHeaderStaysOnItsOrigin() {
        origin = OriginServer.http("127.0.0.1", r -> Answer.redirect(308, elsewhere.url("/api")));
        assertThatThrownBy(() -> client().send(RestClient.Call.get(origin.uri("/api"))
                .credential("X-Api-Key", SECRET))).isInstanceOf(OperationFailedException.class);
        assertThat(elsewhere.received()).isEmpty();
    }

    @Test
    void requestWithoutCredentialsFollowsARedirectToAnotherOrigin() {
        origin = OriginServer.http("127.0.0.1", r -> Answer.redirect(302, elsewhere.url("/health")));

        HttpResult result = client().send(RestClient.Call.get(origin.uri("/health")));

        assertThat(result.status()).isEqualTo(200);
        assertThat(elsewhere.received()).singleElement()
                .satisfies(r -> assertThat(r.headers()).doesNotContainKey("authorization"));
    }

    @Test
    void seeOtherAfterAPostIsFollowedWithAGetWithoutTheBody() {
        origin = OriginServer.http("127.0.0.1", r -> r.method().equals("POST") ? Answer.redirect(303, "/result")
                : Answer.of(200, "{}"));
        client().send(RestClient.Call.of("POST", origin.uri("/create")).json("{\"a\":1}"));
        assertThat(origin.received()).extracting(OriginServer.Received::method).containsExactly("POST", "GET");
        assertThat(origin.received().get(1).headers()).doesNotContainKey("content-type");
    }

    @Test
    void redirectLoopEndsWithAClearError() {
        origin = OriginServer.http("127.0.0.1", r -> Answer.redirect(302, r.path().equals("/a") ? "/b" : "/a"));
        assertThatThrownBy(() -> client().send(RestClient.Call.get(origin.uri("/a"))))
                .isInstanceOf(OperationFailedException.class).hasMessageContaining("in a loop");
        assertThat(origin.received()).hasSize(2);
    }

    @Test
    void endlessRedirectChainIsBounded() {
        origin = OriginServer.http("127.0.0.1", r -> Answer.redirect(302, r.path() + "x"));
        assertThatThrownBy(() -> client().send(RestClient.Call.get(origin.uri("/a"))))
                .isInstanceOf(OperationFailedException.class).hasMessageContaining("more than 5 times");
        assertThat(origin.received()).hasSize(6);
    }

    @Test
    void redirectToAFileUrlIsRefused() {
        origin = OriginServer.http("127.0.0.1", r -> Answer.redirect(302, "file:///etc/passwd"));
        assertThatThrownBy(() -> client().send(RestClient.Call.get(origin.uri("/a"))))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("file:")
                .hasMessageContaining("only http(s) redirects are followed");
    }

    @Test
    void nonHttpSchemesAreRefusedBeforeAnyRequest() {
        for (String url : new String[] {"file:///etc/passwd", "ftp://example.com/x", "jar:file:/x.jar!/a"}) {
            assertThatThrownBy(() -> client().send(RestClient.Call.get(URI.create(url)).setting(SETTING)))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining(SETTING)
                    .hasMessageContaining("expected an http(s) URL");
        }
    }

    @Test
    void httpsToHttpDowngradeIsRefusedEvenOnTheSameHost(@TempDir Path dir) {
        TestTls tls = TestTls.create(dir);
        try (OriginServer plain = OriginServer.http("127.0.0.1", r -> Answer.of(200, "{}"));
                OriginServer secure = OriginServer.https("127.0.0.1", tls,
                        r -> Answer.redirect(301, plain.url("/health")))) {
            HttpClient http = HttpClient.newBuilder().sslContext(tls.clientContext()).build();
            RestClient client = new RestClient(http, HttpSettings.defaults(), d -> { }, Clock.systemUTC(),
                    new Redactor());

            // no credentials at all: the downgrade is refused anyway
            assertThatThrownBy(() -> client.send(RestClient.Call.get(secure.uri("/health")).setting("deploymentUrl")))
                    .isInstanceOf(OperationFailedException.class)
                    .hasMessageContaining("deploymentUrl")
                    .hasMessageContaining("downgrade");
            assertThat(secure.received()).hasSize(1);
            assertThat(plain.received()).isEmpty();
        }
    }

    @Test
    void bodyLargerThanTheBoundFailsClearly() {
        origin = OriginServer.http("127.0.0.1", r -> Answer.of(200, "x".repeat(3 * 1024 * 1024)));
        RestClient client = new RestClient(HttpSettings.defaults().withLimits(Duration.ofMinutes(1), 1024 * 1024, 5),
                d -> { }, Clock.systemUTC(), new Redactor());
        assertThatThrownBy(() -> client.send(RestClient.Call.get(origin.uri("/big")).setting("metrics.prometheusUrl")))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("metrics.prometheusUrl")
                .hasMessageContaining("larger than 1 MiB");
        assertThat(origin.received()).hasSize(1);
    }

    @Test
    void clientThatFollowsRedirectsItselfIsNotAccepted() {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        assertThatThrownBy(() -> new RestClient(following, HttpSettings.defaults(), d -> { }, Clock.systemUTC(),
                new Redactor())).isInstanceOf(IllegalArgumentException.class);
    }
}
