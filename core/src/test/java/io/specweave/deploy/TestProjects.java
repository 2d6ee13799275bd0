package io.specweave.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds small {@code .specweave} projects in a temp folder for tests. */
public final class TestProjects {

    private TestProjects() {
    }

    /** Local-provider profiles for dev, qa, staging and prod; {@code extraDeployment} goes into "deployment". */
    public static Path create(Path dir, String prodUrl, String extraDeployment) {
        String config = """
                {
                  "sync": {
                    "defaultProfile": "local-dev",
                    "profiles": {
                      "local-dev": { "provider": "local", "environment": "dev" },
                      "local-qa": { "provider": "local", "environment": "qa" },
                      "local-staging": { "provider": "local", "environment": "staging" },
                      "local-prod": { "provider": "local", "environment": "prod"%s }
                    }
                  },
                  "deployment": { "pipeline": ["dev", "qa", "staging", "prod"]%s }
                }
                """.formatted(prodUrl == null ? "" : ", \"deploymentUrl\": \"" + prodUrl + "\", "
                        + "\"healthCheck\": {\"retries\": 1, \"intervalSeconds\": 0.05, \"timeoutSeconds\": 5}",
                extraDeployment == null ? "" : ", " + extraDeployment);
        write(dir.resolve(".specweave/config.json"), config);
        increment(dir, "0018-oauth-google", "OAuth login with Google");
        return dir;
    }

    public static void increment(Path dir, String id, String title) {
        write(dir.resolve(".specweave/increments/" + id + "/spec.md"), "# " + title + "\n\nLets users sign in.\n");
        write(dir.resolve(".specweave/increments/" + id + "/metadata.json"),
                "{\n  \"id\": \"" + id + "\",\n  \"status\": \"active\"\n}\n");
    }

    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
