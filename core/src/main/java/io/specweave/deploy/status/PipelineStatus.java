package io.specweave.deploy.status;

import io.specweave.deploy.dora.DoraReport;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.Trees;
import java.util.List;

/**
 * One increment across its environments, in pipeline order.
 *
 * @param id                      the increment folder name; {@code status --json | jq -r .id}
 * @param title                   from spec.md, may be null
 * @param status                  SpecWeave's increment status, may be null
 * @param environments            each environment in pipeline order
 * @param pipelineDurationSeconds first to last deployment among deployed environments; null with fewer than two
 * @param pipelineDuration        the same, for people ("2d 4h")
 * @param stages                  time between consecutive deployed environments
 * @param dora                    the four keys over every increment's production deployments; null when not asked for
 */
public record PipelineStatus(
        String id,
        String title,
        String status,
        List<EnvironmentStatus> environments,
        Long pipelineDurationSeconds,
        String pipelineDuration,
        List<Stage> stages,
        DoraReport dora) {

    public PipelineStatus(String id, String title, String status, List<EnvironmentStatus> environments,
            Long pipelineDurationSeconds, String pipelineDuration, List<Stage> stages) {
        this(id, title, status, environments, pipelineDurationSeconds, pipelineDuration, stages, null);
    }

    /**
     * The status as JSON output shows it, its fields in this order and unset ones left out. Written
     * by hand: Jackson's bean serializer for it costs a cold run (every CI step) more than the rest of
     * rendering.
     */
    @JsonValue
    public ObjectNode toNode() {
        ObjectNode node = Json.mapper().createObjectNode();
        Trees.put(node, "id", id);
        Trees.put(node, "title", title);
        Trees.put(node, "status", status);
        if (environments != null) {
            ArrayNode all = node.putArray("environments");
            environments.forEach(e -> all.add(e.toNode()));
        }
        Trees.put(node, "pipelineDurationSeconds", pipelineDurationSeconds);
        Trees.put(node, "pipelineDuration", pipelineDuration);
        if (stages != null) {
            ArrayNode all = node.putArray("stages");
            stages.forEach(stage -> all.add(Trees.toNode(stage)));
        }
        if (dora != null) {
            node.set("dora", dora.toNode());
        }
        return node;
    }

    /** This status with the DORA block. */
    public PipelineStatus withDora(DoraReport report) {
        return new PipelineStatus(id, title, status, environments, pipelineDurationSeconds, pipelineDuration, stages,
                report);
    }

    /** Time from one environment's deployment to the next one's. */
    public record Stage(String from, String to, long seconds, String duration) {
    }
}
