package io.specweave.deploy.tracker.ado;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Message;
import io.specweave.deploy.Redactor;
import io.specweave.deploy.Secret;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.http.BasicAuth;
import io.specweave.deploy.http.Urls;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * An Azure DevOps profile's settings, read from {@code sync.profiles.<name>.config}, and the token it
 * points at.
 *
 * @param collectionUrl  {@code https://dev.azure.com/{organization}} or the Server collection URL, no trailing slash
 * @param project        the project name
 * @param workItemType   the type of created work items
 * @param deployedState  the state to move the item to when deployed; may be null
 * @param areaPath       {@code System.AreaPath} of created items; may be null
 * @param iterationPath  {@code System.IterationPath} of created items; may be null
 * @param authorization  the {@code Authorization} header value (PAT as basic auth with an empty user)
 * @param variable       the environment variable the token came from, for messages
 * @param redactor       hides the token in every message
 */
public record AdoSettings(
        URI collectionUrl,
        String project,
        String workItemType,
        String deployedState,
        String areaPath,
        String iterationPath,
        String authorization,
        String variable,
        Redactor redactor) {

    public static final List<String> TOKEN = List.of("AZURE_DEVOPS_PAT", "ADO_PAT");

    public static AdoSettings from(SyncProfile profile, Credentials credentials) {
        String where = profile.source() + ": sync.profiles." + profile.name() + ".config";
        String project = profile.configText("project");
        if (project == null) {
            throw new BadInputException(where + ".project: expected the Azure DevOps project name (e.g. \"MyApp\"), "
                    + "got nothing");
        }
        URI collection = collection(profile, where);
        List<String> vars = Credentials.candidates(profile, "tokenEnv", TOKEN);
        Secret token = credentials.find(vars).orElseThrow(() -> BadInputException.aboutCredential(vars.get(0),
                Message.of("profile \"" + profile.name() + "\" (Azure DevOps, " + collection.getHost()
                        + ") needs a personal access token with Work Items (Read & write): set ",
                        Message.credentials(vars, " or "), " (config.tokenEnv names another variable)",
                        new Message.CredentialSource())));
        Redactor redactor = new Redactor().add(token).add(":" + token.reveal());
        String header = BasicAuth.header("", token.reveal());
        return new AdoSettings(collection, project,
                Optional.ofNullable(profile.configText("workItemType")).orElse("Task"),
                profile.configText("deployedState"), profile.configText("areaPath"), profile.configText("iterationPath"),
                header, token.variable(), redactor);
    }

    /** {@code <collection>/<project>/_apis/wit<path>}. */
    URI api(String path) {
        return URI.create(collectionUrl + "/" + segment(project) + "/_apis/wit" + path);
    }

    /** The web page of a work item. */
    String webUrl(int id) {
        return collectionUrl + "/" + segment(project) + "/_workitems/edit/" + id;
    }

    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static URI collection(SyncProfile profile, String where) {
        String baseUrl = profile.configText("baseUrl");
        String organization = profile.configText("organization");
        String text;
        if (baseUrl != null) {
            text = baseUrl;
        } else if (organization != null) {
            text = "https://dev.azure.com/" + segment(organization);
        } else {
            throw new BadInputException(where + ": expected \"organization\" (Azure DevOps Services, "
                    + "https://dev.azure.com/{organization}) or \"baseUrl\" (Azure DevOps Server, e.g. "
                    + "\"https://tfs.example.com/tfs/DefaultCollection\"), got neither");
        }
        return Urls.baseUrl(text, where + (baseUrl != null ? ".baseUrl" : ".organization"),
                "an http(s) collection URL such as \"https://tfs.example.com/tfs/DefaultCollection\"");
    }
}
