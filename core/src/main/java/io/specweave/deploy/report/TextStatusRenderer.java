package io.specweave.deploy.report;

import io.specweave.deploy.deploy.DeploymentRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The status view for a terminal or a build log. Emoji marks by default; ASCII marks when
 * {@code plain} (NO_COLOR, or a console that cannot show them).
 */
public final class TextStatusRenderer {

    private final boolean plain;

    public TextStatusRenderer(boolean plain) {
        this.plain = plain;
    }

    public String render(PipelineStatus status) {
        StringBuilder out = new StringBuilder();
        out.append("Deployment Status: ").append(status.id());
        if (status.title() != null) {
            out.append(" — ").append(status.title());
        }
        out.append('\n');
        if (status.status() != null) {
            out.append("Increment status: ").append(status.status()).append('\n');
        }
        out.append('\n');
        for (EnvironmentStatus env : status.environments()) {
            out.append(plain ? env.asciiMark() : env.mark()).append(' ').append(env.environment().toUpperCase());
            DeploymentRecord r = env.record();
            if (r == null) {
                out.append(": not deployed\n");
                continue;
            }
            out.append(": ").append(env.state().replace('_', ' '));
            if (r.deployedAt() != null) {
                out.append(" at ").append(r.deployedAt());
            }
            if (r.deployedBy() != null) {
                out.append(" by ").append(r.deployedBy());
            }
            out.append('\n');
            line(out, "URL", r.deploymentUrl());
            String tracking = env.trackingId() == null ? null
                    : env.trackingId() + (env.trackingUrl() == null ? "" : " " + env.trackingUrl());
            line(out, "Tracking", tracking == null ? null : env.provider() + " " + tracking);
            line(out, "Commit", commitLine(r));
            line(out, "Run", r.runUrl());
            if (r.healthStatus() != null) {
                line(out, "Health", r.healthStatus() + (r.lastChecked() == null ? "" : " (checked " + r.lastChecked() + ")"));
            }
            if (r.testResults() != null && r.testResults().has("total")) {
                long total = r.testResults().path("total").asLong();
                long passed = r.testResults().path("passed").asLong();
                line(out, "Tests", passed + "/" + total + " passed"
                        + (total > 0 ? " (" + Math.round(passed * 100.0 / total) + "%)" : ""));
            }
            if (!r.approvals().isEmpty()) {
                List<String> names = new ArrayList<>();
                r.approvals().forEach(a -> names.add(a.path("approvedBy").asText(a.path("by").asText("?"))));
                line(out, "Approved by", String.join(", ", names));
            }
        }
        if (status.pipelineDuration() != null) {
            out.append('\n').append("Total Pipeline Duration: ").append(status.pipelineDuration()).append('\n');
        }
        if (!status.stages().isEmpty()) {
            out.append("Time in each stage:\n");
            for (PipelineStatus.Stage stage : status.stages()) {
                out.append("  ").append(stage.from()).append(" → ").append(stage.to()).append(": ")
                        .append(stage.duration()).append('\n');
            }
        }
        return out.toString();
    }

    public String renderList(List<IncrementSummary> rows) {
        if (rows.isEmpty()) {
            return "No increments in .specweave/increments\n";
        }
        List<String> environments = new ArrayList<>();
        rows.forEach(r -> r.environments().keySet().forEach(e -> {
            if (!environments.contains(e)) {
                environments.add(e);
            }
        }));
        int idWidth = Math.max(2, rows.stream().mapToInt(r -> r.id().length()).max().orElse(2));
        int statusWidth = Math.max(6, rows.stream().mapToInt(r -> r.status() == null ? 1 : r.status().length()).max().orElse(6));
        StringBuilder out = new StringBuilder();
        out.append(pad("ID", idWidth)).append("  ").append(pad("STATUS", statusWidth));
        for (String env : environments) {
            out.append("  ").append(env);
        }
        out.append("  TITLE\n");
        for (IncrementSummary row : rows) {
            out.append(pad(row.id(), idWidth)).append("  ").append(pad(row.status() == null ? "-" : row.status(), statusWidth));
            for (String env : environments) {
                String state = row.environments().getOrDefault(env, EnvironmentStatus.NOT_DEPLOYED);
                EnvironmentStatus probe = new EnvironmentStatus(env, state, null, null, null, null, null);
                String mark = plain ? probe.asciiMark() : probe.mark();
                out.append("  ").append(pad(mark, env.length() + (plain ? 0 : mark.length() - mark.codePointCount(0, mark.length()) - 1)));
            }
            out.append("  ").append(row.title() == null ? "" : row.title()).append('\n');
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        if (value != null && !value.isBlank()) {
            out.append("   ").append(label).append(": ").append(value).append('\n');
        }
    }

    private static String commitLine(DeploymentRecord r) {
        if (r.commit() == null && r.branch() == null && r.tag() == null) {
            return null;
        }
        StringBuilder s = new StringBuilder(r.commit() == null ? "-" : r.commit().substring(0, Math.min(12, r.commit().length())));
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

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
