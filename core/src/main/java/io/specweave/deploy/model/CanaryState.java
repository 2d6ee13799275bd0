package io.specweave.deploy.model;

import io.specweave.deploy.Trees;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The canary of an environment, {@code deployments.<env>.canary}: which version gets a share of
 * the traffic, each step with its time, and how it ended.
 *
 * @param increment    the increment the canary deploys
 * @param commit       the canary's commit
 * @param branch       its branch, may be null
 * @param tag          its tag, may be null
 * @param stableCommit the environment's version when the canary started, may be null
 * @param weight       the canary's current share of traffic, 0-100
 * @param status       {@code running}, {@code promoted} (reached 100 %) or {@code abandoned} (rolled back)
 * @param startedAt    first step
 * @param updatedAt    last step
 * @param promotedAt   when it reached 100 %, or null
 * @param abandonedAt  when it was rolled back, or null
 * @param deployedBy   who started it
 * @param runUrl       the run that started it
 * @param steps        every weight change, oldest first
 * @param rollbackReason why it was abandoned ({@code rollback --canary --reason}), or null
 */
@JsonPropertyOrder({"increment", "commit", "branch", "tag", "stableCommit", "weight", "status", "startedAt",
        "updatedAt", "promotedAt", "abandonedAt", "deployedBy", "runUrl", "steps", "rollbackReason"})
public record CanaryState(String increment, String commit, String branch, String tag, String stableCommit,
        Integer weight, String status, String startedAt, String updatedAt, String promotedAt, String abandonedAt,
        String deployedBy, String runUrl, List<Step> steps, String rollbackReason) {

    public static final String KEY = "canary";
    public static final String RUNNING = "running";
    public static final String PROMOTED = "promoted";
    public static final String ABANDONED = "abandoned";

    public CanaryState {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** One change of the canary's weight. */
    public record Step(int weight, String at, String by) {
    }

    public static CanaryState read(JsonNode environmentNode) {
        return environmentNode == null ? null : Trees.read(environmentNode.get(KEY), CanaryState.class);
    }

    @JsonIgnore
    public boolean running() {
        return RUNNING.equals(status);
    }

    @JsonIgnore
    public int weightOrZero() {
        return weight == null ? 0 : weight;
    }

    public CanaryState step(int newWeight, String at, String by) {
        List<Step> all = new ArrayList<>(steps);
        all.add(new Step(newWeight, at, by));
        String newStatus = newWeight >= 100 ? PROMOTED : newWeight == 0 ? ABANDONED : RUNNING;
        return new CanaryState(increment, commit, branch, tag, stableCommit, newWeight, newStatus, startedAt, at,
                newWeight >= 100 ? at : promotedAt, newWeight == 0 ? at : abandonedAt, deployedBy, runUrl, all,
                rollbackReason);
    }

    /** This canary with why it was abandoned; a blank reason is none. */
    public CanaryState withRollbackReason(String reason) {
        return new CanaryState(increment, commit, branch, tag, stableCommit, weight, status, startedAt, updatedAt,
                promotedAt, abandonedAt, deployedBy, runUrl, steps, reason == null || reason.isBlank() ? null
                        : reason.strip());
    }

    @JsonIgnore
    public boolean abandoned() {
        return ABANDONED.equals(status);
    }

    public void write(ObjectNode environmentNode) {
        Trees.merge(Trees.object(environmentNode, KEY), this);
    }
}
