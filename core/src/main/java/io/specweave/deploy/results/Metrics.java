package io.specweave.deploy.results;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.AtFile;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Input;
import io.specweave.deploy.JsonInput;
import io.specweave.deploy.Message;
import java.nio.file.Path;

/** {@code metrics}: a JSON object inline, or {@code @FILE} holding one ({@link AtFile}). */
public final class Metrics {

    static final String EXAMPLE = "{\"errorRate\": 0.2, \"p95LatencyMs\": 180}";

    private Metrics() {
    }

    public static JsonNode parse(String value, Path baseDir) {
        AtFile.Value input = AtFile.read(Input.METRICS, value, baseDir,
                "a JSON object such as " + EXAMPLE + ", or @FILE naming a file that holds one");
        Message source = input.fromFile()
                ? Message.of(input.source() + " (", Message.arg(Input.METRICS, value.trim()), ")")
                : Message.of(Input.METRICS);
        JsonNode node = JsonInput.parse(input.text(), source,
                input.fromFile() ? Path.of(input.source()).getFileName().toString() : null, JsonInput.Syntax.JSON);
        if (node == null || !node.isObject()) {
            throw new BadInputException(Input.METRICS, source.then(": expected a JSON object such as " + EXAMPLE
                    + ", got " + JsonInput.kind(node)));
        }
        return node;
    }
}
