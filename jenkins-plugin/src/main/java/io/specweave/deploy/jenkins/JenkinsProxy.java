package io.specweave.deploy.jenkins;

import hudson.ProxyConfiguration;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
     * Jenkins' "No Proxy Host" patterns (separated by blanks, commas or |; {@code *} a wildcard) as a
     * NO_PROXY list: {@code *.example.com} becomes {@code .example.com}, an address prefix
     * {@code 192.168.*} the range {@code 192.168.0.0/16}, a plain name stays; a pattern with a
     * wildcard elsewhere ({@code build-*.example.com}) has no NO_PROXY form and is left out.
     */
    static String noProxy(String patterns) {
        if (patterns == null) {
            return "";
        }
        List<String> entries = new ArrayList<>();
        for (String pattern : patterns.split("[ \t\n,|]+")) {
            if (pattern.isEmpty()) {
                continue;
            }
            if (pattern.equals("*")) {
                entries.add("*");
            } else if (pattern.startsWith("*.") && pattern.indexOf('*', 1) < 0) {
                entries.add(pattern.substring(1));
            } else if (pattern.matches("(\\d{1,3}\\.){1,3}\\*")) {
                String[] octets = pattern.split("\\.");
                int known = octets.length - 1;
                entries.add(String.join(".", Arrays.copyOf(octets, known)) + ".0".repeat(4 - known)
                        + "/" + known * 8);
            } else if (pattern.indexOf('*') < 0) {
                entries.add(pattern);
            }
        }
        return String.join(",", entries);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
