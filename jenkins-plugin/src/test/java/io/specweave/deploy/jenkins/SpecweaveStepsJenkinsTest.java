package io.specweave.deploy.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.FilePath;
import hudson.model.Fingerprint;
import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import hudson.util.Secret;
import java.io.File;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The steps in a real Jenkins: sandboxed Pipeline scripts on the built-in node and on an agent. */
@WithJenkins
class SpecweaveStepsJenkinsTest {

    private static final String METADATA = ".specweave/increments/0002-password-reset/metadata.json";

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        j = rule;
    }

    @Test
    void recordsADeploymentInTheWorkspaceAndReturnsTheMapToTheScript() throws Exception {
        WorkflowJob job = job("""
                node {
                  def r = specweaveSync profile: 'local-qa', healthCheck: false
                  echo "result: ${r.increment} ${r.environment} ${r.profile} ${r.provider} ${r.status} ${r.newDeployment}"
                }
                """);
        FilePath workspace = demoIn(j.jenkins.getWorkspaceFor(job));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        j.assertLogContains("result: 0002-password-reset qa local-qa local deployed true", run);
        j.assertLogContains("[specweaveSync] Recorded 0002-password-reset -> qa", run);
        JsonNode qa = metadata(workspace).path("deployments").path("qa");
        assertEquals("deployed", qa.path("status").asText());
        assertEquals(j.getURL().toString() + run.getUrl(), qa.path("runUrl").asText());
        assertEquals("https://qa.demo-shop.example", qa.path("deploymentUrl").asText());
    }

    @Test
    void runsOnTheAgentThatHoldsTheWorkspace() throws Exception {
        DumbSlave agent = j.createOnlineSlave(Label.get("remote"));
        WorkflowJob job = job("""
                node('remote') {
                  def r = specweaveSync profile: 'local-prod', tag: 'v1.5.0', commit: '9b1d5f0c', healthCheck: false
                  echo "prod: ${r.environment} ${r.deployedAt != null}"
                }
                """);
        FilePath workspace = demoIn(agent.getWorkspaceFor(job));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        j.assertLogContains("prod: prod true", run);
        JsonNode prod = metadata(workspace).path("deployments").path("prod");
        assertEquals("v1.5.0", prod.path("tag").asText());
        assertEquals("9b1d5f0c", prod.path("commit").asText());
    }

    @Test
    void aSecretTextCredentialIsLookedUpByIdTrackedAndNeverPrinted() throws Exception {
        String secret = "ghp_never_in_the_log_4711";
        StringCredentialsImpl token = new StringCredentialsImpl(CredentialsScope.GLOBAL, "github-token",
                "GitHub token", Secret.fromString(secret));
        CredentialsStore store = CredentialsProvider.lookupStores(j.jenkins).iterator().next();
        store.addCredentials(Domain.global(), token);
        WorkflowJob job = job("""
                node {
                  def r = specweaveSync profile: 'local-dev', credentialsId: 'github-token', healthCheck: false
                  echo "dev: ${r.status}"
                }
                """);
        demoIn(j.jenkins.getWorkspaceFor(job));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        j.assertLogContains("dev: deployed", run);
        j.assertLogNotContains(secret, run);
        Fingerprint fingerprint = CredentialsProvider.getFingerprintOf(token);
        assertNotNull(fingerprint, "the credential's use is tracked");
        assertTrue(fingerprint.getJobs().contains(job.getFullName()), "tracked on " + job.getFullName());
    }

    @Test
    void anUnknownCredentialOrProfileFailsTheBuildWithOneLine() throws Exception {
        WorkflowJob missingCredential = job("node { specweaveSync profile: 'local-dev', credentialsId: 'nope' }");
        demoIn(j.jenkins.getWorkspaceFor(missingCredential));
        WorkflowJob unknownProfile = job("node { specweaveSync profile: 'jira-prod' }");
        demoIn(j.jenkins.getWorkspaceFor(unknownProfile));

        WorkflowRun first = j.assertBuildStatus(Result.FAILURE, missingCredential.scheduleBuild2(0));
        WorkflowRun second = j.assertBuildStatus(Result.FAILURE, unknownProfile.scheduleBuild2(0));

        j.assertLogContains("credentialsId: no credential \"nope\" is visible to this build", first);
        j.assertLogContains("no profile named \"jira-prod\"", second);
        j.assertLogNotContains("\tat io.specweave", second);
    }

    @Test
    void specweaveStatusPrintsTheTableAndReturnsPlainData() throws Exception {
        WorkflowJob job = job("""
                node {
                  specweaveSync profile: 'local-dev', commit: 'abc1230', healthCheck: false
                  def s = specweaveStatus increment: '0002'
                  echo "status: ${s.id} ${s.environments[0].environment}=${s.environments[0].state} ${s.environments[1].environment}=${s.environments[1].state}"
                }
                """);
        demoIn(j.jenkins.getWorkspaceFor(job));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        j.assertLogContains("Deployment Status: 0002-password-reset", run);
        j.assertLogContains("status: 0002-password-reset dev=deployed qa=not_deployed", run);
    }

    @Test
    void theStepsSurviveAConfigRoundTrip() throws Exception {
        SpecweaveSyncStep sync = new SpecweaveSyncStep();
        sync.setProfile("github-qa");
        sync.setIncrement("0018");
        sync.setCredentialsId("github-token");
        sync.setDeployed(false);
        sync.setTag("v2.0.0");
        sync.setWorkingDirectory("services/shop");
        SpecweaveStatusStep status = new SpecweaveStatusStep();
        status.setIncrement("0018");
        status.setPlain(true);

        j.assertEqualDataBoundBeans(sync, new StepConfigTester(j).configRoundTrip(sync));
        j.assertEqualDataBoundBeans(status, new StepConfigTester(j).configRoundTrip(status));
    }

    private WorkflowJob job(String script) throws Exception {
        WorkflowJob job = j.jenkins.createProject(WorkflowJob.class, "p" + j.jenkins.getItems().size());
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    private static FilePath demoIn(FilePath workspace) throws Exception {
        workspace.mkdirs();
        new FilePath(new File(System.getProperty("specweave.demo.dir"))).copyRecursiveTo(workspace);
        return workspace;
    }

    private static JsonNode metadata(FilePath workspace) throws Exception {
        return new ObjectMapper().readTree(workspace.child(METADATA).readToString());
    }
}
