package io.specweave.deploy.increment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.model.Approval;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.model.DeploymentStatus;
import io.specweave.deploy.model.HealthStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a record is written over what an environment's node holds: nothing the user wrote is lost. */
class DeploymentsTest {

    private static final String SOURCE = ".specweave/increments/0001-a/metadata.json";

    private static MetadataDocument document(String qa) throws Exception {
        ObjectNode root = (ObjectNode) Json.mapper().readTree("{\"deployments\": {\"qa\": " + qa + "}}");
        return new MetadataDocument(root, SOURCE, true);
    }

    private static JsonNode qa(MetadataDocument document) {
        return document.root().path("deployments").path("qa");
    }

    @Test
    void aChangeOfTheSameDeploymentKeepsWhatTheRecordCouldNotRead() throws Exception {
        MetadataDocument document = document("""
                {"status": "deployed", "commit": "abc", "approvals": "asked in chat", "testResults": "all green",
                 "issueNumber": "12", "history": []}""");
        DeploymentRecord read = Deployments.get(document, "qa").orElseThrow();
        assertThat(read.approvals()).isEmpty();
        assertThat(read.testResults()).isNull();

        Deployments.put(document, "qa", read.toBuilder().healthStatus(HealthStatus.HEALTHY).build(), false);

        assertThat(qa(document).path("approvals").asText()).isEqualTo("asked in chat");
        assertThat(qa(document).path("testResults").asText()).isEqualTo("all green");
        assertThat(qa(document).path("issueNumber").isTextual()).as("the number as written").isTrue();
        assertThat(qa(document).path("healthStatus").asText()).isEqualTo("healthy");
    }

    @Test
    void aChangeOfTheSameDeploymentLeavesHistoryWhereTheUserPutItAndKeepsItLastWhereItWasLast() throws Exception {
        MetadataDocument first = document("{\"history\": [{\"status\": \"deployed\", \"commit\": \"old\"}], "
                + "\"status\": \"deployed\", \"commit\": \"abc\"}");
        Deployments.put(first, "qa", Deployments.get(first, "qa").orElseThrow(), false);
        assertThat(qa(first).fieldNames()).toIterable().containsExactly("history", "status", "commit");

        MetadataDocument last = document("{\"status\": \"deployed\", \"commit\": \"abc\", \"history\": "
                + "[{\"status\": \"deployed\", \"commit\": \"old\"}]}");
        Deployments.put(last, "qa", Deployments.get(last, "qa").orElseThrow().toBuilder()
                .healthStatus(HealthStatus.HEALTHY).build(), false);
        assertThat(qa(last).fieldNames()).toIterable().containsExactly("status", "commit", "healthStatus", "history");
    }

    @Test
    void keysSpellingAFieldAnotherWayAreReadAsItAndGiveWayWhenItIsWritten() throws Exception {
        MetadataDocument document = document("{\"Status\": \"deployed\", \"commit\": \"abc\", \"deployed_at\": "
                + "\"2026-11-01T10:00:00Z\", \"deployed_by\": \"maria\", \"health_status\": \"healthy\", "
                + "\"deployment_url\": \"https://qa.example\"}");
        DeploymentRecord read = Deployments.get(document, "qa").orElseThrow();
        assertThat(read.status()).isEqualTo(DeploymentStatus.DEPLOYED);
        assertThat(read.deployedAt()).isEqualTo("2026-11-01T10:00:00Z");
        assertThat(read.deployedBy()).isEqualTo("maria");
        assertThat(read.healthStatus()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(read.deploymentUrl()).isEqualTo("https://qa.example");
        assertThat(DeploymentRecord.stateOf((ObjectNode) qa(document)).deployedAt()).isEqualTo("2026-11-01T10:00:00Z");

        Deployments.put(document, "qa", read.toBuilder().healthStatus(HealthStatus.UNHEALTHY).build(), false);

        assertThat(qa(document).path("healthStatus").asText()).isEqualTo("unhealthy");
        assertThat(qa(document).has("health_status")).as("replaced by the field written").isFalse();
        assertThat(qa(document).path("deployed_at").asText()).as("unchanged, as written")
                .isEqualTo("2026-11-01T10:00:00Z");
        assertThat(qa(document).has("deployedAt")).isFalse();
    }

    @Test
    void anApprovalIsNotAddedOverAValueThatIsNotAList() throws Exception {
        MetadataDocument document = document("{\"status\": \"deployed\", \"commit\": \"abc\", \"approvals\": \"asked\"}");
        String before = document.toText();
        DeploymentRecord approved = Deployments.get(document, "qa").orElseThrow().toBuilder()
                .healthStatus(HealthStatus.HEALTHY)
                .approvals(List.of(Approval.of("ana", "release-manager", "2026-12-01T10:00:00Z", null))).build();

        assertThatThrownBy(() -> Deployments.put(document, "qa", approved, false))
                .isInstanceOf(BadInputException.class)
                .hasMessage(SOURCE + ": deployments.qa.approvals: expected a list, got \"asked\"; make it a list "
                        + "(or remove it) to add to it");
        assertThat(document.toText()).as("nothing half-written").isEqualTo(before);
    }

    @Test
    void aNewDeploymentTakesTheEarlierOnesFactsToHistoryAndLeavesTheEnvironmentsOwnKeys() throws Exception {
        MetadataDocument document = document("""
                {"status": "deployed", "commit": "abc", "health_status": "degraded", "owner": "payments",
                 "approvals": "asked in chat", "slots": {"active": "blue"}, "history": [{"commit": "000"}]}""");
        DeploymentRecord next = DeploymentRecord.builder().status(DeploymentStatus.DEPLOYED).commit("def").build();

        Deployments.put(document, "qa", next, true);

        JsonNode qa = qa(document);
        assertThat(qa.path("commit").asText()).isEqualTo("def");
        assertThat(qa.has("health_status")).as("it described abc").isFalse();
        assertThat(qa.has("approvals")).isFalse();
        assertThat(qa.path("owner").asText()).isEqualTo("payments");
        assertThat(qa.path("slots").path("active").asText()).isEqualTo("blue");
        JsonNode earlier = qa.path("history").get(1);
        assertThat(earlier.path("commit").asText()).isEqualTo("abc");
        assertThat(earlier.path("health_status").asText()).isEqualTo("degraded");
        assertThat(earlier.path("approvals").asText()).isEqualTo("asked in chat");
        assertThat(earlier.has("slots")).as("rollout state belongs to the environment").isFalse();
        assertThat(qa.path("history").get(0).path("commit").asText()).isEqualTo("000");
    }

    @Test
    void aNewDeploymentOverAHistoryThatIsNotAListIsRefusedAndNothingIsWritten() throws Exception {
        MetadataDocument document = document("{\"status\": \"deployed\", \"commit\": \"abc\", \"history\": \"see wiki\"}");
        String before = document.toText();
        DeploymentRecord next = DeploymentRecord.builder().status(DeploymentStatus.DEPLOYED).commit("def").build();

        assertThatThrownBy(() -> Deployments.put(document, "qa", next, true))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(SOURCE + ": deployments.qa.history: expected a list of earlier deployments, "
                        + "got \"see wiki\"");
        assertThat(document.toText()).isEqualTo(before);
    }

    @Test
    void onlyKeysThatSpellAFieldOfTheRecordAnotherWayDescribeADeployment() {
        assertThat(DeploymentRecord.spellsAnOwnedField("health_status")).isTrue();
        assertThat(DeploymentRecord.spellsAnOwnedField("Deployed-At")).isTrue();
        assertThat(DeploymentRecord.spellsAnOwnedField("healthStatus")).as("the field itself").isFalse();
        assertThat(DeploymentRecord.spellsAnOwnedField("owner")).isFalse();
        assertThat(DeploymentRecord.spellsAnOwnedField("statusPage")).isFalse();
    }
}
