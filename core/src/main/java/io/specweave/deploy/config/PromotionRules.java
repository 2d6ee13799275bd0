package io.specweave.deploy.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
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
 */
public record PromotionRules(List<String> requirePrevious, boolean allPrevious, boolean allowDifferentCommit,
        List<String> requireApproval, List<String> requireTestsPassed, List<String> changeWindow, String source) {

    public static final String PATH = "deployment.promotion";

    public static PromotionRules none(String source) {
        return new PromotionRules(List.of(), false, false, List.of(), List.of(), List.of(), source);
    }

    public static PromotionRules of(SpecweaveConfig config) {
        JsonNode node = config.at("/deployment/promotion");
        String source = config.source();
        List<String> releaseApprovals = config.releaseEnvironments().stream()
                .filter(ReleaseEnvironment::requiresApproval).map(ReleaseEnvironment::name).toList();
        if (node.isMissingNode() || node.isNull()) {
            return new PromotionRules(List.of(), false, false, releaseApprovals, List.of(), List.of(), source);
        }
        if (!node.isObject()) {
            throw new BadInputException(source + ": " + PATH + ": expected an object such as "
                    + "{\"requirePrevious\": true, \"requireApproval\": [\"prod\"]}, got " + ConfigLoader.describe(node));
        }
        JsonNode previous = node.get("requirePrevious");
        boolean all = false;
        List<String> previousList = List.of();
        if (previous != null && !previous.isNull()) {
            if (previous.isBoolean()) {
                all = previous.asBoolean();
            } else {
                previousList = environments(previous, source, "requirePrevious");
            }
        }
        boolean allowDifferent = Boolean.TRUE.equals(ConfigLoader.flag(node.get("allowDifferentCommit"),
                source + ": " + PATH + ".allowDifferentCommit"));
        return new PromotionRules(previousList, all, allowDifferent,
                node.hasNonNull("requireApproval") ? environments(node.get("requireApproval"), source, "requireApproval")
                        : releaseApprovals,
                environments(node.get("requireTestsPassed"), source, "requireTestsPassed"),
                environments(node.get("changeWindow"), source, "changeWindow"), source);
    }

    private static List<String> environments(JsonNode node, String source, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        String where = source + ": " + PATH + "." + field;
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (!node.isArray()) {
            throw new BadInputException(where + ": expected a list of environments such as [\"uat\", \"prod\"], got "
                    + ConfigLoader.describe(node));
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new BadInputException(where + "[" + i + "]: expected an environment name such as \"prod\", got "
                        + ConfigLoader.describe(item));
            }
            result.add(item.asText());
        }
        return List.copyOf(result);
    }

    public boolean requiresPrevious(String environment) {
        return allPrevious || requirePrevious.contains(environment);
    }
}
