package io.specweave.deploy.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.app.TrackerFactory;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.testing.OriginServer;
import io.specweave.deploy.testing.OriginServer.Answer;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each provider's tracker, configured for one loopback origin that answers every request with a
 * redirect to a second loopback address: the sync fails (exit 1) naming the setting and both
 * origins, and the second address never sees a request, let alone the credential.
 */
class CredentialRedirectTest {

    private static final String TOKEN = "tok-0123456789abcdef";

    @TempDir
    Path dir;

    private final OriginServer elsewhere = OriginServer.http("127.0.0.2", r -> Answer.of(200, "{}"));
    private final OriginServer configured = OriginServer.http("127.0.0.1",
            r -> Answer.redirect(307, elsewhere.url(r.path())));

    @AfterEach
    void stop() {
        configured.close();
        elsewhere.close();
    }

    private OperationFailedException syncFails(String profile, String config, Map<String, String> env) {
        TrackerProject project = TrackerProject.create(dir, "{\"" + profile + "\": " + config + "}",
                new Credentials(env), TrackerFactory::standard);
        String before = project.metadata();
        OperationFailedException failure = (OperationFailedException) org.assertj.core.api.Assertions
                .catchThrowable(() -> project.sync(profile, "abc1234", 1));
        assertThat(failure).isNotNull();
        assertThat(failure.exitCode()).isEqualTo(1);
        assertThat(failure.getMessage()).contains("another origin")
                .contains("http://127.0.0.1:" + configured.uri("/").getPort())
                .contains("http://127.0.0.2:" + elsewhere.uri("/").getPort())
                .doesNotContain(TOKEN);
        assertThat(elsewhere.received()).as("nothing reaches the second origin").isEmpty();
        assertThat(configured.received()).as("the configured origin got the credential").isNotEmpty()
                .allSatisfy(r -> assertThat(r.headers()).containsKey("authorization"));
        assertThat(project.metadata()).as("a refused tracker leaves no link").doesNotContain("127.0.0.2");
        assertThat(before).isNotNull();
        return failure;
    }

    @Test
    void jiraCloudBasicCredentialsStayOnTheSite() {
        OperationFailedException e = syncFails("jira-qa", "{\"provider\": \"jira\", \"environment\": \"qa\", "
                + "\"config\": {\"baseUrl\": \"" + configured.url("") + "\", \"project\": \"QA\", \"flavor\": \"cloud\"}}",
                Map.of("JIRA_EMAIL", "me@example.com", "JIRA_API_TOKEN", TOKEN));
        assertThat(e.getMessage()).contains("config.domain or config.baseUrl");
        assertThat(configured.received().get(0).headers().get("authorization")).isEqualTo("Basic " + Base64
                .getEncoder().encodeToString(("me@example.com:" + TOKEN).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void jiraDataCenterBearerTokenStaysOnTheServer() {
        syncFails("jira-qa", "{\"provider\": \"jira\", \"environment\": \"qa\", \"config\": {\"baseUrl\": \""
                + configured.url("") + "\", \"project\": \"QA\", \"flavor\": \"datacenter\"}}", Map.of("JIRA_PAT", TOKEN));
        assertThat(configured.received().get(0).headers().get("authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void azureDevOpsPatStaysOnTheCollection() {
        OperationFailedException e = syncFails("ado-qa", "{\"provider\": \"ado\", \"environment\": \"qa\", "
                + "\"config\": {\"baseUrl\": \"" + configured.url("/DefaultCollection") + "\", \"project\": \"App\"}}",
                Map.of("AZURE_DEVOPS_PAT", TOKEN));
        assertThat(e.getMessage()).contains("config.organization or config.baseUrl");
        assertThat(configured.received().get(0).headers().get("authorization")).isEqualTo("Basic " + Base64
                .getEncoder().encodeToString((":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void githubTokenStaysOnTheApiHost() {
        OperationFailedException e = syncFails("github-qa", "{\"provider\": \"github\", \"environment\": \"qa\", "
                + "\"config\": {\"owner\": \"acme\", \"repo\": \"app\", \"apiUrl\": \"" + configured.url("") + "\"}}",
                Map.of("GITHUB_TOKEN", TOKEN));
        assertThat(e.getMessage()).contains("config.apiUrl");
        assertThat(configured.received().get(0).headers().get("authorization")).contains(TOKEN);
    }
}
