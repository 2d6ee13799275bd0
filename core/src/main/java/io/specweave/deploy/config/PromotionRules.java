package io.specweave.deploy.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Trees;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code deployment.promotion} of the config: which gates a deployment to an environment must pass.
 *
 * @param requirePrevious      environments whose previous pipeline environment must hold a healthy
 *                             deployment of the same commit; {@code true} in the file means every environment
 * @param allPrevious          true when {@code requirePrevious} is {@code true} (every environment)
 * @param allowDifferentCommit the previous environment may run another commit
 * @param requireApproval      environments a deployment to which needs an approval; when the file does not
 *                             say, SpecWeave's {@code cicd.release.environments[].requiresApproval}
 * @param requireTestsPassed   environments a deployment to which needs test results without failures
 * @param changeWindow         environments a deployment to which must happen inside its change request's window
 * @param source               where the rules come from, for messages
 * @param approvalsFromRelease true when {@code requireApproval} is SpecWeave's {@code cicd.release} list
 */
public record PromotionRules(List<String> requirePrevious, boolean allPrevious, boolean allowDifferentCommit,
        List<String> requireApproval, List<String> requireTestsPassed, List<String> changeWindow, String source,
        boolean approvalsFromRelease) {

    public static final String PATH = "deployment.promotion";
    static final String RELEASE_APPROVALS = "cicd.release.environments[].requiresApproval";

    public static PromotionRules none(String source) {
        return new PromotionRules(List.of(), false, false, List.of(), List.of(), List.of(), source, false);
    }

    /** Where in the config the gates named {@code gates} are set, for a refusal's message. */
    public String where(java.util.Collection<String> gates) {
        boolean release = approvalsFromRelease && gates.contains("requireApproval");
        boolean promotion = gates.stream().anyMatch(g -> !release || !g.equals("requireApproval"));
        return release && promotion ? PATH + " and " + RELEASE_APPROVALS : release ? RELEASE_APPROVALS : PATH;
    }

    public static PromotionRules of(SpecweaveConfig config) {
        JsonNode node = config.at("/deployment/promotion");
        String source = config.source();
        List<String> releaseApprovals = config.releaseEnvironments().stream()
                .filter(ReleaseEnvironment::requiresApproval).map(ReleaseEnvironment::name).toList();
        if (node.isMissingNode() || node.isNull()) {
            return new PromotionRules(List.of(), false, false, releaseApprovals, List.of(), List.of(), source,
                    !releaseApprovals.isEmpty());
        }
        if (!node.isObject()) {
            throw new BadInputException(source + ": " + PATH + ": expected an object such as "
                    + "{\"requirePrevious\": true, \"requireApproval\": [\"prod\"]}, got " + ConfigLoader.describe(node));
        }
        JsonNode previous = node.get("requirePrevious");
        // "true" as text reads as true, as every switch of the config does; a list names environments.
        Boolean every = previous == null || previous.isArray() ? null : Trees.bool(previous);
        boolean allowDifferent = Boolean.TRUE.equals(ConfigLoader.flag(node.get("allowDifferentCommit"),
                source + ": " + PATH + ".allowDifferentCommit"));
        return new PromotionRules(every != null ? List.of() : environments(node, "requirePrevious", config),
                Boolean.TRUE.equals(every), allowDifferent,
                node.hasNonNull("requireApproval") ? environments(node, "requireApproval", config)
                        : releaseApprovals,
                environments(node, "requireTestsPassed", config),
                environments(node, "changeWindow", config), source,
                !node.hasNonNull("requireApproval") && !releaseApprovals.isEmpty());
    }

    /**
     * The environments {@code field} lists. A name the config does not know would switch the gate off
     * without a word (no deployment goes there), so it is refused ({@link SpecweaveConfig#knownEnvironment}).
     */
    private static List<String> environments(JsonNode promotion, String field, SpecweaveConfig config) {
        String source = config.source();
        JsonNode node = promotion.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        String where = source + ": " + PATH + "." + field;
        boolean list = node.isArray();
        if (!list && !node.isTextual()) {
            throw new BadInputException(where + ": expected " + ("requirePrevious".equals(field) ? "true or " : "")
                    + "a list of environments such as [\"uat\", \"prod\"], got " + ConfigLoader.describe(node));
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < (list ? node.size() : 1); i++) {
            JsonNode item = list ? node.get(i) : node;
            String at = where + (list ? "[" + i + "]" : "");
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new BadInputException(at + ": expected an environment name such as \"prod\", got "
                        + ConfigLoader.describe(item));
            }
            String expected = "requirePrevious".equals(field) && !list ? "expected true, false or a list of "
                    + "environments; " : "";
            result.add(config.knownEnvironment(at, item.asText(), expected, "the gate would never apply"));
        }
        return List.copyOf(result);
    }

    public boolean requiresPrevious(String environment) {
        return allPrevious || requirePrevious.contains(environment);
    }
}
