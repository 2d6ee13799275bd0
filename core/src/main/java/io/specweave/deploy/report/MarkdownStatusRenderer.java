package io.specweave.deploy.report;

import io.specweave.deploy.deploy.DeploymentRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The status view as GitHub-flavoured Markdown: a table of the environments in pipeline order and
 * a Mermaid flowchart of the pipeline, then the stage durations and the DORA block. The GitHub
 * Action writes it to the step summary; {@code status --markdown} prints it.
 */
public final class MarkdownStatusRenderer {

    /**
     * @param status               the increment's pipeline status
     * @param highlightEnvironment the environment this run deployed to, drawn out in table and chart; may be null
     */
    public String render(PipelineStatus status, String highlightEnvironment) {
        StringBuilder out = new StringBuilder();
        out.append("## Deployment Status: ").append(text(status.id()));
        if (status.title() != null) {
            out.append(" — ").append(text(status.title()));
        }
        out.append("\n\n");
        out.append("| | Environment | State | Deployed | Commit | Health | Tests | Tracking |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (EnvironmentStatus env : status.environments()) {
            DeploymentRecord r = env.record();
            boolean deployed = r != null && !EnvironmentStatus.NOT_DEPLOYED.equals(env.state());
            boolean current = env.environment().equals(highlightEnvironment);
            out.append("| ").append(env.mark()).append(" | ")
                    .append(current ? "**" + cell(env.environment()) + "** (this run)" : cell(env.environment()))
                    .append(" | ").append(cell(env.state().replace('_', ' ')))
                    .append(" | ").append(deployed ? cell(when(r)) : "")
                    .append(" | ").append(deployed && RecordFacts.commit(r) != null ? code(RecordFacts.commit(r)) : "")
                    .append(" | ").append(deployed ? cell(RecordFacts.health(r, false)) : "")
                    .append(" | ").append(deployed ? cell(RecordFacts.shortTests(r)) : "")
                    .append(" | ").append(tracking(env)).append(" |\n");
        }
        List<String> details = details(status);
        if (!details.isEmpty()) {
            out.append('\n');
            details.forEach(d -> out.append("- ").append(d).append('\n'));
        }
        out.append("\n```mermaid\nflowchart LR\n");
        List<String> ids = new ArrayList<>();
        for (EnvironmentStatus env : status.environments()) {
            String id = nodeId(env.environment());
            ids.add(id);
            DeploymentRecord r = env.record();
            String label = env.mark() + " " + env.environment();
            if (r != null && !EnvironmentStatus.NOT_DEPLOYED.equals(env.state()) && r.commit() != null) {
                label += "<br/>" + r.commit().substring(0, Math.min(7, r.commit().length()));
            }
            if (r != null && r.healthStatus() != null) {
                label += "<br/>" + r.healthStatus();
            }
            out.append("  ").append(id).append("[\"").append(mermaid(label)).append("\"]\n");
        }
        for (int i = 1; i < ids.size(); i++) {
            out.append("  ").append(ids.get(i - 1)).append(" --> ").append(ids.get(i)).append('\n');
        }
        out.append("  classDef deployed fill:#dcfce7,stroke:#16a34a,color:#14532d\n");
        out.append("  classDef failed fill:#fee2e2,stroke:#dc2626,color:#7f1d1d\n");
        out.append("  classDef progress fill:#fef9c3,stroke:#ca8a04,color:#713f12\n");
        out.append("  classDef pending fill:#f3f4f6,stroke:#9ca3af,color:#374151\n");
        for (EnvironmentStatus env : status.environments()) {
            String cls = switch (env.state()) {
                case "deployed" -> "deployed";
                case "failed", "rolled_back" -> "failed";
                case "in_progress" -> "progress";
                default -> "pending";
            };
            if ("deployed".equals(cls) && env.record() != null && env.record().healthStatus() != null
                    && !"healthy".equals(env.record().healthStatus())) {
                cls = "failed";
            }
            out.append("  class ").append(nodeId(env.environment())).append(' ').append(cls).append('\n');
        }
        if (highlightEnvironment != null && status.environments().stream()
                .anyMatch(e -> e.environment().equals(highlightEnvironment))) {
            out.append("  style ").append(nodeId(highlightEnvironment)).append(" stroke-width:4px\n");
        }
        out.append("```\n");
        if (status.pipelineDuration() != null || !status.stages().isEmpty()) {
            out.append('\n');
            if (status.pipelineDuration() != null) {
                out.append("**Total Pipeline Duration:** ").append(status.pipelineDuration()).append("\n\n");
            }
            if (!status.stages().isEmpty()) {
                out.append("**Time in each stage:** ");
                List<String> stages = new ArrayList<>();
                status.stages().forEach(s -> stages.add(text(s.from()) + " → " + text(s.to()) + " " + s.duration()));
                out.append(String.join(" · ", stages)).append('\n');
            }
        }
        if (status.dora() != null) {
            out.append('\n').append(renderDora(status.dora()));
        }
        return out.toString();
    }

    /** The DORA block as a Markdown table. */
    public String renderDora(DoraReport dora) {
        StringBuilder out = new StringBuilder();
        out.append("### DORA metrics (").append(text(dora.environment())).append(", last ").append(text(dora.window()))
                .append(")\n\n");
        out.append("| Metric | Value | Band | Basis |\n|---|---|---|---|\n");
        row(out, "Deployment frequency", dora.deploymentFrequency());
        row(out, "Lead time for changes", dora.leadTimeForChanges());
        row(out, "Change failure rate", dora.changeFailureRate());
        row(out, "Failed deployment recovery time", dora.failedDeploymentRecoveryTime());
        return out.toString();
    }

    private static void row(StringBuilder out, String label, DoraMetric m) {
        out.append("| ").append(label).append(" | ").append(cell(m.display())).append(" | ").append(cell(m.band()))
                .append(" | ").append(cell(m.basis())).append(" |\n");
    }

    private static List<String> details(PipelineStatus status) {
        List<String> lines = new ArrayList<>();
        for (EnvironmentStatus env : status.environments()) {
            DeploymentRecord r = env.record();
            if (r == null) {
                continue;
            }
            String name = "**" + text(env.environment()) + "**";
            if (r.deploymentUrl() != null) {
                lines.add(name + " URL: " + link(r.deploymentUrl()));
            }
            add(lines, name + " tests: ", RecordFacts.tests(r));
            add(lines, name + " coverage: ", RecordFacts.coverage(r));
            add(lines, name + " load test: ", RecordFacts.load(r));
            add(lines, name + " approved: ", RecordFacts.approvals(r));
            add(lines, name + " change request: ", RecordFacts.changeRequest(r));
            add(lines, name + " metrics: ", RecordFacts.metrics(r));
            if (r.healthMessage() != null) {
                add(lines, name + " health: ", r.healthMessage());
            }
            if (Boolean.TRUE.equals(r.forced())) {
                lines.add(name + " was forced past promotion gates");
            }
        }
        return lines;
    }

    private static void add(List<String> lines, String prefix, String value) {
        if (value != null && !value.isBlank()) {
            lines.add(prefix + text(value));
        }
    }

    /** A URL as an autolink when it is a plain http(s) URL, else as escaped text. */
    private static String link(String url) {
        return url.matches("https?://[^\\s<>|()\\[\\]`*]+") ? "<" + url + ">" : text(url);
    }

    private static String when(DeploymentRecord r) {
        String at = r.deployedAt() == null ? "" : r.deployedAt();
        return at + (r.deployedBy() == null ? "" : " by " + r.deployedBy());
    }

    private static String tracking(EnvironmentStatus env) {
        if (env.trackingId() == null) {
            return "";
        }
        return env.trackingUrl() == null ? cell(env.trackingId())
                : "[" + cell(env.trackingId()) + "](" + env.trackingUrl().replace(")", "%29").replace(" ", "%20") + ")";
    }

    private static String code(String value) {
        return "`" + value.replace("`", "'").replace("|", "\\|") + "`";
    }

    /** Text in a table cell: pipes escaped, no line breaks, Markdown punctuation neutralised. */
    private static String cell(String value) {
        return value == null ? "" : text(value).replace("|", "\\|").replace("\n", " ");
    }

    /** Text that must not turn into Markdown (links, emphasis, HTML). */
    private static String text(String value) {
        return value.replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;").replace("*", "\\*")
                .replace("_", "\\_").replace("[", "\\[").replace("]", "\\]");
    }

    private static String mermaid(String label) {
        return label.replace("\"", "#quot;");
    }

    private static String nodeId(String environment) {
        return "env_" + environment.replaceAll("[^A-Za-z0-9]", "_");
    }
}
