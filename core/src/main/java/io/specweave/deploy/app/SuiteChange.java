package io.specweave.deploy.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.LogText;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Durations;
import io.specweave.deploy.Command;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import io.specweave.deploy.config.SuiteDefinition;
import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.Slot;
import io.specweave.deploy.model.SlotsState;
import io.specweave.deploy.model.TestResults;
import io.specweave.deploy.results.JUnitXmlParser;
import io.specweave.deploy.suite.SuiteRun;
import io.specweave.deploy.suite.SuiteRunner;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code test}: runs a configured test suite against a deployed environment (or one of its
 * blue-green slots) and records what it found as the environment's {@code testResults}, where the
 * {@code requireTestsPassed} gate reads it. The results name the commit tested: a suite run after
 * the deploy job but before its deployment is recorded is taken over by the recorded deployment of
 * the same commit. Results of an idle slot are kept with the slot: the environment's record
 * describes the live version. A suite that exits non-zero, wrote no report, or ran past its
 * timeout did not pass: recorded all the same, then the run fails.
 */
final class SuiteChange implements Change<SuiteDetail> {

    @Override
    public String name() {
        return "test suite";
    }

    @Override
    public Effect<SuiteDetail> act(ChangeContext context, MetadataDocument view) {
        Request request = context.request();
        if (request.suite == null) {
            throw new BadInputException(Message.of("no suite given: ", Input.SUITE,
                    " names a key of deployment.testSuites in .specweave/config.json, e.g. smoke"));
        }
        SuiteDefinition suite = SuiteDefinition.from(context.project().config(), request.suite);
        String environment = context.environment();
        String id = context.increment().id();
        DeploymentRecord record = Deployments.get(view, environment).orElse(null);
        String slotName = context.target().slot();
        String url;
        String testedCommit;
        boolean onIdleSlot = false;
        if (slotName != null) {
            SlotsState slots = SlotsState.read(view.deployment(environment).orElse(null));
            Slot slot = context.recordedSlot(view, "test");
            SourcedUrl slotUrl = context.slotUrl(view, slotName, slot);
            url = slotUrl == null ? null : slotUrl.url();
            testedCommit = request.commit != null ? request.commit : slot.commit();
            onIdleSlot = !slotName.equals(slots.live());
        } else {
            boolean recorded = record != null && record.status() != null;
            url = recorded && record.deploymentUrl() != null ? record.deploymentUrl()
                    : context.profile().deploymentUrl();
            // The environment runs its deployed commit, whatever the checkout (or the CI run) is at.
            testedCommit = request.commit != null ? request.commit : recorded && record.commit() != null
                    ? record.commit() : context.facts().commit();
            if (!recorded && testedCommit == null) {
                throw new BadInputException(Message.of(id + "/metadata.json: deployments." + environment
                        + ": no deployment recorded, and no commit known to test; pass ", Input.COMMIT,
                        " (the results are then taken over by the deployment of that commit), or record the "
                                + "deployment first (", Message.command(Command.SYNC, Message.arg(Input.INCREMENT,
                                        context.increment().paddedNumber()), Message.arg(Input.ENVIRONMENT,
                                                environment)), ")"));
            }
        }

        Map<String, String> env = new LinkedHashMap<>();
        if (url != null) {
            env.put("DEPLOYMENT_URL", url);
        }
        env.put("SPECWEAVE_ENVIRONMENT", environment);
        env.put("SPECWEAVE_INCREMENT", id);
        if (slotName != null) {
            env.put("SPECWEAVE_SLOT", slotName);
        }
        if (testedCommit != null) {
            env.put("SPECWEAVE_COMMIT", testedCommit);
        }
        String tested = environment + (slotName == null ? "" : " (slot " + slotName + (onIdleSlot ? ", idle" : ", live")
                + ")");
        context.host().progress().starting("Running test suite " + suite.name() + " against " + tested
                + (url == null ? "" : " at " + url));
        Instant started = Instant.parse(context.now());
        Instant startedOnDisk = Instant.now();
        SuiteRun run = new SuiteRunner(context.project().dir()).run(suite, env, context.host().progress()::output);
        // Run by this tool as root in a container, the suite's reports (and the folders it made for them) would
        // stay root's in the runner user's workspace.
        WorkspaceOwnership.matchOutputs(context.project().dir(), run.reports(), startedOnDisk);

        TestResults counted = TestResults.EMPTY;
        JUnitXmlParser parser = new JUnitXmlParser();
        List<String> unreadable = new ArrayList<>();
        for (Path report : run.reports()) {
            try {
                counted = counted.plus(parser.parse(report, context.project().dir().relativize(report).toString()));
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
            // Stopped, it has no exit code: left out, as a field without a value is.
            node.remove("exitCode");
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
        TestResults results = new TestResults(node);
        boolean idle = onIdleSlot;
        String where = idle ? "deployments." + environment + ".slots." + slotName + ".testResults"
                : "deployments." + environment + ".testResults";
        String note = "Test suite " + suite.name() + " against " + tested + ": " + summary(counted)
                + (problem == null ? "; passed." : "; did not pass: " + problem + ".");
        Effect<SuiteDetail> effect = Change.Effect.<SuiteDetail>writing((document, decision) -> {
            ObjectNode envNode = document.deploymentForUpdate(environment);
            if (idle) {
                SlotsState slots = SlotsState.read(envNode);
                Slot slot = slots.slot(slotName);
                if (slot != null) {
                    slots.with(slotName, slot.withTestResults(results)).write(envNode);
                }
            } else {
                envNode.set("testResults", node.deepCopy());
            }
        }).note(d -> note).detail(d -> new SuiteDetail(suite.name(), url, where, results, problem == null, problem));
        if (problem != null) {
            effect.failed(Message.text("test suite " + suite.name() + " against " + tested + " did not pass: "
                    + problem + " (recorded in " + id + "/metadata.json: " + where + ")"));
        }
        return effect;
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
            return counted.failed() + " failed, " + LogText.count(counted.errors(), "error");
        }
        if (counted.total() - counted.skipped() <= 0) {
            return "its reports hold no test that ran (" + counted.total() + " tests, " + counted.skipped()
                    + " skipped): a suite that ran nothing did not pass";
        }
        return null;
    }

    static String summary(TestResults t) {
        return t.passed() + "/" + t.total() + " passed" + (t.failed() > 0 ? ", " + t.failed() + " failed" : "")
                + (t.errors() > 0 ? ", " + LogText.count(t.errors(), "error") : "") + (t.skipped() > 0 ? ", " + t.skipped()
                        + " skipped" : "");
    }
}
