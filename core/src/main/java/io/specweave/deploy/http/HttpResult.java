package io.specweave.deploy.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A response as the client received it.
 *
 * @param uri     the final URI (after redirects)
 * @param status  HTTP status code
 * @param headers response headers
 * @param body    the body bytes
 * @param elapsed time from sending the request to the last byte of this attempt
 */
public record HttpResult(URI uri, int status, HttpHeaders headers, byte[] body, Duration elapsed) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body parsed as JSON; an empty body is a missing node. */
    public JsonNode json() {
        if (body.length == 0) {
            return Json.mapper().missingNode();
        }
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }
}
