package io.specweave.deploy.http;

import java.net.URI;
import java.util.Locale;

/**
 * Scheme, host and port of a URL: the unit a credential belongs to. A credential configured for
 * one origin is never sent to another (RFC 6454's definition: a different port is a different origin).
 */
public record Origin(String scheme, String host, int port) {

    public static Origin of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
        return new Origin(scheme, host, port);
    }

    /** {@code https://host:port}: no user info, path or query, so it is safe in any message. */
    @Override
    public String toString() {
        return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
