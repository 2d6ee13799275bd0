package io.specweave.deploy.tracker.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Message;
import io.specweave.deploy.IssueKeys;
import io.specweave.deploy.Redactor;
import io.specweave.deploy.Secret;
import io.specweave.deploy.config.ConfigLoader;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.http.BasicAuth;
import io.specweave.deploy.http.Urls;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Jira profile's settings, read from {@code sync.profiles.<name>.config}, and the credentials it
 * points at.
 *
 * @param flavor             Cloud (REST v3, ADF, basic auth) or Data Center (REST v2, text, bearer)
 * @param baseUrl            the site, without a trailing slash
 * @param project            the project key
 * @param issueType          the type of created issues
 * @param deployedTransition a transition or status name to move the issue to when deployed; may be null
 * @param issueKeys          {@code config.issueKeys}: existing issues to record deployments on; may be empty
 * @param authorization      the {@code Authorization} header value
 * @param variables          the environment variables the credentials came from, for messages
 * @param redactor           hides the credentials in every message
 */
public record JiraSettings(
        Flavor flavor,
        URI baseUrl,
        String project,
        String issueType,
        String deployedTransition,
        List<String> issueKeys,
        String authorization,
        List<String> variables,
        Redactor redactor) {

    /** Which Jira product answers: they differ in API version, body format and authentication. */
    public enum Flavor {
        CLOUD("Jira Cloud", "/rest/api/3"),
        DATA_CENTER("Jira Data Center", "/rest/api/2");

        private final String label;
        private final String apiPrefix;

        Flavor(String label, String apiPrefix) {
            this.label = label;
            this.apiPrefix = apiPrefix;
        }

        public String label() {
            return label;
        }

        public String apiPrefix() {
            return apiPrefix;
        }
    }

    public static final List<String> CLOUD_EMAIL = List.of("JIRA_EMAIL");
    public static final List<String> CLOUD_TOKEN = List.of("JIRA_API_TOKEN");
    public static final List<String> DATA_CENTER_TOKEN = List.of("JIRA_PAT");

    /** Reads the profile's config and looks its credentials up; bad or missing values are bad input. */
    public static JiraSettings from(SyncProfile profile, Credentials credentials) {
        String where = profile.source() + ": sync.profiles." + profile.name() + ".config";
        URI base = baseUrl(profile, where);
        Flavor flavor = flavor(profile, base, where);
        String project = ConfigLoader.oneOf(profile.configText("project"), profile.configText("projectKey"),
                "sync.profiles." + profile.name() + ".config.project",
                "sync.profiles." + profile.name() + ".config.projectKey", profile.source());
        if (project == null) {
            throw new BadInputException(where + ".project: expected the Jira project key (e.g. \"PROD\"; SpecWeave's "
                    + "\"projectKey\" is read too), got nothing");
        }
        String issueType = Optional.ofNullable(profile.configText("issueType")).orElse("Task");
        String transition = profile.configText("deployedTransition");
        List<String> keys = issueKeys(profile.configNode("issueKeys"), where + ".issueKeys");

        Redactor redactor = new Redactor();
        if (flavor == Flavor.CLOUD) {
            List<String> emailVars = Credentials.candidates(profile, "emailEnv", CLOUD_EMAIL);
            List<String> tokenVars = Credentials.candidates(profile, "tokenEnv", CLOUD_TOKEN);
            Optional<Secret> email = credentials.find(emailVars);
            Optional<Secret> token = credentials.find(tokenVars);
            if (email.isEmpty() || token.isEmpty()) {
                List<String> missing = new ArrayList<>();
                if (email.isEmpty()) {
                    missing.addAll(emailVars);
                }
                if (token.isEmpty()) {
                    missing.addAll(tokenVars);
                }
                throw BadInputException.aboutCredential(missing.get(0), Message.of("profile \"" + profile.name()
                        + "\" (Jira Cloud, " + base.getHost() + ") needs an account email and an API token: set ",
                        Message.credentials(emailVars, "/"), " and ", Message.credentials(tokenVars, "/"),
                        " (not set: ", Message.credentials(missing, ", "), "; config.emailEnv and config.tokenEnv "
                        + "name other variables)", new Message.CredentialSource()));
            }
            String pair = email.get().reveal() + ":" + token.get().reveal();
            redactor.add(token.get()).add(pair);
            String header = BasicAuth.header(email.get().reveal(), token.get().reveal());
            return new JiraSettings(flavor, base, project, issueType, transition, keys, header,
                    List.of(email.get().variable(), token.get().variable()), redactor);
        }
        List<String> tokenVars = Credentials.candidates(profile, "tokenEnv", DATA_CENTER_TOKEN);
        Secret token = credentials.find(tokenVars).orElseThrow(() -> BadInputException.aboutCredential(
                tokenVars.get(0), Message.of("profile \"" + profile.name() + "\" (Jira Data Center, "
                        + base.getHost() + ") needs a personal access token: set ",
                        Message.credentials(tokenVars, " or "), " (config.tokenEnv names another variable)",
                        new Message.CredentialSource())));
        redactor.add(token);
        return new JiraSettings(flavor, base, project, issueType, transition, keys, "Bearer " + token.reveal(),
                List.of(token.variable()), redactor);
    }

    /** "JIRA_EMAIL and JIRA_API_TOKEN", or "JIRA_PAT": how messages name the credentials, each front end its way. */
    public Message credentialNames() {
        return Message.credentials(variables, " and ");
    }

    /** The variable of the secret of the credentials (the API token or personal access token). */
    public String tokenVariable() {
        return variables.get(variables.size() - 1);
    }

    /** The web link of an issue. */
    public String browseUrl(String key) {
        return baseUrl + "/browse/" + key;
    }

    private static URI baseUrl(SyncProfile profile, String where) {
        String baseUrl = profile.configText("baseUrl");
        String domain = profile.configText("domain");
        String text;
        String key;
        if (baseUrl != null) {
            text = baseUrl;
            key = "baseUrl";
        } else if (domain != null) {
            text = domain.contains("://") ? domain : "https://" + domain;
            key = "domain";
        } else {
            throw new BadInputException(where + ": expected \"domain\" (Jira Cloud, e.g. \"myorg.atlassian.net\") or "
                    + "\"baseUrl\" (Jira Data Center, e.g. \"https://jira.example.com\"), got neither");
        }
        return Urls.baseUrl(text, where + "." + key, "a host name or an http(s) URL such as \"myorg.atlassian.net\" "
                + "or \"https://jira.example.com\"");
    }

    private static Flavor flavor(SyncProfile profile, URI base, String where) {
        String asked = profile.configText("flavor");
        if (asked == null) {
            return base.getHost().toLowerCase(Locale.ROOT).endsWith(".atlassian.net") ? Flavor.CLOUD
                    : Flavor.DATA_CENTER;
        }
        switch (asked.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(" ", "")) {
            case "cloud":
                return Flavor.CLOUD;
            case "datacenter":
            case "dc":
            case "server":
                return Flavor.DATA_CENTER;
            default:
                throw new BadInputException(where + ".flavor: expected \"cloud\" or \"datacenter\", got \"" + asked
                        + "\"");
        }
    }

    /** {@code issueKeys} as a list of keys or one comma-separated string. */
    static List<String> issueKeys(JsonNode node, String where) {
        List<String> keys = new ArrayList<>();
        if (node == null || node.isNull()) {
            return keys;
        }
        if (node.isArray()) {
            node.forEach(k -> keys.add(k.asText()));
        } else if (node.isTextual()) {
            keys.add(node.asText());
        } else {
            throw new BadInputException(where + ": expected a list of issue keys (e.g. [\"PROD-12\"]), got " + node);
        }
        return IssueKeys.parse(keys, where);
    }
}
