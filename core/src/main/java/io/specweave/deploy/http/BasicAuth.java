package io.specweave.deploy.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** HTTP Basic credentials as a header value (RFC 7617), for servers and proxies alike. */
public final class BasicAuth {

    private BasicAuth() {
    }

    /** {@code Basic} and the Base64 of {@code user:password} in UTF-8. */
    public static String header(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** From a URL's user info, already percent-decoded: {@code user:password}, or a user alone. */
    public static String fromUserInfo(String decoded) {
        int colon = decoded.indexOf(':');
        return colon < 0 ? header(decoded, "") : header(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
