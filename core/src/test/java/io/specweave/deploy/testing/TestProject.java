package io.specweave.deploy.testing;

import io.specweave.deploy.app.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds a small {@code .specweave} project in a temp folder, one file at a time. */
public final class TestProject {

    private final Path dir;

    private TestProject(Path dir) {
        this.dir = dir;
    }

    public static TestProject in(Path dir) {
        try {
            Files.createDirectories(dir.resolve(".specweave/increments"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestProject(dir);
    }

    /** A config with one local profile per environment, named {@code local-<env>}. */
    public TestProject localProfiles(String... environments) {
        Map<String, String> profiles = new LinkedHashMap<>();
        for (String env : environments) {
            profiles.put("local-" + env, "{\"provider\": \"local\", \"environment\": \"" + env
                    + "\", \"deploymentUrl\": \"https://" + env + ".example.test\"}");
        }
        String body = profiles.entrySet().stream().map(e -> "      \"" + e.getKey() + "\": " + e.getValue())
                .collect(Collectors.joining(",\n"));
        return config("{\n  \"sync\": {\n    \"profiles\": {\n" + body + "\n    }\n  }\n}\n");
    }

    /**
     * What a CI job's fresh checkout holds of the rollout tests' project, {@code 0018-oauth-google}: the
     * config (GitHub profiles for qa and prod, prod with blue and green slots, all at {@code serviceUrl}
     * with one health attempt, a passing {@code smoke} suite) and the spec, no records.
     */
    public static Path freshCheckout(Path dir, String serviceUrl) {
        String health = "\"deploymentUrl\": \"" + serviceUrl + "\", \"healthCheck\": {\"retries\": 0}";
        return in(dir).config("""
                { "sync": { "profiles": {
                    "github-qa": { "provider": "github", "environment": "qa", %1$s,
                      "config": { "owner": "acme", "repo": "deploys" } },
                    "github-prod": { "provider": "github", "environment": "prod", %1$s,
                      "slots": { "blue": { "url": "%2$s" }, "green": { "url": "%2$s" } },
                      "config": { "owner": "acme", "repo": "deploys" } } } },
                  "deployment": { "pipeline": ["qa", "prod"], "testSuites": { "smoke": {
                    "command": "mkdir -p r && echo '<testsuite tests=\\"1\\"><testcase name=\\"a\\"/></testsuite>' > r/TEST-a.xml",
                    "reports": "r/*.xml" } } } }
                """.formatted(health, serviceUrl))
                .increment("0018-oauth-google", "Sign in with Google",
                        "{ \"id\": \"0018-oauth-google\", \"status\": \"active\" }\n")
                .dir();
    }

    public TestProject config(String json) {
        return file(".specweave/config.json", json);
    }

    public TestProject increment(String id, String specTitle, String metadataJson) {
        file(".specweave/increments/" + id + "/spec.md", "# " + specTitle + "\n\n## Overview\n\nWhy " + specTitle
                + " matters.\n");
        if (metadataJson != null) {
            file(".specweave/increments/" + id + "/metadata.json", metadataJson);
        }
        return this;
    }

    public TestProject file(String relative, String text) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public String read(String relative) {
        try {
            return Files.readString(dir.resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Project open() {
        return Project.open(dir);
    }

    /** Every file under the project with its bytes, to prove a failed command changed nothing. */
    public Map<String, String> snapshot() {
        try (var files = Files.walk(dir)) {
            Map<String, String> result = new java.util.TreeMap<>();
            files.filter(Files::isRegularFile).forEach(f -> {
                try {
                    result.put(dir.relativize(f).toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
