package io.specweave.deploy.tracker.ado;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.config.Credentials;
import io.specweave.deploy.http.HttpSettings;
import io.specweave.deploy.http.RestClient;
import io.specweave.deploy.testing.OriginServer;
import io.specweave.deploy.testing.OriginServer.Answer;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The record copy's attachment download is a request with the PAT: it never follows it elsewhere. */
class AttachmentRedirectTest {

    private static final String PAT = "ado-pat-0123456789";
    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    @Test
    void attachmentDownloadRedirectedToAnotherHostIsRefusedWithoutSendingThePat() throws Exception {
        try (OriginServer blobs = OriginServer.http("127.0.0.2", r -> Answer.of(200, "{\"record\":{}}"));
                OriginServer collection = OriginServer.http("127.0.0.1",
                        r -> Answer.redirect(302, blobs.url("/attachments/" + ID)))) {
            AdoSettings settings = AdoSettings.from(AdoSettingsTest.profile("{\"baseUrl\": \""
                    + collection.url("/DefaultCollection") + "\", \"project\": \"App\"}"),
                    new Credentials(Map.of("AZURE_DEVOPS_PAT", PAT)));
            AdoClient client = new AdoClient(settings, new RestClient(HttpSettings.defaults(), d -> { },
                    Clock.systemUTC(), settings.redactor()));

            assertThatThrownBy(() -> client.download(collection.url("/DefaultCollection/App/_apis/wit/attachments/" + ID)))
                    .isInstanceOf(OperationFailedException.class)
                    .hasMessageContaining("config.organization or config.baseUrl")
                    .hasMessageContaining("another origin")
                    .hasMessageNotContaining(PAT);
            assertThat(blobs.received()).isEmpty();
            assertThat(collection.received()).singleElement()
                    .satisfies(r -> assertThat(r.headers()).containsKey("authorization"));
        }
    }
}
