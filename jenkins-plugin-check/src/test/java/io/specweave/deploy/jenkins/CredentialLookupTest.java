package io.specweave.deploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.specweave.deploy.app.Request;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Jenkins credential is read as a token, or a user and a token, for core to hand to the profile's tracker. */
class CredentialLookupTest {

    /** The build log the step writes to. */
    private final Fakes.Log log = new Fakes.Log();

    @Test
    void aSecretTextIsATokenWithoutAUser() throws Exception {
        StepCredential token = CredentialLookup.TRACKER.from(new Fakes.SecretText("gh", "ghp_123"));

        assertThat(token.username()).isNull();
        assertThat(token.secret()).isEqualTo("ghp_123");
    }

    @Test
    void aUsernameWithPasswordCarriesBoth() throws Exception {
        StepCredential user = CredentialLookup.TRACKER.from(new Fakes.UsernamePassword("jira", "ops@myorg.com", "atl-789"));

        assertThat(user.username()).isEqualTo("ops@myorg.com");
        assertThat(user.secret()).isEqualTo("atl-789");
    }

    @Test
    void theStepHandsTheCredentialToCoreWhichKnowsTheProfilesVariables() throws Exception {
        StepCredential user = CredentialLookup.TRACKER.from(new Fakes.UsernamePassword("jira", "ops@myorg.com", "atl-789"));

        Request request = Steps.sync("jira-qa").callable(Map.of(), user, null, log).request(Path.of("workspace"));

        // Which variables they become (JIRA_EMAIL and JIRA_API_TOKEN here) is core's rule: CredentialVariablesTest.
        assertThat(request).extracting("credentialUser", "credentialSecret").containsExactly("ops@myorg.com", "atl-789");
    }

    @Test
    void anyOtherKindOfCredentialAbortsNamingWhatIsExpected() {
        assertThatThrownBy(() -> CredentialLookup.TRACKER.from(new Fakes.SshKey("deploy-key")))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessageContaining("credentialsId")
                .hasMessageContaining("\"deploy-key\"")
                .hasMessageContaining("Secret text")
                .hasMessageContaining("Username with password");
    }

    @Test
    void noIdMeansNoCredentialAndNoLookup() throws Exception {
        assertThat(CredentialLookup.TRACKER.resolve(null, new Fakes.FakeRun(null))).isNull();
    }

    @Test
    void theCredentialShowsItsIdButNeverItsSecret() throws Exception {
        StepCredential user = CredentialLookup.TRACKER.from(new Fakes.UsernamePassword("jira", "ops@myorg.com", "atl-789"));

        assertThat(user.toString()).contains("jira").doesNotContain("atl-789");
    }

    @Test
    void theGitPushCredentialIsAUsernameWithPasswordAndNothingElse() throws Exception {
        StepCredential push = CredentialLookup.GIT_PUSH.from(new Fakes.UsernamePassword("git-push", "ci-bot", "ghp_456"));

        assertThat(push.username()).isEqualTo("ci-bot");
        assertThat(push.secret()).isEqualTo("ghp_456");
        assertThatThrownBy(() -> CredentialLookup.GIT_PUSH.from(new Fakes.SecretText("gh", "ghp_123")))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessageContaining("gitCredentialsId")
                .hasMessageContaining("\"gh\"")
                .hasMessageContaining("Username with password");
        assertThat(CredentialLookup.GIT_PUSH.resolve(null, new Fakes.FakeRun(null))).isNull();
    }
}
