package io.specweave.deploy.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import io.specweave.deploy.ci.GitHttpServer;
import io.specweave.deploy.testing.TestTls;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** commit-metadata against a real bare repository standing in for GitHub. */
class CommitMetadataTest {

    @TempDir
    Path temp;

    private Path origin;
    private ActionWorkspace ws;

    @BeforeEach
    void repositoryWithTheDemoProjectOnMain() throws IOException {
        origin = temp.resolve("origin.git");
        Files.createDirectories(origin);
        Git.run(origin, "init", "-q", "--bare");
        Path seed = temp.resolve("seed");
        ActionWorkspace.copyTree(ActionWorkspace.DEMO, seed);
        Git.run(seed, "init", "-q");
        Git.run(seed, "add", "-A");
        Git.run(seed, "commit", "-q", "-m", "demo project");
        Git.run(seed, "push", "-q", origin.toString(), "HEAD:refs/heads/main");
        ws = new ActionWorkspace(temp.resolve("runner"), false);
        Files.delete(ws.workspace);
        Git.run(temp, "clone", "-q", "--branch", "main", origin.toString(), ws.workspace.toString());
        ws.input("increment", "0002").input("environment", "qa").input("commit-metadata", "true");
    }

    @Test
    void theRecordIsCommittedToTheBranchAsTheActionsBot() {
        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(Git.run(origin, "log", "-1", "--format=%an <%ae>|%s", "main"))
                .isEqualTo("github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>|"
                        + "Record deployment of 0002-password-reset to qa [ci skip]");
        assertThat(Git.run(origin, "show", "main:.specweave/increments/0002-password-reset/metadata.json"))
                .contains("\"qa\": {").contains(ActionWorkspace.SHA);
        assertThat(Git.run(origin, "show", "--name-only", "--format=", "main"))
                .isEqualTo(".specweave/increments/0002-password-reset/metadata.json");
        assertThat(run.stdout()).contains("::notice title=SpecWeave Deploy::Committed 0002-password-reset/metadata.json to main");
        assertThat(ws.summaryText()).contains("Committed `0002-password-reset/metadata.json` to `main`")
                .doesNotContain("lives only in this run's workspace");
    }

    @Test
    void aLaterJobStartedAtTheRunsCommitDecidesOnTheRecordsTheJobsBeforeItCommitted() throws IOException {
        // The pipeline's rule: qa takes only what dev runs healthy. Committed before the run's commit.
        Path config = ws.workspace.resolve(".specweave/config.json");
        Files.writeString(config, Files.readString(config).replaceFirst("\"deployment\": \\{",
                "\"deployment\": {\"promotion\": {\"requirePrevious\": [\"qa\"]},"));
        Git.run(ws.workspace, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-am", "gate qa");
        Git.run(ws.workspace, "push", "-q", "origin", "HEAD:main");
        String runsCommit = Git.run(ws.workspace, "rev-parse", "HEAD");
        Path qaJob = temp.resolve("qa-job");
        Git.run(temp, "clone", "-q", "--branch", "main", origin.toString(), qaJob.toString());
        ActionWorkspace.Run dev = ws.input("environment", "dev").run();
        assertThat(dev.exitCode()).as(dev.stdout()).isZero();
        // As actions/checkout starts the next job: the branch at the run's commit, behind the record dev pushed.
        Git.run(qaJob, "fetch", "-q", "origin");
        assertThat(Git.run(qaJob, "rev-parse", "HEAD")).isEqualTo(runsCommit);
        ActionWorkspace qa = new ActionWorkspace(temp.resolve("qa-runner"), false);
        Files.delete(qa.workspace);
        Files.move(qaJob, qa.workspace);
        qa.input("increment", "0002").input("environment", "qa").input("commit-metadata", "true");

        ActionWorkspace.Run run = qa.run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(run.stdout()).contains("read as origin's branch has it now");
        String onMain = Git.run(origin, "show", "main:.specweave/increments/0002-password-reset/metadata.json");
        assertThat(onMain).contains("\"dev\": {").contains("\"qa\": {");
        assertThat(Git.run(origin, "log", "--format=%s", "main")).doesNotContain("Merge");
    }

    @Test
    void aPushRacingAnotherJobIsRebasedAndRetried() throws IOException {
        String otherCommit = anotherJobPushes(".specweave/increments/0001-user-login/metadata.json",
                text -> text.replace("{", "{\n  \"touchedBy\": \"other job\","), "another job's record");

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(Git.run(origin, "rev-parse", "main~1")).isEqualTo(otherCommit);
        assertThat(Git.run(origin, "log", "-1", "--format=%an", "main")).isEqualTo("github-actions[bot]");
        assertThat(Git.run(origin, "show", "main:.specweave/increments/0002-password-reset/metadata.json"))
                .contains("\"qa\": {");
        assertThat(Git.run(origin, "show", "main:.specweave/increments/0001-user-login/metadata.json"))
                .contains("\"touchedBy\": \"other job\"");
        // Behind the branch is not a race: the record goes onto the tip at the first push.
        assertThat(run.stdout()).doesNotContain("attempts");
    }

    @Test
    void anotherJobRecordingTheSameIncrementMeanwhileKeepsBothRecords() throws IOException {
        ActionWorkspace devJob = new ActionWorkspace(temp.resolve("dev-runner"), false);
        Files.delete(devJob.workspace);
        Git.run(temp, "clone", "-q", "--branch", "main", origin.toString(), devJob.workspace.toString());
        devJob.input("increment", "0002").input("environment", "dev").input("commit-metadata", "true");
        assertThat(devJob.run().exitCode()).isZero();

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        String merged = Git.run(origin, "show", "main:.specweave/increments/0002-password-reset/metadata.json");
        assertThat(merged).contains("\"dev\": {").contains("\"qa\": {").contains("\"note\": \"kept as is by specweave-deploy\"");
        assertThat(Git.run(origin, "log", "--format=%s", "main")).startsWith(
                "Record deployment of 0002-password-reset to qa [ci skip]\nRecord deployment of 0002-password-reset to dev");
        assertThat(ws.metadata("0002-password-reset")).isEqualTo(merged + "\n");
    }

    /** The dev job of the same run: its record is on main, one commit past this job's checkout. */
    /**
     * Another job's clone of origin changes {@code file} (made when missing) with {@code edit} and pushes it
     * to main; returns the commit it pushed.
     */
    private String anotherJobPushes(String file, java.util.function.UnaryOperator<String> edit, String message)
            throws IOException {
        Path other = temp.resolve("other-job");
        Git.run(temp, "clone", "-q", origin.toString(), other.toString());
        Path changed = other.resolve(file);
        Files.createDirectories(changed.getParent());
        Files.writeString(changed, edit.apply(Files.exists(changed) ? Files.readString(changed) : ""));
        Git.run(other, "add", "-A");
        Git.run(other, "commit", "-q", "-m", message);
        Git.run(other, "push", "-q", "origin", "HEAD:main");
        return Git.run(other, "rev-parse", "HEAD");
    }

    private void devJobRecorded() throws IOException {
        ActionWorkspace devJob = new ActionWorkspace(temp.resolve("dev-runner"), false);
        Files.delete(devJob.workspace);
        Git.run(temp, "clone", "-q", "--branch", "main", origin.toString(), devJob.workspace.toString());
        devJob.input("increment", "0002").input("environment", "dev").input("commit-metadata", "true");
        assertThat(devJob.run().exitCode()).isZero();
    }

    @Test
    void aBranchThatCannotBeFetchedBeforeTheStepReadsIsNamedWithWhatWasReadInstead() throws IOException {
        Git.run(ws.workspace, "remote", "set-url", "origin", temp.resolve("moved-away.git").toString());

        ActionWorkspace.Run run = ws.input("environment", "qa").input("commit-metadata", "true").run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(ws.summaryText()).contains("Read before deciding:\n\n- .specweave/increments/0002-password-reset/"
                + "metadata.json: not read from origin's branch main, which could not be fetched (fatal: ")
                .contains("this checkout's version was read, and the jobs before this one may have recorded onto the "
                        + "branch since");
        assertThat(run.stdout()).contains("Not committed back (commit-metadata: true): the push to main reached no "
                + "repository");
    }

    @Test
    void whatAnEarlierStepRecordedWithoutCommittingGoesOntoTheBranchWithTheNextCommit() throws IOException {
        devJobRecorded();
        ActionWorkspace.Run earlier = ws.input("environment", "uat").input("commit-metadata", "false").run();
        assertThat(earlier.exitCode()).as(earlier.stdout()).isZero();

        ActionWorkspace.Run run = ws.input("environment", "qa").input("commit-metadata", "true").run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(run.stdout()).contains("read as origin's branch has it now").doesNotContain("::warning");
        assertThat(ws.summaryText()).contains("Read before deciding:\n\n- .specweave/increments/0002-password-reset/metadata.json: read as");
        String onMain = Git.run(origin, "show", "main:.specweave/increments/0002-password-reset/metadata.json");
        assertThat(onMain).contains("\"dev\": {").contains("\"uat\": {").contains("\"qa\": {");
        assertThat(ws.metadata("0002-password-reset")).isEqualTo(onMain + "\n");
    }

    @Test
    void aDeploymentToEveryEnvironmentSaysItReadTheRecordsAsTheBranchHasThemNow() throws IOException {
        devJobRecorded();

        ActionWorkspace.Run run = ws.step("deploy").input("increment", "0002").input("all-environments", "true").input("environment", "")
                .input("commit-metadata", "true").input("health-check", "false").run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(run.stdout()).contains("refreshed: .specweave/increments/0002-password-reset/metadata.json: read as "
                + "origin's branch has it now");
        assertThat(ws.summaryText()).contains("Read before deciding:\n\n- .specweave/increments/0002-password-reset/"
                + "metadata.json: read as");
        assertThat(Git.run(origin, "show", "main:" + METADATA)).contains("\"dev\": {").contains("\"prod\": {");
    }

    @Test
    void anEarlierStepsRecordOfAnEnvironmentTheBranchRecordedTooIsNamedAndItsOtherRecordsGo() throws IOException {
        devJobRecorded();
        ActionWorkspace.Run earlier = ws.input("environment", "dev").input("commit-metadata", "false")
                .input("commit", "d100000").run();
        assertThat(earlier.exitCode()).as(earlier.stdout()).isZero();
        ActionWorkspace.Run uat = ws.input("environment", "uat").input("commit", ActionWorkspace.SHA).run();
        assertThat(uat.exitCode()).as(uat.stdout()).isZero();

        ActionWorkspace.Run run = ws.input("environment", "qa").input("commit-metadata", "true").run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        // The branch's other records were read; dev stayed as this job has it.
        assertThat(run.stdout()).contains("metadata.json: read as origin's branch has it now")
                .contains("deployments.dev as this job has it");
        assertThat(run.stdout()).contains("::warning title=SpecWeave Deploy::Committed 0002-password-reset/metadata.json"
                + " to main").contains("Left out of that commit, what an earlier step of this run wrote and did not get "
                + "onto the branch: .specweave/increments/0002-password-reset/metadata.json (deployments.dev)");
        String onMain = Git.run(origin, "show", "main:.specweave/increments/0002-password-reset/metadata.json");
        assertThat(onMain).contains("\"qa\": {").contains("\"uat\": {").doesNotContain("d100000");
        assertThat(ws.metadata("0002-password-reset")).contains("d100000").contains("\"uat\": {");
    }

    @Test
    void aRecordWhosePushWasRefusedGoesOntoTheBranchWithTheJobsNextCommit() throws IOException {
        Path hook = origin.resolve("hooks/pre-receive");
        Files.writeString(hook, "#!/bin/sh\necho 'GH006: Protected branch update failed for refs/heads/main.'\nexit 1\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        ActionWorkspace.Run refused = ws.input("environment", "dev").run();
        assertThat(refused.stdout()).contains("::warning title=SpecWeave Deploy::Not committed back");
        Files.delete(hook);
        Path other = temp.resolve("other-job");
        Git.run(temp, "clone", "-q", origin.toString(), other.toString());
        ActionWorkspace staging = new ActionWorkspace(temp.resolve("staging-runner"), false);
        Files.delete(staging.workspace);
        Files.move(other, staging.workspace);
        assertThat(staging.input("increment", "0002").input("environment", "staging").input("commit-metadata", "true")
                .run().exitCode()).isZero();

        ActionWorkspace.Run run = ws.input("environment", "qa").run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(run.stdout()).doesNotContain("::warning").doesNotContain("attempts");
        String onMain = Git.run(origin, "show", "main:" + METADATA);
        assertThat(onMain).contains("\"dev\": {").contains("\"staging\": {").contains("\"qa\": {");
    }

    @Test
    void aRejectedPushIsAWarningAndTheRunStillSucceeds() throws IOException {
        Path hook = origin.resolve("hooks/pre-receive");
        Files.writeString(hook, "#!/bin/sh\necho 'GH006: Protected branch update failed for refs/heads/main.'\nexit 1\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        String before = Git.run(origin, "rev-parse", "main");

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(Git.run(origin, "rev-parse", "main")).isEqualTo(before);
        assertThat(run.stdout()).contains("::warning title=SpecWeave Deploy::Not committed back (commit-metadata: true): the push to main was "
                + "rejected").contains("lives only in this run's workspace").contains("Protected branch update failed");
        assertThat(ws.summaryText()).contains("> [!WARNING]").contains("lives only in this run's workspace");
        assertThat(ws.metadata("0002-password-reset")).contains("\"qa\": {");
        assertThat(ws.outputs()).containsEntry("environment", "qa");
    }

    @Test
    void aCheckoutWithoutAnOriginIsAWarningSayingSoAndCommitsNothing() {
        Git.run(ws.workspace, "remote", "remove", "origin");
        String head = Git.run(ws.workspace, "rev-parse", "HEAD");

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(run.stdout()).contains("::warning title=SpecWeave Deploy::Not committed back (commit-metadata: true): the "
                + "checkout has no remote to push to (").contains("origin").contains("); nothing was committed")
                .doesNotContain("rejected");
        assertThat(Git.run(ws.workspace, "rev-parse", "HEAD")).isEqualTo(head);
    }

    @Test
    void aFlagChangeSaysWhereItWasCommittedOrWhyNot() throws IOException {
        ActionWorkspace.Run run = ws.step("feature-flag").input("action", "enable").input("flag", "newCheckout")
                .input("environment", "qa").input("create-flag", "true").input("commit-metadata", "true").run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(Git.run(origin, "show", "--name-only", "--format=", "main"))
                .isEqualTo(".specweave/config/feature-flags.json");
        assertThat(run.stdout()).contains("::notice title=SpecWeave Deploy::Committed .specweave/config/feature-flags.json "
                + "to main (");
        assertThat(ws.summaryText()).contains("Committed `.specweave/config/feature-flags.json` to `main`");

        Path hook = origin.resolve("hooks/pre-receive");
        Files.writeString(hook, "#!/bin/sh\necho 'GH006: Protected branch update failed for refs/heads/main.'\nexit 1\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        ActionWorkspace.Run rejected = ws.input("action", "disable").run();

        assertThat(rejected.exitCode()).as(rejected.stdout()).isZero();
        assertThat(rejected.stdout()).contains("::warning title=SpecWeave Deploy::Not committed back (commit-metadata: "
                + "true): the push to main was rejected").contains("the flag change lives only in this run's workspace");
        assertThat(ws.summaryText()).contains("> [!WARNING]");
    }

    @Test
    void aFlagChangeReadsTheFlagsAsTheBranchHasThemNowAndSaysWhatItCommitted() throws IOException {
        ActionWorkspace.Run qa = ws.run();
        assertThat(qa.exitCode()).as(qa.stdout()).isZero();
        anotherJobPushes(".specweave/config/feature-flags.json", text -> "{\"qa\": {\"newCheckout\": true}}\n",
                "another job's flag");

        // Recorded in the history of qa's deployment of 0002 too.
        ActionWorkspace.Run run = ws.step("feature-flag").input("action", "enable").input("flag", "search")
                .input("environment", "qa").input("create-flag", "true").input("commit-metadata", "true")
                .input("increment", "0002").run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(run.stdout()).contains(".specweave/config/feature-flags.json: read as origin's branch has it now");
        assertThat(Git.run(origin, "show", "main:.specweave/config/feature-flags.json")).contains("newCheckout")
                .contains("search");
        assertThat(Git.run(origin, "show", "--name-only", "--format=", "main")).as(run.stdout()).isEqualTo(
                ".specweave/config/feature-flags.json\n.specweave/increments/0002-password-reset/metadata.json");
        assertThat(run.stdout()).contains("::notice title=SpecWeave Deploy::Committed 0002-password-reset/metadata.json "
                + "and .specweave/config/feature-flags.json to main");
        assertThat(ws.summaryText()).contains("Read before deciding:\n\n- .specweave/config/feature-flags.json: read as");
    }

    @Test
    void anEarlierFlagChangeTheBranchCannotTakeIsNamedNotSilentlyLost() throws IOException {
        ActionWorkspace.Run created = ws.step("feature-flag").input("action", "enable").input("flag", "newCheckout")
                .input("environment", "qa").input("create-flag", "true").input("commit-metadata", "true").run();
        assertThat(created.exitCode()).as(created.stdout()).isZero();
        anotherJobPushes(".specweave/config/feature-flags.json", text -> text.replaceFirst("\\}", ", \"search\": true}"),
                "another job's flag");
        ActionWorkspace.Run earlier = ws.input("environment", "prod").input("commit-metadata", "false").run();
        assertThat(earlier.exitCode()).as(earlier.stdout()).isZero();

        ActionWorkspace.Run run = ws.input("environment", "dev").input("commit-metadata", "true").run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(run.stdout()).contains(".specweave/config/feature-flags.json: not read from origin's branch")
                .contains("::warning title=SpecWeave Deploy::Committed .specweave/config/feature-flags.json to main")
                .contains("did not get onto the branch: .specweave/config/feature-flags.json.");
        assertThat(Files.readString(ws.workspace.resolve(".specweave/config/feature-flags.json")))
                .as("the workspace keeps the job's flags").contains("\"prod\"");
    }

    @Test
    void aReleaseJobOnATagCommitsToTheReleaseTargetBranch() throws IOException {
        Git.run(ws.workspace, "tag", "v1.5.0");
        Git.run(ws.workspace, "checkout", "-q", "--detach", "v1.5.0");
        Files.writeString(ws.event, "{\"action\": \"published\", \"release\": {\"tag_name\": \"v1.5.0\", "
                + "\"target_commitish\": \"main\"}, \"repository\": {\"default_branch\": \"main\"}}");
        ws.env.put("GITHUB_EVENT_NAME", "release");
        ws.env.put("GITHUB_REF", "refs/tags/v1.5.0");
        ws.env.put("GITHUB_REF_NAME", "v1.5.0");
        ws.env.put("GITHUB_REF_TYPE", "tag");
        ws.input("environment", "prod");

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(Git.run(origin, "show", "main:.specweave/increments/0002-password-reset/metadata.json"))
                .contains("\"prod\": {").contains("\"tag\": \"v1.5.0\"");
    }

    private static final String METADATA = ".specweave/increments/0002-password-reset/metadata.json";

    /**
     * origin's feature branch, and a main that moved on after it (also in 0002's record), checked out
     * as actions/checkout does for a pull_request run: HEAD detached at the merge of feature into main.
     * Returns feature's tip.
     */
    private String aPullRequestRunOf(String headRepository, String headBranch) throws IOException {
        Path dev = temp.resolve("dev");
        Git.run(temp, "clone", "-q", origin.toString(), dev.toString());
        Git.run(dev, "checkout", "-q", "-b", "feature");
        Files.writeString(dev.resolve("feature.txt"), "the feature\n");
        Git.run(dev, "add", "feature.txt");
        Git.run(dev, "commit", "-q", "-m", "feature work");
        Git.run(dev, "push", "-q", "origin", "feature");
        Git.run(dev, "checkout", "-q", "main");
        Path metadata = dev.resolve(METADATA);
        Files.writeString(metadata, Files.readString(metadata).replaceFirst("\\{", "{\n  \"touchedOnMain\": true,"));
        Git.run(dev, "commit", "-q", "-am", "base work");
        Git.run(dev, "push", "-q", "origin", "main");
        Git.run(ws.workspace, "fetch", "-q", "origin");
        Git.run(ws.workspace, "checkout", "-q", "--detach", "origin/main");
        Git.run(ws.workspace, "-c", "user.name=GitHub", "-c", "user.email=noreply@github.com", "merge", "-q",
                "--no-ff", "-m", "Merge feature into main", "origin/feature");
        Files.writeString(ws.event, "{\"action\": \"synchronize\", \"number\": 1, \"pull_request\": {\"number\": 1, "
                + "\"head\": {\"ref\": \"" + headBranch + "\", \"repo\": {\"full_name\": \"" + headRepository + "\"}}, "
                + "\"base\": {\"ref\": \"main\", \"repo\": {\"full_name\": \"demo-shop/demo-shop\"}}}}");
        ws.env.put("GITHUB_EVENT_NAME", "pull_request");
        ws.env.put("GITHUB_REF", "refs/pull/1/merge");
        ws.env.put("GITHUB_REF_NAME", "1/merge");
        ws.env.put("GITHUB_HEAD_REF", headBranch);
        ws.env.put("GITHUB_BASE_REF", "main");
        return Git.run(origin, "rev-parse", "feature");
    }

    @Test
    void aPullRequestRunPutsOnlyTheRecordOnTheHeadBranchNotTheMergeCheckout() throws IOException {
        String featureTip = aPullRequestRunOf("demo-shop/demo-shop", "feature");
        String merge = Git.run(ws.workspace, "rev-parse", "HEAD");

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(Git.run(origin, "rev-parse", "feature^@")).isEqualTo(featureTip);
        assertThat(Git.run(origin, "log", "--format=%s", "feature")).isEqualTo(
                "Record deployment of 0002-password-reset to qa [ci skip]\nfeature work\ndemo project");
        assertThat(Git.run(origin, "show", "--name-only", "--format=", "feature")).isEqualTo(METADATA);
        assertThat(Git.run(origin, "show", "feature:" + METADATA)).contains("\"qa\": {").doesNotContain("touchedOnMain");
        assertThat(run.stdout()).contains("::notice title=SpecWeave Deploy::Committed 0002-password-reset/metadata.json "
                + "to feature").as("the head branch had nothing new").doesNotContain("read as origin's branch");
        // The job's checkout is still the merge, its record in the merge's version of the file.
        assertThat(Git.run(ws.workspace, "rev-parse", "HEAD")).isEqualTo(merge);
        assertThat(ws.metadata("0002-password-reset")).contains("\"qa\": {").contains("touchedOnMain");
    }

    @Test
    void aLaterJobOfAPullRequestRunDecidesOnTheRecordsTheJobsBeforeItPutOnTheHeadBranch() throws IOException {
        aPullRequestRunOf("demo-shop/demo-shop", "feature");
        ActionWorkspace.Run qa = ws.run();
        assertThat(qa.exitCode()).as(qa.stdout()).isZero();
        // The next job (or a re-run) checks the same merge out afresh: its file has no qa record.
        Git.run(ws.workspace, "checkout", "--", METADATA);
        assertThat(ws.metadata("0002-password-reset")).doesNotContain("\"qa\": {");
        Path config = ws.workspace.resolve(".specweave/config.json");
        Files.writeString(config, Files.readString(config).replaceFirst("\"deployment\": \\{",
                "\"deployment\": {\"promotion\": {\"requirePrevious\": [\"staging\"]},"));

        ActionWorkspace.Run staging = ws.input("environment", "staging").run();

        assertThat(staging.exitCode()).as(staging.stdout()).isZero();
        assertThat(staging.stdout()).contains("read as origin's branch has it now");
        assertThat(Git.run(origin, "show", "feature:" + METADATA)).contains("\"qa\": {").contains("\"staging\": {")
                .doesNotContain("touchedOnMain");
        // The checkout keeps what the merge brought in from main.
        assertThat(ws.metadata("0002-password-reset")).contains("\"qa\": {").contains("\"staging\": {")
                .contains("touchedOnMain");
    }

    @Test
    void aForksPullRequestPushesNothingToTheSameNamedBranchHere() throws IOException {
        aPullRequestRunOf("someone/demo-shop", "main");
        String main = Git.run(origin, "rev-parse", "main");

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(Git.run(origin, "rev-parse", "main")).isEqualTo(main);
        assertThat(run.stdout()).contains("::warning title=SpecWeave Deploy::Not committed back (commit-metadata: true): the "
                + "pull request's branch main is in a fork, not in the repository this run pushes to, so nothing was "
                + "committed");
    }

    @Test
    void aDetachedCheckoutThatNamesNoBranchSaysHowToGetOne() throws IOException {
        Git.run(ws.workspace, "checkout", "-q", "--detach");
        // An event whose payload names no default branch either.
        Files.writeString(ws.event, "{}");
        ws.env.put("GITHUB_EVENT_NAME", "deployment");
        ws.env.put("GITHUB_REF", "refs/tags/v1.5.0");
        ws.env.put("GITHUB_REF_TYPE", "tag");
        ActionWorkspace.Run run = ws.input("branch", "main").run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(run.stdout()).contains("::warning title=SpecWeave Deploy::Not committed back (commit-metadata: true): "
                + "there is no branch to commit to: HEAD is detached and the run names no branch; check out the branch "
                + "the record belongs on (actions/checkout's ref:), or record from a run that names one: a push of a "
                + "branch, a pull request (its head branch), a published release (its target branch)")
                .doesNotContain("no branch named");
    }

    /** The log but the mask command, which names the token so that the runner hides it. */
    private static String unmasked(ActionWorkspace.Run run) {
        return String.join("\n", run.lines().stream().filter(l -> !l.startsWith("::add-mask::")).toList());
    }

    @Test
    void thePushAuthenticatesWithTheGithubTokenOnlyToTheRunsOwnServer() throws IOException {
        String token = "ghs_" + "c0mm1tback".repeat(3);
        try (GitHttpServer github = new GitHttpServer(temp, "x-access-token", token, TestTls.create(temp))) {
            // actions/checkout with persist-credentials: false: the checkout keeps no credential of its own.
            Git.run(ws.workspace, "remote", "set-url", "origin", github.url("origin.git"));
            Git.run(ws.workspace, "config", "http.sslVerify", "false");
            String before = Git.run(origin, "rev-parse", "main");
            ws.input("github-token", token);

            ActionWorkspace.Run elsewhere = ws.run();

            assertThat(elsewhere.exitCode()).as(elsewhere.stdout()).isZero();
            assertThat(Git.run(origin, "rev-parse", "main")).isEqualTo(before);
            assertThat(String.join("\n", github.authorizations)).doesNotContain(java.util.Base64.getEncoder()
                    .encodeToString(("x-access-token:" + token).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(elsewhere.stdout()).contains("Not committed back (commit-metadata: true): the remote asked for "
                    + "credentials to push to main and there were none to give (git cannot prompt in a pipeline); the "
                    + "run's token goes only to its own server (GITHUB_SERVER_URL, over https)");
            assertThat(unmasked(elsewhere)).doesNotContain(token);

            ws.env.put("GITHUB_SERVER_URL", github.origin());
            ActionWorkspace.Run own = ws.input("environment", "staging").run();

            assertThat(own.exitCode()).as(own.stdout()).isZero();
            assertThat(own.stdout()).contains("::notice title=SpecWeave Deploy::Committed 0002-password-reset/metadata.json "
                    + "to main");
            assertThat(unmasked(own)).doesNotContain(token);
            assertThat(github.users).contains("x-access-token");
            assertThat(Git.run(origin, "show", "main:" + METADATA)).contains("\"staging\": {");
        }
    }

    @Test
    void withoutAGitCheckoutTheRecordStaysInTheWorkspaceWithAWarning() throws IOException {
        ActionWorkspace plain = new ActionWorkspace(temp.resolve("plain")).input("increment", "0002")
                .input("commit-metadata", "true");

        ActionWorkspace.Run run = plain.run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(run.stdout()).contains("::warning title=SpecWeave Deploy::Not committed back (commit-metadata: true): the workspace is not a "
                + "git checkout");
        assertThat(plain.metadata("0002-password-reset")).contains("\"dev\": {");
    }

    @Test
    void aMetadataFileLinkedToAnotherFileOfTheCheckoutCommitsThatFile() throws IOException {
        Path metadata = ws.workspace.resolve(".specweave/increments/0002-password-reset/metadata.json");
        Path shared = ws.workspace.resolve("records/0002-password-reset.json");
        Files.createDirectories(shared.getParent());
        Files.move(metadata, shared);
        Files.createSymbolicLink(metadata, Path.of("../../../records/0002-password-reset.json"));
        Git.run(ws.workspace, "add", "-A");
        Git.run(ws.workspace, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "shared records");
        Git.run(ws.workspace, "push", "-q", "origin", "HEAD:main");

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(metadata).isSymbolicLink();
        assertThat(Git.run(origin, "show", "main:records/0002-password-reset.json")).contains("\"qa\": {")
                .contains(ActionWorkspace.SHA);
        assertThat(Git.run(origin, "show", "--name-only", "--format=", "main")).isEqualTo("records/0002-password-reset.json");
        assertThat(Git.run(ws.workspace, "status", "--porcelain")).isEmpty();
    }
}
