package io.specweave.deploy.http;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Redactor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The HTTP proxy every outgoing request goes through, as {@code curl} and most CI tools read it:
 * {@code https_proxy}/{@code HTTPS_PROXY} for https URLs, {@code http_proxy}/{@code HTTP_PROXY} for
 * http URLs (the lower-case name wins when both are set), {@code no_proxy}/{@code NO_PROXY} a comma
 * list of hosts that go direct ({@code example.com} and {@code .example.com} match the domain and
 * its subdomains, {@code host:port} only that port, {@code 10.0.0.0/8} or {@code fd00::/8} the
 * addresses of that range when the URL names an address, {@code *} everything, and a wildcard in an
 * entry as Java's {@code http.nonProxyHosts} reads it: {@code *.example.com}, {@code 10.*}). Loopback destinations
 * ({@code localhost}, 127.0.0.0/8, ::1) always go direct: a proxy cannot reach this machine's
 * loopback. Credentials in a proxy URL ({@code http://user:pass@proxy:3128}) are sent to the proxy
 * only, as {@code Proxy-Authorization: Basic}, and never printed.
 *
 * @param http    the proxy for http URLs; null: direct
 * @param https   the proxy for https URLs; null: direct
 * @param noProxy the {@code no_proxy} entries, lower case
 * @param source  where the setting came from, for messages (e.g. {@code HTTPS_PROXY})
 */
public record ProxySettings(URI http, URI https, List<String> noProxy, String source) {

    public static final ProxySettings NONE = new ProxySettings(null, null, List.of(), "no proxy");

    public ProxySettings {
        noProxy = List.copyOf(noProxy);
    }

    /** The proxy the environment variables name; {@link #NONE} when none is set. */
    public static ProxySettings fromEnv(Map<String, String> env) {
        String[] https = first(env, "https_proxy", "HTTPS_PROXY");
        String[] http = first(env, "http_proxy", "HTTP_PROXY");
        String[] noProxy = first(env, "no_proxy", "NO_PROXY");
        if (https == null && http == null) {
            return NONE;
        }
        return new ProxySettings(http == null ? null : parse(http[1], http[0]),
                https == null ? null : parse(https[1], https[0]), split(noProxy == null ? "" : noProxy[1], ","),
                https != null ? https[0] : http[0]);
    }

    public boolean isNone() {
        return http == null && https == null;
    }

    /** The proxy a request to {@code target} goes through, if any. */
    public Optional<URI> proxyFor(URI target) {
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        URI proxy = "https".equals(scheme) ? https : "http".equals(scheme) ? http : null;
        if (proxy == null || target.getHost() == null || bypasses(target)) {
            return Optional.empty();
        }
        return Optional.of(proxy);
    }

    /** The {@code Proxy-Authorization} value for the proxy of {@code target}, when its URL holds credentials. */
    public Optional<String> authorizationFor(URI target) {
        return proxyFor(target).filter(p -> p.getRawUserInfo() != null).map(p -> BasicAuth.fromUserInfo(decode(p.getRawUserInfo())));
    }

    /** Whether any proxy URL holds credentials. */
    public boolean hasCredentials() {
        return http != null && http.getRawUserInfo() != null || https != null && https.getRawUserInfo() != null;
    }

    /** The proxy credentials in every form a message could show them, for the redactor. */
    public void addSecretsTo(Redactor redactor) {
        secrets().forEach(redactor::add);
    }

    /** The proxy URLs' user info, raw and decoded, and their passwords: what a log must mask. */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        for (URI proxy : new URI[] {http, https}) {
            if (proxy != null && proxy.getRawUserInfo() != null) {
                String userInfo = decode(proxy.getRawUserInfo());
                secrets.add(proxy.getRawUserInfo());
                secrets.add(userInfo);
                int colon = userInfo.indexOf(':');
                if (colon >= 0 && colon + 1 < userInfo.length()) {
                    secrets.add(userInfo.substring(colon + 1));
                }
            }
        }
        return secrets;
    }

    /** The JDK property that lists the schemes it withholds from a CONNECT; "Basic" by default. */
    public static final String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

    /**
     * For a process this tool owns (the CLI, the Action's container), lets Java send Basic proxy
     * credentials on a CONNECT when the environment's proxy URL holds some and the property is not
     * set already: the user configured those credentials for exactly this. Must run before the
     * first HTTP client is built (the JDK reads the property once). Never called inside Jenkins,
     * whose JVM is shared: there the administrator sets the property.
     *
     * @return true when it set the property
     */
    public static boolean allowBasicForTunnels(Map<String, String> env) {
        if (System.getProperty(TUNNELING_DISABLED_SCHEMES) != null) {
            return false;
        }
        ProxySettings settings;
        try {
            settings = fromEnv(env);
        } catch (BadInputException e) {
            return false; // the command reports the bad setting when it builds its clients
        }
        if (settings.https == null || settings.https.getRawUserInfo() == null) {
            return false;
        }
        System.setProperty(TUNNELING_DISABLED_SCHEMES, "");
        return true;
    }

    /** The selector {@link java.net.http.HttpClient} asks for each request. */
    public ProxySelector selector() {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return proxyFor(uri).map(p -> List.of(new Proxy(Proxy.Type.HTTP,
                        InetSocketAddress.createUnresolved(p.getHost(), port(p))))).orElse(List.of(Proxy.NO_PROXY));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
                // The request fails with this error and is retried by the retry policy; nothing to remember.
            }
        };
    }

    /** A proxy URL as messages show it: {@code http://proxy:3128}, never its credentials. */
    public static String display(URI proxy) {
        return proxy == null ? "none" : "http://" + proxy.getHost() + ":" + port(proxy);
    }

    boolean bypasses(URI target) {
        String host = target.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (Urls.isLoopback(host)) {
            return true;
        }
        int port = target.getPort() >= 0 ? target.getPort() : "https".equalsIgnoreCase(target.getScheme()) ? 443 : 80;
        InetAddress address = Urls.ipLiteral(host);
        for (String entry : noProxy) {
            if (entry.equals("*")) {
                return true;
            }
            if (entry.indexOf('/') > 0) {
                if (inRange(address, entry)) {
                    return true;
                }
                continue;
            }
            if (entry.indexOf('*') >= 0) {
                // A wildcard as Java's http.nonProxyHosts and Jenkins' "No Proxy Host" read it:
                // *.corp.example, 10.*, build-*.corp.example match the whole host.
                if (host.matches(Arrays.stream(entry.split("\\*", -1)).map(Pattern::quote)
                        .collect(Collectors.joining(".*")))) {
                    return true;
                }
                continue;
            }
            String name = entry;
            int entryPort = -1;
            int colon = entry.lastIndexOf(':');
            if (colon > 0 && entry.indexOf(':') == colon && entry.substring(colon + 1).matches("\\d+")) {
                name = entry.substring(0, colon);
                entryPort = Integer.parseInt(entry.substring(colon + 1));
            } else if (entry.startsWith("[") && entry.contains("]:")) {
                name = entry.substring(1, entry.indexOf(']'));
                entryPort = Integer.parseInt(entry.substring(entry.indexOf("]:") + 2));
            }
            name = name.replace("[", "").replace("]", "");
            if (entryPort >= 0 && entryPort != port) {
                continue;
            }
            String domain = name.startsWith(".") ? name.substring(1) : name;
            if (!domain.isEmpty() && (host.equals(domain) || host.endsWith("." + domain))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code address} (the URL's host when it is one; null for a name, which is never looked up)
     * is in the range {@code cidr} ({@code 192.168.0.0/16}) names, as curl reads such an entry; an entry
     * that is not a range matches nothing.
     */
    private static boolean inRange(InetAddress address, String cidr) {
        int slash = cidr.indexOf('/');
        InetAddress range = Urls.ipLiteral(cidr.substring(0, slash));
        String bits = cidr.substring(slash + 1);
        if (address == null || range == null || !bits.matches("\\d{1,3}")) {
            return false;
        }
        byte[] a = address.getAddress();
        byte[] r = range.getAddress();
        int prefix = Integer.parseInt(bits);
        if (a.length != r.length || prefix > a.length * 8) {
            return false;
        }
        for (int i = 0; i < prefix; i++) {
            int mask = 0x80 >> (i % 8);
            if ((a[i / 8] & mask) != (r[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static URI parse(String value, String variable) {
        String text = value.trim();
        if (!text.contains("://")) {
            text = "http://" + text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new BadInputException(variable + ": expected a proxy URL such as http://proxy.example.com:3128, "
                    + "got a value that is not a URL" + (text.contains("@") ? "" : " (\"" + text + "\")"));
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") || uri.getHost() == null) {
            throw new BadInputException(variable + ": expected an http:// proxy URL such as "
                    + "http://proxy.example.com:3128, got " + (uri.getHost() == null ? "no host" : scheme + "://"
                            + uri.getHost()) + (scheme.equals("http") ? "" : " (Java's HTTP client speaks plain "
                                    + "http to a proxy; https:// and socks proxies are not supported)"));
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new BadInputException(variable + ": expected a proxy URL without a path, such as "
                    + display(uri));
        }
        return uri;
    }

    private static int port(URI proxy) {
        return proxy.getPort() >= 0 ? proxy.getPort() : 80;
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String[] first(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return new String[] {name, value};
            }
        }
        return null;
    }

    private static List<String> split(String text, String separator) {
        List<String> entries = new ArrayList<>();
        for (String part : text.split(separator)) {
            String entry = part.trim().toLowerCase(Locale.ROOT);
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        return entries;
    }
}
