package io.specweave.deploy.app;

import io.specweave.deploy.config.PromotionRules;
import io.specweave.deploy.model.ChangeRequest;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.DeploymentStatus;
import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.model.HealthStatus;
import io.specweave.deploy.model.TestResults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides whether a deployment may be recorded for an environment under {@link PromotionRules}.
 * Each refused gate says why and what is missing; the caller refuses the sync or, with
 * {@code --force}, records it with {@code forced: true}.
 */
public final class PromotionGates {

    /** One refused gate. */
    public record Refusal(String gate, String reason, String missing) {

        public String describe() {
            return gate + ": " + reason + "; missing: " + missing;
        }
    }

    private final PromotionRules rules;

    public PromotionGates(PromotionRules rules) {
        this.rules = rules;
    }

    /**
     * @param pipeline     environments in pipeline order
     * @param environment  the environment being deployed to
     * @param candidate    the record about to be stored (approvals and change request pending for it included)
     * @param environments the increment's current record of every environment
     * @param now          the time of the deployment
     */
    public List<Refusal> evaluate(List<String> pipeline, String environment, DeploymentRecord candidate,
            Map<String, DeploymentRecord> environments, Instant now) {
        List<Refusal> refusals = new ArrayList<>();
        if (rules.requiresPrevious(environment)) {
            previous(pipeline, environment, candidate, environments).ifPresent(refusals::add);
        }
        if (rules.requireApproval().contains(environment) && candidate.approvals().isEmpty()) {
            refusals.add(new Refusal("requireApproval", "a deployment to " + environment + " needs an approval",
                    "an approval: run `specweave-deploy approve <increment> --environment " + environment
                            + " --by NAME --role ROLE` first"));
        }
        if (rules.requireTestsPassed().contains(environment)) {
            TestResults tests = TestResults.from(candidate.testResults());
            if (tests == null) {
                refusals.add(new Refusal("requireTestsPassed", "a deployment to " + environment
                        + " needs passing test results", "test results: pass --test-results GLOB (JUnit XML)"));
            } else if (!tests.allPassed()) {
                refusals.add(new Refusal("requireTestsPassed", "tests did not pass: " + tests.failed() + " failed, "
                        + tests.errors() + " errors, " + tests.passed() + "/" + tests.total() + " passed"
                        + suite(candidate.testResults()), "a test run without failures or errors"));
            } else {
                suiteRefusal(candidate).ifPresent(refusals::add);
            }
        }
        if (rules.changeWindow().contains(environment)) {
            ChangeRequest change = ChangeRequest.from(candidate.changeRequest());
            Instant[] window = change == null ? null : change.interval();
            if (window == null) {
                refusals.add(new Refusal("changeWindow", "a deployment to " + environment
                        + " must happen inside an approved change window, and none is recorded",
                        "a change request with a window: --change-request id=...,window=START/END"));
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
        String status = record.status();
        if (!DeploymentStatus.DEPLOYED.equals(status)) {
            return java.util.Optional.of(new Refusal("requirePrevious", before + " is " + status.replace('_', ' '),
                    wanted));
        }
        if (record.healthStatus() != null && !HealthStatus.isHealthy(record.healthStatus())) {
            return java.util.Optional.of(new Refusal("requirePrevious", before + " is " + record.healthStatus()
                    + (record.lastChecked() == null ? "" : " (checked " + record.lastChecked() + ")"), wanted));
        }
        if (!rules.allowDifferentCommit() && candidate.commit() != null
                && !Objects.equals(candidate.commit(), record.commit())) {
            return java.util.Optional.of(new Refusal("requirePrevious", before + " runs commit "
                    + (record.commit() == null ? "(unknown)" : record.commit()) + ", not " + candidate.commit(),
                    wanted + " (or deployment.promotion.allowDifferentCommit: true)"));
        }
        return java.util.Optional.empty();
    }

    /** " (suite smoke)" for results a suite run recorded, else "". */
    private static String suite(JsonNode results) {
        String name = results == null ? null : results.path("suite").asText(null);
        return name == null ? "" : " (suite " + name + ")";
    }

    /**
     * Results recorded by {@code test --suite} say more than the counts: the suite's exit code,
     * whether it was stopped at its timeout, and the commit it tested.
     */
    private static java.util.Optional<Refusal> suiteRefusal(DeploymentRecord candidate) {
        JsonNode results = candidate.testResults();
        if (results.path("timedOut").asBoolean(false)) {
            return java.util.Optional.of(new Refusal("requireTestsPassed", "test suite "
                    + results.path("suite").asText("?") + " ran past its timeout and was stopped",
                    "a test run that finishes without failures or errors"));
        }
        JsonNode exit = results.get("exitCode");
        if (exit != null && exit.isNumber() && exit.asInt() != 0) {
            return java.util.Optional.of(new Refusal("requireTestsPassed", "test suite "
                    + results.path("suite").asText("?") + " exited with code " + exit.asInt(),
                    "a test run that exits 0 without failures or errors"));
        }
        String tested = results.path("commit").asText(null);
        if (tested != null && candidate.commit() != null && !tested.equals(candidate.commit())) {
            return java.util.Optional.of(new Refusal("requireTestsPassed", "the test results are of commit " + tested
                    + ", not " + candidate.commit(), "a passing test run of commit " + candidate.commit()));
        }
        return java.util.Optional.empty();
    }
}
