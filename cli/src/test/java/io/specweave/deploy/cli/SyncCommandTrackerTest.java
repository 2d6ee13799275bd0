package io.specweave.deploy.cli;

import io.specweave.deploy.app.TrackerFactory;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code specweave-deploy sync} with the shipped Jira and Azure DevOps trackers, as a user runs it,
 * against a small server on loopback: exit codes, what the terminal shows, and that the token shows
 * nowhere.
 */
class SyncCommandTrackerTest {

    static final String EMAIL = "ci-bot@example.com";
    static final String TOKEN = "cli-api-token-S3CR3T-0004";

    @TempDir
    Path dir;

    HttpServer jira;
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        jira = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jira.createContext("/", this::answer);
        jira.start();
        Path specweave = dir.resolve(".specweave");
        Files.createDirectories(specweave.resolve("increments/0018-oauth-google"));
        Files.writeString(specweave.resolve("increments/0018-oauth-google/spec.md"), "# Sign in with Google\n\nGoogle accounts.\n");
        Files.writeString(specweave.resolve("config.json"), "{ \"sync\": { \"profiles\": { \"jira-qa\": { \"provider\": \"jira\", "
                + "\"environment\": \"qa\", \"config\": { \"baseUrl\": \"http://127.0.0.1:" + jira.getAddress().getPort()
                + "\", \"flavor\": \"cloud\", \"project\": \"PROD\" } }, \"ado-uat\": { \"provider\": \"ado\", "
                + "\"environment\": \"uat\", \"config\": { \"baseUrl\": \"http://127.0.0.1:" + jira.getAddress().getPort()
                + "/myorg\", \"project\": \"MyApp\" } } } } }\n");
    }

    @AfterEach
    void stop() {
        jira.stop(0);
    }

    /** Accepts only EMAIL:TOKEN; knows one story, PROD-7. */
    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestMethod() + " " + path);
        exchange.getRequestBody().readAllBytes();
        String expected = "Basic " + Base64.getEncoder().encodeToString((EMAIL + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
        int status;
        String body;
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            status = 401;
            body = "{\"errorMessages\":[\"You are not authenticated.\"],\"errors\":{}}";
        } else if (exchange.getRequestMethod().equals("GET") && path.equals("/rest/api/3/issue/PROD-7")) {
            status = 200;
            body = "{\"id\":\"10007\",\"key\":\"PROD-7\",\"fields\":{\"summary\":\"Story\",\"labels\":[],"
                    + "\"status\":{\"name\":\"To Do\"}}}";
        } else if (exchange.getRequestMethod().equals("PUT")) {
            status = 204;
            body = "";
        } else if (path.endsWith("/comment") || path.endsWith("/remotelink")) {
            status = 201;
            body = "{\"id\":\"1\"}";
        } else {
            status = 404;
            body = "{\"errorMessages\":[\"Not found\"],\"errors\":{}}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private int run(Map<String, String> env, String... args) {
        CliRuntime runtime = new CliRuntime(env, new PrintWriter(out, true), new PrintWriter(err, true),
                Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC), TrackerFactory::standard);
        String[] all = Stream.concat(Stream.of(args), Stream.of("--dir", dir.toString())).toArray(String[]::new);
        return SpecweaveDeploy.run(runtime, all);
    }

    private String files() throws IOException {
        StringBuilder s = new StringBuilder();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                s.append(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return s.toString();
    }

    @Test
    void refusedTokenExitsOneNamingTheVariablesAndTheTokenAppearsNowhere() throws IOException {
        String wrong = "wrong-" + TOKEN;
        int code = run(Map.of("JIRA_EMAIL", EMAIL, "JIRA_API_TOKEN", wrong), "sync", "jira", "0018",
                "--profile", "jira-qa", "--deployed", "--commit", "abc1230", "--run-url", "https://ci.example.com/runs/1");
        String basic = Base64.getEncoder().encodeToString((EMAIL + ":" + wrong).getBytes(StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("error:", "JIRA_EMAIL and JIRA_API_TOKEN", "HTTP 401");
        assertThat(out + err.toString() + files()).doesNotContain(wrong).doesNotContain(basic).doesNotContain("S3CR3T");
        assertThat(files()).contains("\"commit\": \"abc1230\"");
    }

    @Test
    void refusedAzureDevOpsTokenExitsOneNamingTheVariableAndTheTokenAppearsNowhere() throws IOException {
        String wrong = "ado-" + TOKEN;
        int code = run(Map.of("AZURE_DEVOPS_PAT", wrong), "sync", "ado", "0018", "--profile", "ado-uat", "--deployed",
                "--commit", "abc1230");
        String basic = Base64.getEncoder().encodeToString((":" + wrong).getBytes(StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("error:", "AZURE_DEVOPS_PAT", "HTTP 401");
        assertThat(out + err.toString() + files()).doesNotContain(wrong).doesNotContain(basic).doesNotContain("S3CR3T");
        assertThat(requests).singleElement().asString().startsWith("POST /myorg/MyApp/_apis/wit/wiql");
    }

    @Test
    void missingTokenExitsTwoNamingTheVariablesTried() {
        int code = run(Map.of(), "sync", "0018", "--profile", "jira-qa", "--deployed");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("JIRA_EMAIL", "JIRA_API_TOKEN");
        assertThat(requests).isEmpty();
    }

    @Test
    void issueKeysOptionRecordsTheDeploymentOnTheGivenIssueInsteadOfCreatingOne() {
        // Jira's keys are case-insensitive: the option reads them as config.issueKeys does.
        int code = run(Map.of("JIRA_EMAIL", EMAIL, "JIRA_API_TOKEN", TOKEN), "sync", "0018", "--profile", "jira-qa",
                "--deployed", "--commit", "abc1230", "--run-url", "https://ci.example.com/runs/1", "--issue-keys", "prod-7");
        assertThat(code).as(err.toString()).isEqualTo(0);
        assertThat(requests).contains("POST /rest/api/3/issue/PROD-7/comment", "PUT /rest/api/3/issue/PROD-7")
                .doesNotContain("POST /rest/api/3/issue");
        assertThat(out.toString()).contains("tracking: PROD-7");
        assertThat(out + err.toString()).doesNotContain(TOKEN);
    }

    @Test
    void issueKeysThatAreNotJiraKeysAreBadInput() {
        int code = run(Map.of("JIRA_EMAIL", EMAIL, "JIRA_API_TOKEN", TOKEN), "sync", "0018", "--profile", "jira-qa",
                "--deployed", "--issue-keys", "not a key");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--issue-keys", "not a Jira issue key");
        assertThat(requests).isEmpty();
    }
}
