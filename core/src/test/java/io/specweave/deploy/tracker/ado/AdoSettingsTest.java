package io.specweave.deploy.tracker.ado;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.config.SyncProfile;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdoSettingsTest {

    static SyncProfile profile(String config) throws Exception {
        return new SyncProfile("ado-uat", Provider.ADO, null, "uat", null, (ObjectNode) Json.mapper().readTree(config),
                Json.mapper().createObjectNode(), ".specweave/config.json");
    }

    @Test
    void organizationMeansAzureDevOpsServicesAndThePatIsBasicWithAnEmptyUser() throws Exception {
        AdoSettings s = AdoSettings.from(profile("{\"organization\":\"myorg\",\"project\":\"MyApp UAT\"}"),
                new Credentials(Map.of("AZURE_DEVOPS_PAT", "pat-1234")));
        assertThat(s.collectionUrl()).hasToString("https://dev.azure.com/myorg");
        assertThat(s.api("/wiql?api-version=7.1")).hasToString("https://dev.azure.com/myorg/MyApp%20UAT/_apis/wit/wiql?api-version=7.1");
        assertThat(s.webUrl(42)).isEqualTo("https://dev.azure.com/myorg/MyApp%20UAT/_workitems/edit/42");
        assertThat(s.authorization()).isEqualTo("Basic " + Base64.getEncoder().encodeToString(":pat-1234".getBytes(StandardCharsets.UTF_8)));
        assertThat(s.workItemType()).isEqualTo("Task");
        assertThat(s.variable()).isEqualTo("AZURE_DEVOPS_PAT");
        assertThat(s.redactor().redact(s.authorization())).isEqualTo("Basic ****");
    }

    @Test
    void baseUrlMeansAzureDevOpsServer() throws Exception {
        AdoSettings s = AdoSettings.from(profile("{\"baseUrl\":\"https://tfs.example.com/tfs/DefaultCollection/\","
                + "\"project\":\"MyApp\",\"tokenEnv\":\"TFS_TOKEN\",\"workItemType\":\"Bug\"}"),
                new Credentials(Map.of("TFS_TOKEN", "pat-5678")));
        assertThat(s.collectionUrl()).hasToString("https://tfs.example.com/tfs/DefaultCollection");
        assertThat(s.variable()).isEqualTo("TFS_TOKEN");
        assertThat(s.workItemType()).isEqualTo("Bug");
    }

    @Test
    void missingPiecesAreBadInputNamingWhatIsNeeded() throws Exception {
        assertThatThrownBy(() -> AdoSettings.from(profile("{\"project\":\"MyApp\"}"),
                new Credentials(Map.of("ADO_PAT", "pat-1234"))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"organization\"");
        assertThatThrownBy(() -> AdoSettings.from(profile("{\"organization\":\"myorg\"}"),
                new Credentials(Map.of("ADO_PAT", "pat-1234"))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("config.project");
        assertThatThrownBy(() -> AdoSettings.from(profile("{\"organization\":\"myorg\",\"project\":\"P\",\"tokenEnv\":\"X_PAT\"}"),
                new Credentials(Map.of("ADO_PAT", "pat-1234"))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("set X_PAT");
    }
}
