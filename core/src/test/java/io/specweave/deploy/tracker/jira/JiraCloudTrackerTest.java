package io.specweave.deploy.tracker.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.specweave.deploy.tracker.TrackerProject;
import org.junit.jupiter.api.Test;

/** Jira Cloud: REST v3, ADF bodies, basic auth with JIRA_EMAIL and JIRA_API_TOKEN. */
class JiraCloudTrackerTest extends JiraTrackerContractTest {

    @Override
    FakeJira.Flavor flavor() {
        return FakeJira.Flavor.CLOUD;
    }

    /** Cloud speaks REST v3 only, finds issues through the new search/jql endpoint and writes ADF. */
    @Test
    void cloudUsesRestV3SearchJqlAndAdfDescriptions() {
        TrackerProject project = project("");
        jira.takeRequests();
        project.sync("jira-qa", "aaa1110", 1);
        assertThat(jira.takeRequests()).isNotEmpty().allMatch(r -> r.contains(" /rest/api/3/"))
                .contains("POST /rest/api/3/search/jql");
        assertThat(jira.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.description.path("type").asText()).isEqualTo("doc");
            assertThat(issue.description.path("version").asInt()).isEqualTo(1);
        });
    }
}
