package io.specweave.deploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.specweave.deploy.app.Project;
import io.specweave.deploy.config.SyncProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Jenkins credential becomes the variables the profile's tracker reads. */
class CredentialLookupTest {

    @TempDir
    Path project;

    @BeforeEach
    void config() throws Exception {
        Files.createDirectories(project.resolve(".specweave"));
        Files.writeString(project.resolve(".specweave/config.json"), """
                { "sync": { "profiles": {
                    "github-dev": { "provider": "github", "environment": "dev",
                      "config": { "owner": "myorg", "repo": "myapp-dev" } },
                    "github-prod": { "provider": "github", "environment": "prod",
                      "config": { "owner": "myorg", "repo": "myapp", "tokenEnv": "PROD_GITHUB_TOKEN" } },
                    "jira-qa": { "provider": "jira", "environment": "qa",
                      "config": { "domain": "myorg.atlassian.net", "project": "QA" } },
                    "ado-uat": { "provider": "ado", "environment": "uat",
                      "config": { "organization": "myorg", "project": "MyApp-UAT" } },
                    "local-staging": { "provider": "local", "environment": "staging" } } } }
                """);
    }

    @Test
    void aSecretTextIsTheTokenOfTheProfilesProvider() throws Exception {
        StepCredential token = CredentialLookup.from(new Fakes.SecretText("gh", "ghp_123"));

        assertThat(token.environmentFor(profile("github-dev"))).isEqualTo(Map.of("GITHUB_TOKEN", "ghp_123"));
        assertThat(token.environmentFor(profile("ado-uat"))).isEqualTo(Map.of("AZURE_DEVOPS_PAT", "ghp_123"));
        assertThat(token.environmentFor(profile("jira-qa"))).isEqualTo(Map.of("JIRA_PAT", "ghp_123"));
        assertThat(token.environmentFor(profile("local-staging"))).isEmpty();
    }

    @Test
    void aProfilesOwnTokenVariableIsHonoured() throws Exception {
        StepCredential token = CredentialLookup.from(new Fakes.SecretText("gh-prod", "ghp_456"));

        assertThat(token.environmentFor(profile("github-prod"))).isEqualTo(Map.of("PROD_GITHUB_TOKEN", "ghp_456"));
    }

    @Test
    void aUsernameWithPasswordIsJiraEmailAndApiToken() throws Exception {
        StepCredential user = CredentialLookup.from(new Fakes.UsernamePassword("jira", "ops@myorg.com", "atl-789"));

        assertThat(user.environmentFor(profile("jira-qa")))
                .isEqualTo(Map.of("JIRA_EMAIL", "ops@myorg.com", "JIRA_API_TOKEN", "atl-789"));
        assertThat(user.environmentFor(profile("github-dev"))).isEqualTo(Map.of("GITHUB_TOKEN", "atl-789"));
    }

    @Test
    void anyOtherKindOfCredentialAbortsNamingWhatIsExpected() {
        assertThatThrownBy(() -> CredentialLookup.from(new Fakes.SshKey("deploy-key")))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessageContaining("credentialsId")
                .hasMessageContaining("\"deploy-key\"")
                .hasMessageContaining("Secret text")
                .hasMessageContaining("Username with password");
    }

    @Test
    void noIdMeansNoCredentialAndNoLookup() throws Exception {
        assertThat(CredentialLookup.resolve(null, new Fakes.FakeRun(null))).isNull();
    }

    @Test
    void theCredentialShowsItsIdButNeverItsSecret() throws Exception {
        StepCredential user = CredentialLookup.from(new Fakes.UsernamePassword("jira", "ops@myorg.com", "atl-789"));

        assertThat(user.toString()).contains("jira").doesNotContain("atl-789");
        assertThat(user.redact("token atl-789 refused")).isEqualTo("token **** refused");
    }

    private SyncProfile profile(String name) {
        return Project.open(project).config().profile(name);
    }
}
