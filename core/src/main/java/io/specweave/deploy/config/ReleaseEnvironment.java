package io.specweave.deploy.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of SpecWeave's {@code cicd.release.environments}: the promotion order SpecWeave keeps,
 * used when this tool's own {@code deployment.pipeline} is absent. The key is SpecWeave's, so an
 * entry this tool cannot read is skipped (and said with {@code --debug}), never an error.
 *
 * @param name             the environment
 * @param requiresApproval SpecWeave's manual-approval flag for promotions to it
 */
public record ReleaseEnvironment(String name, boolean requiresApproval) {

    public static final String PATH = "cicd.release.environments";

    static List<ReleaseEnvironment> read(JsonNode root, List<String> notes) {
        JsonNode node = root.at("/cicd/release/environments");
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            notes.add(PATH + ": not a list; not used for the pipeline order");
            return List.of();
        }
        List<ReleaseEnvironment> environments = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            JsonNode name = item.get("name");
            if (name == null || !name.isTextual() || !ConfigLoader.ENVIRONMENT_NAME.matcher(name.asText()).matches()
                    || environments.stream().anyMatch(e -> e.name().equals(name.asText()))) {
                notes.add(PATH + "[" + i + "]: skipped: expected {\"name\": \"<environment>\"} with a plain, "
                        + "unrepeated name, got " + ConfigLoader.describe(item));
                continue;
            }
            JsonNode approval = item.get("requiresApproval");
            environments.add(new ReleaseEnvironment(name.asText(), approval != null && approval.asBoolean(false)));
        }
        return List.copyOf(environments);
    }
}
