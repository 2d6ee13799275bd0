package io.specweave.deploy.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A loopback origin (http or https, on 127.0.0.1, 127.0.0.2 or any loopback address) that answers
 * every request with what a test's function says and records what it got, headers included: the
 * second origin of a redirect test asserts here that no credential reached it.
 */
public final class OriginServer implements AutoCloseable {

    /** A request as the server got it; header names lower case. */
    public record Received(String method, String path, Map<String, String> headers) {
    }

    /** An answer: status, headers, body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public static Answer of(int status, String body) {
            return new Answer(status, Map.of(), body);
        }

        public static Answer redirect(int status, String location) {
            return new Answer(status, Map.of("Location", location), "");
        }
    }

    private final HttpServer server;
    private final String scheme;
    private final List<Received> received = new ArrayList<>();

    private OriginServer(HttpServer server, String scheme, Function<Received, Answer> answers) {
        this.server = server;
        this.scheme = scheme;
        server.createContext("/", exchange -> handle(exchange, answers));
        server.start();
    }

    /** A plain http origin on {@code address} (e.g. "127.0.0.2"). */
    public static OriginServer http(String address, Function<Received, Answer> answers) {
        try {
            return new OriginServer(HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0),
                    "http", answers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An https origin on {@code address} with the certificate of {@code tls}. */
    public static OriginServer https(String address, TestTls tls, Function<Received, Answer> answers) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0);
            SSLContext context = tls.serverContext();
            server.setHttpsConfigurator(new HttpsConfigurator(context));
            return new OriginServer(server, "https", answers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code scheme://address:port} + {@code path}. */
    public String url(String path) {
        InetSocketAddress address = server.getAddress();
        return scheme + "://" + address.getAddress().getHostAddress() + ":" + address.getPort() + path;
    }

    public URI uri(String path) {
        return URI.create(url(path));
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange, Function<Received, Answer> answers) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        exchange.getRequestBody().readAllBytes();
        Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers);
        synchronized (this) {
            received.add(request);
        }
        Answer answer = answers.apply(request);
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
