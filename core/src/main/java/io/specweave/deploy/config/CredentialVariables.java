package io.specweave.deploy.config;

import io.specweave.deploy.Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which environment variables a profile reads its credentials from, and where a credential that a
 * front end holds (a Jenkins "Secret text" or "Username with password") goes so that the profile's
 * tracker finds it. Front ends pass the result to {@link Credentials#Credentials(Map)}.
 *
 * <p>Defaults per provider: GitHub {@code GITHUB_TOKEN} (or {@code GH_TOKEN}); Jira Cloud
 * {@code JIRA_EMAIL} + {@code JIRA_API_TOKEN}, Jira Data Center {@code JIRA_PAT}; Azure DevOps
 * {@code AZURE_DEVOPS_PAT} (or {@code ADO_PAT}). A profile's {@code config.tokenEnv} (and, for Jira,
 * {@code config.emailEnv}) replaces the default name.
 */
public final class CredentialVariables {

    public static final List<String> GITHUB_TOKEN = List.of("GITHUB_TOKEN", "GH_TOKEN");
    public static final List<String> JIRA_API_TOKEN = List.of("JIRA_API_TOKEN");
    public static final List<String> JIRA_PAT = List.of("JIRA_PAT");
    public static final List<String> JIRA_EMAIL = List.of("JIRA_EMAIL");
    public static final List<String> AZURE_DEVOPS_PAT = List.of("AZURE_DEVOPS_PAT", "ADO_PAT");

    private CredentialVariables() {
    }

    /**
     * The variables a profile's token may come from, in the order they are tried; empty for the
     * {@code local} provider, which needs no credentials.
     */
    public static List<String> tokenVariables(SyncProfile profile) {
        return switch (profile.provider()) {
            case GITHUB -> Credentials.candidates(profile, "tokenEnv", GITHUB_TOKEN);
            case JIRA -> Credentials.candidates(profile, "tokenEnv",
                    List.of(JIRA_API_TOKEN.get(0), JIRA_PAT.get(0)));
            case ADO -> Credentials.candidates(profile, "tokenEnv", AZURE_DEVOPS_PAT);
            case LOCAL -> List.of();
        };
    }

    /** The variable holding the Jira account's e-mail for Cloud's basic authentication. */
    public static List<String> emailVariables(SyncProfile profile) {
        return Credentials.candidates(profile, "emailEnv", JIRA_EMAIL);
    }

    /**
     * Where a single secret (a token with no user name) goes for this profile: the profile's
     * {@code config.tokenEnv}, else {@code GITHUB_TOKEN}, {@code JIRA_PAT} (a lone Jira token is a
     * Data Center personal access token) or {@code AZURE_DEVOPS_PAT}. Empty for {@code local}.
     */
    public static Map<String, String> forToken(SyncProfile profile, String token) {
        Map<String, String> env = new LinkedHashMap<>();
        switch (profile.provider()) {
            case GITHUB, ADO -> env.put(tokenVariables(profile).get(0), token);
            case JIRA -> env.put(Credentials.candidates(profile, "tokenEnv", JIRA_PAT).get(0), token);
            case LOCAL -> {
                // The local provider reads no credentials.
            }
        }
        return env;
    }

    /**
     * Where a user name and password go for this profile: for Jira the account e-mail and API token
     * of Cloud's basic authentication ({@code JIRA_EMAIL} + {@code JIRA_API_TOKEN}, or the names the
     * profile gives); for GitHub and Azure DevOps the password is the token and the user name is not
     * used. Empty for {@code local}.
     */
    public static Map<String, String> forUsernamePassword(SyncProfile profile, String username, String password) {
        if (profile.provider() != Provider.JIRA) {
            return forToken(profile, password);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put(emailVariables(profile).get(0), username);
        env.put(Credentials.candidates(profile, "tokenEnv", JIRA_API_TOKEN).get(0), password);
        return env;
    }
}
