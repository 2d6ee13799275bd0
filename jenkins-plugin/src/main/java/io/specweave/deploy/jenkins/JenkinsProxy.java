package io.specweave.deploy.jenkins;

import hudson.ProxyConfiguration;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Jenkins' proxy (Manage Jenkins → System → HTTP Proxy) as the variables core reads
 * ({@code HTTPS_PROXY}, {@code HTTP_PROXY}, {@code NO_PROXY}), so the step's requests on the agent
 * go where the controller's do. A proxy the run's own environment names wins: it is the agent's,
 * closest to the network the step runs in. The password travels in the run's variables to the
 * agent (like the step's credential), never into a log.
 */
final class JenkinsProxy {

    private static final List<String> PROXY_VARIABLES = List.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY",
            "http_proxy");

    private JenkinsProxy() {
    }

    static void addTo(Map<String, String> variables, ProxyConfiguration proxy) {
        if (proxy == null || Text.blankToNull(proxy.getName()) == null || proxy.getPort() <= 0
                || PROXY_VARIABLES.stream().anyMatch(v -> Text.blankToNull(variables.get(v)) != null)) {
            return;
        }
        String user = Text.blankToNull(proxy.getUserName());
        String password = proxy.getSecretPassword() == null ? null
                : Text.blankToNull(proxy.getSecretPassword().getPlainText());
        String userInfo = user == null ? "" : encode(user) + (password == null ? "" : ":" + encode(password)) + "@";
        String url = "http://" + userInfo + proxy.getName().trim() + ":" + proxy.getPort();
        variables.put("HTTPS_PROXY", url);
        variables.put("HTTP_PROXY", url);
        String noProxy = noProxy(proxy.getNoProxyHost());
        if (!noProxy.isEmpty() && Text.blankToNull(variables.get("NO_PROXY")) == null
                && Text.blankToNull(variables.get("no_proxy")) == null) {
            variables.put("NO_PROXY", noProxy);
        }
    }

    /**
     * Jenkins' "No Proxy Host" patterns (separated by blanks, commas or |) as a NO_PROXY list: core
     * reads a {@code *} in an entry as Jenkins does ({@code *.example.com}, {@code 192.168.*}).
     */
    static String noProxy(String patterns) {
        return patterns == null ? "" : Arrays.stream(patterns.split("[ \t\n,|]+")).filter(p -> !p.isEmpty())
                .collect(Collectors.joining(","));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
