package io.specweave.deploy.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A loopback server answering Prometheus' instant query API ({@code GET /api/v1/query}) with one
 * sample per query, the value chosen by the test from the PromQL text; records the queries asked.
 */
public final class PrometheusQueryApi implements AutoCloseable {

    private final HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();

    private PrometheusQueryApi(HttpServer server) {
        this.server = server;
    }

    /** @param values PromQL → value as Prometheus writes it ("12.5", "NaN"), or null for an empty vector */
    public static PrometheusQueryApi start(Function<String, String> values) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            PrometheusQueryApi api = new PrometheusQueryApi(server);
            server.createContext("/api/v1/query", exchange -> {
                String raw = exchange.getRequestURI().getRawQuery();
                String query = URLDecoder.decode(raw.substring(raw.indexOf("query=") + 6), StandardCharsets.UTF_8);
                api.queries.add(query);
                String value = values.apply(query);
                String result = value == null ? "[]" : "[{\"metric\": {}, \"value\": [1764237600.0, \"" + value + "\"]}]";
                byte[] body = ("{\"status\": \"success\", \"data\": {\"resultType\": \"vector\", \"result\": " + result
                        + "}}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<String> queries() {
        return List.copyOf(queries);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
