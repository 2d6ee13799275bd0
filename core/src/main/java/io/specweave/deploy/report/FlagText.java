package io.specweave.deploy.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.LogText;
import io.specweave.deploy.MarkdownText;
import io.specweave.deploy.flags.FlagMatrix;
import io.specweave.deploy.model.FlagChange;
import java.util.ArrayList;
import java.util.List;

/** Feature flags in words: a change, the matrix as a table (text or Markdown), and as JSON. */
public final class FlagText {

    private FlagText() {
    }

    /** {@code Feature flag newCheckout is on in prod (was off)}. */
    public static String change(FlagChange change) {
        return change(change, false);
    }

    /** A change as {@link #change(FlagChange)} says it; with {@code dryRun}, what it would be. */
    public static String change(FlagChange change, boolean dryRun) {
        String state = change.enabled() ? "on" : "off";
        String flag = (dryRun ? "Dry run: feature flag " : "Feature flag ") + change.flag();
        if (!change.changed()) {
            return flag + (dryRun ? " is" : " was") + " already " + state + " in " + change.environment() + "; nothing "
                    + (dryRun ? "would change" : "changed");
        }
        String previous = change.previous() == null ? " (new)"
                : " (" + (dryRun ? "is " : "was ") + (change.previous() ? "on" : "off") + ")";
        return flag + (dryRun ? " would be " : " is ") + state + " in " + change.environment() + previous
                + (dryRun ? "; nothing was written" : "");
    }

    /** Flags × environments, {@code -} for not set; one environment as {@code name  on} lines. */
    public static String table(FlagMatrix matrix) {
        if (matrix.flags().isEmpty()) {
            return matrix.environments().size() == 1 ? "No feature flags in " + matrix.environments().get(0) + "\n"
                    : "No feature flags (.specweave/config/feature-flags.json has none)\n";
        }
        if (matrix.environments().size() == 1) {
            String env = matrix.environments().get(0);
            int width = matrix.flags().stream().mapToInt(LogText::columns).max().orElse(4);
            StringBuilder s = new StringBuilder();
            for (String flag : matrix.flags()) {
                Boolean value = matrix.value(env, flag);
                s.append(pad(flag, width)).append("  ").append(value == null ? "-" : value ? "on" : "off").append('\n');
            }
            return s.toString();
        }
        int first = Math.max(4, matrix.flags().stream().mapToInt(LogText::columns).max().orElse(4));
        List<Integer> widths = new ArrayList<>();
        StringBuilder s = new StringBuilder(pad("flag", first));
        for (String env : matrix.environments()) {
            int w = Math.max(3, LogText.columns(env));
            widths.add(w);
            s.append("  ").append(pad(env, w));
        }
        s = new StringBuilder(s.toString().stripTrailing()).append('\n');
        for (String flag : matrix.flags()) {
            StringBuilder row = new StringBuilder(pad(flag, first));
            for (int i = 0; i < matrix.environments().size(); i++) {
                Boolean value = matrix.value(matrix.environments().get(i), flag);
                row.append("  ").append(pad(value == null ? "-" : value ? "on" : "off", widths.get(i)));
            }
            s.append(row.toString().stripTrailing()).append('\n');
        }
        return s.toString();
    }

    /** The matrix as a GitHub-flavoured Markdown table. */
    public static String markdown(FlagMatrix matrix) {
        if (matrix.flags().isEmpty()) {
            return "No feature flags (.specweave/config/feature-flags.json has none)\n";
        }
        StringBuilder s = new StringBuilder("| flag |");
        matrix.environments().forEach(e -> s.append(' ').append(MarkdownText.text(e)).append(" |"));
        s.append("\n|---|").append("---|".repeat(matrix.environments().size())).append('\n');
        for (String flag : matrix.flags()) {
            s.append("| ").append(MarkdownText.text(flag)).append(" |");
            for (String env : matrix.environments()) {
                Boolean value = matrix.value(env, flag);
                s.append(' ').append(value == null ? "-" : value ? "on" : "off").append(" |");
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** {@code {environment: {flag: true|false}}}, flags not set left out. */
    public static ObjectNode json(FlagMatrix matrix) {
        ObjectNode root = Json.mapper().createObjectNode();
        for (String env : matrix.environments()) {
            ObjectNode node = root.putObject(env);
            for (String flag : matrix.flags()) {
                Boolean value = matrix.value(env, flag);
                if (value != null) {
                    node.put(flag, value);
                }
            }
        }
        return root;
    }

    private static String pad(String text, int width) {
        return LogText.pad(text, width);
    }
}
