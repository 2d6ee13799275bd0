package io.specweave.deploy.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.model.Approval;
import io.specweave.deploy.model.ChangeRequest;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.LoadTestResults;
import io.specweave.deploy.model.CanaryState;
import io.specweave.deploy.model.Slot;
import io.specweave.deploy.model.SlotsState;
import io.specweave.deploy.model.TestResults;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The one-line descriptions of a record's facts that the text and Markdown views share; null when absent. */
final class RecordFacts {

    private RecordFacts() {
    }

    static String commit(DeploymentRecord r) {
        if (r.commit() == null && r.branch() == null && r.tag() == null) {
            return null;
        }
        StringBuilder s = new StringBuilder(r.commit() == null ? "-" : shortSha(r.commit()));
        List<String> refs = new ArrayList<>();
        if (r.branch() != null) {
            refs.add(r.branch());
        }
        if (r.tag() != null) {
            refs.add(r.tag());
        }
        if (!refs.isEmpty()) {
            s.append(" (").append(String.join(", ", refs)).append(')');
        }
        return s.toString();
    }

    /**
     * "live green: 9b1d5f0c2e4a (main), deployed ...; idle blue: 1a2b3c4d5e6f, deployed ...; last swap ...":
     * the live slot first, then the others in the file's order.
     */
    static String slots(SlotsState state) {
        if (state == null || state.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>(state.slots().keySet());
        if (state.live() != null) {
            names.remove(state.live());
            names.add(0, state.live());
        }
        List<String> parts = new ArrayList<>();
        for (String name : names) {
            Slot slot = state.slot(name);
            StringBuilder s = new StringBuilder(name.equals(state.live()) ? "live " : "idle ").append(name);
            if (slot != null) {
                s.append(": ").append(slot.commit() == null ? "-" : shortSha(slot.commit()));
                List<String> refs = new ArrayList<>();
                if (slot.branch() != null) {
                    refs.add(slot.branch());
                }
                if (slot.tag() != null) {
                    refs.add(slot.tag());
                }
                if (!refs.isEmpty()) {
                    s.append(" (").append(String.join(", ", refs)).append(')');
                }
                if (slot.deployedAt() != null) {
                    s.append(", deployed ").append(slot.deployedAt());
                }
                if (slot.healthStatus() != null) {
                    s.append(", ").append(slot.healthStatus());
                }
            }
            parts.add(s.toString());
        }
        if (state.live() != null && !state.slots().containsKey(state.live())) {
            parts.add(0, "live " + state.live());
        }
        if (state.swappedAt() != null) {
            parts.add("last swap " + state.swappedAt());
        }
        return String.join("; ", parts);
    }

    /** "10 % to 9b1d5f0c2e4a (stable 1a2b3c4d5e6f); steps 10 % at ..., 25 % at ...": only while it runs. */
    static String canary(CanaryState canary) {
        if (canary == null || !canary.running()) {
            return null;
        }
        StringBuilder s = new StringBuilder().append(canary.weightOrZero()).append(" % to ")
                .append(canary.commit() == null ? "-" : shortSha(canary.commit()));
        if (canary.stableCommit() != null) {
            s.append(" (stable ").append(shortSha(canary.stableCommit())).append(')');
        }
        if (!canary.steps().isEmpty()) {
            List<String> steps = new ArrayList<>();
            canary.steps().forEach(step -> steps.add(step.weight() + " % at " + step.at()));
            s.append("; steps ").append(String.join(", ", steps));
        }
        return s.toString();
    }

    /** A commit's short form, "-" for none. */
    static String shortCommit(String commit) {
        return commit == null ? "-" : shortSha(commit);
    }

    static String shortSha(String sha) {
        return sha.substring(0, Math.min(12, sha.length()));
    }

    /** "healthy (HTTP 200, 84 ms, checked ...)". */
    static String health(DeploymentRecord r, boolean withTime) {
        if (r.healthStatus() == null) {
            return null;
        }
        List<String> details = new ArrayList<>();
        if (r.healthHttpStatus() != null) {
            details.add("HTTP " + r.healthHttpStatus());
        }
        if (r.healthLatencyMs() != null) {
            details.add(r.healthLatencyMs() + " ms");
        }
        if (withTime && r.lastChecked() != null) {
            details.add("checked " + r.lastChecked());
        }
        return r.healthStatus() + (details.isEmpty() ? "" : " (" + String.join(", ", details) + ")");
    }

    /** "146/150 passed (97%), 2 failed, 1 skipped, 1 error". */
    static String tests(DeploymentRecord r) {
        TestResults t = r.testResults();
        if (t == null || !t.counted()) {
            return null;
        }
        StringBuilder s = new StringBuilder(t.passed() + "/" + t.total() + " passed");
        if (t.passRatePercent() != null) {
            s.append(" (").append(t.passRatePercent()).append("%)");
        }
        if (t.failed() > 0) {
            s.append(", ").append(t.failed()).append(" failed");
        }
        if (t.errors() > 0) {
            s.append(", ").append(t.errors()).append(t.errors() == 1 ? " error" : " errors");
        }
        if (t.skipped() > 0) {
            s.append(", ").append(t.skipped()).append(" skipped");
        }
        if (t.suite() != null) {
            // Recorded by `test --suite`: which suite, and how it ended when that is not in the counts.
            s.append(", suite ").append(t.suite());
            if (t.timedOut()) {
                s.append(" (stopped at its timeout)");
            } else if (t.exitCode() != null && t.exitCode() != 0) {
                s.append(" (exit code ").append(t.exitCode()).append(')');
            }
        }
        String tested = t.commit();
        if (tested != null && r.commit() != null && !tested.startsWith(r.commit()) && !r.commit().startsWith(tested)) {
            // Results of another commit say nothing about what runs here.
            s.append(" — of commit ").append(shortSha(tested)).append(", not the deployed ").append(shortSha(r.commit()));
        }
        return s.toString();
    }


    static String shortTests(DeploymentRecord r) {
        TestResults t = r.testResults();
        if (t == null || !t.counted()) {
            return null;
        }
        return t.passed() + "/" + t.total() + (t.passRatePercent() == null ? "" : " (" + t.passRatePercent() + "%)");
    }

    static String coverage(DeploymentRecord r) {
        return r.coverage() == null ? null : number(r.coverage()) + "% of lines";
    }

    /** "333.33 req/s, avg 84.31 ms, p95 188.46 ms, p99 402 ms, 0.3% errors". */
    static String load(DeploymentRecord r) {
        LoadTestResults l = r.loadTestResults();
        if (l == null || !l.measured()) {
            return null;
        }
        StringBuilder s = new StringBuilder(number(l.maxRps()) + " req/s, avg " + number(l.avgLatency()) + " ms");
        if (l.p95Latency() != null) {
            s.append(", p95 ").append(number(l.p95Latency())).append(" ms");
        }
        if (l.p99Latency() != null) {
            s.append(", p99 ").append(number(l.p99Latency())).append(" ms");
        }
        if (l.errorRate() != null) {
            s.append(", ").append(number(l.errorRate())).append("% errors");
        }
        return s.toString();
    }

    /** "jane.doe (Release Manager) at 2026-11-22T09:00:00Z; ...". */
    static String approvals(DeploymentRecord r) {
        if (r.approvals().isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (Approval a : r.approvals()) {
            String who = a.approvedBy() == null ? "?" : a.approvedBy();
            parts.add(who + (a.role() == null ? "" : " (" + a.role() + ")")
                    + (a.approvedAt() == null ? "" : " at " + a.approvedAt())
                    + (a.notes() == null ? "" : ": " + a.notes()));
        }
        return String.join("; ", parts);
    }

    static String changeRequest(DeploymentRecord r) {
        ChangeRequest c = r.changeRequest();
        if (c == null || c.id() == null) {
            return null;
        }
        return c.id() + (c.window() == null ? "" : ", window " + c.window()) + (c.url() == null ? "" : " " + c.url());
    }

    /** "errorRate=0.2, p95LatencyMs=180, uptime=99.98". */
    static String metrics(DeploymentRecord r) {
        JsonNode m = r.metrics();
        if (m == null || !m.isObject() || m.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = m.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            parts.add(e.getKey() + "=" + (v.isValueNode() ? v.asText() : v.toString()));
        }
        return String.join(", ", parts);
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e12) {
            return String.valueOf((long) value);
        }
        String s = String.format(Locale.ROOT, "%.2f", value);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    static String metricLabel(String key) {
        return switch (key) {
            case "deploymentFrequency" -> "Deployment frequency";
            case "leadTimeForChanges" -> "Lead time for changes";
            case "changeFailureRate" -> "Change failure rate";
            default -> "Failed deployment recovery time";
        };
    }
}
