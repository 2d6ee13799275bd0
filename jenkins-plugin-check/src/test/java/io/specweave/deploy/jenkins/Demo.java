package io.specweave.deploy.jenkins;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A fresh copy of examples/demo (five local profiles dev..prod, active increment 0002) for one test. */
final class Demo {

    static final String INCREMENT = "0002-password-reset";

    private Demo() {
    }

    static Path copyTo(Path target) {
        Path source = Path.of(System.getProperty("specweave.demo.dir", "../examples/demo"));
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Replaces {@code text} with {@code with} in the project's config.json: a setting the demo lacks. */
    static void editConfig(Path project, String text, String with) {
        Path config = project.resolve(".specweave/config.json");
        try {
            Files.writeString(config, Files.readString(config).replace(text, with));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode metadata(Path project, String increment) {
        try {
            return Json.mapper().readTree(project.resolve(".specweave/increments/" + increment + "/metadata.json")
                    .toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode deployment(Path project, String environment) {
        return metadata(project, INCREMENT).path("deployments").path(environment);
    }
}
