package io.specweave.deploy.report;

import io.specweave.deploy.LogText;
import io.specweave.deploy.dora.DoraMetric;
import io.specweave.deploy.dora.DoraReport;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.RecordFacts;
import io.specweave.deploy.status.EnvironmentStatus;
import io.specweave.deploy.status.IncrementSummary;
import io.specweave.deploy.status.PipelineStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The status view for a terminal or a build log. Emoji marks by default; ASCII marks when
 * {@code plain} (NO_COLOR, or a console that cannot show them).
 */
public final class TextStatusRenderer {

    private final boolean plain;
    private final boolean colour;

    /** Without ANSI colours: for logs and consoles that do not interpret them (a Jenkins build log). */
    public TextStatusRenderer(boolean plain) {
        this(plain, false);
    }

    /**
     * @param plain  ASCII marks instead of emoji, no colours
     * @param colour ANSI colours (ignored when plain), e.g. only when writing to a terminal
     */
    public TextStatusRenderer(boolean plain, boolean colour) {
        this.plain = plain;
        this.colour = colour && !plain;
    }

    /** Each environment's earlier deployments, newest last: {@code status --deployments}. */
    public String renderHistory(PipelineStatus status) {
        StringBuilder s = new StringBuilder();
        for (EnvironmentStatus env : status.environments()) {
            if (env.record() != null && !env.record().history().isEmpty()) {
                s.append("\nEarlier deployments to ").append(env.environment()).append(":\n");
                env.record().history().forEach(h -> s.append("  ")
                        .append(h.deployedAt() == null ? "(no time)" : LogText.oneLine(h.deployedAt())).append("  ")
                        .append(h.status() == null ? "deployed" : LogText.oneLine(h.status().raw())).append("  ")
                        .append(h.commit() == null ? "-" : LogText.oneLine(h.commit()))
                        .append(h.deployedBy() == null ? "" : "  " + LogText.oneLine(h.deployedBy())).append('\n'));
            }
        }
        return s.toString();
    }

    public String render(PipelineStatus status) {
        StringBuilder out = new StringBuilder();
        out.append(bold("Deployment Status: " + LogText.oneLine(status.id())));
        if (status.title() != null) {
            out.append(bold(" — " + LogText.oneLine(status.title())));
        }
        out.append('\n');
        if (status.status() != null) {
            out.append("Increment status: ").append(LogText.oneLine(status.status())).append('\n');
        }
        out.append('\n');
        // Upper-cased as headings, unless two would read the same ("Prod" beside prod): then as written.
        Map<String, Long> headings = status.environments().stream().collect(java.util.stream.Collectors.groupingBy(
                e -> e.environment().toUpperCase(Locale.ROOT), java.util.stream.Collectors.counting()));
        for (EnvironmentStatus env : status.environments()) {
            String heading = env.environment().toUpperCase(Locale.ROOT);
            out.append(plain ? env.asciiMark() : env.mark()).append(' ').append(bold(LogText.oneLine(
                    headings.get(heading) > 1 ? env.environment() : heading)));
            DeploymentRecord r = env.record();
            boolean rollout = env.canary() != null || env.slots() != null && !env.slots().isEmpty();
            if (r == null || EnvironmentStatus.NOT_DEPLOYED.equals(env.state())) {
                // A canary or a slot can run before any deployment was recorded: it is not "nothing".
                out.append(": ").append(colour(YELLOW_DIM, RecordFacts.notDeployed(rollout)))
                        .append('\n');
                line(out, "Slots", rollout ? RecordFacts.slots(env.slots()) : null);
                line(out, "Canary", rollout ? RecordFacts.canary(env.canary(), r) : null);
                if (r != null) {
                    line(out, "Approved", RecordFacts.approvals(r));
                    line(out, "Change request", RecordFacts.changeRequest(r));
                }
                continue;
            }
            out.append(": ").append(colour(stateColour(env.shownState()), words(env)));
            if (r.deployedAt() != null) {
                out.append(" at ").append(LogText.oneLine(r.deployedAt()));
            }
            if (r.deployedBy() != null) {
                out.append(" by ").append(LogText.oneLine(r.deployedBy()));
            }
            if (Boolean.TRUE.equals(r.forced())) {
                out.append(colour(YELLOW, " (forced: past a refusing gate or an unhealthy check)"));
            }
            out.append('\n');
            line(out, "URL", r.deploymentUrl());
            String tracking = env.trackingId() == null ? null
                    : env.trackingLabel() + (env.trackingUrl() == null ? "" : " " + env.trackingUrl());
            String owed = RecordFacts.trackingOwed(env.stored());
            line(out, "Tracking", tracking == null ? owed : env.provider() + " " + tracking + (owed == null ? ""
                    : ", " + owed));
            line(out, "Commit", RecordFacts.commit(r));
            line(out, "Slots", RecordFacts.slots(env.slots()));
            line(out, "Canary", RecordFacts.canary(env.canary(), r));
            line(out, "Rolled back", RecordFacts.rollback(env.stored()));
            line(out, "Run", r.runUrl());
            String health = RecordFacts.health(r, true);
            if (health != null) {
                // Coloured after the value is made safe to show: the colour's escapes are ours.
                String coloured = colour(healthColour(r.healthStatus()), LogText.oneLine(health));
                out.append("   Health: ").append(r.healthMessage() == null ? coloured
                        : coloured + " — " + LogText.oneLine(r.healthMessage())).append('\n');
            }
            line(out, "Tests", RecordFacts.tests(r));
            line(out, "Coverage", RecordFacts.coverage(r));
            line(out, "Load test", RecordFacts.load(r));
            line(out, "Approved", RecordFacts.approvals(r));
            line(out, "Change request", RecordFacts.changeRequest(r));
            line(out, "Metrics", RecordFacts.metrics(r));
        }
        if (status.pipelineDuration() != null) {
            out.append('\n').append("Total Pipeline Duration: ").append(status.pipelineDuration()).append('\n');
        }
        if (!status.stages().isEmpty()) {
            out.append("Time in each stage:\n");
            for (PipelineStatus.Stage stage : status.stages()) {
                out.append("  ").append(stage.from()).append(plain ? " -> " : " → ").append(stage.to()).append(": ")
                        .append(stage.duration()).append('\n');
            }
        }
        if (status.dora() != null) {
            out.append('\n').append(renderDora(status.dora()));
        }
        return out.toString();
    }

    /** The DORA block, as {@code status} and {@code dora} print it. */
    public String renderDora(DoraReport dora) {
        StringBuilder out = new StringBuilder();
        out.append(bold("DORA metrics")).append(" (").append(dora.environment()).append(", last ").append(dora.window())
                .append(": ").append(dora.from(), 0, 10).append(" to ").append(dora.to(), 0, 10)
                .append(")\n");
        metric(out, "Deployment frequency", dora.deploymentFrequency());
        metric(out, "Lead time for changes", dora.leadTimeForChanges());
        metric(out, "Change failure rate", dora.changeFailureRate());
        metric(out, "Recovery time", dora.failedDeploymentRecoveryTime());
        dora.warnings().forEach(w -> out.append("  ").append(colour(YELLOW, "warning:")).append(' ').append(w).append('\n'));
        return out.toString();
    }

    private void metric(StringBuilder out, String label, DoraMetric m) {
        out.append("  ").append(pad(label + ":", 23));
        if (!m.available()) {
            out.append(colour(YELLOW_DIM, "N/A")).append(" — ").append(m.basis()).append('\n');
            return;
        }
        out.append(pad(m.display(), 10)).append(' ').append(colour(bandColour(m.band()), pad(m.band(), 6)))
                .append(" ").append(m.basis()).append('\n');
    }

    private static final String GREEN = "32";
    private static final String RED = "31";
    private static final String YELLOW = "33";
    /** 256-colour orange: deployed but unhealthy is neither the green of done nor the red of failed. */
    private static final String ORANGE = "38;5;208";
    private static final String YELLOW_DIM = "2";
    private static final String CYAN = "36";

    private String colour(String code, String text) {
        return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }

    private String bold(String text) {
        return colour ? "\u001b[1m" + text + "\u001b[0m" : text;
    }

    /** An environment's shown state in words, naming how a failing check failed: {@code deployed, unreachable}. */
    static String words(EnvironmentStatus env) {
        DeploymentRecord r = env.record();
        if (EnvironmentStatus.DEPLOYED_UNHEALTHY.equals(env.shownState()) && r != null && r.healthStatus() != null) {
            return "deployed, " + LogText.oneLine(r.healthStatus().raw());
        }
        return words(env.shownState());
    }

    /** A shown state in words: {@code deployed, unhealthy}, {@code rolled back}. */
    static String words(String state) {
        return EnvironmentStatus.DEPLOYED_UNHEALTHY.equals(state) ? "deployed, unhealthy" : state.replace('_', ' ');
    }

    private static String stateColour(String state) {
        return switch (state) {
            case "deployed" -> GREEN;
            case EnvironmentStatus.DEPLOYED_UNHEALTHY -> ORANGE;
            case "failed", "rolled_back" -> RED;
            case "in_progress" -> YELLOW;
            default -> YELLOW_DIM;
        };
    }

    private static String healthColour(io.specweave.deploy.model.HealthStatus health) {
        return io.specweave.deploy.model.HealthStatus.isHealthy(health) ? GREEN : RED;
    }

    private static String bandColour(String band) {
        return switch (band) {
            case "elite" -> GREEN;
            case "high" -> CYAN;
            case "medium" -> YELLOW;
            default -> RED;
        };
    }

    public String renderList(List<IncrementSummary> rows) {
        if (rows.isEmpty()) {
            return "No increments in .specweave/increments\n";
        }
        List<String> environments = IncrementSummary.environments(rows);
        // In terminal columns: an id or status in CJK letters takes two per letter.
        int idWidth = Math.max(2, rows.stream().mapToInt(r -> LogText.columns(LogText.oneLine(r.id()))).max().orElse(2));
        int statusWidth = Math.max(6, rows.stream().mapToInt(r -> r.status() == null ? 1
                : LogText.columns(LogText.oneLine(r.status()))).max().orElse(6));
        // A terminal shows each mark emoji in two columns; the ASCII ones ([x]) take three.
        int markColumns = plain ? 3 : 2;
        List<Integer> widths = environments.stream().map(env -> Math.max(LogText.columns(env), markColumns)).toList();
        StringBuilder out = new StringBuilder();
        out.append(pad("ID", idWidth)).append("  ").append(pad("STATUS", statusWidth));
        for (int i = 0; i < environments.size(); i++) {
            out.append("  ").append(pad(environments.get(i), widths.get(i)));
        }
        out.append("  TITLE\n");
        for (IncrementSummary row : rows) {
            out.append(pad(LogText.oneLine(row.id()), idWidth)).append("  ")
                    .append(pad(row.status() == null ? "-" : LogText.oneLine(row.status()), statusWidth));
            for (int i = 0; i < environments.size(); i++) {
                String state = row.shownState(environments.get(i));
                String mark = plain ? EnvironmentStatus.asciiMark(state) : EnvironmentStatus.mark(state);
                out.append("  ").append(mark).append(" ".repeat(widths.get(i) - markColumns));
            }
            out.append("  ").append(row.title() == null ? "" : LogText.oneLine(row.title())).append('\n');
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        if (value != null && !value.isBlank()) {
            out.append("   ").append(label).append(": ").append(LogText.oneLine(value)).append('\n');
        }
    }

    private static String pad(String s, int width) {
        return LogText.pad(s, width);
    }
}
