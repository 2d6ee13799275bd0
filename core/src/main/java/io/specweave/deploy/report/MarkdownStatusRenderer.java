package io.specweave.deploy.report;

import io.specweave.deploy.MarkdownText;
import io.specweave.deploy.dora.DoraMetric;
import io.specweave.deploy.dora.DoraReport;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.RecordFacts;
import io.specweave.deploy.status.EnvironmentStatus;
import io.specweave.deploy.status.IncrementSummary;
import io.specweave.deploy.status.PipelineStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The status view as GitHub-flavoured Markdown: a Mermaid flowchart of the environments in
 * pipeline order (one of them highlighted), a table with one row per environment, and links to the
 * tracking items. Used for the Action's step summary and {@code status --markdown}.
 *
 * <p>Everything taken from files is escaped for its place ({@link MarkdownText}): text and table
 * cells show it as the text it is (no links, HTML, code, emphasis or column breaks of its own, one
 * line), Mermaid labels lose their quotes, and only {@code http(s)} URLs become links, so a record
 * cannot inject markup or script-like links into a page.
 */
public final class MarkdownStatusRenderer {

    /** GitHub refuses step summaries above 1 MiB; a rendering is kept below this. */
    public static final int DEFAULT_MAX_BYTES = 1024 * 1024 - 16 * 1024;

    private final int maxBytes;

    public MarkdownStatusRenderer() {
        this(DEFAULT_MAX_BYTES);
    }

    public MarkdownStatusRenderer(int maxBytes) {
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("maxBytes must be at least 1024, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The whole view; {@code highlight} is the environment to emphasise, or null. */
    public String render(PipelineStatus status, String highlight) {
        StringBuilder out = new StringBuilder();
        out.append("### ").append(MarkdownText.text(status.id()));
        if (status.title() != null) {
            out.append(" — ").append(MarkdownText.text(status.title()));
        }
        out.append("\n\n");
        if (status.status() != null) {
            out.append("Increment status: **").append(MarkdownText.text(status.status())).append("**\n\n");
        }
        out.append(mermaid(status, highlight)).append('\n');
        out.append(table(status, highlight));
        List<String> details = details(status);
        if (!details.isEmpty()) {
            out.append('\n');
            details.forEach(d -> out.append("- ").append(d).append('\n'));
        }
        List<String> links = trackingLinks(status);
        if (!links.isEmpty()) {
            out.append("\n**Tracking items:** ").append(String.join(" · ", links)).append('\n');
        }
        if (status.pipelineDuration() != null) {
            out.append("\nTotal pipeline duration: **").append(status.pipelineDuration()).append("**");
            if (!status.stages().isEmpty()) {
                List<String> stages = new ArrayList<>();
                status.stages().forEach(s -> stages.add(MarkdownText.text(s.from()) + " → "
                        + MarkdownText.text(s.to()) + " " + s.duration()));
                out.append(" (").append(String.join(", ", stages)).append(')');
            }
            out.append('\n');
        }
        if (status.dora() != null) {
            out.append('\n').append(renderDora(status.dora()));
        }
        return truncate(out.toString(), maxBytes);
    }

    /** Each environment's earlier deployments, oldest first, a table each: what {@code --deployments} adds. */
    public String renderHistory(PipelineStatus status) {
        StringBuilder out = new StringBuilder();
        for (EnvironmentStatus env : status.environments()) {
            if (env.record() == null || env.record().history().isEmpty()) {
                continue;
            }
            out.append("\n#### Earlier deployments to ").append(MarkdownText.text(env.environment()))
                    .append("\n\n| Deployed | Status | Commit | By |\n|---|---|---|---|\n");
            env.record().history().forEach(h -> out.append("| ").append(MarkdownText.text(h.deployedAt()))
                    .append(" | ").append(MarkdownText.text(h.status() == null ? "deployed" : h.status().raw()))
                    .append(" | ").append(h.commit() == null ? "-" : MarkdownText.cellCode(h.commit()))
                    .append(" | ").append(MarkdownText.text(h.deployedBy())).append(" |\n"));
        }
        return out.toString();
    }

    /** Every increment, a row each with a mark per environment in pipeline order, as the text list shows them. */
    public String renderList(List<IncrementSummary> rows) {
        if (rows.isEmpty()) {
            return "No increments in `.specweave/increments`\n";
        }
        List<String> environments = IncrementSummary.environments(rows);
        StringBuilder out = new StringBuilder("| Increment | Status |");
        environments.forEach(e -> out.append(' ').append(MarkdownText.text(e)).append(" |"));
        out.append(" Title |\n|---|---|").append("---|".repeat(environments.size())).append("---|\n");
        for (IncrementSummary row : rows) {
            out.append("| ").append(MarkdownText.text(row.id())).append(" | ")
                    .append(row.status() == null ? "-" : MarkdownText.text(row.status())).append(" |");
            environments.forEach(e -> out.append(' ').append(EnvironmentStatus.mark(row.shownState(e))).append(" |"));
            out.append(' ').append(MarkdownText.text(row.title())).append(" |\n");
        }
        return truncate(out.toString(), maxBytes);
    }

    /** The DORA block as a Markdown table. */
    public String renderDora(DoraReport dora) {
        StringBuilder out = new StringBuilder();
        out.append("#### DORA metrics (").append(MarkdownText.text(dora.environment())).append(", last ")
                .append(MarkdownText.text(dora.window())).append(")\n\n");
        out.append("| Metric | Value | Band | Basis |\n|---|---|---|---|\n");
        row(out, "Deployment frequency", dora.deploymentFrequency());
        row(out, "Lead time for changes", dora.leadTimeForChanges());
        row(out, "Change failure rate", dora.changeFailureRate());
        row(out, "Failed deployment recovery time", dora.failedDeploymentRecoveryTime());
        dora.warnings().forEach(w -> out.append('\n').append(alert("WARNING", w)));
        return out.toString();
    }

    private static void row(StringBuilder out, String label, DoraMetric metric) {
        out.append("| ").append(label).append(" | ").append(MarkdownText.text(metric.display())).append(" | ")
                .append(MarkdownText.text(metric.band())).append(" | ").append(MarkdownText.text(metric.basis()))
                .append(" |\n");
    }

    /** What the table has no column for: results, approvals, change request, metrics, forced gates. */
    private static List<String> details(PipelineStatus status) {
        List<String> lines = new ArrayList<>();
        for (EnvironmentStatus env : status.environments()) {
            DeploymentRecord r = env.record();
            String name = "**" + MarkdownText.text(env.environment()) + "**";
            // Slots and a canary may run before any deployment was recorded.
            add(lines, name + " slots: ", RecordFacts.slots(env.slots()));
            add(lines, name + " canary: ", RecordFacts.canary(env.canary(), r));
            if (r == null) {
                continue;
            }
            add(lines, name + " rolled back ", RecordFacts.rollback(env.stored()));
            add(lines, name + " tests: ", RecordFacts.tests(r));
            add(lines, name + " coverage: ", RecordFacts.coverage(r));
            add(lines, name + " load test: ", RecordFacts.load(r));
            add(lines, name + " approved: ", RecordFacts.approvals(r));
            String change = RecordFacts.changeRequest(r);
            if (change != null) {
                // Its URL is a link, as on the tracking item; a bare one would be GitHub's, and is text.
                lines.add(name + " change request: " + MarkdownText.link(change, r.changeRequest().url()));
            }
            add(lines, name + " metrics: ", RecordFacts.metrics(r));
            add(lines, name + " health: ", r.healthMessage());
            if (Boolean.TRUE.equals(r.forced())) {
                lines.add(name + " was forced past a refusing gate or an unhealthy check");
            }
        }
        return lines;
    }

    private static void add(List<String> lines, String prefix, String value) {
        if (value != null && !value.isBlank()) {
            lines.add(prefix + MarkdownText.text(value));
        }
    }

    /** A Mermaid {@code flowchart LR} of the environments, coloured by state, {@code highlight} outlined. */
    public String mermaid(PipelineStatus status, String highlight) {
        StringBuilder out = new StringBuilder("```mermaid\nflowchart LR\n");
        List<EnvironmentStatus> environments = status.environments();
        for (int i = 0; i < environments.size(); i++) {
            EnvironmentStatus env = environments.get(i);
            String label = mermaidLabel(env.environment()) + "<br/>" + mermaidLabel(TextStatusRenderer.words(env));
            out.append("  env").append(i).append("[\"").append(label).append("\"]\n");
        }
        for (int i = 1; i < environments.size(); i++) {
            out.append("  env").append(i - 1).append(" --> env").append(i).append('\n');
        }
        out.append("  classDef deployed fill:#d3f9d8,stroke:#2b8a3e,color:#1b4332\n");
        out.append("  classDef failed fill:#ffe3e3,stroke:#c92a2a,color:#5c0000\n");
        out.append("  classDef unhealthy fill:#ffe8cc,stroke:#d9480f,color:#5c2400\n");
        out.append("  classDef progress fill:#fff3bf,stroke:#e67700,color:#5c3d00\n");
        out.append("  classDef pending fill:#f1f3f5,stroke:#adb5bd,color:#495057\n");
        out.append("  classDef current stroke:#1c7ed6,stroke-width:4px\n");
        for (int i = 0; i < environments.size(); i++) {
            out.append("  class env").append(i).append(' ').append(styleClass(environments.get(i).shownState())).append('\n');
        }
        for (int i = 0; i < environments.size(); i++) {
            if (environments.get(i).environment().equals(highlight)) {
                out.append("  class env").append(i).append(" current\n");
            }
        }
        return out.append("```\n").toString();
    }

    /** The table: environment, state, when, who, commit/ref, URL, tracking item, health. */
    public String table(PipelineStatus status, String highlight) {
        StringBuilder out = new StringBuilder();
        out.append("| Environment | State | Deployed at | By | Commit | URL | Tracking | Health |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (EnvironmentStatus env : status.environments()) {
            DeploymentRecord r = env.record();
            String name = MarkdownText.text(env.environment());
            if (env.environment().equals(highlight)) {
                name = "**" + name + "** ⬅";
            }
            out.append("| ").append(name)
                    .append(" | ").append(env.mark()).append(' ')
                    .append(MarkdownText.text(TextStatusRenderer.words(env)))
                    .append(" | ").append(r == null ? "" : MarkdownText.text(r.deployedAt()))
                    .append(" | ").append(r == null ? "" : MarkdownText.text(r.deployedBy()))
                    .append(" | ").append(r == null ? "" : commit(r))
                    .append(" | ").append(r == null ? "" : MarkdownText.link(r.deploymentUrl(), r.deploymentUrl()))
                    .append(" | ").append(tracking(env))
                    .append(" | ").append(r == null ? "" : MarkdownText.text(RecordFacts.health(r, false)))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static List<String> trackingLinks(PipelineStatus status) {
        List<String> links = new ArrayList<>();
        for (EnvironmentStatus env : status.environments()) {
            if (MarkdownText.target(env.trackingUrl()) != null) {
                links.add(MarkdownText.text(env.environment()) + ": " + MarkdownText.link(env.trackingId() == null
                        ? env.trackingUrl() : env.trackingLabel(), env.trackingUrl()));
            }
        }
        return links;
    }

    private static String tracking(EnvironmentStatus env) {
        if (env.trackingId() == null && env.trackingUrl() == null) {
            return "";
        }
        String text = env.trackingId() != null ? env.trackingLabel() : env.trackingUrl();
        String provider = env.provider() == null ? "" : MarkdownText.text(env.provider()) + " ";
        return provider + MarkdownText.link(text, env.trackingUrl());
    }

    private static String commit(DeploymentRecord r) {
        List<String> parts = new ArrayList<>();
        if (r.commit() != null) {
            parts.add(MarkdownText.cellCode(r.commit().substring(0, Math.min(12, r.commit().length()))));
        }
        if (r.branch() != null) {
            parts.add(MarkdownText.text(r.branch()));
        }
        if (r.tag() != null) {
            parts.add(MarkdownText.text(r.tag()));
        }
        return String.join(" ", parts);
    }

    private static String styleClass(String state) {
        return switch (state) {
            case EnvironmentStatus.DEPLOYED -> "deployed";
            case EnvironmentStatus.DEPLOYED_UNHEALTHY -> "unhealthy";
            case EnvironmentStatus.FAILED, EnvironmentStatus.ROLLED_BACK -> "failed";
            case EnvironmentStatus.IN_PROGRESS -> "progress";
            default -> "pending";
        };
    }

    /**
     * A GitHub alert ({@code NOTE}, {@code WARNING}, {@code CAUTION}) holding {@code text}, its lines
     * kept as lines (a refused gate's reasons, one per line), each escaped as
     * {@link MarkdownText#message} does: this tool's code spans stay code, nothing else is markup.
     */
    public static String alert(String kind, String text) {
        return "> [!" + kind + "]\n> " + String.join("<br>\n> ", text.strip().lines().map(String::strip)
                .filter(l -> !l.isEmpty()).map(MarkdownText::message).toList()) + "\n";
    }

    private static String mermaidLabel(String text) {
        return text.replace("#", "#35;").replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;")
                .replace("`", "#96;").replace("\n", " ").replace("\r", " ");
    }

    /**
     * {@code markdown} cut to what is left of the limit in {@code summaryFile}, which the job's earlier
     * steps may have written to already (the limit is per file); at least 1 KiB, so it says what it cut.
     */
    public static String fitInto(Path summaryFile, String markdown) {
        long existing;
        try {
            existing = Files.exists(summaryFile) ? Files.size(summaryFile) : 0;
        } catch (IOException e) {
            existing = 0; // appending reports the file's trouble
        }
        return truncate(markdown, (int) Math.max(1024, DEFAULT_MAX_BYTES - existing));
    }

    /** Cuts {@code text} so its UTF-8 form fits {@code maxBytes}, saying so, at a line boundary. */
    public static String truncate(String text, int maxBytes) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return text;
        }
        String note = "\n\n_(cut to stay within GitHub's 1 MiB step-summary limit)_\n";
        int budget = maxBytes - note.getBytes(StandardCharsets.UTF_8).length;
        String cut = new String(bytes, 0, budget, StandardCharsets.UTF_8);
        // A partial multi-byte character decodes to U+FFFD; drop it together with the partial line.
        int end = cut.lastIndexOf('\n');
        cut = end > 0 ? cut.substring(0, end) : cut.replace("\uFFFD", "");
        return cut + note;
    }
}
