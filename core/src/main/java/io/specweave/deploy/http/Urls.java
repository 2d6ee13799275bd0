package io.specweave.deploy.http;

import io.specweave.deploy.BadInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** URLs read from the config or the command line. */
public final class Urls {

    private Urls() {
    }

    /** {@code baseUrl} + {@code path} as an absolute http(s) URI, or bad input saying what was expected. */
    public static URI join(String baseUrl, String path) {
        return join(baseUrl, path, "health check URL");
    }

    /** As {@link #join(String, String)}, naming {@code setting} in the message. */
    public static URI join(String baseUrl, String path, String setting) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        String suffix = path.isEmpty() || path.startsWith("/") ? path : "/" + path;
        return httpUrl(base + suffix, setting);
    }

    /**
     * {@code text} as an absolute http(s) URL; any other scheme ({@code file:}, {@code ftp:},
     * {@code jar:}, ...) is bad input naming {@code setting}. The message never repeats user info.
     */
    public static URI httpUrl(String text, String setting) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new BadInputException(setting + ": expected an absolute http(s) URL such as "
                    + "\"https://green.myapp.com\", got " + quoted(text));
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme != null && !scheme.equals("http") && !scheme.equals("https")) {
            throw new BadInputException(setting + ": expected an absolute http(s) URL such as "
                    + "\"https://green.myapp.com\", got a " + scheme + ": URL; only http and https are requested");
        }
        if (scheme == null || uri.getHost() == null) {
            throw new BadInputException(setting + ": expected an absolute http(s) URL such as "
                    + "\"https://green.myapp.com\", got " + quoted(text));
        }
        return uri;
    }

    /** As {@link #httpUrl}, and without user info ({@code user:password@}), which the URL would carry into records and logs. */
    public static URI withoutUserInfo(String text, String setting, String why) {
        URI uri = httpUrl(text, setting);
        if (uri.getRawUserInfo() != null) {
            throw new BadInputException(setting + ": expected a URL without user info (user:password@), got "
                    + display(uri) + " with user info; " + why);
        }
        return uri;
    }

    /** The URL as messages show it: no user info, no query (either may hold a secret). */
    public static String display(URI uri) {
        if (uri.getHost() == null) {
            return "(URL hidden)";
        }
        String host = uri.getHost();
        String s = uri.getScheme() + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
        return uri.getRawQuery() == null ? s : s + "?…";
    }

    private static String quoted(String text) {
        return text.contains("@") ? "a URL with user info (hidden)" : "\"" + text + "\"";
    }
}
