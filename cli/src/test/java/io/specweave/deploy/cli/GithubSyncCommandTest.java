package io.specweave.deploy.cli;

import io.specweave.deploy.app.TrackerFactory;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code specweave-deploy sync} with a {@code github} profile, run in-process as a user would, with
 * the shipped trackers: a GitHub on loopback that rejects every token.
 */
class GithubSyncCommandTest {

    private static final String SECRET = "fake-token-cliSecretTokenValue5550001";

    @TempDir
    Path dir;

    HttpServer github;
    final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        github = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        github.createContext("/", exchange -> {
            try (exchange) {
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                byte[] body = "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\"}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
                exchange.sendResponseHeaders(401, body.length);
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(body);
                }
            }
        });
        github.start();
        write(".specweave/config.json", """
                { "sync": { "defaultProfile": "github-qa", "profiles": {
                    "github-qa": { "provider": "github", "config": { "owner": "acme", "repo": "app-deploy" },
                      "environment": "qa" } } } }
                """);
        write(".specweave/increments/0018-oauth-google/spec.md", "# Sign in with Google\n\nGoogle accounts.\n");
        write(".specweave/increments/0018-oauth-google/metadata.json", "{ \"id\": \"0018-oauth-google\", \"status\": \"active\" }\n");
    }

    @AfterEach
    void stop() {
        github.stop(0);
    }

    @Test
    void rejectedTokenExitsOneNamingTheVariableAndNeverPrintsTheToken() throws IOException {
        Map<String, String> env = env();
        env.put("GITHUB_TOKEN", SECRET);

        int code = run(env, "--debug", "sync", "github", "0018", "--deployed", "--dir", dir.toString(),
                "--commit", "9b1d5f0c9b1d5f0c9b1d5f0c9b1d5f0c9b1d5f0c");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("GITHUB_TOKEN").contains("HTTP 401").contains("Bad credentials")
                .contains("issues: write");
        assertThat(out.toString() + err.toString()).doesNotContain(SECRET);
        String metadata = Files.readString(dir.resolve(".specweave/increments/0018-oauth-google/metadata.json"));
        assertThat(metadata).doesNotContain(SECRET).contains("9b1d5f0c9b1d5f0c");
        assertThat(authorizations).isNotEmpty().allMatch(a -> a.equals("token " + SECRET));
    }

    @Test
    void missingTokenExitsTwoNamingTheVariablesTried() {
        int code = run(env(), "sync", "0018", "--deployed", "--dir", dir.toString(), "--commit", "abc1234");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("GITHUB_TOKEN").contains("GH_TOKEN").contains("acme/app-deploy");
        assertThat(authorizations).isEmpty();
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_API_URL", "http://127.0.0.1:" + github.getAddress().getPort());
        return env;
    }

    private int run(Map<String, String> env, String... args) {
        CliRuntime runtime = new CliRuntime(env, new PrintWriter(out, true), new PrintWriter(err, true),
                Clock.systemUTC(), TrackerFactory::standard);
        return SpecweaveDeploy.run(runtime, args);
    }

    private void write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
