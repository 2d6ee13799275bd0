package io.specweave.deploy.http;

import io.specweave.deploy.BadInputException;
import java.net.URI;
import java.net.URISyntaxException;

/** URLs read from the config or the command line. */
public final class Urls {

    private Urls() {
    }

    /** {@code baseUrl} + {@code path} as an absolute URI, or bad input saying what was expected. */
    public static URI join(String baseUrl, String path) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        String suffix = path.isEmpty() || path.startsWith("/") ? path : "/" + path;
        try {
            URI uri = new URI(base + suffix);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(base + suffix, "not an absolute URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new BadInputException("health check URL \"" + base + suffix
                    + "\": expected an absolute http(s) URL such as \"https://green.myapp.com\"");
        }
    }
}
