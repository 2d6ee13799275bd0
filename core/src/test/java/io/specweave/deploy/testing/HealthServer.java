package io.specweave.deploy.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback service whose {@code /health} answers with a status the test sets, counting the calls. */
public final class HealthServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger status;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    private HealthServer(HttpServer server, AtomicInteger status) {
        this.server = server;
        this.status = status;
    }

    public static HealthServer start(int initialStatus) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            AtomicInteger status = new AtomicInteger(initialStatus);
            HealthServer health = new HealthServer(server, status);
            server.createContext("/health", exchange -> {
                health.calls.incrementAndGet();
                int code = health.failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : status.get();
                byte[] body = (code < 300 ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(code, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return health;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void status(int code) {
        status.set(code);
    }

    /** The next {@code count} calls answer 503, as a service that is still starting. */
    public void failNext(int count) {
        failuresLeft.set(count);
    }

    public int calls() {
        return calls.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
