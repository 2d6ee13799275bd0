package io.specweave.deploy.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Input;
import io.specweave.deploy.JsonInput;
import io.specweave.deploy.Message;
import io.specweave.deploy.config.ConfigLoader;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Metrics from a JSON file, for teams without Prometheus:
 * {@code {"canary": {"requestRate": 12.5, "errorRate": 0.4, "p50Latency": 0.045, "p95Latency": 0.180,
 * "requests": 750}, "stable": {...}}}. Rates are per second, {@code errorRate} in percent as in
 * every file this tool reads or writes (docs/config.md "Units"), latencies in seconds
 * ({@code p50LatencyMs} / {@code p95LatencyMs} in milliseconds are read too). The file is read again at every measurement, so another process may update it.
 */
public final class FileMetricsSource implements MetricsSource {

    private final Path file;

    public FileMetricsSource(Path file) {
        this.file = file;
    }

    /** Bad input in the file is the metrics-file input's: a front end titles the error with it. */
    @Override
    public TrackMetrics read(String track, String version) {
        return BadInputException.about(Input.METRICS_FILE, () -> readFile(track));
    }

    private TrackMetrics readFile(String track) {
        String source = file.toString();
        ObjectNode root;
        try {
            root = ConfigLoader.parseObject(JsonInput.readText(file, source), source);
        } catch (NoSuchFileException e) {
            throw new BadInputException(Input.METRICS_FILE, Message.text(
                    source + ": cannot be read (the metrics file): no such file"), e);
        }
        JsonNode node = root.get(track);
        List<String> problems = new ArrayList<>();
        if (node == null || !node.isObject()) {
            problems.add(source + ": no \"" + track + "\" object");
            return new TrackMetrics(null, null, null, null, null, problems);
        }
        return new TrackMetrics(number(node, "requestRate", 1, source, track, problems),
                number(node, "errorRate", 0.01, source, track, problems),
                latency(node, "p50Latency", source, track, problems),
                latency(node, "p95Latency", source, track, problems),
                number(node, "requests", 1, source, track, problems), problems);
    }

    private static Double latency(JsonNode node, String field, String source, String track, List<String> problems) {
        if (node.has(field + "Ms") && node.has(field)) {
            // Two spellings in two units: taking either one silently could read the other's number.
            throw new BadInputException(source + ": " + track + "." + field + " (seconds) and " + track + "." + field
                    + "Ms (milliseconds) are both given; keep one of them");
        }
        if (node.has(field + "Ms")) {
            return number(node, field + "Ms", 0.001, source, track, problems);
        }
        return number(node, field, 1, source, track, problems);
    }

    private static Double number(JsonNode node, String field, double scale, String source, String track,
            List<String> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            problems.add(field + ": no data for " + track + " in " + source);
            return null;
        }
        if (value.isNumber()) {
            double number = value.asDouble();
            // A rate, a count or a latency below zero, or a share of requests over all of them, is no
            // measurement: analysed, it would read as an improvement.
            boolean percent = field.equals("errorRate");
            if (number < 0 || percent && number > 100 || !Double.isFinite(number)) {
                throw new BadInputException(source + ": " + track + "." + field + ": expected " + (percent
                        ? "a percent of requests from 0 to 100" : "a number of 0 or more") + ", got " + value);
            }
            return number * scale;
        }
        if (value.isTextual() && value.asText().equals("NaN")) {
            problems.add(field + ": NaN for " + track + " in " + source);
            return Double.NaN;
        }
        throw new BadInputException(source + ": " + track + "." + field + ": expected a number, got " + value);
    }
}
