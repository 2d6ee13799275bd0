package io.specweave.deploy.app;

import io.specweave.deploy.LogText;
import io.specweave.deploy.Command;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import io.specweave.deploy.config.PromotionRules;
import io.specweave.deploy.model.ChangeRequest;
import io.specweave.deploy.model.Commits;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.DeploymentStatus;
import io.specweave.deploy.model.HealthStatus;
import io.specweave.deploy.model.TestResults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a deployment may be recorded for an environment under {@link PromotionRules}.
 * Each refused gate says why and what is missing; the caller refuses the sync or, with
 * {@code --force}, records it with {@code forced: true}.
 */
public final class PromotionGates {

    /** One refused gate: which, why, and what would pass it. */
    public record Refusal(String gate, String reason, Message missing) {

        Refusal(String gate, String reason, String missing) {
            this(gate, reason, Message.text(missing));
        }

        public Message describe() {
            return Message.of(gate + ": " + reason + "; missing: ", missing);
        }
    }

    private final PromotionRules rules;

    public PromotionGates(PromotionRules rules) {
        this.rules = rules;
    }

    /**
     * @param increment    the increment, as a suggested command names it (0018)
     * @param pipeline     environments in pipeline order
     * @param environment  the environment being deployed to
     * @param testedSlot   the slot whose test results the candidate carries (a swap's); null for the environment's
     * @param candidate    the record about to be stored (approvals and change request pending for it included)
     * @param environments the increment's current record of every environment
     * @param now          the time of the deployment
     */
    public List<Refusal> evaluate(String increment, List<String> pipeline, String environment, String testedSlot,
            DeploymentRecord candidate, Map<String, DeploymentRecord> environments, Instant now) {
        List<Refusal> refusals = new ArrayList<>();
        if (rules.requiresPrevious(environment)) {
            previous(pipeline, environment, candidate, environments).ifPresent(refusals::add);
        }
        if (rules.requireApproval().contains(environment)
                && candidate.approvals().stream().noneMatch(x -> x.approves(candidate.commit()))) {
            // Approvals of other commits, on the candidate or still on the deployment it replaces, say why.
            DeploymentRecord current = environments.get(environment);
            List<String> others = java.util.stream.Stream.concat(candidate.approvals().stream(),
                    current == null ? java.util.stream.Stream.empty() : current.approvals().stream())
                    .filter(x -> x.commit() != null).map(x -> x.approvedBy() + " approved commit " + x.commit())
                    .distinct().toList();
            String commit = candidate.commit() == null ? "" : " of commit " + candidate.commit();
            refusals.add(new Refusal("requireApproval", others.isEmpty()
                    ? "a deployment to " + environment + " needs an approval"
                    : "nobody approved the deployment" + commit + " to " + environment + " (" + String.join("; ",
                            others) + ")",
                    Message.of("an approval" + commit + ": run ", Message.command(Command.APPROVE,
                            Message.arg(Input.INCREMENT, increment), Message.arg(Input.ENVIRONMENT, environment),
                            Message.arg(Input.APPROVED_BY, "NAME"), Message.arg(Input.ROLE, "ROLE"),
                            Message.arg(Input.COMMIT, candidate.commit() == null ? "SHA" : candidate.commit())),
                            " first")));
        }
        if (rules.requireTestsPassed().contains(environment)) {
            TestResults tests = candidate.testResults();
            if (tests == null || !tests.counted()) {
                // A slot's tests come from a suite run against that slot (test ENV-SLOT) only.
                Message.Suggestion suite = Message.command(Command.TEST, Message.arg(Input.INCREMENT, increment),
                        Message.arg(Input.ENVIRONMENT, testedSlot == null ? environment : environment + "-"
                                + testedSlot), Message.arg(Input.SUITE, "NAME"));
                refusals.add(new Refusal("requireTestsPassed", "a deployment to " + environment
                        + (testedSlot == null ? "" : " (slot " + testedSlot + " going live)")
                        + " needs passing test results", testedSlot != null
                                ? Message.of("test results of slot " + testedSlot + ": run a suite against it first (",
                                        suite, ")")
                                : Message.of("test results: run a suite first (", suite,
                                        "), or record a JUnit XML report with ", Message.command(Command.SYNC,
                                                Message.arg(Input.INCREMENT, increment),
                                                Message.arg(Input.ENVIRONMENT, environment),
                                                Message.arg(Input.TEST_RESULTS, "GLOB")))));
            } else if (!tests.allPassed()) {
                refusals.add(new Refusal("requireTestsPassed", "tests did not pass: " + tests.failed() + " failed, "
                        + LogText.count(tests.errors(), "error") + ", " + tests.passed() + "/" + tests.total() + " passed"
                        + (tests.suite() == null ? "" : " (suite " + tests.suite() + ")"),
                        "a test run without failures or errors"));
            } else {
                suiteRefusal(candidate).ifPresent(refusals::add);
            }
        }
        if (rules.changeWindow().contains(environment)) {
            ChangeRequest change = candidate.changeRequest();
            Instant[] window = change == null ? null : change.interval();
            if (change != null && !change.covers(candidate.commit())) {
                refusals.add(new Refusal("changeWindow", "change " + change.id() + " is registered for commit "
                        + change.commit() + ", not " + candidate.commit(),
                        Message.of("a change request for this commit: ", Message.arg(Input.CHANGE_REQUEST,
                                "id=...,window=START/END"), " with ", Message.arg(Input.COMMIT, candidate.commit()))));
            } else if (window == null) {
                refusals.add(new Refusal("changeWindow", "a deployment to " + environment
                        + " must happen inside an approved change window, and none is recorded",
                        Message.of("a change request with a window: ",
                                Message.arg(Input.CHANGE_REQUEST, "id=...,window=START/END"))));
            } else if (now.isBefore(window[0]) || now.isAfter(window[1])) {
                refusals.add(new Refusal("changeWindow", "it is " + now + ", outside change " + change.id()
                        + "'s window " + window[0] + " to " + window[1],
                        "a deployment inside the window, or a change request whose window includes now"));
            }
        }
        return refusals;
    }

    private java.util.Optional<Refusal> previous(List<String> pipeline, String environment,
            DeploymentRecord candidate, Map<String, DeploymentRecord> environments) {
        int index = pipeline.indexOf(environment);
        if (index <= 0) {
            return java.util.Optional.empty();
        }
        String before = pipeline.get(index - 1);
        DeploymentRecord record = environments.get(before);
        String wanted = "a healthy deployment to " + before
                + (rules.allowDifferentCommit() || candidate.commit() == null ? "" : " of commit " + candidate.commit());
        if (record == null || record.status() == null) {
            return java.util.Optional.of(new Refusal("requirePrevious", before
                    + " (the environment before " + environment + ") has no deployment", wanted));
        }
        DeploymentStatus status = record.status();
        if (!DeploymentStatus.DEPLOYED.equals(status)) {
            // A status this tool does not know ("success") is said as status and dora say it, not as a state.
            return java.util.Optional.of(new Refusal("requirePrevious", status.known() ? before + " is " + status.words()
                    : DeploymentStatus.unlisted(before + "'s status \"" + status.raw() + "\""), wanted));
        }
        if (record.healthStatus() != null && !HealthStatus.isHealthy(record.healthStatus())) {
            return java.util.Optional.of(new Refusal("requirePrevious", before + " is " + record.healthStatus()
                    + (record.lastChecked() == null ? "" : " (checked " + record.lastChecked() + ")"), wanted));
        }
        if (!rules.allowDifferentCommit() && candidate.commit() != null
                && !Commits.same(candidate.commit(), record.commit())) {
            return java.util.Optional.of(new Refusal("requirePrevious", before + " runs commit "
                    + (record.commit() == null ? "(unknown)" : record.commit()) + ", not " + candidate.commit(),
                    wanted + " (or deployment.promotion.allowDifferentCommit: true)"));
        }
        return java.util.Optional.empty();
    }

    /**
     * Results recorded by {@code test --suite} say more than the counts: the suite's exit code,
     * whether it was stopped at its timeout, and the commit it tested.
     */
    private static java.util.Optional<Refusal> suiteRefusal(DeploymentRecord candidate) {
        TestResults results = candidate.testResults();
        String suite = results.suite() == null ? "?" : results.suite();
        if (results.timedOut()) {
            return java.util.Optional.of(new Refusal("requireTestsPassed", "test suite " + suite
                    + " ran past its timeout and was stopped", "a test run that finishes without failures or errors"));
        }
        if (results.exitCode() != null && results.exitCode() != 0) {
            return java.util.Optional.of(new Refusal("requireTestsPassed", "test suite " + suite
                    + " exited with code " + results.exitCode(), "a test run that exits 0 without failures or errors"));
        }
        String tested = results.commit();
        if (tested != null && candidate.commit() != null && !Commits.same(tested, candidate.commit())) {
            return java.util.Optional.of(new Refusal("requireTestsPassed", "the test results are of commit " + tested
                    + ", not " + candidate.commit(), "a passing test run of commit " + candidate.commit()));
        }
        return java.util.Optional.empty();
    }
}
