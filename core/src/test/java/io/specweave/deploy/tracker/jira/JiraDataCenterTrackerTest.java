package io.specweave.deploy.tracker.jira;

/** Jira Data Center: REST v2, wiki text bodies, bearer JIRA_PAT. */
class JiraDataCenterTrackerTest extends JiraTrackerContractTest {

    @Override
    FakeJira.Flavor flavor() {
        return FakeJira.Flavor.DATA_CENTER;
    }
}
