package io.specweave.deploy.report;

import io.specweave.deploy.Json;
import io.specweave.deploy.LogText;
import io.specweave.deploy.Message;
import io.specweave.deploy.app.AllEnvironmentsOutcome;
import io.specweave.deploy.app.CanaryDetail;
import io.specweave.deploy.app.ChangeOutcome;
import io.specweave.deploy.app.RollbackDetail;
import io.specweave.deploy.app.SlotDetail;
import io.specweave.deploy.app.SuiteDetail;
import io.specweave.deploy.health.HealthResult;
import io.specweave.deploy.metrics.CanaryReport;
import io.specweave.deploy.metrics.MonitorReport;
import io.specweave.deploy.model.Approval;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.RecordFacts;
import io.specweave.deploy.model.Slot;
import io.specweave.deploy.model.SlotsState;
import io.specweave.deploy.model.TestResults;

/**
 * What an operation did, for a terminal or a build log: a headline naming what was recorded where,
 * then the facts that matter for that operation, the tracking item and the warnings. The CLI prints
 * it; the Action folds it into its log.
 */
public final class OutcomeText {

    private final boolean plain;
    private final Message.Spelling spelling;

    /** In core's own words: a log no front end renders. */
    public OutcomeText(boolean plain) {
        this(plain, Message.Spelling.DOMAIN);
    }

    /**
     * @param plain    ASCII marks instead of emoji ({@code NO_COLOR}, a dumb terminal)
     * @param spelling how the front end names its inputs and credentials
     */
    public OutcomeText(boolean plain, Message.Spelling spelling) {
        this.plain = plain;
        this.spelling = spelling;
    }

    /** The first line of {@link #render(ChangeOutcome)}: what was done where, for an annotation or a title. */
    public String headline(ChangeOutcome<?> o) {
        return render(o).lines().findFirst().orElse("");
    }

    public String render(ChangeOutcome<?> o) {
        StringBuilder s = new StringBuilder();
        Object detail = o.detail();
        DeploymentRecord r = o.record();
        String id = o.increment().id();
        String env = o.environment();
        if (detail instanceof SlotDetail slot) {
            slot(s, o, slot);
        } else if (detail instanceof CanaryDetail canary) {
            if (canary.canary().weightOrZero() == 0) {
                s.append("Rolled back the canary of ").append(id).append(" in ").append(env).append(": 0 %, abandoned");
            } else {
                s.append(canary.promoted() ? "Promoted canary of " : "Canary of ").append(id).append(" in ").append(env)
                        .append(": ").append(canary.canary().weightOrZero()).append(" % (commit ")
                        .append(LogText.oneLine(canary.canary().commit())).append(')');
            }
            line(s, null, o.note());
            if (o.health() != null) {
                line(s, "health", health(o.health()));
            }
            if (canary.retriedStep() != null) {
                s.append("\n  metadata.json unchanged (this run took a ").append(canary.retriedStep())
                        .append(" % canary step already; the canary, of commit ")
                        .append(LogText.oneLine(RecordFacts.shortCommit(canary.canary().commit()))).append(", ")
                        .append(canary.canary().abandoned() ? "was rolled back" : canary.promoted() ? "was promoted"
                                : "is at " + canary.canary().weightOrZero() + " %").append(" since)");
            } else if (!o.metadataChanged() && !o.dryRun()) {
                s.append(canary.canary().weightOrZero() == 0
                        ? "\n  metadata.json unchanged (this run's rollback of the canary is recorded already)"
                        : "\n  metadata.json unchanged (the canary is at this step already)");
            }
        } else if (detail instanceof RollbackDetail rollback) {
            s.append("Rolled back ").append(id).append(" in ").append(env).append(": commit ")
                    .append(LogText.oneLine(rollback.restoredCommit())).append(" is current again (was ")
                    .append(LogText.oneLine(rollback.rolledBackFrom()))
                    .append(')');
            if (rollback.live() != null) {
                line(s, null, "slot " + rollback.live() + " is live again, " + rollback.idle() + " is idle");
            }
            if (!o.metadataChanged() && !o.dryRun()) {
                s.append("\n  metadata.json unchanged (this run's rollback is recorded already)");
            }
            if (o.health() != null) {
                line(s, "health", health(o.health()));
            }
        } else if (detail instanceof SuiteDetail suite) {
            suite(s, o, suite);
        } else if (detail instanceof Approval approval) {
            s.append("Approved ").append(id).append(" → ").append(env).append(" by ")
                    .append(LogText.oneLine(approval.approvedBy()))
                    .append(approval.role() == null ? "" : " (" + LogText.oneLine(approval.role()) + ")")
                    .append(" at ").append(LogText.oneLine(approval.approvedAt()));
            line(s, "commit", approval.commit());
            if (r != null && r.changeRequest() != null) {
                line(s, "change", r.changeRequest().id());
            }
        } else if ("approval".equals(o.operation())) {
            // What this run gave, as its note says ("Recorded metrics."): the record may hold an earlier change request.
            s.append(o.note().replaceFirst("\\.$", "")).append(" for ").append(id).append(" → ").append(env);
        } else if ("health check".equals(o.operation()) && o.health() != null) {
            HealthResult h = o.health();
            s.append(id).append(" → ").append(o.target().describe()).append(": ").append(h.status())
                    .append(h.httpStatus() == null ? "" : " (HTTP " + h.httpStatus() + ", " + h.latencyMs() + " ms)");
            line(s, "url", h.url());
            line(s, "attempts", String.valueOf(h.attempts()));
            if (!h.healthy()) {
                line(s, "reason", h.message());
            }
        } else if (detail instanceof MonitorReport report) {
            s.append(MonitorText.summary(report, null).stripTrailing());
            line(s, "recorded", id + "/metadata.json deployments." + env + ".metrics");
        } else if (detail instanceof CanaryReport report) {
            s.append(new CanaryReportRenderer(plain).render(report).stripTrailing());
        } else if (detail instanceof io.specweave.deploy.model.FlagChange change) {
            s.append(FlagText.change(change));
            if (change.changed() && change.increment() != null && o.result().recorded()) {
                line(s, null, "recorded in " + change.increment() + " (deployments." + change.environment()
                        + ".flagChanges)");
            }
        } else {
            sync(s, o, r);
        }
        if (o.dryRun() && !s.toString().startsWith("Would ")) {
            // Said as it would be done; the first words say that it was not.
            s.insert(0, "Dry run, nothing written: ");
        }
        if (o.trackingId() != null && !o.dryRun()) {
            line(s, "tracking", o.trackingId() + (o.trackingUrl() == null || o.trackingUrl().equals(o.trackingId()) ? ""
                    : " " + o.trackingUrl()) + (o.tracking() != null && o.tracking().created() ? " (created)" : ""));
        }
        if (o.commit() != null) {
            line(s, "committed", o.commit().onRemote() ? o.commit().git().branch() + (o.commit().git().commit() == null
                    ? " (already held this record)" : " (" + o.commit().git().commit() + ")") : "no: " + o.commit().why());
        }
        Message.render(o.refreshed(), spelling).forEach(line -> line(s, "refreshed", line));
        o.warnings().forEach(w -> s.append("\n  warning: ").append(w));
        return s.toString();
    }

    /** What a deployment to every environment recorded, in one line: for an annotation or a summary's headline. */
    public String headline(AllEnvironmentsOutcome o) {
        return "Recorded " + o.increment() + " (commit " + o.commit() + ") in " + (o.recorded().isEmpty()
                ? "no environment" : String.join(", ", o.recorded().stream().map(ChangeOutcome::environment).toList()));
    }

    /** {@code deploy --all-environments}: a line per environment. */
    public String render(AllEnvironmentsOutcome o) {
        StringBuilder s = new StringBuilder("Deploying " + o.increment() + " (commit " + o.commit()
                + ") to every environment:");
        for (ChangeOutcome<Void> r : o.recorded()) {
            s.append("\n  ").append(r.environment()).append(": ").append(r.newDeployment() ? "recorded" : "re-synced")
                    .append(" (profile ").append(r.target().profile().name())
                    .append(r.record() != null && Boolean.TRUE.equals(r.record().forced()) ? ", forced" : "")
                    .append(r.result() == ChangeOutcome.Result.RECORDED ? "" : ", " + words(r.result())).append(')');
            o.ownWarnings(r).forEach(w -> s.append("\n    warning: ").append(w));
        }
        o.warnings().forEach(w -> s.append("\n  warning: ").append(w));
        for (String env : o.notRecorded()) {
            s.append("\n  ").append(env).append(": not recorded").append(env.equals(o.stoppedAt()) ? " (stopped here)" : "");
        }
        Message.render(o.refreshed(), spelling).forEach(line -> line(s, "refreshed", line));
        return s.toString();
    }

    private static String words(ChangeOutcome.Result result) {
        return switch (result) {
            case RECORDED_UNHEALTHY -> "unhealthy";
            case RECORDED_TRACKER_FAILED -> "tracker failed";
            case RECORDED_FAILED -> "failed";
            default -> result.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static void sync(StringBuilder s, ChangeOutcome<?> o, DeploymentRecord r) {
        String verb = o.dryRun() ? "Would record" : o.result() == ChangeOutcome.Result.REFUSED ? "Refused"
                : o.newDeployment() ? "Recorded" : "Re-synced";
        String status = r == null || r.status() == null ? "-" : r.status().raw();
        s.append(verb).append(' ').append(o.increment().id()).append(" → ").append(o.environment()).append(" (")
                .append(o.result() == ChangeOutcome.Result.REFUSED ? "nothing recorded" : status).append(", profile ")
                .append(o.target().profile().name()).append(", ").append(o.target().profile().provider()).append(')');
        if (r == null || o.result() == ChangeOutcome.Result.REFUSED) {
            return;
        }
        line(s, "commit", r.commit());
        line(s, "url", r.deploymentUrl());
        if (r.healthStatus() != null && !o.dryRun()) {
            line(s, "health", r.healthStatus() + (r.healthHttpStatus() == null ? "" : " (HTTP " + r.healthHttpStatus()
                    + (r.healthLatencyMs() == null ? "" : ", " + r.healthLatencyMs() + " ms") + ")"));
        }
        TestResults t = r.testResults();
        if (t != null) {
            line(s, "tests", t.passed() + "/" + t.total() + " passed, " + t.failed() + " failed, "
                    + LogText.count(t.errors(), "error") + ", " + t.skipped() + " skipped");
        }
        if (r.coverage() != null) {
            line(s, "coverage", RecordFacts.coverage(r));
        }
        if (r.loadTestResults() != null && r.loadTestResults().measured()) {
            line(s, "load", r.loadTestResults().maxRps() + " req/s, " + r.loadTestResults().avgLatency() + " ms average"
                    + (r.loadTestResults().p95Latency() == null ? "" : ", p95 " + r.loadTestResults().p95Latency() + " ms"));
        }
        if (Boolean.TRUE.equals(r.forced())) {
            line(s, "forced", "yes (recorded past refused promotion gates)");
        }
        if (o.dryRun()) {
            s.append(o.metadataChanged() ? "\n  metadata.json would change:" : "\n  metadata.json would not change");
            if (o.metadataChanged()) {
                s.append('\n').append(Json.pretty(r.toNodeWithoutHistory()).indent(4).stripTrailing());
            }
        } else if (!o.metadataChanged()) {
            s.append("\n  metadata.json unchanged (same deployment)");
        }
    }

    private static void slot(StringBuilder s, ChangeOutcome<?> o, SlotDetail r) {
        String id = o.increment().id();
        if ("swap".equals(r.action()) && !r.liveChanged()) {
            s.append("Nothing to swap in ").append(o.environment()).append(" for ").append(id).append(": slot ")
                    .append(r.live()).append(" is live with this run's commit already");
        } else if ("swap".equals(r.action())) {
            s.append(o.dryRun() ? "Would swap slots of " : "Swapped slots of ").append(o.environment()).append(" for ")
                    .append(id).append(": ").append(r.live()).append(" is live, ").append(r.idle()).append(" is idle");
        } else {
            s.append(o.dryRun() ? "Would deploy " : "Deployed ").append(id).append(" to slot ").append(r.slot())
                    .append(" of ").append(o.environment())
                    .append(r.liveChanged() ? " (live)" : " (idle; " + r.live() + " stays live)");
        }
        SlotsState slots = SlotsState.read(o.stored());
        for (String name : slots.slots().keySet()) {
            Slot slot = slots.slot(name);
            s.append("\n  ").append(name.equals(slots.live()) ? "live " : "idle ").append(name).append(": commit ")
                    .append(LogText.oneLine(slot.commit())).append(slot.url() == null ? "" : ", "
                            + LogText.oneLine(slot.url()))
                    .append(", deployed ").append(LogText.oneLine(slot.deployedAt()))
                    .append(slot.healthStatus() == null ? "" : ", " + slot.healthStatus());
        }
        if (o.health() != null) {
            line(s, "health of " + r.slot(), health(o.health()));
        }
    }

    private static void suite(StringBuilder s, ChangeOutcome<?> o, SuiteDetail suite) {
        TestResults t = suite.testResults();
        s.append("Test suite ").append(suite.suite()).append(" against ").append(o.target().describe()).append(": ")
                .append(suite.passed() ? "passed" : "did not pass").append(" (").append(t.passed()).append('/')
                .append(t.total()).append(" passed, ").append(t.failed()).append(" failed, ").append(t.errors())
                .append(" errors, ").append(t.skipped()).append(" skipped)");
        line(s, "tests", t.passed() + "/" + t.total() + " passed, " + t.failed() + " failed, " + t.errors()
                + " errors, " + t.skipped() + " skipped");
        int reports = t.node().path("reports").asInt();
        line(s, "exit", (t.timedOut() ? "stopped at the timeout" : "code " + t.node().path("exitCode").asText())
                + ", " + t.node().path("durationSeconds").asText() + " s, " + reports + " report"
                + (reports == 1 ? "" : "s"));
        line(s, "url", suite.url());
        if (!o.dryRun()) {
            line(s, "recorded", suite.recordedAt());
        }
    }

    private static String health(HealthResult h) {
        return h.status() + " (" + h.message() + ", " + h.url() + ")";
    }

    private static void line(StringBuilder s, String label, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        s.append("\n  ");
        if (label != null) {
            String key = label + ":";
            s.append(key).append(" ".repeat(Math.max(1, 10 - key.length())));
        }
        s.append(LogText.oneLine(value));
    }
}
