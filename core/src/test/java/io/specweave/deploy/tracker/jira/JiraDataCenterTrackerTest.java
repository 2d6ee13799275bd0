package io.specweave.deploy.tracker.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.specweave.deploy.tracker.TrackerProject;
import org.junit.jupiter.api.Test;

/** Jira Data Center: REST v2, wiki text bodies, bearer JIRA_PAT. */
class JiraDataCenterTrackerTest extends JiraTrackerContractTest {

    @Override
    FakeJira.Flavor flavor() {
        return FakeJira.Flavor.DATA_CENTER;
    }

    /** Data Center speaks REST v2, searches through /rest/api/2/search and writes wiki text. */
    @Test
    void dataCenterUsesRestV2SearchAndTextDescriptions() {
        TrackerProject project = project("");
        jira.takeRequests();
        project.sync("jira-qa", "aaa1110", 1);
        assertThat(jira.takeRequests()).isNotEmpty().allMatch(r -> r.contains(" /rest/api/2/"))
                .contains("POST /rest/api/2/search");
        assertThat(jira.issues()).singleElement().satisfies(issue -> assertThat(issue.description.isTextual()).isTrue());
    }
}
