package io.specweave.deploy.http;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * URLs read from the config, the environment or an input: the one check of what such a URL must be
 * (absolute http(s) with a host; without user info where it would be recorded or sent on), and how
 * messages show one.
 */
public final class Urls {

    private static final String ABSOLUTE = "an absolute http(s) URL such as \"https://green.myapp.com\"";

    private Urls() {
    }

    /** {@code text} as an absolute http(s) URL; anything else is bad input naming {@code setting}. */
    public static URI httpUrl(String text, Object setting) {
        return httpUrl(text, setting, ABSOLUTE);
    }

    /**
     * {@code text} as an absolute http(s) URL with a host; anything else is bad input naming
     * {@code setting} (text, or an {@link Input} each front end names its own way) and saying what was
     * {@code expected}. Another scheme ({@code file:}, {@code ftp:}, {@code jar:}, ...) is named as
     * such. The message never repeats user info.
     */
    public static URI httpUrl(String text, Object setting, String expected) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new BadInputException(Message.of(subject(setting), ": expected " + expected + ", got " + quoted(text)));
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme != null && !scheme.equals("http") && !scheme.equals("https")) {
            throw new BadInputException(Message.of(subject(setting), ": expected " + expected + ", got a " + scheme
                    + ": URL; only http and https are requested"));
        }
        if (scheme == null || uri.getHost() == null) {
            throw new BadInputException(Message.of(subject(setting), ": expected " + expected + ", got " + quoted(text)));
        }
        return uri;
    }

    /**
     * As {@link #httpUrl(String, Object)}, and without user info ({@code user:password@}), which the URL
     * would carry where {@code why} says.
     */
    public static URI withoutUserInfo(String text, Object setting, String why) {
        return withoutUserInfo(httpUrl(text, setting), setting, why);
    }

    /**
     * A service's base URL (a tracker's API, a collection, a site): an http(s) URL without user info,
     * as {@link #httpUrl(String, Object, String)} reads it, with trailing slashes taken off so that
     * paths join with one.
     */
    public static URI baseUrl(String text, Object setting, String expected) {
        String base = text.trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return withoutUserInfo(httpUrl(base, setting, expected), setting,
                "credentials come from the profile's variables, never from its URL");
    }

    /**
     * {@code uri}; bad input naming {@code setting} when it has user info, which it would carry where
     * {@code why} says.
     */
    public static URI withoutUserInfo(URI uri, Object setting, String why) {
        if (uri.getRawUserInfo() != null) {
            throw new BadInputException(Message.of(subject(setting), ": expected a URL without user info (user:password@), got "
                    + display(uri) + " with user info; " + why));
        }
        return uri;
    }

    /**
     * A URL that is recorded (a deployment URL, a slot's): an http(s) URL without user info and
     * without a parameter that carries a credential ({@code token}, {@code api_key}, {@code sig}) in
     * its query or its fragment ({@code #access_token=}, as an OAuth redirect puts it), bad input
     * naming {@code setting} otherwise. Where it is recorded, the views and the tracking items show it
     * as it is.
     */
    public static URI withoutCredentials(String text, Object setting, String why) {
        URI uri = withoutUserInfo(text, setting, why);
        String query = uri.getRawQuery();
        if (query != null) {
            for (String parameter : query.split("&")) {
                refuseCredential(parameter.split("=", 2)[0], "query", uri, setting, why);
            }
        }
        String fragment = uri.getRawFragment();
        if (fragment != null) {
            // A fragment is no query: only name=value parts are parameters (#/login?token=x in an app's route too).
            for (String parameter : fragment.split("[&?]")) {
                if (parameter.contains("=")) {
                    refuseCredential(parameter.split("=", 2)[0], "fragment", uri, setting, why);
                }
            }
        }
        return uri;
    }

    private static void refuseCredential(String name, String part, URI uri, Object setting, String why) {
        if (CREDENTIAL_PARAMETER.matcher(name).find()) {
            throw new BadInputException(Message.of(subject(setting), ": expected a URL without a credential in its "
                    + part + ", got " + display(uri) + " with a \"" + name + "\" parameter; " + why));
        }
    }

    /**
     * {@code text} without the credentials it holds, when it is an http(s) URL: its user info dropped,
     * the value of each query or fragment parameter that names a credential ({@code token}, {@code sig})
     * as {@code ****}, the rest as written; null when it is no such URL or holds none.
     */
    public static String withoutCredentialParts(String text) {
        // Read for every value of every record: most are no URL, told by their first letters alone.
        int start = 0;
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        if (!text.regionMatches(true, start, "http", 0, 4) || text.indexOf('@') < 0 && text.indexOf('?') < 0
                && text.indexOf('#') < 0) {
            return null;
        }
        // By its shape, not by java.net.URI: a URL written by hand (a space, a bad escape, an @ in its password)
        // is shown as written all the same, and must lose its credentials all the same.
        java.util.regex.Matcher m = URL_SHAPE.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String shown = m.group(1) + m.group(3) + (m.group(4) == null ? "" : maskedParameters(m.group(4)));
        return shown.equals(text) ? null : shown;
    }

    /**
     * An http(s) URL by its shape: the scheme, user info (up to the last @ before the path, query or
     * fragment), the host and path, then its query and fragment.
     */
    private static final java.util.regex.Pattern URL_SHAPE = java.util.regex.Pattern.compile(
            "(?is)(\\s*https?://)([^/?#]*@)?([^?#]*)([?#].*)?");

    /** A {@code name=value} of a query or a fragment; {@code #} ends a query's. */
    private static final java.util.regex.Pattern PARAMETER = java.util.regex.Pattern.compile("([^&?#=]+)=([^&?#]*)");

    private static String maskedParameters(String part) {
        return PARAMETER.matcher(part).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                CREDENTIAL_PARAMETER.matcher(m.group(1)).find() ? m.group(1) + "=****" : m.group()));
    }

    /** Query parameters that carry a credential: {@code token}, {@code access_token}, {@code api_key}, {@code sig}... */
    private static final java.util.regex.Pattern CREDENTIAL_PARAMETER = java.util.regex.Pattern.compile(
            "(?i)token|secret|passw|pwd|api[-_]?key|^key$|^auth(orization)?$|^sig$|signature|credential");

    /** The URL as messages show it: no user info, no query, no fragment (each may hold a secret). */
    public static String display(URI uri) {
        if (uri.getHost() == null) {
            return "(URL hidden)";
        }
        String host = uri.getHost();
        String s = uri.getScheme() + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
        return uri.getRawQuery() == null ? s : s + "?…";
    }

    /**
     * True for a host that is this machine: {@code localhost}, a name under {@code .localhost}, or a
     * literal loopback address (127.0.0.0/8, {@code ::1}, with or without brackets). A name is never
     * resolved: deciding must not cost a DNS request, and a name that resolves to loopback today may
     * not tomorrow.
     */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        InetAddress address = ipLiteral(h);
        return address != null && address.isLoopbackAddress();
    }

    /**
     * The address {@code host} writes out ({@code 10.0.0.7}, {@code ::1}, {@code [fd00::1]}); null for a
     * name. Never a DNS lookup: only what already is an address is read as one.
     */
    public static InetAddress ipLiteral(String host) {
        String literal = host.replace("[", "").replace("]", "");
        String octet = "(25[0-5]|2[0-4]\\d|1?\\d?\\d)";
        boolean v4 = literal.matches(octet + "(\\." + octet + "){3}");
        if (!v4 && !literal.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return null;
        }
        try {
            // In brackets, Java reads an IPv6 text as an address or refuses it; it never looks it up.
            return InetAddress.getByName(v4 ? literal : "[" + literal + "]");
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** As {@link #display(URI)}, for text that may not be a URL at all: then it is hidden whole. */
    public static String display(String text) {
        try {
            return display(new URI(text.trim()));
        } catch (URISyntaxException e) {
            return "(URL hidden)";
        }
    }

    /** An input as the subject of a message ("--run-url: ", "runUrl: "), other settings as they are named. */
    private static Object subject(Object setting) {
        return setting instanceof Input input ? new Message.Name(input) : setting;
    }

    private static String quoted(String text) {
        return text.contains("@") ? "a URL with user info (hidden)" : "\"" + text + "\"";
    }
}
