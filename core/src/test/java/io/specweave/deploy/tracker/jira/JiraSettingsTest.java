package io.specweave.deploy.tracker.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.config.SyncProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JiraSettingsTest {

    static final Map<String, String> CLOUD = Map.of("JIRA_EMAIL", "me@example.com", "JIRA_API_TOKEN", "token-1234");
    static final Map<String, String> DC = Map.of("JIRA_PAT", "pat-5678");

    static SyncProfile profile(String config) {
        try {
            ObjectNode node = (ObjectNode) Json.mapper().readTree(config);
            return new SyncProfile("jira-prod", Provider.JIRA, null, "prod", null, node, Json.mapper().createObjectNode(),
                    ".specweave/config.json");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void atlassianNetDomainIsCloudWithBasicAuth() {
        JiraSettings s = JiraSettings.from(profile("{\"domain\":\"myorg.atlassian.net\",\"project\":\"PROD\"}"),
                new Credentials(CLOUD));
        assertThat(s.flavor()).isEqualTo(JiraSettings.Flavor.CLOUD);
        assertThat(s.baseUrl()).hasToString("https://myorg.atlassian.net");
        assertThat(s.authorization()).startsWith("Basic ");
        assertThat(s.issueType()).isEqualTo("Task");
        assertThat(s.browseUrl("PROD-1")).isEqualTo("https://myorg.atlassian.net/browse/PROD-1");
        assertThat(s.redactor().redact("x " + s.authorization().substring(6) + " token-1234")).isEqualTo("x **** ****");
    }

    @Test
    void aDomainWithCredentialsInItIsRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> JiraSettings.from(profile("{\"domain\":\"me:s3cret@myorg.atlassian.net\","
                + "\"project\":\"PROD\"}"), new Credentials(CLOUD)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("sync.profiles.jira-prod.config.domain: expected a URL without user info")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> JiraSettings.from(profile("{\"domain\":\"my org.atlassian.net\",\"project\":\"P\"}"),
                new Credentials(CLOUD)))
                .hasMessageContaining(".domain: expected a host name or an http(s) URL such as \"myorg.atlassian.net\"");
    }

    @Test
    void otherHostsAreDataCenterWithBearerUnlessFlavorSaysOtherwise() {
        JiraSettings dc = JiraSettings.from(profile("{\"baseUrl\":\"https://jira.example.com/\",\"projectKey\":\"OPS\"}"),
                new Credentials(DC));
        assertThat(dc.flavor()).isEqualTo(JiraSettings.Flavor.DATA_CENTER);
        assertThat(dc.baseUrl()).hasToString("https://jira.example.com");
        assertThat(dc.project()).isEqualTo("OPS");
        assertThat(dc.authorization()).isEqualTo("Bearer pat-5678");
        assertThat(dc.credentialNames()).hasToString("JIRA_PAT");

        JiraSettings proxied = JiraSettings.from(profile("{\"baseUrl\":\"https://jira-proxy.example.com\","
                + "\"project\":\"PROD\",\"flavor\":\"Cloud\"}"), new Credentials(CLOUD));
        assertThat(proxied.flavor()).isEqualTo(JiraSettings.Flavor.CLOUD);

        JiraSettings forced = JiraSettings.from(profile("{\"domain\":\"myorg.atlassian.net\",\"project\":\"PROD\","
                + "\"flavor\":\"data-center\"}"), new Credentials(DC));
        assertThat(forced.flavor()).isEqualTo(JiraSettings.Flavor.DATA_CENTER);
    }

    @Test
    void profileMayNameItsOwnVariables() {
        JiraSettings s = JiraSettings.from(profile("{\"domain\":\"myorg.atlassian.net\",\"project\":\"PROD\","
                + "\"emailEnv\":\"OPS_EMAIL\",\"tokenEnv\":\"OPS_TOKEN\"}"),
                new Credentials(Map.of("OPS_EMAIL", "ops@example.com", "OPS_TOKEN", "ops-token-99")));
        assertThat(s.variables()).containsExactly("OPS_EMAIL", "OPS_TOKEN");
    }

    @Test
    void badConfigNamesTheFieldAndWhatWasExpected() {
        assertThatThrownBy(() -> JiraSettings.from(profile("{\"project\":\"PROD\"}"), new Credentials(CLOUD)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"domain\"").hasMessageContaining("\"baseUrl\"");
        assertThatThrownBy(() -> JiraSettings.from(profile("{\"domain\":\"myorg.atlassian.net\"}"), new Credentials(CLOUD)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("config.project");
        assertThatThrownBy(() -> JiraSettings.from(profile("{\"domain\":\"myorg.atlassian.net\",\"project\":\"P\","
                + "\"flavor\":\"onprem\"}"), new Credentials(CLOUD)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("config.flavor");
        assertThatThrownBy(() -> JiraSettings.from(profile("{\"domain\":\"myorg.atlassian.net\",\"project\":\"P\","
                + "\"issueKeys\":[\"PROD 1\"]}"), new Credentials(CLOUD)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("config.issueKeys");
        assertThatThrownBy(() -> JiraSettings.from(profile("{\"domain\":\"myorg.atlassian.net\",\"project\":\"P\"}"),
                new Credentials(Map.of("JIRA_EMAIL", "me@example.com"))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("not set: JIRA_API_TOKEN");
    }

    @Test
    void issueKeysAcceptAListOrACommaSeparatedString() {
        assertThat(JiraSettings.from(profile("{\"domain\":\"a.atlassian.net\",\"project\":\"P\","
                + "\"issueKeys\":[\"prod-1\",\"PROD-2\"]}"), new Credentials(CLOUD)).issueKeys())
                .containsExactly("PROD-1", "PROD-2");
        assertThat(JiraSettings.from(profile("{\"domain\":\"a.atlassian.net\",\"project\":\"P\","
                + "\"issueKeys\":\"PROD-3, PROD-4\"}"), new Credentials(CLOUD)).issueKeys())
                .isEqualTo(List.of("PROD-3", "PROD-4"));
    }

    @Test
    void projectAndProjectKeyThatDisagreeAreRefusedNamingBoth() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JiraSettings.from(
                        profile("{\"baseUrl\":\"https://jira.example.com\",\"project\":\"OPS\",\"projectKey\":\"PROD\"}"),
                        new Credentials(DC)))
                .isInstanceOf(io.specweave.deploy.BadInputException.class)
                .hasMessageContaining("sync.profiles.jira-prod.config.project is \"OPS\" but "
                        + "sync.profiles.jira-prod.config.projectKey is \"PROD\"");
        assertThat(JiraSettings.from(profile("{\"baseUrl\":\"https://jira.example.com\",\"project\":\"OPS\","
                + "\"projectKey\":\"OPS\"}"), new Credentials(DC)).project()).isEqualTo("OPS");
    }
}
