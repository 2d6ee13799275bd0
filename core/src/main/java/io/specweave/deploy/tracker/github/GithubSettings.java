package io.specweave.deploy.tracker.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.config.ConfigLoader;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.http.Urls;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code github} profile's settings, validated: where the issues live, which variable holds
 * the token, extra labels and whether to create GitHub Deployments.
 *
 * @param owner            {@code config.owner}
 * @param repo             {@code config.repo}
 * @param apiUrl           {@code config.apiUrl}, else {@code GITHUB_API_URL}, else {@code https://api.github.com}
 * @param tokenVariables   {@code config.tokenEnv}, else {@code GITHUB_TOKEN} then {@code GH_TOKEN}
 * @param labels           {@code config.labels}: labels added to every issue of the profile
 * @param githubDeployment {@code githubDeployment} (profile or {@code config}): create GitHub Deployments
 */
public record GithubSettings(String owner, String repo, String apiUrl, List<String> tokenVariables,
        List<String> labels, boolean githubDeployment) {

    public static final String DEFAULT_API_URL = "https://api.github.com";
    public static final List<String> DEFAULT_TOKEN_VARIABLES = List.of("GITHUB_TOKEN", "GH_TOKEN");

    public GithubSettings {
        tokenVariables = List.copyOf(tokenVariables);
        labels = List.copyOf(labels);
    }

    /** {@code owner/repo}, as messages name the repository. */
    public String fullName() {
        return owner + "/" + repo;
    }

    /** Reads and checks a profile's settings; anything wrong is a {@link BadInputException} naming the field. */
    public static GithubSettings of(SyncProfile profile, Credentials credentials) {
        String where = profile.source() + ": sync.profiles." + profile.name();
        String owner = profile.requireConfig("owner", "the GitHub user or organization that owns the repository");
        String repo = profile.requireConfig("repo", "the name of the repository that holds the issues");
        if (!owner.matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
            throw new BadInputException(where + ".config.owner: expected a GitHub user or organization name "
                    + "(letters, digits, '-'), got \"" + owner + "\"");
        }
        if (!repo.matches("[A-Za-z0-9._-]+")) {
            throw new BadInputException(where + ".config.repo: expected a repository name (letters, digits, '.', '_', '-'), got \""
                    + repo + "\"; put the owner in config.owner");
        }
        String apiUrl = profile.configText("apiUrl");
        String apiField = where + ".config.apiUrl";
        if (apiUrl == null) {
            apiUrl = credentials.variable("GITHUB_API_URL").orElse(DEFAULT_API_URL);
            apiField = "GITHUB_API_URL";
        }
        apiUrl = checkApiUrl(apiUrl, apiField);
        List<String> tokenVariables = Credentials.candidates(profile, "tokenEnv", DEFAULT_TOKEN_VARIABLES);
        return new GithubSettings(owner, repo, apiUrl, tokenVariables, labels(profile, where),
                githubDeployment(profile, where));
    }

    private static String checkApiUrl(String value, String field) {
        URI uri = Urls.baseUrl(value, field, "the GitHub REST API URL such as \"https://github.example.com/api/v3\"");
        if (uri.getScheme().equalsIgnoreCase("http") && !Urls.isLoopback(uri.getHost())) {
            throw new BadInputException(field + ": " + Urls.display(uri) + " uses plain http; the token would travel "
                    + "unencrypted. Use https:// (plain http is accepted for loopback addresses only)");
        }
        return uri.toString();
    }

    private static List<String> labels(SyncProfile profile, String where) {
        JsonNode node = profile.configNode("labels");
        List<String> labels = new ArrayList<>();
        if (node == null || node.isNull()) {
            return labels;
        }
        if (node.isTextual()) {
            for (String part : node.asText().split(",")) {
                addLabel(labels, part, where);
            }
            return labels;
        }
        if (!node.isArray()) {
            throw new BadInputException(where + ".config.labels: expected a list of label names, e.g. [\"team-web\"], got "
                    + node.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new BadInputException(where + ".config.labels: expected label names (strings), got " + item);
            }
            addLabel(labels, item.asText(), where);
        }
        return labels;
    }

    private static void addLabel(List<String> labels, String raw, String where) {
        String label = raw.trim();
        if (label.isEmpty()) {
            return;
        }
        if (label.length() > IssueLabels.MAX_LENGTH) {
            throw new BadInputException(where + ".config.labels: \"" + label + "\" is longer than GitHub's "
                    + IssueLabels.MAX_LENGTH + " characters for a label name");
        }
        if (label.contains(",")) {
            throw new BadInputException(where + ".config.labels: \"" + label + "\": a label name cannot contain ','");
        }
        if (!labels.contains(label)) {
            labels.add(label);
        }
    }

    private static boolean githubDeployment(SyncProfile profile, String where) {
        JsonNode top = profile.setting("githubDeployment");
        JsonNode inConfig = profile.configNode("githubDeployment");
        boolean value = false;
        for (JsonNode node : new JsonNode[] {inConfig, top}) {
            if (node == null || node.isNull()) {
                continue;
            }
            value = ConfigLoader.flag(node, node == top ? where + ".githubDeployment"
                    : where + ".config.githubDeployment");
        }
        return value;
    }
}
