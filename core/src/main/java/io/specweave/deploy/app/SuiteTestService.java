package io.specweave.deploy.app;

import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.model.DeploymentRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.increment.MetadataStore;
import io.specweave.deploy.Durations;
import io.specweave.deploy.results.JUnitXmlParser;
import io.specweave.deploy.model.TestResults;
import io.specweave.deploy.model.Slot;
import io.specweave.deploy.config.SlotSettings;
import io.specweave.deploy.model.SlotsState;
import io.specweave.deploy.config.SuiteDefinition;
import io.specweave.deploy.suite.SuiteRun;
import io.specweave.deploy.suite.SuiteRunner;
import io.specweave.deploy.tracker.TrackingRef;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code test <increment> --environment E --suite NAME}: runs a configured test suite against a
 * deployed environment (or one of its blue-green slots) and records what it found as the
 * environment's {@code testResults}, where the {@code requireTestsPassed} promotion gate reads it.
 * The results name the commit tested: a suite run after the deploy job but before its deployment
 * is recorded (needed where that gate guards the environment) is taken over by the recorded
 * deployment of the same commit. Results of an idle blue-green slot are kept with the slot
 * ({@code slots.<slot>.testResults}): the environment's record describes the live version.
 * A suite that exits non-zero, wrote no report, or ran past its timeout did not pass; its outcome is
 * recorded all the same, and then the run fails (exit 1).
 */
public final class SuiteTestService {

    private final TrackerFactory trackers;
    private final Clock clock;

    public SuiteTestService(TrackerFactory trackers, Clock clock) {
        this.trackers = trackers;
        this.clock = clock;
    }

    /**
     * @param commit the commit under test; null for the slot's or the recorded deployment's commit, else the CI's
     * @param output gets every line the suite prints, as it prints it
     */
    public SuiteTestResult run(Project project, String incrementRef, EnvironmentTarget target, String suiteName,
            String commit, CiContext ci, Consumer<String> output) {
        SuiteDefinition suite = SuiteDefinition.from(project.config(), suiteName);
        String environment = target.environment();
        Increment increment = project.increments().resolve(incrementRef);
        MetadataStore store = project.metadata(increment);
        MetadataDocument document = store.read();
        DeploymentRecord record = Deployments.get(document, environment).orElse(null);
        String slotName = target.slot();
        String url;
        String testedCommit;
        boolean onIdleSlot = false;
        if (slotName != null) {
            SlotsState slots = SlotsState.read(document.deployment(environment).orElse(null));
            Slot slot = slots.slot(slotName);
            if (slot == null) {
                throw new BadInputException(increment.id() + ": slot " + slotName + " of " + environment + " has no "
                        + "deployment to test; deploy it first (deploy " + increment.paddedNumber() + " --environment "
                        + environment + " --slot " + slotName + ")");
            }
            String configured = SlotSettings.of(target.profile()).url(slotName);
            url = configured != null ? configured : slot.url();
            testedCommit = first(commit, slot.commit());
            onIdleSlot = !slotName.equals(slots.live());
        } else {
            boolean recorded = record != null && record.status() != null;
            url = recorded && record.deploymentUrl() != null ? record.deploymentUrl() : target.profile().deploymentUrl();
            testedCommit = first(commit, first(ci.commit(), recorded ? record.commit() : null));
            if (!recorded && testedCommit == null) {
                throw new BadInputException(increment.id() + "/metadata.json: deployments." + environment
                        + ": no deployment recorded, and no commit known to test; pass --commit (the results are "
                        + "then taken over by the deployment of that commit), or record the deployment first (`sync "
                        + increment.paddedNumber() + " --environment " + environment + "`)");
            }
        }

        Map<String, String> env = new LinkedHashMap<>();
        if (url != null) {
            env.put("DEPLOYMENT_URL", url);
        }
        env.put("SPECWEAVE_ENVIRONMENT", environment);
        env.put("SPECWEAVE_INCREMENT", increment.id());
        if (slotName != null) {
            env.put("SPECWEAVE_SLOT", slotName);
        }
        if (testedCommit != null) {
            env.put("SPECWEAVE_COMMIT", testedCommit);
        }
        Instant started = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
        SuiteRun run = new SuiteRunner(project.dir()).run(suite, env, output);

        TestResults counted = TestResults.EMPTY;
        JUnitXmlParser parser = new JUnitXmlParser();
        List<String> unreadable = new ArrayList<>();
        for (Path report : run.reports()) {
            try {
                counted = counted.plus(parser.parse(report, project.dir().relativize(report).toString()));
            } catch (BadInputException e) {
                // The suite wrote a broken report: the suite failed, not the command line.
                unreadable.add(e.getMessage());
            }
        }
        String problem = unreadable.isEmpty() || run.timedOut() ? problem(suite, run, counted)
                : "it wrote a report that cannot be read: " + String.join("; ", unreadable);
        ObjectNode node = counted.toNode();
        node.put("suite", suite.name());
        node.put("ranAt", started.toString());
        node.put("durationSeconds", Math.round(run.elapsed().toMillis() / 100.0) / 10.0);
        if (run.timedOut()) {
            node.putNull("exitCode");
            node.put("timedOut", true);
        } else {
            node.put("exitCode", run.exitCode());
        }
        node.put("reports", run.reports().size());
        if (!unreadable.isEmpty()) {
            node.put("unreadableReports", unreadable.size());
        }
        if (testedCommit != null) {
            node.put("commit", testedCommit);
        }
        if (slotName != null) {
            node.put("slot", slotName);
        }
        if (url != null) {
            node.put("deploymentUrl", url);
        }
        boolean idle = onIdleSlot;
        String where = idle ? "deployments." + environment + ".slots." + slotName + ".testResults"
                : "deployments." + environment + ".testResults";
        store.update(doc -> {
            ObjectNode envNode = doc.deploymentForUpdate(environment);
            if (idle) {
                JsonNode slots = envNode.get(SlotsState.KEY);
                if (slots instanceof ObjectNode s && s.get(slotName) instanceof ObjectNode slotNode) {
                    slotNode.set("testResults", node);
                }
            } else {
                envNode.set("testResults", node);
            }
            return null;
        });

        String tested = environment + (slotName == null ? "" : " (slot " + slotName + (idle ? ", idle" : ", live") + ")");
        String note = "Test suite " + suite.name() + " against " + tested + ": " + summary(counted)
                + (problem == null ? "; passed." : "; did not pass: " + problem + ".");
        TrackingRef ref = null;
        if (record != null && record.status() != null) {
            ref = TrackingNotes.send(trackers, project, target.profile(), increment, environment, false, note,
                    ci.repositoryUrl());
        }
        SuiteTestResult result = new SuiteTestResult(increment.id(), environment, slotName, suite.name(), url, where,
                node, problem == null, problem, ref == null ? null : ref.id());
        if (problem != null) {
            throw new SuiteFailedException("test suite " + suite.name() + " against " + tested + " did not pass: "
                    + problem + " (recorded in " + increment.id() + "/metadata.json: " + where + ")", result);
        }
        return result;
    }

    private static String problem(SuiteDefinition suite, SuiteRun run, TestResults counted) {
        if (run.timedOut()) {
            return "it ran longer than its timeout of " + Durations.human(suite.timeout())
                    + " (deployment.testSuites." + suite.name() + ".timeoutSeconds) and was stopped; its whole "
                    + "process tree was killed";
        }
        if (run.reports().isEmpty()) {
            return "it wrote no JUnit XML report matching " + suite.reports() + " (deployment.testSuites."
                    + suite.name() + ".reports; exit code " + run.exitCode() + "): a suite that ran nothing did not "
                    + "pass";
        }
        if (run.exitCode() != 0) {
            return "it exited with code " + run.exitCode() + " (" + summary(counted) + ")";
        }
        if (counted.failed() > 0 || counted.errors() > 0) {
            return counted.failed() + " failed, " + counted.errors() + " errors";
        }
        if (counted.total() - counted.skipped() <= 0) {
            return "its reports hold no test that ran (" + counted.total() + " tests, " + counted.skipped()
                    + " skipped): a suite that ran nothing did not pass";
        }
        return null;
    }

    static String summary(TestResults t) {
        return t.passed() + "/" + t.total() + " passed" + (t.failed() > 0 ? ", " + t.failed() + " failed" : "")
                + (t.errors() > 0 ? ", " + t.errors() + " errors" : "") + (t.skipped() > 0 ? ", " + t.skipped()
                        + " skipped" : "");
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a.trim() : b;
    }

    /** The suite did not pass; its outcome is recorded and carried here for the front end to show. */
    public static final class SuiteFailedException extends OperationFailedException {

        private static final long serialVersionUID = 1L;

        private final transient SuiteTestResult result;

        public SuiteFailedException(String message, SuiteTestResult result) {
            super(message);
            this.result = result;
        }

        public SuiteTestResult result() {
            return result;
        }
    }
}
