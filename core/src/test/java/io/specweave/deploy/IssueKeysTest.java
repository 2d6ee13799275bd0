package io.specweave.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IssueKeysTest {

    @Test
    void keysAreSplitAtCommasBlanksAndNewLinesUpperCasedAndEachKeptOnce() {
        assertThat(IssueKeys.parse(List.of("prod-1, PROD-2\nOPS_X-3", " PROD-1 "), Input.ISSUE_KEYS))
                .containsExactly("PROD-1", "PROD-2", "OPS_X-3");
        assertThat(IssueKeys.parse(Arrays.asList(null, " "), "config.issueKeys")).isEmpty();
    }

    @Test
    void somethingThatIsNoKeyIsBadInputNamingTheSettingAndTheValueAsGiven() {
        assertThatThrownBy(() -> IssueKeys.parse(List.of("PROD-1 prod"), "sync.profiles.j.config.issueKeys"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("sync.profiles.j.config.issueKeys: \"prod\" is not a Jira issue key (expected e.g. PROD-12)");
        assertThatThrownBy(() -> IssueKeys.parse(List.of("12-PROD"), Input.ISSUE_KEYS))
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.input()).isEqualTo(Input.ISSUE_KEYS));
    }

    @Test
    void aStoredKeyIsRecognisedAsJiraWritesIt() {
        assertThat(IssueKeys.isKey("PROD-12")).isTrue();
        assertThat(IssueKeys.isKey("prod-12")).isFalse();
        assertThat(IssueKeys.isKey("https://jira.example.com/browse/PROD-12")).isFalse();
        assertThat(IssueKeys.isKey(null)).isFalse();
    }
}
