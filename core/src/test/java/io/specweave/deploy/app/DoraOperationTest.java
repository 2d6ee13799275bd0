package io.specweave.deploy.app;

import io.specweave.deploy.ci.GitCommitTimes;
import io.specweave.deploy.dora.DoraCalculator;
import io.specweave.deploy.dora.DoraMetric;
import io.specweave.deploy.dora.DoraReport;
import io.specweave.deploy.model.DeploymentStatus;
import io.specweave.deploy.model.HealthStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.TestProjects;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history below, with the answers worked out by hand (now = Mon 2026-11-30T00:00Z, window 28d,
 * so the period is Mon 2026-11-02 to 2026-11-30):
 *
 * <pre>
 * 0001 first deployment (dev) 2026-10-01T00:00
 *   P1 prod 2026-10-20T10:00 deployed            before the window
 *   P2 prod 2026-11-03T10:00 deployed            lead 33d10h = 802 h
 *   P3 prod 2026-11-04T12:00 failed              failure
 *   P4 prod 2026-11-04T15:00 deployed, healthy   lead 34d15h = 831 h; recovers P3 after 3 h
 * 0002 first deployment (dev) 2026-11-05T00:00
 *   P5 prod 2026-11-10T09:00 rolled_back         lead 129 h; failure
 *   P6 prod 2026-11-10T10:30 deployed, unhealthy lead 130.5 h; not a recovery
 *   P7 prod 2026-11-11T09:00 deployed, healthy   lead 153 h; recovers P5 after 24 h
 * 0003 first deployment (dev) 2026-11-15T12:00
 *   P8 prod 2026-11-17T12:00 deployed            lead 48 h
 *   P9 prod 2026-11-25T12:00 in_progress         not finished: ignored
 *
 * successful: P2 P4 P5 P6 P7 P8 = 6 in 4 weeks = 1.5/week
 * deployment days per week (Mon-based): [2, 2, 1, 0, 0] -> median 1 (< 3, not daily);
 *   weeks with a deployment [1, 1, 1, 0, 0] -> median 1 -> weekly -> high
 * lead time: 48, 129, 130.5, 153, 802, 831 -> median (130.5 + 153) / 2 = 141.75 h -> under a week -> high
 * change failure rate: P3, P5 of 7 finished = 28.57 % -> low
 * recovery: 3 h, 24 h -> median 13.5 h -> under a day -> high
 * </pre>
 */
class DoraOperationTest {

    @TempDir
    Path dir;

    private final TestOperations run = TestOperations.at("2026-11-30T00:00:00Z");

    private DoraReport dora(String window) {
        return run.operations().dora(Request.builder(dir).window(window).build());
    }

    private static ObjectNode record(String at, String status, String health, String commit) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("profile", "local-prod").put("status", status).put("deployedAt", at).put("commit", commit);
        if (health != null) {
            node.put("healthStatus", health);
        }
        return node;
    }

    /** Writes an increment whose prod history is {@code prod} (oldest first, the last one current). */
    private void increment(String id, String devAt, List<ObjectNode> prod) {
        TestProjects.increment(dir, id, "Increment " + id);
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("id", id).put("status", "active");
        ObjectNode deployments = root.putObject("deployments");
        deployments.set("dev", record(devAt, "deployed", null, "c-" + id));
        ObjectNode current = prod.get(prod.size() - 1).deepCopy();
        ArrayNode history = current.putArray("history");
        prod.subList(0, prod.size() - 1).forEach(history::add);
        deployments.set("prod", current);
        TestProjects.write(dir.resolve(".specweave/increments/" + id + "/metadata.json"), Json.pretty(root));
    }

    private void handComputedHistory() {
        TestProjects.create(dir, null, null);
        increment("0001-login", "2026-10-01T00:00:00Z", List.of(
                record("2026-10-20T10:00:00Z", "deployed", null, "aaaa001"),
                record("2026-11-03T10:00:00Z", "deployed", null, "aaaa002"),
                record("2026-11-04T12:00:00Z", "failed", null, "aaaa003"),
                record("2026-11-04T15:00:00Z", "deployed", "healthy", "aaaa004")));
        increment("0002-reset", "2026-11-05T00:00:00Z", List.of(
                record("2026-11-10T09:00:00Z", "rolled_back", "healthy", "bbbb001"),
                record("2026-11-10T10:30:00Z", "deployed", "unhealthy", "bbbb002"),
                record("2026-11-11T09:00:00Z", "deployed", "healthy", "bbbb003")));
        increment("0003-oauth", "2026-11-15T12:00:00Z", List.of(
                record("2026-11-17T12:00:00Z", "deployed", null, "cccc001"),
                record("2026-11-25T12:00:00Z", "in_progress", null, "cccc002")));
    }

    @Test
    void fourKeysOverAGeneratedHistoryMatchTheHandComputedAnswers() {
        handComputedHistory();

        DoraReport report = dora("28d");

        assertThat(report.environment()).isEqualTo("prod");
        assertThat(report.from()).isEqualTo("2026-11-02T00:00:00Z");
        assertThat(report.to()).isEqualTo("2026-11-30T00:00:00Z");
        assertThat(report.deployments()).isEqualTo(6);
        assertThat(report.failures()).isEqualTo(2);
        assertThat(report.deploymentFrequency()).isEqualTo(new DoraMetric(1.5, "deployments/week", "1.5/week", "high",
                "weekly: most weeks have a deployment (median 1 deployment day per week)", 6));
        assertThat(report.leadTimeForChanges()).isEqualTo(new DoraMetric(141.75, "hours", "5d 21h 45m", "high",
                "median of 6 changes, the increment's first deployment to prod: the deployed commits are not in this "
                        + "git repository", 6));
        assertThat(report.changeFailureRate()).isEqualTo(new DoraMetric(28.57, "percent", "28.57%", "low",
                "2 of 7 deployments failed or were rolled back", 7));
        assertThat(report.failedDeploymentRecoveryTime()).isEqualTo(new DoraMetric(13.5, "hours", "13h 30m", "high",
                "median of 2 recoveries", 2));
    }

    @Test
    void aDeploymentWhoseTimeIsNotOneIsNotCountedAndTheReportSaysSo() {
        handComputedHistory();
        increment("0004-hand-edited", "2026-11-01T00:00:00Z", List.of(
                record("yesterday", "deployed", null, "dddd001"),
                record("2026-11-20T10:00:00Z", "deployed", "healthy", "dddd002")));

        DoraReport report = dora("28d");

        assertThat(report.deployments()).as("the hand-computed six, and 0004's timed one").isEqualTo(7);
        assertThat(report.warnings()).containsExactly("1 deployment to prod not counted: deployedAt is missing or "
                + "not an ISO-8601 time such as 2026-11-27T10:15:00Z in 0004-hand-edited (\"yesterday\")");
    }

    @Test
    void aRecordSpellingItsKeysAnotherWayCountsAndOneWithoutATimeIsNamed() {
        handComputedHistory();
        ObjectNode snake = Json.mapper().createObjectNode().put("Status", "deployed")
                .put("deployed_at", "2026-11-20T10:00:00Z").put("commit", "eeee002").put("health_status", "healthy");
        ObjectNode untimed = Json.mapper().createObjectNode().put("status", "failed").put("commit", "eeee001");
        increment("0005-by-hand", "2026-11-01T00:00:00Z", List.of(untimed, snake));

        DoraReport report = dora("28d");

        assertThat(report.deployments()).as("the hand-computed six, and 0005's spelled another way").isEqualTo(7);
        assertThat(report.warnings()).containsExactly("1 deployment to prod not counted: deployedAt is missing or "
                + "not an ISO-8601 time such as 2026-11-27T10:15:00Z in 0005-by-hand (none)");
    }

    @Test
    void aStatusOutsideSpecweaveDeploysListIsCountedInNoKeyAndTheReportSaysSo() {
        handComputedHistory();
        DoraReport before = dora("28d");
        increment("0004-hand-edited", "2026-11-01T00:00:00Z", List.of(
                record("2026-11-20T10:00:00Z", "weird", null, "dddd001")));

        DoraReport report = dora("28d");

        assertThat(report.deployments()).isEqualTo(before.deployments());
        assertThat(report.changeFailureRate()).isEqualTo(before.changeFailureRate());
        assertThat(report.warnings()).containsExactly("1 deployment to prod not counted: status is none of in_progress, "
                + "deployed, failed, rolled_back in 0004-hand-edited (\"weird\")");
    }

    @Test
    void aMetadataFileThatIsNoObjectIsLeftOutSayingWhy() {
        handComputedHistory();
        TestProjects.write(dir.resolve(".specweave/increments/0003-oauth/metadata.json"), "[1]");
        assertThat(dora("28d").warnings()).singleElement().asString()
                .contains(".specweave/increments/0003-oauth/metadata.json: expected an object (SpecWeave's metadata.json), "
                        + "got an array");
        TestProjects.write(dir.resolve(".specweave/increments/0003-oauth/metadata.json"), "{\"deployments\": [1]}");
        assertThat(dora("28d").warnings()).singleElement().asString()
                .contains("metadata.json: deployments: expected an object of environments, got an array");
    }

    @Test
    void anIncrementInIncrementsAndInTheArchiveIsCountedOnceAsTheOneInIncrements() throws IOException {
        handComputedHistory();
        DoraReport once = dora("28d");
        Path active = dir.resolve(".specweave/increments/0002-reset");
        Path archived = dir.resolve(".specweave/increments/_archive/0002-reset");
        java.nio.file.Files.createDirectories(archived);
        for (String file : List.of("spec.md", "metadata.json")) {
            java.nio.file.Files.copy(active.resolve(file), archived.resolve(file));
        }

        DoraReport report = dora("28d");

        assertThat(report.deployments()).isEqualTo(once.deployments()).isEqualTo(6);
        assertThat(report.changeFailureRate()).isEqualTo(once.changeFailureRate());
        assertThat(run.operations().increments(Request.builder(dir).build()).increments()).extracting("id")
                .containsOnlyOnce("0002-reset");
    }

    @Test
    void noProductionDeploymentsGiveNotAvailableWithTheReason() {
        TestProjects.create(dir, null, "\"productionEnvironment\": \"staging\"");

        DoraReport report = dora("90d");

        assertThat(report.environment()).isEqualTo("staging");
        assertThat(report.deploymentFrequency().band()).isEqualTo("N/A");
        assertThat(report.deploymentFrequency().basis())
                .isEqualTo("no successful deployment to staging between 2026-09-01T00:00:00Z and 2026-11-30T00:00:00Z");
        assertThat(report.changeFailureRate().display()).isEqualTo("N/A");
        assertThat(report.failedDeploymentRecoveryTime().basis()).startsWith("no failed or rolled-back deployment");
    }

    @Test
    void aProductionEnvironmentTheConfigDoesNotKnowIsRefusedAsAGateNamingOneIs() {
        // "production" where the environments are dev, qa, staging, prod: every key would be N/A without a word.
        handComputedHistory();
        TestProjects.write(dir.resolve(".specweave/config.json"), TestProjects.read(dir.resolve(
                ".specweave/config.json")).replace("\"pipeline\": [", "\"productionEnvironment\": \"production\", "
                        + "\"pipeline\": ["));
        String refusal = ".specweave/config.json: deployment.productionEnvironment: no environment \"production\" in "
                + "this config, so dora would count no deployment; environments: dev, qa, staging, prod";

        assertThatThrownBy(() -> dora("28d")).isInstanceOf(BadInputException.class).hasMessageEndingWith(refusal);
        StatusOutcome status = run.operations().status(Request.builder(dir).increment("0002").window("28d").build());
        assertThat(status.pipeline().id()).as("the increment's own status is still shown").isEqualTo("0002-reset");
        assertThat(status.dora()).isNull();
        assertThat(status.warnings()).singleElement().asString().startsWith("DORA block left out: ").endsWith(refusal);

        TestProjects.write(dir.resolve(".specweave/config.json"), TestProjects.read(dir.resolve(
                ".specweave/config.json")).replace("\"production\"", "\"Prod\""));
        assertThatThrownBy(() -> dora("28d")).isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("no environment \"Prod\" in this config, so dora would count no deployment; "
                        + "did you mean \"prod\"? environments: dev, qa, staging, prod");
    }

    @Test
    void aProductionEnvironmentIsTakenAsGivenWhileTheConfigNamesNoEnvironment() {
        // SpecWeave's own config, no environment bound yet: there is no list to hold the name against.
        handComputedHistory();
        TestProjects.write(dir.resolve(".specweave/config.json"), "{\"deployment\": {\"productionEnvironment\": "
                + "\"prod\"}}");

        DoraReport report = dora("28d");

        assertThat(report.environment()).isEqualTo("prod");
        assertThat(report.deployments()).isEqualTo(6);
    }

    @Test
    void failureNotYetRecoveredIsNotAvailable() {
        TestProjects.create(dir, null, null);
        increment("0001-login", "2026-11-01T00:00:00Z", List.of(
                record("2026-11-20T10:00:00Z", "deployed", "healthy", "aaaa001"),
                record("2026-11-21T10:00:00Z", "failed", null, "aaaa002")));

        DoraReport report = dora("4w");

        assertThat(report.failedDeploymentRecoveryTime().band()).isEqualTo("N/A");
        assertThat(report.failedDeploymentRecoveryTime().basis())
                .isEqualTo("1 failed or rolled-back deployment to prod, none followed by a healthy one yet");
        assertThat(report.changeFailureRate().value()).isEqualTo(50.0);
    }

    @Test
    void dailyDeploymentsAreElite() {
        List<DoraCalculator.ProdDeployment> deployments = new java.util.ArrayList<>();
        Instant monday = Instant.parse("2026-11-02T09:00:00Z");
        for (int week = 0; week < 4; week++) {
            for (int day = 0; day < 3; day++) {
                Instant at = monday.plus(java.time.Duration.ofDays(7L * week + day));
                deployments.add(new DoraCalculator.ProdDeployment("0001", at, DeploymentStatus.DEPLOYED,
                        HealthStatus.HEALTHY, at.minus(java.time.Duration.ofMinutes(30))));
            }
        }

        DoraReport report = new DoraCalculator().calculate("prod", "28d", Instant.parse("2026-11-02T00:00:00Z"),
                Instant.parse("2026-11-29T23:59:59Z"), deployments);

        assertThat(report.deploymentFrequency().band()).isEqualTo("elite");
        assertThat(report.deploymentFrequency().value()).isEqualTo(3.0);
        assertThat(report.leadTimeForChanges().band()).isEqualTo("elite");
        assertThat(report.leadTimeForChanges().display()).isEqualTo("30m");
        assertThat(report.changeFailureRate()).isEqualTo(new DoraMetric(0.0, "percent", "0%", "elite",
                "0 of 12 deployments failed or were rolled back", 12));
    }

    /** The report of one healthy prod deployment at {@code at}, committed {@code leadSeconds} before. */
    private static DoraReport oneDeployment(String window, String from, String to, Instant at, long leadSeconds) {
        return new DoraCalculator().calculate("prod", window, Instant.parse(from), Instant.parse(to),
                List.of(new DoraCalculator.ProdDeployment("0001", at, DeploymentStatus.DEPLOYED, HealthStatus.HEALTHY,
                        at.minusSeconds(leadSeconds))));
    }

    @Test
    void aWindowShorterThanAMonthDoesNotSpeakOfMonths() {
        // Sunday to Tuesday: two weeks, one with the deployment.
        DoraReport report = oneDeployment("48h", "2026-11-29T00:00:00Z", "2026-12-01T00:00:00Z",
                Instant.parse("2026-11-29T10:00:00Z"), 60);

        assertThat(report.deploymentFrequency().band()).isEqualTo("medium");
        assertThat(report.deploymentFrequency().basis()).doesNotContain("most months")
                .contains("the window (2 days) is too short to count months");
    }

    /** Deployment frequency over June and July 2026 (Monday 06-01 to Friday 07-31) of deployments on {@code days}. */
    private static DoraMetric frequencyOverJuneAndJuly(String... days) {
        List<DoraCalculator.ProdDeployment> deployments = java.util.Arrays.stream(days).map(day -> {
            Instant at = Instant.parse(day + "T10:00:00Z");
            return new DoraCalculator.ProdDeployment("0001", at, DeploymentStatus.DEPLOYED, HealthStatus.HEALTHY,
                    at.minusSeconds(60));
        }).toList();
        return new DoraCalculator().calculate("prod", "61d", Instant.parse("2026-06-01T00:00:00Z"),
                Instant.parse("2026-07-31T23:00:00Z"), deployments).deploymentFrequency();
    }

    @Test
    void monthlyMeansMostMonthsHaveADeploymentAndHalfOfThemIsYearlySaidSo() {
        // Two months: one with a deployment is half of them, however many weeks of it had one.
        for (String[] half : List.of(new String[] {"2026-06-02"}, new String[] {"2026-06-02", "2026-06-09"})) {
            DoraMetric frequency = frequencyOverJuneAndJuly(half);
            assertThat(frequency.band()).as(String.join(", ", half)).isEqualTo("low");
            assertThat(frequency.basis()).isEqualTo("yearly: half the months or fewer have a deployment");
        }
        DoraMetric both = frequencyOverJuneAndJuly("2026-06-02", "2026-07-07");
        assertThat(both.band()).isEqualTo("medium");
        assertThat(both.basis()).isEqualTo("monthly: most months have a deployment");
    }

    @Test
    void aDeploymentCountsForTheMonthOfItsDayNotOfItsWeeksMonday() {
        // Wednesday 2026-07-01 is in the week of Monday 2026-06-29: it is July's deployment.
        DoraMetric both = frequencyOverJuneAndJuly("2026-06-10", "2026-07-01");

        assertThat(both.band()).isEqualTo("medium");
        assertThat(both.basis()).isEqualTo("monthly: most months have a deployment");
    }

    @Test
    void aLeadTimeOfSecondsIsSecondsInTheJsonToo() {
        DoraReport report = oneDeployment("28d", "2026-11-02T00:00:00Z", "2026-11-29T23:59:59Z",
                Instant.parse("2026-11-20T10:00:16Z"), 16);

        assertThat(report.leadTimeForChanges().display()).isEqualTo("16s");
        assertThat(report.leadTimeForChanges().value()).as("hours, to the second").isEqualTo(0.0044);
    }

    @Test
    void leadTimeStartsAtTheCommitWhenGitHasIt() throws Exception {
        TestProjects.create(dir, null, null);
        git("init", "-q");
        TestProjects.write(dir.resolve("app.txt"), "v1\n");
        git("add", "app.txt");
        git("-c", "user.name=Dev", "-c", "user.email=dev@example.com", "commit", "-q", "-m", "v1");
        String sha = gitOutput("rev-parse", "HEAD");
        increment("0001-login", "2026-11-01T00:00:00Z", List.of(
                record("2026-11-20T12:00:00Z", "deployed", "healthy", sha),
                record("2026-11-22T12:00:00Z", "deployed", "healthy", "deadbeef00000000000000000000000000000000")));

        GitCommitTimes.CommitTimes found = GitCommitTimes.lookup(dir, List.of(sha, "deadbeef00000000000000000000000000000000"));
        DoraReport report = dora("28d");

        assertThat(found.times()).containsOnlyKeys(sha);
        assertThat(found.times().get(sha)).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
        assertThat(found.shallow()).isFalse();
        // 4 h from the commit for the first; 21d 12h from the first deployment (dev, 11-01) for the unknown commit.
        assertThat(report.leadTimeForChanges().value()).isEqualTo((4 + 516) / 2.0);
        assertThat(report.leadTimeForChanges().basis()).as("the basis says where each lead time starts")
                .isEqualTo("median of 2 changes, commit to prod; 1 from the increment's first deployment, their commit "
                        + "not being in this git repository");
        // A full history that lacks a commit (another repository's) is no reason to warn.
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void aShallowCloneSaysWhichLeadTimesStartAtTheFirstDeployment(@TempDir Path origin) throws Exception {
        git(origin, "init", "-q");
        TestProjects.write(origin.resolve("app.txt"), "v1\n");
        git(origin, "add", "app.txt");
        git(origin, "-c", "user.name=Dev", "-c", "user.email=dev@example.com", "commit", "-q", "-m", "v1");
        String old = gitOutput(origin, "rev-parse", "HEAD");
        TestProjects.write(origin.resolve("app.txt"), "v2\n");
        git(origin, "-c", "user.name=Dev", "-c", "user.email=dev@example.com", "commit", "-q", "-am", "v2");
        String head = gitOutput(origin, "rev-parse", "HEAD");
        // What actions/checkout does by default: the last commit only.
        git(dir.getParent(), "clone", "-q", "--depth", "1", origin.toUri().toString(), dir.getFileName().toString());
        TestProjects.create(dir, null, null);
        increment("0001-login", "2026-11-01T00:00:00Z", List.of(
                record("2026-11-18T12:00:00Z", "deployed", "healthy", old),
                record("2026-11-20T12:00:00Z", "deployed", "healthy", head)));

        DoraReport report = dora("28d");

        // 4 h from the commit for head; 17d 12h from the first deployment for the commit the clone lacks.
        assertThat(report.leadTimeForChanges().value()).isEqualTo((4 + 420) / 2.0);
        assertThat(report.warnings()).containsExactly("lead time: the git repository is a shallow clone and holds 1 "
                + "of the 2 deployed commits; the lead time of the other 1 starts at the increment's first deployment "
                + "instead of the commit. Fetch the whole history (git fetch --unshallow; with actions/checkout, "
                + "fetch-depth: 0)");
        assertThat(Json.compact(report)).contains("\"warnings\":[\"lead time: the git repository is a shallow clone");
    }

    @Test
    void badWindowSaysWhatIsExpected() {
        assertThatThrownBy(() -> DoraService.parseWindow("3 months")).isInstanceOf(BadInputException.class)
                .hasMessage("window \"3 months\": expected a positive number of days, weeks or hours such as 90d, "
                        + "12w or 48h");
        assertThat(DoraService.parseWindow("12w")).isEqualTo(java.time.Duration.ofDays(84));
    }

    @Test
    void aBadWindowIsBadInputForDoraAndForStatus() {
        TestProjects.create(dir, null, null);
        assertThatThrownBy(() -> run.operations().dora(Request.builder(dir).window("3 months").build()))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("window \"3 months\"");
        assertThatThrownBy(() -> run.operations().status(Request.builder(dir).increment("0018").window("0d").build()))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("window \"0d\"");
        assertThatThrownBy(() -> run.operations().increments(Request.builder(dir).window("5x").build()))
                .as("the list too").isInstanceOf(BadInputException.class).hasMessageStartingWith("window \"5x\"");
    }

    @Test
    void statusShowsTheSameFiguresAndAnotherIncrementsBrokenFileIsLeftOutOfThemSayingSo() {
        handComputedHistory();

        StatusOutcome status = run.operations().status(Request.builder(dir).increment("0002").window("28d").build());

        assertThat(status.dora()).isEqualTo(dora("28d"));
        assertThat(status.dora().deployments()).isEqualTo(6);
        assertThat(status.warnings()).isEmpty();

        TestProjects.write(dir.resolve(".specweave/increments/0003-oauth/metadata.json"), "{ not json");
        StatusOutcome without = run.operations().status(Request.builder(dir).increment("0002").window("28d").build());

        assertThat(without.pipeline().id()).isEqualTo("0002-reset");
        assertThat(without.dora().warnings()).singleElement().asString()
                .startsWith("1 increment not counted, as their metadata.json cannot be read: ")
                .contains(".specweave/increments/0003-oauth/metadata.json: not valid JSON");
        DoraReport alone = run.operations().dora(Request.builder(dir).window("28d").build());
        assertThat(alone.warnings()).isEqualTo(without.dora().warnings());
        assertThat(alone.deployments()).as("0003's deployments are not counted").isLessThan(6);
    }

    private void git(String... args) throws IOException, InterruptedException {
        gitOutput(dir, args);
    }

    private String gitOutput(String... args) throws IOException, InterruptedException {
        return gitOutput(dir, args);
    }

    private static void git(Path in, String... args) throws IOException, InterruptedException {
        gitOutput(in, args);
    }

    private static String gitOutput(Path in, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", in.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("GIT_COMMITTER_DATE", "2026-11-20T08:00:00Z");
        builder.environment().put("GIT_AUTHOR_DATE", "2026-11-19T08:00:00Z");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
