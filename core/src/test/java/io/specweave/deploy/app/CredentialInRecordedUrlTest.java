package io.specweave.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.specweave.deploy.Json;
import io.specweave.deploy.Message;
import io.specweave.deploy.report.Rendering;
import io.specweave.deploy.report.Terminal;
import io.specweave.deploy.testing.TestProject;
import io.specweave.deploy.tracker.TrackingRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * URLs written into metadata.json by hand with a credential (this tool refuses to record one): no
 * view, output or tracking item repeats it, every one says which field held it, and a change writes
 * the file back without it.
 */
class CredentialInRecordedUrlTest {

    static final String METADATA = ".specweave/increments/0018-oauth/metadata.json";

    @TempDir
    Path dir;

    final List<TrackingRequest> tracked = new ArrayList<>();
    final TestOperations run = TestOperations.at("2026-12-02T00:00:00Z").recordingTrackers(tracked);

    @BeforeEach
    void setUp() {
        TestProject.in(dir).localProfiles("dev", "qa", "prod").increment("0018-oauth", "OAuth", """
                { "id": "0018-oauth", "status": "active",
                  "deployments": {
                    "dev": { "status": "deployed", "deployedAt": "2026-12-01T00:00:00Z", "commit": "1111111",
                      "deploymentUrl": "http://alice:SEKRET2@127.0.0.1:28917",
                      "history": [ { "status": "deployed", "commit": "0000000", "runUrl": "https://ci.example/r/0?token=SEKRET5" } ] },
                    "qa": { "status": "deployed", "deployedAt": "2026-12-01T01:00:00Z", "commit": "1111111",
                      "deploymentUrl": "https://qa.example/?token=SEKRET3",
                      "runUrl": "https://bob:SEKRET4@ci.example/run/1" },
                    "prod": { "slots": { "live": "blue", "blue": { "commit": "1111111",
                      "url": "https://blue.example/#access_token=SEKRET6" } } } } }
                """);
    }

    @Test
    void statusShowsEveryUrlWithoutItsCredentialAndSaysWhichFieldHeldOne() throws Exception {
        String before = Files.readString(dir.resolve(METADATA));

        StatusOutcome status = run.operations().status(TestOperations.request(dir).increment("0018").dora(false).build());

        for (Rendering.Format format : Rendering.Format.values()) {
            Rendering.Rendered rendered = new Rendering(format, new Terminal(true, false, false), Message.Spelling.DOMAIN)
                    .status(status, true);
            assertThat(rendered.body() + rendered.notes()).as(format.name()).doesNotContain("SEKRET")
                    .contains("127.0.0.1:28917");
        }
        assertThat(status.warnings()).hasSize(5).allSatisfy(w -> assertThat(w).contains("holds a credential")
                .doesNotContain("SEKRET"));
        assertThat(String.join("\n", status.warnings())).contains("deployments.dev.deploymentUrl",
                "deployments.dev.history[0].runUrl", "deployments.qa.runUrl", "deployments.prod.slots.blue.url");
        assertThat(Files.readString(dir.resolve(METADATA))).as("a view writes nothing").isEqualTo(before);
    }

    @Test
    void aChangeTellsTheTrackerNoCredentialAndWritesTheFileBackWithoutIt() throws Exception {
        ChangeOutcome<?> outcome = run.operations().sync(TestOperations.request(dir).environment("qa")
                .commit("2222222").runUrl("https://ci.example/run/2").healthCheck(false).build());

        assertThat(outcome.result()).isEqualTo(ChangeOutcome.Result.RECORDED);
        assertThat(outcome.warnings()).anySatisfy(w -> assertThat(w).contains("deployments.qa.runUrl: the URL holds a "
                + "credential"));
        assertThat(tracked).isNotEmpty().allSatisfy(t -> assertThat(Json.compact(t.environmentNode()) + t.record()
                + t.environments()).doesNotContain("SEKRET"));
        String written = Files.readString(dir.resolve(METADATA));
        assertThat(written).doesNotContain("SEKRET").contains("\"deploymentUrl\": \"https://qa.example/?token=****\"",
                "\"runUrl\": \"https://ci.example/run/1\"", "http://127.0.0.1:28917");
    }
}
