package io.specweave.deploy.model;

import io.specweave.deploy.KeyNames;
import io.specweave.deploy.Trees;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
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
 * @param steps        every weight change, oldest first: the entries of {@code steps} that are objects (a text
 *                     entry a person wrote is kept in the file, not read)
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
    /**
     * In the canary's object: the runs that took steps of the environment's earlier canaries, which a
     * new canary replaced; a retried job of one of them must not start its canary again.
     */
    public static final String EARLIER_RUNS = "earlierRuns";
    /** How many earlier runs a canary keeps: the last ones, enough for any retry that still matters. */
    static final int EARLIER_RUNS_KEPT = 50;

    public CanaryState {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /**
     * One change of the canary's weight.
     *
     * @param weight the share of traffic from then on; null when the entry names none (under no spelling of
     *               {@code weight}: a {@code percentage} is not read as one)
     * @param runUrl the run that took the step, may be null: a re-run of the job that took it knows it by this
     * @param forced true when the step was taken past a refusing promotion gate; else null
     */
    public record Step(Integer weight, String at, String by, String runUrl, Boolean forced) {

        public Step(Integer weight, String at, String by) {
            this(weight, at, by, null, null);
        }

        private static final List<String> KEYS = Arrays.stream(Step.class.getRecordComponents())
                .map(c -> c.getName()).toList();

        /** An entry of {@code steps} read leniently: {@code Weight} or {@code weight_} is the weight; null for no object. */
        static Step read(JsonNode entry) {
            if (!(entry instanceof ObjectNode object)) {
                return null;
            }
            ObjectNode named = null;
            for (var fields = object.fields(); fields.hasNext(); ) {
                var field = fields.next();
                String key = KeyNames.spelledOtherwise(field.getKey(), KEYS);
                if (key != null && !object.has(key)) {
                    named = named != null ? named : object.deepCopy();
                    named.set(key, field.getValue());
                }
            }
            return Trees.read(named != null ? named : object, Step.class);
        }
    }

    public static CanaryState read(JsonNode environmentNode) {
        JsonNode node = environmentNode == null ? null : environmentNode.get(KEY);
        CanaryState state = Trees.read(node, CanaryState.class);
        return state == null ? null : state.withSteps(steps(node.get("steps")));
    }

    /** The object entries of a {@code steps} list, each read leniently; none when it is no list. */
    private static List<Step> steps(JsonNode steps) {
        List<Step> read = new ArrayList<>();
        if (steps instanceof ArrayNode array) {
            array.forEach(entry -> {
                Step step = Step.read(entry);
                if (step != null) {
                    read.add(step);
                }
            });
        }
        return read;
    }

    private CanaryState withSteps(List<Step> all) {
        return new CanaryState(increment, commit, branch, tag, stableCommit, weight, status, startedAt, updatedAt,
                promotedAt, abandonedAt, deployedBy, runUrl, all, rollbackReason);
    }

    @JsonIgnore
    public boolean running() {
        return RUNNING.equals(status);
    }

    @JsonIgnore
    public int weightOrZero() {
        return weight == null ? 0 : weight;
    }

    /** This canary moved to {@code newWeight} by {@code by} in the run {@code stepRunUrl} (either may be null). */
    public CanaryState step(int newWeight, String at, String by, String stepRunUrl) {
        List<Step> all = new ArrayList<>(steps);
        all.add(new Step(newWeight, at, by, stepRunUrl, null));
        String newStatus = newWeight >= 100 ? PROMOTED : newWeight == 0 ? ABANDONED : RUNNING;
        return new CanaryState(increment, commit, branch, tag, stableCommit, newWeight, newStatus, startedAt, at,
                newWeight >= 100 ? at : promotedAt, newWeight == 0 ? at : abandonedAt, deployedBy, runUrl, all,
                rollbackReason);
    }

    /** This canary with its last step marked {@code forced: true}: it went past a refusing promotion gate. */
    public CanaryState lastStepForced() {
        if (steps.isEmpty()) {
            return this;
        }
        List<Step> all = new ArrayList<>(steps);
        Step last = all.remove(all.size() - 1);
        all.add(new Step(last.weight(), last.at(), last.by(), last.runUrl(), Boolean.TRUE));
        return withSteps(all);
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

    /**
     * True when the run {@code runUrl} took this canary's step to {@code share}: running again (a CI
     * retry), that job asks for what it was given once, whatever the canary did since.
     */
    public boolean stepTakenIn(int share, String runUrl) {
        return runUrl != null && steps.stream().anyMatch(s -> s.weight() != null && s.weight() == share
                && runUrl.equals(s.runUrl()));
    }

    /** True when {@code runUrl} took a step of one of the canaries before the one {@code environmentNode} holds. */
    public static boolean earlierRun(JsonNode environmentNode, String runUrl) {
        JsonNode runs = environmentNode == null ? null : environmentNode.path(KEY).get(EARLIER_RUNS);
        if (runUrl == null || !(runs instanceof ArrayNode list)) {
            return false;
        }
        for (JsonNode run : list) {
            if (runUrl.equals(run.asText(null))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The earlier runs a new canary over the one {@code environmentNode} holds keeps: those that one kept,
     * and the runs of its own steps; the last {@link #EARLIER_RUNS_KEPT}, oldest first.
     */
    public static List<String> earlierRunsAfter(JsonNode environmentNode) {
        java.util.LinkedHashSet<String> runs = new java.util.LinkedHashSet<>();
        JsonNode kept = environmentNode == null ? null : environmentNode.path(KEY).get(EARLIER_RUNS);
        if (kept instanceof ArrayNode list) {
            list.forEach(run -> {
                if (run.isTextual()) {
                    runs.add(run.asText());
                }
            });
        }
        CanaryState replaced = read(environmentNode);
        if (replaced != null) {
            replaced.steps().stream().map(Step::runUrl).filter(java.util.Objects::nonNull).forEach(runs::add);
        }
        List<String> all = new ArrayList<>(runs);
        return all.subList(Math.max(0, all.size() - EARLIER_RUNS_KEPT), all.size());
    }

    /** True when the run {@code runUrl} took any step of this canary. */
    public boolean stepTakenIn(String runUrl) {
        return runUrl != null && steps.stream().anyMatch(s -> runUrl.equals(s.runUrl()));
    }

    /** True when this canary is abandoned and the run {@code runUrl} took its last step, the one to 0 %. */
    public boolean abandonedIn(String runUrl) {
        if (!abandoned() || runUrl == null || steps.isEmpty()) {
            return false;
        }
        Step last = steps.get(steps.size() - 1);
        return last.weight() != null && last.weight() == 0 && runUrl.equals(last.runUrl());
    }

    /**
     * Writes this state into {@code environmentNode.canary}. The steps written there stay as they are
     * (a text entry, a key this tool does not know, a weight spelled another way): only the steps of
     * this state that the list does not hold yet are appended.
     */
    public void write(ObjectNode environmentNode) {
        ObjectNode canary = Trees.object(environmentNode, KEY);
        JsonNode written = canary.get("steps");
        Trees.merge(canary, this);
        if (written instanceof ArrayNode kept) {
            List<Step> there = steps(kept);
            for (Step step : steps) {
                if (!there.remove(step)) {
                    kept.add(Trees.toNode(step));
                }
            }
            canary.set("steps", kept);
        }
    }
}
