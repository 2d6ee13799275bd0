package io.specweave.deploy.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A record's facts in words for people, one line each, null when absent: what the status views
 * and every tracker's item say, so they agree. Units are those of docs/config.md "Units".
 */
public final class RecordFacts {

    private RecordFacts() {
    }

    /**
     * An environment without a recorded deployment, in words: a canary or a slot can run before
     * one is recorded ({@code rollout}), and that is not "nothing".
     */
    public static String notDeployed(boolean rollout) {
        return rollout ? "no full deployment yet" : "not deployed yet";
    }

    public static String commit(DeploymentRecord r) {
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
    public static String slots(SlotsState state) {
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

    /**
     * "10 % to 9b1d5f0c2e4a (stable 1a2b3c4d5e6f); steps 10 % at ..., 25 % at ..." while it runs;
     * "9b1d5f0c2e4a abandoned at 25 % at ...: p95 doubled" once rolled back, until {@code record}
     * (the environment's deployment) is a later one; else null.
     */
    public static String canary(CanaryState canary, DeploymentRecord record) {
        if (canary != null && canary.abandoned()) {
            return abandoned(canary, record);
        }
        if (canary == null || !canary.running()) {
            return null;
        }
        StringBuilder s = new StringBuilder().append(canary.weightOrZero()).append(" % to ")
                .append(canary.commit() == null ? "-" : shortSha(canary.commit()));
        if (canary.stableCommit() != null) {
            s.append(" (stable ").append(shortSha(canary.stableCommit())).append(')');
        }
        if (canary.steps().stream().anyMatch(step -> step.weight() != null)) {
            List<String> steps = new ArrayList<>();
            canary.steps().stream().filter(step -> step.weight() != null)
                    .forEach(step -> steps.add(step.weight() + " % at " + step.at()
                            + (Boolean.TRUE.equals(step.forced()) ? " (forced)" : "")));
            s.append("; steps ").append(String.join(", ", steps));
        }
        return s.toString();
    }

    private static String abandoned(CanaryState canary, DeploymentRecord record) {
        Instant at = DeploymentRecord.parseTime(canary.abandonedAt());
        Instant deployed = record == null ? null : record.deployedAtInstant();
        if (at != null && deployed != null && deployed.isAfter(at)) {
            return null; // a deployment since: the abandoned canary is no longer what the environment is about
        }
        StringBuilder s = new StringBuilder(canary.commit() == null ? "canary" : shortSha(canary.commit()))
                .append(" abandoned");
        // The share it had when it was rolled back: its last step before the one to 0 %.
        canary.steps().stream().map(CanaryState.Step::weight).filter(w -> w != null && w > 0).reduce((a, b) -> b)
                .ifPresent(w -> s.append(" at ").append(w).append(" %"));
        if (canary.abandonedAt() != null) {
            s.append(" at ").append(canary.abandonedAt());
        }
        return canary.rollbackReason() == null ? s.toString() : s.append(": ").append(canary.rollbackReason()).toString();
    }

    /** A commit's short form, "-" for none. */
    public static String shortCommit(String commit) {
        return commit == null ? "-" : shortSha(commit);
    }

    /**
     * The first 12 characters of a SHA, other refs as given (a tag or a short commit is not cut):
     * the one short form of a commit in status views, tracker items and notes.
     */
    public static String shortSha(String sha) {
        return sha.matches("[0-9a-fA-F]{13,64}") ? sha.substring(0, 12) : sha;
    }

    /** "healthy (HTTP 200, 84 ms, checked ...)". */
    public static String health(DeploymentRecord r, boolean withTime) {
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
    public static String tests(DeploymentRecord r) {
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
        if (tested != null && r.commit() != null && !Commits.same(tested, r.commit())) {
            // Results of another commit say nothing about what runs here.
            s.append(" — of commit ").append(shortSha(tested)).append(", not the deployed ").append(shortSha(r.commit()));
        }
        return s.toString();
    }


    public static String shortTests(DeploymentRecord r) {
        TestResults t = r.testResults();
        if (t == null || !t.counted()) {
            return null;
        }
        return t.passed() + "/" + t.total() + (t.passRatePercent() == null ? "" : " (" + t.passRatePercent() + "%)");
    }

    public static String coverage(DeploymentRecord r) {
        return r.coverage() == null ? null : number(r.coverage()) + "% of lines";
    }

    /** "333.33 req/s, avg 84.31 ms, p95 188.46 ms, p99 402 ms, 0.3 % errors". */
    public static String load(DeploymentRecord r) {
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
            s.append(", ").append(asWritten(l.toNode().get("errorRate"))).append(" % errors");
        }
        return s.toString();
    }

    /** "commit 9b1d5f0c2e4a by jane.doe (Release Manager) at 2026-11-22T09:00:00Z: CAB ok; ...". */
    public static String approvals(DeploymentRecord r) {
        if (r.approvals().isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (Approval a : r.approvals()) {
            if (!a.node().isObject()) {
                // Kept as written ("lgtm" from a chat): shown so, and it approves nothing.
                if (!a.node().isNull()) {
                    parts.add(io.specweave.deploy.Json.compact(a.node()) + " (as written: names nobody)");
                }
                continue;
            }
            String who = a.approvedBy() == null ? "nobody named" : a.approvedBy();
            parts.add((a.commit() == null ? "" : "commit " + shortSha(a.commit()) + " by ") + who
                    + (a.role() == null ? "" : " (" + a.role() + ")")
                    + (a.approvedAt() == null ? "" : " at " + a.approvedAt())
                    + (a.notes() == null ? "" : ": " + a.notes()));
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /**
     * "newCheckout on (was off) at 2026-11-27T10:15:00Z by jane; ...": the environment's last
     * feature-flag changes, newest first, from its stored node ({@code flagChanges}).
     */
    public static String flagChanges(JsonNode environmentNode, int limit) {
        JsonNode list = environmentNode == null ? null : environmentNode.get("flagChanges");
        if (list == null || !list.isArray() || list.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (int i = list.size() - 1; i >= 0 && parts.size() < limit; i--) {
            JsonNode c = list.get(i);
            if (!c.path("flag").isTextual()) {
                continue;
            }
            parts.add(c.path("flag").asText() + (c.path("enabled").asBoolean() ? " on" : " off")
                    + (c.path("previous").isBoolean() ? " (was " + (c.path("previous").asBoolean() ? "on" : "off") + ")"
                            : "")
                    + (c.path("at").isTextual() ? " at " + c.path("at").asText() : "")
                    + (c.path("by").isTextual() ? " by " + c.path("by").asText() : ""));
        }
        int more = list.size() - parts.size();
        return parts.isEmpty() ? null : String.join("; ", parts) + (more > 0 ? "; " + more + " earlier" : "");
    }

    /** Why the tracking item may not show this deployment yet ({@code trackingPending}); null when it does. */
    public static String trackingOwed(JsonNode environmentNode) {
        return DeploymentRecord.trackingPending(environmentNode) ? "not told of this deployment yet (its tracker failed; the next run tells it)" : null;
    }

    /** The commit a rollback's restore took out; null when the record is none (or does not say which). */
    public static String rolledBackFrom(JsonNode environmentNode) {
        JsonNode from = environmentNode == null ? null : environmentNode.get("rolledBackFrom");
        return from == null || !from.isTextual() || from.asText().isBlank() ? null : from.asText();
    }

    /** "from commit 7c3e9a1b5d7f: checkout broken" when the record is a rollback's restore. */
    public static String rollback(JsonNode environmentNode) {
        JsonNode from = environmentNode == null ? null : environmentNode.get("rolledBackFrom");
        if (from == null || !from.isTextual()) {
            return null;
        }
        JsonNode why = environmentNode.get("rollbackReason");
        String reason = why != null && why.isTextual() && !why.asText().isBlank() ? why.asText() : null;
        return (from.asText().isEmpty() ? "rolled back" : "from commit " + shortSha(from.asText()))
                + (reason == null ? "" : ": " + reason);
    }

    /** The record's change request, and the one registered for the next deployment beside it. */
    public static String changeRequest(DeploymentRecord r) {
        String own = changeRequest(r, r.changeRequest());
        String next = changeRequest(r, r.nextChangeRequest());
        return next == null ? own : (own == null ? "" : own + "; ") + "for the next deployment: " + next;
    }

    private static String changeRequest(DeploymentRecord r, ChangeRequest c) {
        if (c == null || c.id() == null) {
            return null;
        }
        // One registered for another commit waits for that commit's deployment: say so.
        String waiting = c.commit() == null || c.covers(r.commit()) ? "" : ", for commit " + shortSha(c.commit());
        return c.id() + waiting + (c.window() == null ? "" : ", window " + c.window()) + (c.url() == null ? ""
                : " " + c.url());
    }

    /**
     * "5234 req/s, 0.01 % errors, p50 45 ms, 99.98 % uptime": the record's {@code metrics} in the
     * units of docs/config.md "Units", numbers as the user wrote them; keys this tool does not
     * know follow as {@code key=value}.
     */
    public static String metrics(DeploymentRecord r) {
        JsonNode m = r.metrics();
        if (m == null || !m.isObject() || m.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = m.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String words = metric(e.getKey(), e.getValue(), m);
            if (words != null) {
                parts.add(words);
            } else if (!e.getKey().equals("healthyPolls")) {
                JsonNode v = e.getValue();
                unknown.add(e.getKey() + "=" + (v.isValueNode() ? v.asText() : v.toString()));
            }
        }
        parts.addAll(unknown);
        return String.join(", ", parts);
    }

    private static String metric(String key, JsonNode value, JsonNode all) {
        if (key.equals("window") || key.equals("verdict")) {
            return value.isTextual() ? key + " " + value.asText() : null;
        }
        if (!value.isNumber()) {
            return null;
        }
        String n = asWritten(value);
        return switch (key) {
            case "rps", "requestRate", "maxRPS" -> n + " req/s";
            case "errorRate" -> n + " % errors";
            case "uptime" -> n + " % uptime";
            case "samples" -> n + (value.asInt() == 1 ? " poll" : " polls")
                    + (all.path("healthyPolls").isNumber() ? " (" + asWritten(all.get("healthyPolls")) + " healthy)" : "");
            default -> {
                Matcher latency = LATENCY.matcher(key);
                yield latency.matches() ? latency.group(1) + " " + n + " ms" : null;
            }
        };
    }

    private static final Pattern LATENCY = Pattern.compile("(p\\d+|avg|mean|max)Latency(?:Ms)?");

    /** A number as the user wrote it: {@code 0.0001}, not {@code 1.0E-4} or {@code 0}. */
    public static String asWritten(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.asText();
        }
        if (number.isBigDecimal()) {
            // More than a double holds (1e400): 401 digits would say it no better.
            return Json.decimalText(number.decimalValue());
        }
        return number.decimalValue().stripTrailingZeros().toPlainString();
    }

    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e12) {
            return String.valueOf((long) value);
        }
        String s = String.format(Locale.ROOT, "%.2f", value);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    public static String metricLabel(String key) {
        return switch (key) {
            case "deploymentFrequency" -> "Deployment frequency";
            case "leadTimeForChanges" -> "Lead time for changes";
            case "changeFailureRate" -> "Change failure rate";
            default -> "Failed deployment recovery time";
        };
    }
}
