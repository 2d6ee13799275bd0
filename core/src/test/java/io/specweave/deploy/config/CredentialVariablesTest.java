package io.specweave.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialVariablesTest {

    @Test
    void aLoneTokenGoesToTheProvidersDefaultVariable() {
        assertThat(CredentialVariables.forToken(profile(Provider.GITHUB, null), "t1"))
                .containsExactly(Map.entry("GITHUB_TOKEN", "t1"));
        assertThat(CredentialVariables.forToken(profile(Provider.ADO, null), "t2"))
                .containsExactly(Map.entry("AZURE_DEVOPS_PAT", "t2"));
        assertThat(CredentialVariables.forToken(profile(Provider.JIRA, null), "t3"))
                .containsExactly(Map.entry("JIRA_PAT", "t3"));
    }

    @Test
    void aProfileThatNamesItsTokenVariableGetsTheTokenThere() {
        ObjectNode config = Json.mapper().createObjectNode().put("tokenEnv", "PROD_GH_TOKEN");
        SyncProfile profile = profile(Provider.GITHUB, config);

        assertThat(CredentialVariables.forToken(profile, "t")).containsExactly(Map.entry("PROD_GH_TOKEN", "t"));
        assertThat(CredentialVariables.tokenVariables(profile)).containsExactly("PROD_GH_TOKEN");
    }

    @Test
    void usernameAndPasswordAreJiraCloudEmailAndApiToken() {
        assertThat(CredentialVariables.forUsernamePassword(profile(Provider.JIRA, null), "me@example.com", "api"))
                .containsExactly(Map.entry("JIRA_EMAIL", "me@example.com"), Map.entry("JIRA_API_TOKEN", "api"));

        ObjectNode config = Json.mapper().createObjectNode().put("emailEnv", "OPS_EMAIL").put("tokenEnv", "OPS_TOKEN");
        assertThat(CredentialVariables.forUsernamePassword(profile(Provider.JIRA, config), "ops@example.com", "x"))
                .containsExactly(Map.entry("OPS_EMAIL", "ops@example.com"), Map.entry("OPS_TOKEN", "x"));
    }

    @Test
    void forGithubAndAzureDevOpsThePasswordIsTheToken() {
        assertThat(CredentialVariables.forUsernamePassword(profile(Provider.GITHUB, null), "bot", "ghp"))
                .containsExactly(Map.entry("GITHUB_TOKEN", "ghp"));
        assertThat(CredentialVariables.forUsernamePassword(profile(Provider.ADO, null), "bot", "pat"))
                .containsExactly(Map.entry("AZURE_DEVOPS_PAT", "pat"));
    }

    @Test
    void theLocalProviderReadsNoCredentials() {
        assertThat(CredentialVariables.forToken(profile(Provider.LOCAL, null), "t")).isEmpty();
        assertThat(CredentialVariables.tokenVariables(profile(Provider.LOCAL, null))).isEmpty();
    }

    @Test
    void tokenVariablesListEveryDefaultInTheOrderTheyAreTried() {
        assertThat(CredentialVariables.tokenVariables(profile(Provider.GITHUB, null)))
                .containsExactly("GITHUB_TOKEN", "GH_TOKEN");
        assertThat(CredentialVariables.tokenVariables(profile(Provider.JIRA, null)))
                .containsExactly("JIRA_API_TOKEN", "JIRA_PAT");
        assertThat(CredentialVariables.tokenVariables(profile(Provider.ADO, null)))
                .containsExactly("AZURE_DEVOPS_PAT", "ADO_PAT");
    }

    private static SyncProfile profile(Provider provider, ObjectNode config) {
        ObjectNode settings = config == null ? Json.mapper().createObjectNode() : config;
        return new SyncProfile(provider.id() + "-qa", provider, null, "qa", null, settings,
                Json.mapper().createObjectNode(), ".specweave/config.json");
    }
}
