package io.specweave.deploy.results;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import io.specweave.deploy.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --metrics}: a JSON object inline, or {@code @file} holding one. */
public final class Metrics {

    private Metrics() {
    }

    public static JsonNode parse(String value, Path baseDir) {
        String text = value.trim();
        Message source = Message.of(Input.METRICS);
        if (text.startsWith("@")) {
            Path file = baseDir.resolve(text.substring(1)).normalize();
            source = Message.text(file.toString());
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new BadInputException(Message.of(Message.arg(Input.METRICS, value), ": cannot read " + file
                        + " (" + e.getMessage() + "); expected a JSON object or @FILE holding one"));
            }
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new BadInputException(source.then(": not valid JSON; expected a JSON object such as "
                    + "{\"errorRate\": 0.2, \"p95LatencyMs\": 180}"));
        }
        if (node == null || !node.isObject()) {
            throw new BadInputException(source.then(": expected a JSON object such as {\"errorRate\": 0.2, "
                    + "\"p95LatencyMs\": 180}, got " + io.specweave.deploy.config.ConfigLoader.describe(node)));
        }
        return node;
    }
}
