package io.specweave.deploy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.Redactor;
import io.specweave.deploy.app.Host;
import io.specweave.deploy.testing.OriginServer.Answer;
import io.specweave.deploy.testing.OriginServer;
import io.specweave.deploy.testing.TestProxy;
import io.specweave.deploy.testing.TestTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS_PROXY, HTTP_PROXY and NO_PROXY, through a loopback proxy written for the test. Target hosts
 * are {@code *.proxy.test} names that only the proxy resolves, so a request that arrives went
 * through it.
 */
class ProxyTest {

    private final OriginServer service = OriginServer.http("127.0.0.1", r -> Answer.of(200, "{\"status\":\"UP\"}"));
    private TestProxy proxy;

    @AfterEach
    void stop() {
        service.close();
        if (proxy != null) {
            proxy.close();
        }
    }

    private static RestClient client(ProxySettings proxySettings) {
        return new RestClient(HttpSettings.defaults().withMaxAttempts(1).withNetwork(proxySettings, null, null),
                d -> { }, Clock.systemUTC(), new Redactor());
    }

    private URI viaName(String path) {
        return URI.create("http://svc.proxy.test:" + service.uri("/").getPort() + path);
    }

    @Test
    void httpProxyCarriesAnHttpRequest() {
        proxy = TestProxy.open();
        ProxySettings settings = ProxySettings.fromEnv(Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.port()));

        HttpResult result = client(settings).send(RestClient.Call.get(viaName("/health")));

        assertThat(result.status()).isEqualTo(200);
        assertThat(proxy.asked()).extracting(TestProxy.Asked::target).containsExactly(viaName("/health").toString());
        assertThat(service.received()).hasSize(1);
    }

    @Test
    void proxyCredentialsFromTheUrlGoToTheProxyAsBasicAuth() {
        String expected = "Basic " + Base64.getEncoder().encodeToString("ci:p@ss word".getBytes(StandardCharsets.UTF_8));
        proxy = TestProxy.requiring(expected);
        ProxySettings settings = ProxySettings.fromEnv(Map.of("http_proxy",
                "http://ci:p%40ss%20word@127.0.0.1:" + proxy.port()));

        assertThat(client(settings).send(RestClient.Call.get(viaName("/health"))).status()).isEqualTo(200);
        assertThat(proxy.asked()).singleElement().satisfies(a -> assertThat(a.proxyAuthorization()).isEqualTo(expected));
    }

    @Test
    void noProxyEntriesGoDirect() {
        proxy = TestProxy.open();
        for (String noProxy : new String[] {"svc.proxy.test", ".proxy.test", "proxy.test", "*",
                "other.example, svc.proxy.test:" + service.uri("/").getPort()}) {
            ProxySettings settings = ProxySettings.fromEnv(Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.port(),
                    "NO_PROXY", noProxy));
            // direct, the name does not resolve: the request fails without reaching the proxy
            assertThatThrownBy(() -> client(settings).send(RestClient.Call.get(viaName("/health"))))
                    .as(noProxy).isInstanceOf(OperationFailedException.class);
        }
        assertThat(proxy.asked()).isEmpty();
    }

    @Test
    void noProxyWithAnotherPortStillUsesTheProxy() {
        proxy = TestProxy.open();
        ProxySettings settings = ProxySettings.fromEnv(Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.port(),
                "no_proxy", "svc.proxy.test:1,example.com"));
        assertThat(client(settings).send(RestClient.Call.get(viaName("/health"))).status()).isEqualTo(200);
        assertThat(proxy.asked()).hasSize(1);
    }

    @Test
    void aNoProxyRangeSendsTheAddressesInItDirectWithoutLookingUpNames() {
        ProxySettings settings = ProxySettings.fromEnv(Map.of("HTTPS_PROXY", "http://proxy.example:3128",
                "NO_PROXY", "10.0.0.0/8, 192.168.4.0/22,fd00::/8,172.16.0.0/99,not-a-range/8"));

        for (String direct : new String[] {"https://10.1.2.3/", "https://10.255.255.255:8443/", "https://192.168.7.9/",
                "https://[fd12:3456::1]/"}) {
            assertThat(settings.proxyFor(URI.create(direct))).as(direct).isEmpty();
        }
        for (String proxied : new String[] {"https://11.0.0.1/", "https://192.168.8.1/", "https://[fe80::1]/",
                "https://172.16.0.1/", "https://10.example.com/", "https://jira.corp.example/"}) {
            assertThat(settings.proxyFor(URI.create(proxied))).as(proxied).isPresent();
        }
    }

    /** Java's http.nonProxyHosts wildcards, which teams on the JVM (and Jenkins' "No Proxy Host") write. */
    @Test
    void aWildcardInANoProxyEntryMatchesTheWholeHostAsJavaReadsIt() {
        ProxySettings settings = ProxySettings.fromEnv(Map.of("HTTPS_PROXY", "http://proxy.example:3128",
                "NO_PROXY", "*.corp.example,10.*,build-*.ci.example"));

        for (String direct : new String[] {"https://jira.corp.example/", "https://a.b.corp.example:8443/",
                "https://10.1.2.3/", "https://build-7.ci.example/"}) {
            assertThat(settings.proxyFor(URI.create(direct))).as(direct).isEmpty();
        }
        for (String proxied : new String[] {"https://corp.example/", "https://corp.example.evil/",
                "https://110.1.2.3/", "https://build.ci.example/", "https://xbuild-7.ci.example/"}) {
            assertThat(settings.proxyFor(URI.create(proxied))).as(proxied).isPresent();
        }
    }

    @Test
    void loopbackDestinationsAlwaysGoDirect() {
        proxy = TestProxy.open();
        ProxySettings settings = ProxySettings.fromEnv(Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.port()));
        assertThat(client(settings).send(RestClient.Call.get(service.uri("/health"))).status()).isEqualTo(200);
        assertThat(proxy.asked()).isEmpty();
        assertThat(settings.proxyFor(URI.create("http://localhost:8080/"))).isEmpty();
        assertThat(settings.proxyFor(URI.create("http://[::1]:8080/"))).isEmpty();
        assertThat(settings.proxyFor(URI.create("http://10.0.0.1/"))).isPresent();
    }

    @Test
    void httpsGoesThroughATunnelAndTheCredentialTravelsInsideIt(@TempDir Path dir) {
        TestTls tls = TestTls.create(dir);
        proxy = TestProxy.open();
        try (OriginServer secure = OriginServer.https("127.0.0.1", tls, r -> Answer.of(200, "{}"))) {
            ProxySettings settings = ProxySettings.fromEnv(Map.of("HTTPS_PROXY", "127.0.0.1:" + proxy.port()));
            HttpClient http = HttpClient.newBuilder().sslContext(tls.clientContext()).proxy(settings.selector()).build();
            RestClient client = new RestClient(http, HttpSettings.defaults().withNetwork(settings, null, null),
                    d -> { }, Clock.systemUTC(), new Redactor());
            URI target = URI.create("https://svc.proxy.test:" + secure.uri("/").getPort() + "/rest/api/2/myself");

            assertThat(client.send(RestClient.Call.get(target).authorization("Bearer tunnel-token")).status())
                    .isEqualTo(200);
            assertThat(proxy.asked()).extracting(TestProxy.Asked::method, TestProxy.Asked::target)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("CONNECT", "svc.proxy.test:"
                            + secure.uri("/").getPort()));
            assertThat(secure.received()).singleElement().satisfies(r -> {
                assertThat(r.headers()).containsEntry("authorization", "Bearer tunnel-token");
                assertThat(r.headers()).doesNotContainKey("proxy-authorization");
            });
        }
    }

    @Test
    void tunnelThroughAProxyWantingBasicAuthNamesTheJdkSettingAndHidesThePassword() {
        String password = "tunnel-pass-5521";
        proxy = TestProxy.requiring("Basic " + Base64.getEncoder().encodeToString(("ci:" + password)
                .getBytes(StandardCharsets.UTF_8)));
        ProxySettings settings = ProxySettings.fromEnv(Map.of("HTTPS_PROXY",
                "http://ci:" + password + "@127.0.0.1:" + proxy.port()));

        assertThatThrownBy(() -> client(settings).send(RestClient.Call.get(URI.create("https://svc.proxy.test:1/x"))))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("HTTP 407")
                .hasMessageContaining("HTTPS_PROXY")
                .hasMessageContaining("http://127.0.0.1:" + proxy.port())
                .hasMessageContaining("jdk.http.auth.tunneling.disabledSchemes")
                .hasMessageNotContaining(password);
        // Java leaves Basic out of a CONNECT by default: the proxy saw the tunnel request without it
        assertThat(proxy.asked()).extracting(TestProxy.Asked::method).containsOnly("CONNECT");
    }

    @Test
    void badProxySettingIsBadInputNamingTheVariableWithoutItsPassword() {
        assertThatThrownBy(() -> ProxySettings.fromEnv(Map.of("HTTPS_PROXY", "socks5://ci:hunter22@proxy:1080")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("HTTPS_PROXY")
                .hasMessageContaining("http://")
                .hasMessageNotContaining("hunter22");
        assertThatThrownBy(() -> ProxySettings.fromEnv(Map.of("http_proxy", "http://ci:hunter22@proxy:3128/path")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("http_proxy")
                .hasMessageNotContaining("hunter22");
    }

    @Test
    void lowerCaseVariableWinsAndEachSchemeHasItsOwnProxy() {
        ProxySettings settings = ProxySettings.fromEnv(Map.of("https_proxy", "http://lower:1", "HTTPS_PROXY",
                "http://upper:2", "HTTP_PROXY", "http://plain:3"));
        assertThat(settings.proxyFor(URI.create("https://api.github.com/"))).contains(URI.create("http://lower:1"));
        assertThat(settings.proxyFor(URI.create("http://example.com/"))).contains(URI.create("http://plain:3"));
        assertThat(ProxySettings.fromEnv(Map.of()).isNone()).isTrue();
    }

    @Test
    void hostReadsTheProxyFromItsEnvironment() {
        Host host = Host.system(Map.of("HTTPS_PROXY", "http://proxy.example:3128", "NO_PROXY", ".corp"), null, null);
        assertThat(host.http().proxy().proxyFor(URI.create("https://jira.example.com/"))).isPresent();
        assertThat(host.http().proxy().proxyFor(URI.create("https://jira.corp/"))).isEmpty();
    }

    @Test
    void cliAndActionLetJavaSendTunnelCredentialsOnlyWhenTheProxyUrlHasThem() {
        String property = ProxySettings.TUNNELING_DISABLED_SCHEMES;
        String before = System.getProperty(property);
        try {
            System.clearProperty(property);
            assertThat(ProxySettings.allowBasicForTunnels(Map.of("HTTPS_PROXY", "http://proxy.example:3128"))).isFalse();
            assertThat(System.getProperty(property)).isNull();
            assertThat(ProxySettings.allowBasicForTunnels(Map.of("HTTPS_PROXY", "http://ci:pw@proxy.example:3128")))
                    .isTrue();
            assertThat(System.getProperty(property)).isEmpty();
            System.setProperty(property, "Basic,Digest");
            assertThat(ProxySettings.allowBasicForTunnels(Map.of("HTTPS_PROXY", "http://ci:pw@proxy.example:3128")))
                    .as("an administrator's choice stays").isFalse();
            assertThat(System.getProperty(property)).isEqualTo("Basic,Digest");
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }
}
