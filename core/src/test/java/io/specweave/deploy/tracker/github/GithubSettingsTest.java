package io.specweave.deploy.tracker.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.config.SyncProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GithubSettingsTest {

    private static GithubSettings settings(Map<String, String> env) {
        return settings(env, Json.mapper().createObjectNode());
    }

    private static GithubSettings settings(Map<String, String> env, ObjectNode extra) {
        ObjectNode config = Json.mapper().createObjectNode().put("owner", "myorg").put("repo", "myapp");
        config.setAll(extra);
        SyncProfile profile = new SyncProfile("github-qa", Provider.GITHUB, null, "qa", null, config,
                Json.mapper().createObjectNode(), ".specweave/config.json");
        return GithubSettings.of(profile, new Credentials(env));
    }

    @Test
    void theApiUrlOfTheRunnerLosesItsTrailingSlashAndPlainHttpIsForThisMachineOnly() {
        assertThat(settings(Map.of("GITHUB_API_URL", "https://github.example.com/api/v3/")).apiUrl())
                .isEqualTo("https://github.example.com/api/v3");
        assertThat(settings(Map.of("GITHUB_API_URL", "http://127.0.0.1:8080/")).apiUrl())
                .isEqualTo("http://127.0.0.1:8080");
        assertThatThrownBy(() -> settings(Map.of("GITHUB_API_URL", "http://127.example.com/api/v3?token=s3cret")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("GITHUB_API_URL: http://127.example.com/api/v3?… uses plain http; the token would travel "
                        + "unencrypted. Use https:// (plain http is accepted for loopback addresses only)");
    }

    @Test
    void githubDeploymentIsASwitchAlsoWhenAHandEditedConfigWritesItAsText() {
        assertThat(settings(Map.of(), Json.mapper().createObjectNode().put("githubDeployment", "true"))
                .githubDeployment()).isTrue();
        assertThatThrownBy(() -> settings(Map.of(), Json.mapper().createObjectNode().put("githubDeployment", "on")))
                .isInstanceOf(BadInputException.class)
                .hasMessage(".specweave/config.json: sync.profiles.github-qa.config.githubDeployment: expected true or "
                        + "false, got \"on\"");
    }

    @Test
    void anApiUrlWithCredentialsIsRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> settings(Map.of("GITHUB_API_URL", "ftp://me:s3cret@github.example.com")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("GITHUB_API_URL: expected the GitHub REST API URL")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> settings(Map.of("GITHUB_API_URL", "https://me:s3cret@github.example.com")))
                .hasMessageContaining("expected a URL without user info").hasMessageNotContaining("s3cret");
    }
}
