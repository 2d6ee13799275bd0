package io.specweave.deploy.tracker.jira;

/** Jira Cloud: REST v3, ADF bodies, basic auth with JIRA_EMAIL and JIRA_API_TOKEN. */
class JiraCloudTrackerTest extends JiraTrackerContractTest {

    @Override
    FakeJira.Flavor flavor() {
        return FakeJira.Flavor.CLOUD;
    }
}
