package io.specweave.deploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.specweave.deploy.app.Request;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecweaveSyncStepTest {

    /** The build log the step writes to. */
    private final Fakes.Log log = new Fakes.Log();

    private static final Path DIR = Path.of("workspace");

    @Test
    void everyParameterReachesTheCoreRequest() {
        SpecweaveSyncStep step = Steps.sync("jira-prod");
        step.setEnvironment("prod");
        step.setIncrement("0018");
        step.setCommit("9b1d5f0c");
        step.setBranch("main");
        step.setTag("v1.5.0");
        step.setDeployedBy("release-bot");
        step.setRunUrl("https://ci.example/job/shop/42/");
        step.setDeploymentUrl("https://shop.example");
        step.setDryRun(true);
        step.setHealthCheck(false);
        step.setTestResults("target/surefire-reports/*.xml");
        step.setCoverage("target/site/jacoco/jacoco.xml");
        step.setLoadTestResults("k6-summary.json");
        step.setForce(true);
        step.setIssueKeys("PROD-12, PROD-13");

        Request request = step.callable(Map.of(), null, null, log).request(DIR);

        assertThat(request).usingRecursiveComparison().isEqualTo(Request.builder(DIR).increment("0018")
                .profile("jira-prod").environment("prod").outcome(Request.Outcome.DEPLOYED).commit("9b1d5f0c")
                .branch("main").tag("v1.5.0").deployedBy("release-bot").runUrl("https://ci.example/job/shop/42/")
                .deploymentUrl("https://shop.example").dryRun(true).issueKeys(List.of("PROD-12", "PROD-13"))
                .testResults("target/surefire-reports/*.xml").coverage("target/site/jacoco/jacoco.xml")
                .loadTestResults("k6-summary.json").healthCheck(false).force(true).build());
    }

    @Test
    void theNewParametersMapAsTheCliOptionsDo() {
        SpecweaveSyncStep step = new SpecweaveSyncStep();
        step.setProfile("jira-prod");
        step.setIssueKeys("PROD-12,PROD-13");
        step.setTestResults("  ");

        Request request = step.callable(Map.of(), null, null, log).request(DIR);

        assertThat(request.issueKeys()).containsExactly("PROD-12", "PROD-13");
        assertThat(step.getIssueKeys()).isEqualTo("PROD-12,PROD-13");
        assertThat(step.getTestResults()).isNull();
        assertThat(request.testResults()).isNull();
        assertThat(request.healthCheck()).as("checked unless healthCheck: false, as sync without "
                + "--no-health-check").isTrue();
        assertThat(request.force()).isFalse();
    }

    @Test
    void withNothingSetTheActiveIncrementIsRecordedAsDeployedToTheDefaultProfileAndChecked() {
        Request request = new SpecweaveSyncStep().callable(Map.of(), null, null, log).request(DIR);

        assertThat(request).usingRecursiveComparison().isEqualTo(Request.builder(DIR).increment("active")
                .outcome(Request.Outcome.DEPLOYED).healthCheck(true).issueKeys(List.of()).build());
    }

    @Test
    void theWorkingDirectoryIsAFolderOfTheWorkspaceAndNoneBesideIt(@TempDir Path workspace) throws Exception {
        SpecweaveSyncStep step = Steps.sync("local-qa");
        step.setWorkingDirectory("services/shop");
        assertThat(step.callable(Map.of(), null, null, log).request(DIR).dir())
                .isEqualTo(DIR.toAbsolutePath().resolve("services/shop"));

        // As the Action's working-directory: one rule, in core, refuses a project beside the workspace.
        for (String outside : List.of("../elsewhere", workspace.resolveSibling("elsewhere").toString())) {
            step.setWorkingDirectory(outside);
            assertThatThrownBy(() -> step.callable(Map.of(), null, null, log).invoke(workspace.toFile(), null))
                    .isInstanceOf(AbortException.class)
                    .hasMessage("workingDirectory: expected a folder inside the workspace, got \"" + outside
                            + "\", which is outside it");
        }
    }

    @Test
    void emptySnippetGeneratorFieldsCountAsNotSet() {
        SpecweaveSyncStep step = Steps.sync("  ");
        step.setIncrement("");
        step.setEnvironment(" ");
        step.setCommit("");
        step.setCredentialsId("");
        step.setWorkingDirectory(" ");

        assertThat(step.getProfile()).isNull();
        assertThat(step.getIncrement()).isEqualTo("active");
        assertThat(step.getEnvironment()).isNull();
        assertThat(step.getCommit()).isNull();
        assertThat(step.getCredentialsId()).isNull();
        assertThat(step.getWorkingDirectory()).isNull();
    }

    @Test
    void deployedFalseMarksTheDeploymentInProgressAndFailedWinsOverDeployed() {
        SpecweaveSyncStep started = Steps.sync("local-qa");
        started.setDeployed(false);
        SpecweaveSyncStep failed = Steps.sync("local-qa");
        failed.setFailed(true);

        assertThat(started.callable(Map.of(), null, null, log).request(DIR)).extracting("outcome")
                .isEqualTo(Request.Outcome.IN_PROGRESS);
        assertThat(failed.callable(Map.of(), null, null, log).request(DIR)).extracting("outcome")
                .isEqualTo(Request.Outcome.FAILED);
    }

    @Test
    void theDescriptorNamesTheStepAndAsksForRunWorkspaceLogAndEnvironment() {
        SpecweaveSyncStep.DescriptorImpl descriptor = new SpecweaveSyncStep.DescriptorImpl();

        assertThat(descriptor.getFunctionName()).isEqualTo("specweaveSync");
        assertThat(descriptor.getDisplayName()).isNotBlank();
        assertThat(Set.<Class<?>>copyOf(descriptor.getRequiredContext()))
                .isEqualTo(Set.of(Run.class, FilePath.class, TaskListener.class, EnvVars.class));
    }

    @Test
    void theCallableCrossesToAnAgentIntact() throws Exception {
        SpecweaveSyncStep step = Steps.sync("local-qa");
        step.setCommit("abc1230");
        step.setIssueKeys("PROD-1");
        step.setTestResults("reports/*.xml");
        step.setHealthCheck(false);
        StepCredential credential = StepCredential.token("gh", "s3cr3t-token");
        OperationCallable callable = step.callable(Map.of("BUILD_URL", "https://ci.example/job/shop/7/"), credential,
                null, log);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(callable);
        }
        OperationCallable copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (OperationCallable) in.readObject();
        }

        assertThat(copy.request(DIR)).usingRecursiveComparison().isEqualTo(callable.request(DIR));
        assertThat(credential.toString()).doesNotContain("s3cr3t-token").contains("gh");
    }
}
