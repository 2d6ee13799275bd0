package io.specweave.deploy.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.config.ConfigLoader;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.increment.SpecweaveLinks;
import java.util.List;

/**
 * Which existing Jira issues a deployment is recorded on: the keys the request gives; else the
 * profile's own {@code config.issueKeys} (the Jira tracker reads those); else the increment's epic
 * and stories SpecWeave's sync stored in {@code metadata.json}, unless the environment's
 * {@code issueKeysFromIncrement} is {@code false}.
 */
final class IncrementIssues {

    static final String SWITCH = "issueKeysFromIncrement";

    private IncrementIssues() {
    }

    static List<String> issueKeys(ChangeContext context, MetadataDocument document) {
        List<String> given = context.request().issueKeys;
        if (!given.isEmpty()) {
            return given;
        }
        SyncProfile profile = context.profile();
        if (profile.provider() != Provider.JIRA) {
            return List.of();
        }
        JsonNode own = profile.configNode("issueKeys");
        if (own != null && !own.isNull()) {
            return List.of();
        }
        if (Boolean.FALSE.equals(ConfigLoader.flag(profile.setting(SWITCH), profile.source() + ": "
                + profile.settingPath(SWITCH)))) {
            return List.of();
        }
        return SpecweaveLinks.of(document).jiraKeys();
    }
}
