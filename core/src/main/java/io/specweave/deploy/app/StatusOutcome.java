package io.specweave.deploy.app;

import io.specweave.deploy.Message;
import io.specweave.deploy.dora.DoraReport;
import io.specweave.deploy.status.IncrementSummary;
import io.specweave.deploy.status.PipelineStatus;
import java.util.List;

/**
 * What {@code status} found: one increment's pipeline, or one row per increment.
 *
 * @param pipeline   the increment's pipeline; null for the list
 * @param increments every increment, one row each; null for one increment
 * @param dora       the DORA figures shown with one increment; null when not asked
 * @param refreshed  what reading the trackers' record copies found, a line per environment; empty without refresh
 * @param warnings   what the user should know (a DORA block left out, and why)
 */
public record StatusOutcome(PipelineStatus pipeline, List<IncrementSummary> increments, DoraReport dora,
        List<Message> refreshed, List<String> warnings) {

    public StatusOutcome {
        refreshed = refreshed == null ? List.of() : List.copyOf(refreshed);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
