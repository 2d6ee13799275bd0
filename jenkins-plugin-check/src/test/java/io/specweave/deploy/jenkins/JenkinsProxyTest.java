package io.specweave.deploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.ProxyConfiguration;
import io.specweave.deploy.app.Host;
import io.specweave.deploy.http.ProxySettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JenkinsProxyTest {

    @Test
    void jenkinsProxyBecomesTheProxyOfEveryRequestOfTheStep() {
        HashMap<String, String> variables = new HashMap<>(Map.of("BUILD_URL", "https://ci.example.com/job/x/1/"));
        JenkinsProxy.addTo(variables, new ProxyConfiguration("proxy.corp", 3128, "ci bot", "p@ss:word",
                "*.corp.example\nlocalhost|build.example.com 192.168.*"));

        ProxySettings proxy = Host.system(variables, null, null).http().proxy();

        assertThat(proxy.proxyFor(URI.create("https://api.github.com/repos"))).isPresent();
        assertThat(ProxySettings.display(proxy.proxyFor(URI.create("https://api.github.com/")).orElseThrow()))
                .isEqualTo("http://proxy.corp:3128");
        assertThat(proxy.authorizationFor(URI.create("https://api.github.com/"))).contains("Basic " + Base64
                .getEncoder().encodeToString("ci bot:p@ss:word".getBytes(StandardCharsets.UTF_8)));
        assertThat(proxy.proxyFor(URI.create("https://jira.corp.example/"))).isEmpty();
        assertThat(proxy.proxyFor(URI.create("https://build.example.com/"))).isEmpty();
        assertThat(proxy.proxyFor(URI.create("http://192.168.3.4:8080/"))).isEmpty();
        assertThat(proxy.proxyFor(URI.create("http://192.169.3.4:8080/"))).isPresent();
        assertThat(proxy.proxyFor(URI.create("https://corp.example/"))).as("*. is a subdomain, as in Jenkins")
                .isPresent();
        assertThat(variables.get("NO_PROXY")).isEqualTo("*.corp.example,localhost,build.example.com,192.168.*");
    }

    @Test
    void everyJenkinsNoProxyPatternGoesDirectAsJenkinsMatchesIt() {
        String patterns = "10.* 10.1.2.*,172.16.*|*.svc\tbuild-*.example.com 10.*.1.2 jira.corp";
        assertThat(JenkinsProxy.noProxy(patterns))
                .isEqualTo("10.*,10.1.2.*,172.16.*,*.svc,build-*.example.com,10.*.1.2,jira.corp");
        HashMap<String, String> variables = new HashMap<>();
        JenkinsProxy.addTo(variables, new ProxyConfiguration("proxy.corp", 3128, null, null, patterns));
        ProxySettings proxy = Host.system(variables, null, null).http().proxy();

        for (String direct : new String[] {"http://10.9.8.7/", "http://172.16.0.1/", "https://api.svc/",
                "https://build-42.example.com/", "http://10.200.1.2/", "https://jira.corp/"}) {
            assertThat(proxy.proxyFor(URI.create(direct))).as(direct).isEmpty();
        }
        for (String proxied : new String[] {"http://11.0.0.1/", "http://172.17.0.1/", "https://build.example.com/",
                "https://svc/", "https://example.com/"}) {
            assertThat(proxy.proxyFor(URI.create(proxied))).as(proxied).isPresent();
        }
        assertThat(JenkinsProxy.noProxy("*")).isEqualTo("*");
        assertThat(JenkinsProxy.noProxy(null)).isEmpty();
    }

    @Test
    void theAgentsOwnProxyVariablesWin() {
        HashMap<String, String> variables = new HashMap<>(Map.of("https_proxy", "http://agent-proxy:8080"));
        JenkinsProxy.addTo(variables, new ProxyConfiguration("proxy.corp", 3128, null, null, null));
        assertThat(variables).doesNotContainKeys("HTTPS_PROXY", "HTTP_PROXY");
    }

    @Test
    void noJenkinsProxyAddsNothing() {
        HashMap<String, String> variables = new HashMap<>();
        JenkinsProxy.addTo(variables, null);
        JenkinsProxy.addTo(variables, new ProxyConfiguration(" ", 3128, null, null, null));
        assertThat(variables).isEmpty();
    }
}
