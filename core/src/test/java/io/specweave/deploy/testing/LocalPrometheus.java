package io.specweave.deploy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A real Prometheus server (the Debian package's binary) on a free loopback port, with its own
 * temporary config and data folder, scraping loopback targets every second. Tests skip when the
 * binary is absent; {@code .ci/run} installs it.
 */
public final class LocalPrometheus implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final String url;

    private LocalPrometheus(Process process, Path log, String url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /** The binary: {@code -Dspecweave.prometheus=...}, else {@code prometheus} on the PATH. */
    public static Optional<Path> binary() {
        String configured = System.getProperty("specweave.prometheus");
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(java.io.File.pathSeparator)).map(dir -> Path.of(dir, "prometheus"))
                .filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts Prometheus scraping each {@code job → target URL path} on {@code target} (host:port)
     * every second.
     *
     * @param jobs job name → metrics path on the target, e.g. {@code good → /good}
     */
    public static LocalPrometheus start(Path binary, Path workDir, String target, List<String> jobs) {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            StringBuilder config = new StringBuilder("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                    + "  evaluation_interval: 1s\nscrape_configs:\n");
            for (String job : jobs) {
                config.append("  - job_name: ").append(job).append("\n    metrics_path: /").append(job)
                        .append("\n    static_configs:\n      - targets: ['").append(target).append("']\n");
            }
            Path configFile = workDir.resolve("prometheus.yml");
            Files.writeString(configFile, config.toString());
            Path data = Files.createDirectories(workDir.resolve("data"));
            Path log = workDir.resolve("prometheus.log");
            Process process = new ProcessBuilder(binary.toString(), "--config.file=" + configFile,
                    "--web.listen-address=127.0.0.1:" + port, "--storage.tsdb.path=" + data,
                    "--storage.tsdb.retention.time=1h", "--log.level=warn")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            LocalPrometheus prometheus = new LocalPrometheus(process, log, "http://127.0.0.1:" + port);
            // A test JVM that is killed must not leave the server running.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            prometheus.await(body -> true, "/-/ready", "Prometheus to be ready");
            return prometheus;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return url;
    }

    /**
     * Waits (at most 60 s, polling) until {@code promql} returns a value of at least {@code min}:
     * e.g. until every series has a few samples, so rate() has something to work with.
     */
    public void awaitAtLeast(String promql, double min) {
        await(body -> {
            int i = body.indexOf("\"value\":[");
            if (i < 0) {
                return false;
            }
            int start = body.indexOf(",\"", i) + 2;
            int end = body.indexOf('"', start);
            try {
                return Double.parseDouble(body.substring(start, end)) >= min;
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                return false;
            }
        }, "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8), promql + " >= " + min);
    }

    private void await(Predicate<String> ready, String path, String what) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prometheus exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url + path))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && ready.test(response.body())) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("gave up waiting for " + what + " after 60 s:\n" + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
