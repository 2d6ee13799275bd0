package io.specweave.deploy.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback endpoint in Prometheus' text format, one path per scenario, with
 * {@code http_requests_total{track,code}} counters and an {@code http_request_duration_seconds}
 * histogram per track that grow by a fixed amount at every scrape, so rate() and
 * histogram_quantile() have real series to work on.
 */
public final class CanaryMetricsEndpoint implements AutoCloseable {

    /** Per scrape: requests, failed requests, and the share of requests at or under each bucket bound. */
    public record Traffic(long requests, long errors, double[] bounds, double[] shares) {
    }

    private final HttpServer server;

    private CanaryMetricsEndpoint(HttpServer server) {
        this.server = server;
    }

    /** @param scenarios path (without slash) → track → traffic per scrape */
    public static CanaryMetricsEndpoint start(Map<String, Map<String, Traffic>> scenarios) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            scenarios.forEach((path, tracks) -> {
                AtomicLong scrapes = new AtomicLong();
                Map<String, Traffic> copy = new LinkedHashMap<>(tracks);
                server.createContext("/" + path, exchange -> {
                    long n = scrapes.incrementAndGet();
                    byte[] body = exposition(copy, n).getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
            });
            server.start();
            return new CanaryMetricsEndpoint(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:port}, as a scrape target. */
    public String target() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    static String exposition(Map<String, Traffic> tracks, long scrape) {
        StringBuilder s = new StringBuilder();
        s.append("# TYPE http_requests_total counter\n");
        tracks.forEach((track, t) -> {
            s.append("http_requests_total{track=\"").append(track).append("\",code=\"200\"} ")
                    .append((t.requests() - t.errors()) * scrape).append('\n');
            if (t.errors() > 0) {
                s.append("http_requests_total{track=\"").append(track).append("\",code=\"500\"} ")
                        .append(t.errors() * scrape).append('\n');
            }
        });
        s.append("# TYPE http_request_duration_seconds histogram\n");
        tracks.forEach((track, t) -> {
            for (int i = 0; i < t.bounds().length; i++) {
                s.append("http_request_duration_seconds_bucket{track=\"").append(track).append("\",le=\"")
                        .append(t.bounds()[i]).append("\"} ").append(Math.round(t.requests() * t.shares()[i]) * scrape)
                        .append('\n');
            }
            s.append("http_request_duration_seconds_bucket{track=\"").append(track).append("\",le=\"+Inf\"} ")
                    .append(t.requests() * scrape).append('\n');
            s.append("http_request_duration_seconds_sum{track=\"").append(track).append("\"} ")
                    .append(0.1 * t.requests() * scrape).append('\n');
            s.append("http_request_duration_seconds_count{track=\"").append(track).append("\"} ")
                    .append(t.requests() * scrape).append('\n');
        });
        return s.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
