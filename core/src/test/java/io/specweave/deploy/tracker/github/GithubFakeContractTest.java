package io.specweave.deploy.tracker.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake's responses follow the real GitHub's: for each call the tracker makes, the fake's JSON
 * has the same keys and JSON types as the response GitHub gave to the same call, as recorded by
 * hub4j/github-api's test suite ({@code ../shared/specs/github/<Test>/wiremock/<method>/}).
 */
class GithubFakeContractTest {

    private static final String ISSUES = "/repos/acme/app-deploy/issues";

    Path recordings;
    FakeGithub github;
    HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        String shared = System.getProperty("specweave.shared.dir");
        recordings = shared == null ? null : Path.of(shared, "specs", "github");
        Assumptions.assumeTrue(recordings != null && Files.isDirectory(recordings),
                "recorded GitHub responses not found at " + recordings + " (specweave.shared.dir=" + shared
                        + "): the fake's responses are not checked against real ones in this build");
        github = new FakeGithub().repository(GithubProject.OWNER, GithubProject.REPO);
    }

    @AfterEach
    void stop() {
        if (github != null) {
            github.close();
        }
    }

    @Test
    void issueResponsesHaveTheKeysAndTypesOfRealOnes() throws Exception {
        JsonNode created = call("POST", ISSUES, "{\"title\":\"t\",\"body\":\"b\",\"labels\":[\"specweave\"]}", 201);
        assertSameShape("POST issue", recorded("GHIssueTest/wiremock/createIssue", "POST", "/repos/hub4j-test-org/GHIssueTest/issues", 201), created);

        JsonNode read = call("GET", ISSUES + "/1", null, 200);
        assertSameShape("GET issue", recorded("GHIssueTest/wiremock/setLabels", "GET", "/repos/hub4j-test-org/GHIssueTest/issues/6", 200), read);

        JsonNode patched = call("PATCH", ISSUES + "/1", "{\"body\":\"c\",\"labels\":[\"specweave\",\"env:qa\"]}", 200);
        assertSameShape("PATCH issue", recorded("GHIssueTest/wiremock/setLabels", "GET", "/repos/hub4j-test-org/GHIssueTest/issues/6", 200), patched);

        JsonNode listed = call("GET", ISSUES + "?labels=specweave,env:qa&state=all", null, 200);
        assertThat(listed.size()).isEqualTo(1);
        assertSameShape("GET issues?labels", recorded("AppTest/wiremock/testQueryIssues", "GET",
                "/repos/hub4j-test-org/testQueryIssues/issues?labels=bug&labels=bug%2Ctest-label&state=all", 200), listed);

        JsonNode comment = call("POST", ISSUES + "/1/comments", "{\"body\":\"Deployed\"}", 201);
        assertSameShape("POST comment", recorded("GHIssueTest/wiremock/issueComment", "POST",
                "/repos/hub4j-test-org/GHIssueTest/issues/15/comments", 201), comment);
    }

    @Test
    void labelResponsesHaveTheKeysAndTypesOfRealOnes() throws Exception {
        JsonNode created = call("POST", "/repos/acme/app-deploy/labels",
                "{\"name\":\"specweave\",\"color\":\"5319e7\",\"description\":\"Tracked\"}", 201);
        assertSameShape("POST label", recorded("AppTest/wiremock/testRepoLabel", "POST", "/repos/hub4j-test-org/test-labels/labels", 201), created);

        JsonNode listed = call("GET", "/repos/acme/app-deploy/labels?per_page=100", null, 200);
        assertSameShape("GET labels", recorded("AppTest/wiremock/testRepoLabel", "GET", "/repos/hub4j-test-org/test-labels/labels", 200), listed);

        JsonNode exists = call("POST", "/repos/acme/app-deploy/labels", "{\"name\":\"specweave\",\"color\":\"5319e7\"}", 422);
        assertSameShape("422 label exists", recorded("GHReleaseTest/wiremock/testCreateDoubleReleaseFails", "POST",
                "/repos/hub4j-test-org/testCreateRelease/releases", 422), exists);
        assertThat(exists.path("errors").get(0).path("code").asText()).isEqualTo("already_exists");

        JsonNode missing = call("GET", "/repos/acme/nowhere/issues", null, 404);
        assertSameShape("404", recorded("AppTest/wiremock/testRepoLabel", "GET", "/repos/hub4j-test-org/test-labels/labels/test", 404), missing);
    }

    @Test
    void deploymentResponsesHaveTheKeysAndTypesOfRealOnes() throws Exception {
        JsonNode deployment = call("POST", "/repos/acme/app-deploy/deployments", "{\"ref\":\"main\",\"environment\":\"qa\","
                + "\"required_contexts\":[],\"auto_merge\":false,\"description\":\"d\",\"transient_environment\":false,"
                + "\"production_environment\":false}", 201);
        assertSameShape("POST deployment", recorded("AppTest/wiremock/testCreateAndListDeployments", "POST",
                "/repos/hub4j-test-org/github-api-test/deployments", 201), deployment);

        JsonNode listed = call("GET", "/repos/acme/app-deploy/deployments?ref=main&environment=qa", null, 200);
        assertThat(listed.size()).isEqualTo(1);
        assertSameShape("GET deployments", recorded("AppTest/wiremock/testCreateAndListDeployments", "GET",
                "/repos/hub4j-test-org/github-api-test/deployments?ref=main&environment=unittest", 200), listed);

        long id = deployment.path("id").asLong();
        JsonNode status = call("POST", "/repos/acme/app-deploy/deployments/" + id + "/statuses",
                "{\"state\":\"success\",\"environment_url\":\"https://qa.example\",\"log_url\":\"https://ci.example/1\","
                        + "\"description\":\"Deployed\"}", 201);
        assertSameShape("POST deployment status", recorded("AppTest/wiremock/testGetDeploymentStatuses", "POST",
                "/repos/hub4j-test-org/github-api-test/deployments/315601644/statuses", 201), status);

        JsonNode statuses = call("GET", "/repos/acme/app-deploy/deployments/" + id + "/statuses", null, 200);
        assertSameShape("GET deployment statuses", recorded("AppTest/wiremock/testGetDeploymentStatuses", "GET",
                "/repos/hub4j-test-org/github-api-test/deployments/315601644/statuses", 200), statuses);
    }

    private JsonNode call(String method, String path, String body, int expectedStatus) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(github.apiUrl() + path))
                .header("Authorization", "token " + FakeGithub.TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path).isEqualTo(expectedStatus);
        return Json.mapper().readTree(response.body());
    }

    /** The body of the recorded response to (method, url) with that status. */
    private JsonNode recorded(String folder, String method, String url, int status) throws IOException {
        Path root = recordings.resolve(folder);
        try (Stream<Path> files = Files.list(root.resolve("mappings"))) {
            for (Path file : files.sorted().toList()) {
                JsonNode mapping = Json.mapper().readTree(file.toFile());
                JsonNode request = mapping.path("request");
                JsonNode response = mapping.path("response");
                if (method.equals(request.path("method").asText()) && url.equals(request.path("url").asText())
                        && response.path("status").asInt() == status) {
                    if (response.hasNonNull("bodyFileName")) {
                        return Json.mapper().readTree(root.resolve("__files").resolve(response.path("bodyFileName").asText()).toFile());
                    }
                    return Json.mapper().readTree(response.path("body").asText());
                }
            }
        }
        throw new AssertionError("no recording of " + method + " " + url + " -> " + status + " in " + root);
    }

    private static void assertSameShape(String what, JsonNode real, JsonNode fake) {
        List<String> problems = new ArrayList<>();
        compare("$", real, fake, problems);
        assertThat(problems).as(what + ": differences between the fake and the recorded GitHub response").isEmpty();
    }

    /** Same keys, same JSON types; a null on either side matches any type (GitHub fills optional fields or not). */
    private static void compare(String path, JsonNode real, JsonNode fake, List<String> problems) {
        if (real == null || fake == null || real.isNull() || fake.isNull()) {
            return;
        }
        if (real.isObject()) {
            if (!fake.isObject()) {
                problems.add(path + ": expected an object, the fake has " + fake.getNodeType());
                return;
            }
            Set<String> realKeys = names(real);
            Set<String> fakeKeys = names(fake);
            Set<String> missing = new TreeSet<>(realKeys);
            missing.removeAll(fakeKeys);
            Set<String> extra = new TreeSet<>(fakeKeys);
            extra.removeAll(realKeys);
            if (!missing.isEmpty()) {
                problems.add(path + ": the fake lacks " + missing);
            }
            if (!extra.isEmpty()) {
                problems.add(path + ": the fake adds " + extra);
            }
            for (String key : realKeys) {
                if (fakeKeys.contains(key)) {
                    compare(path + "." + key, real.get(key), fake.get(key), problems);
                }
            }
            return;
        }
        if (real.isArray()) {
            if (!fake.isArray()) {
                problems.add(path + ": expected an array, the fake has " + fake.getNodeType());
                return;
            }
            if (real.size() > 0) {
                for (int i = 0; i < fake.size(); i++) {
                    compare(path + "[" + i + "]", real.get(0), fake.get(i), problems);
                }
            }
            return;
        }
        if (real.getNodeType() != fake.getNodeType()) {
            problems.add(path + ": expected " + real.getNodeType() + ", the fake has " + fake.getNodeType());
        }
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
