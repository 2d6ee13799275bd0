package io.specweave.deploy.increment;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.IssueKeys;
import io.specweave.deploy.Json;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The links SpecWeave's own sync stored in an increment's {@code metadata.json}: the increment's
 * GitHub issue ({@code github.issue}, {@code github.url}), its Jira epic and stories
 * ({@code externalLinks.jira.epicKey}, {@code jira.issue}, {@code externalLinks.jira.userStories.*.issueKey},
 * {@code userStories[].issueKey}) and its Azure DevOps feature ({@code externalLinks.ado.featureId},
 * else {@code ado.workItem}). Read only: they are SpecWeave's.
 *
 * @param githubIssue    the increment's GitHub issue number, or null
 * @param githubIssueUrl its web URL, or null
 * @param jiraKeys       the epic first, then the stories, each once
 * @param adoFeature     the feature's work item id, or null
 * @param adoFeatureUrl  its web URL, or null
 */
public record SpecweaveLinks(Integer githubIssue, String githubIssueUrl, List<String> jiraKeys, Integer adoFeature,
        String adoFeatureUrl) {

    public static final SpecweaveLinks NONE = new SpecweaveLinks(null, null, List.of(), null, null);

    public SpecweaveLinks {
        jiraKeys = jiraKeys == null ? List.of() : List.copyOf(jiraKeys);
    }

    public static SpecweaveLinks of(MetadataDocument document) {
        return document == null ? NONE : of(document.root());
    }

    /** Reads the links from a metadata tree; values of an unexpected shape are skipped. */
    public static SpecweaveLinks of(JsonNode root) {
        Integer githubIssue = number(root.path("github").path("issue"));
        String githubUrl = Json.text(root.path("github"), "url");
        Set<String> keys = new LinkedHashSet<>();
        addKey(keys, root.path("externalLinks").path("jira").path("epicKey"));
        addKey(keys, root.path("jira").path("issue"));
        root.path("externalLinks").path("jira").path("userStories").forEach(s -> addKey(keys, s.path("issueKey")));
        root.path("userStories").forEach(s -> addKey(keys, s.path("issueKey")));
        JsonNode adoLinks = root.path("externalLinks").path("ado");
        Integer feature = number(adoLinks.path("featureId"));
        String featureUrl = Json.text(adoLinks, "featureUrl");
        if (feature == null) {
            feature = number(root.path("ado").path("workItem"));
            featureUrl = Json.text(root.path("ado"), "url");
        }
        return new SpecweaveLinks(githubIssue, githubUrl, List.copyOf(keys), feature, featureUrl);
    }

    private static void addKey(Set<String> keys, JsonNode node) {
        if (node.isTextual() && IssueKeys.isKey(node.asText().trim())) {
            keys.add(node.asText().trim());
        }
    }

    /** A positive number given as a number or as digits ("42", "#42"). */
    private static Integer number(JsonNode node) {
        if (node.isIntegralNumber() && node.asLong() > 0 && node.asLong() <= Integer.MAX_VALUE) {
            return node.asInt();
        }
        if (node.isTextual()) {
            String text = node.asText().trim();
            if (text.startsWith("#")) {
                text = text.substring(1);
            }
            if (text.matches("[1-9][0-9]{0,9}")) {
                long value = Long.parseLong(text);
                return value <= Integer.MAX_VALUE ? (int) value : null;
            }
        }
        return null;
    }
}
