package io.specweave.deploy.release;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * GitHub's release downloads for one repository on loopback, as the setup action reads them:
 * {@code /OWNER/REPO/releases/download/vX.Y.Z/FILE} serves a release's files and
 * {@code /OWNER/REPO/releases/latest} redirects to {@code /OWNER/REPO/releases/tag/vX.Y.Z}.
 */
final class FakeReleases implements AutoCloseable {

    private final HttpServer server;
    private final String repository;
    private final Map<String, Path> releases = new ConcurrentHashMap<>();
    private volatile String latest;
    final List<String> requests = new CopyOnWriteArrayList<>();

    FakeReleases(String repository) {
        this.repository = repository;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** The runner's GITHUB_SERVER_URL for this server. */
    String serverUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** Publishes the files of {@code dir} as release vVERSION; the newest published is the latest. */
    FakeReleases publish(String version, Path dir) {
        releases.put(version, dir);
        latest = version;
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestMethod() + " " + path);
        String prefix = "/" + repository + "/releases/";
        try (exchange) {
            if (!path.startsWith(prefix)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String rest = path.substring(prefix.length());
            if (rest.equals("latest") && latest != null) {
                exchange.getResponseHeaders().add("Location", prefix + "tag/v" + latest);
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            if (rest.startsWith("tag/v") && releases.containsKey(rest.substring("tag/v".length()))) {
                byte[] page = "<html>release</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
                return;
            }
            String[] parts = rest.split("/");
            if (parts.length == 3 && parts[0].equals("download") && parts[1].startsWith("v")) {
                Path dir = releases.get(parts[1].substring(1));
                Path file = dir == null ? null : dir.resolve(parts[2]);
                if (file != null && Files.isRegularFile(file)) {
                    byte[] bytes = Files.readAllBytes(file);
                    exchange.sendResponseHeaders(200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                    return;
                }
            }
            exchange.sendResponseHeaders(404, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
