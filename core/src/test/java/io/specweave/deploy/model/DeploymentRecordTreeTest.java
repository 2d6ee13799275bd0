package io.specweave.deploy.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.JsonInput;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A record as metadata.json stores it: every field written in file order, and read back leniently. */
class DeploymentRecordTreeTest {

    private static ObjectNode node(String json) {
        return JsonInput.parseObject(json, "metadata.json", JsonInput.Syntax.JSON);
    }

    private static DeploymentRecord everyField() {
        return DeploymentRecord.builder().profile("github-qa").status(DeploymentStatus.of("deployed")).issueNumber(57)
                .issueKey("PROD-1").workItemId(12).issueUrl("https://github.com/o/r/issues/57")
                .workItemUrl("https://dev.azure.com/o/p/_workitems/edit/12").deployedAt("2026-12-04T10:00:00Z")
                .deployedBy("ops").commit("abc").branch("main").tag("v1").deploymentUrl("https://qa.example")
                .runUrl("https://ci.example/1").healthStatus(HealthStatus.of("healthy")).healthHttpStatus(200)
                .healthLatencyMs(41L).healthMessage("UP").lastChecked("2026-12-04T10:01:00Z")
                .testResults(TestResults.counts(3, 2, 1, 0, 0)).coverage(75.5)
                .loadTestResults(LoadTestResults.from(node("{\"maxRps\": 120}")))
                .approvals(List.of(Approval.of("lead", "Release Manager", "2026-12-04T09:00:00Z", null)))
                .metrics(node("{\"errorRate\": 0.01}")).changeRequest(ChangeRequest.of("CHG-1", null, null, null))
                .forced(true).history(List.of(DeploymentRecord.builder().commit("old").build())).build();
    }

    @Test
    void everyFieldIsWrittenInFileOrderAndReadBackTheSame() {
        ObjectNode written = everyField().toNode();

        List<String> names = new java.util.ArrayList<>();
        written.fieldNames().forEachRemaining(names::add);
        List<String> owned = DeploymentRecord.OWNED_FIELDS.stream().filter(names::contains).toList();
        assertThat(names).containsExactlyElementsOf(concat(owned, "history"));
        assertThat(owned).hasSize(26);
        assertThat(DeploymentRecord.fromNode(written.deepCopy()).toNode()).isEqualTo(written);
        assertThat(Json.compact(written)).contains("\"coverage\":75.5", "\"healthLatencyMs\":41", "\"forced\":true",
                "\"status\":\"deployed\"", "\"approvals\":[{");
    }

    @Test
    void jsonOutputShowsARecordAsTheFileStoresIt() {
        ObjectNode output = Json.mapper().valueToTree(everyField());
        assertThat(output).isEqualTo(everyField().toNode());
    }

    @Test
    void unsetFieldsAreNotWrittenAndAnEmptyRecordIsAnEmptyObject() {
        assertThat(DeploymentRecord.builder().build().toNode()).isEqualTo(node("{}"));
        assertThat(DeploymentRecord.builder().commit("abc").approvals(List.of()).build().toNode())
                .isEqualTo(node("{\"commit\": \"abc\"}"));
    }

    @Test
    void eachFieldIsReadOnItsOwnAndAValueOfTheWrongKindLosesOnlyThatField() {
        DeploymentRecord record = DeploymentRecord.fromNode(node("""
                {"status": "Deployed", "commit": 123, "branch": {"name": "main"}, "issueNumber": "57",
                 "workItemId": "twelve", "healthLatencyMs": 12.7, "coverage": "80", "forced": "TRUE",
                 "approvals": {"approvedBy": "not a list"}, "testResults": [1, 2], "metrics": null,
                 "deployedBy": "ops", "teamNote": "not ours"}"""));

        assertThat(record.status().kind()).isEqualTo(DeploymentStatus.Kind.DEPLOYED);
        assertThat(record.status().raw()).isEqualTo("Deployed");
        assertThat(record.commit()).isEqualTo("123");
        assertThat(record.branch()).isNull();
        assertThat(record.issueNumber()).isEqualTo(57);
        assertThat(record.workItemId()).isNull();
        assertThat(record.healthLatencyMs()).isEqualTo(12L);
        assertThat(record.coverage()).isEqualTo(80.0);
        assertThat(record.forced()).isTrue();
        assertThat(record.approvals()).isEmpty();
        assertThat(record.testResults()).isNull();
        assertThat(record.metrics()).isNull();
        assertThat(record.deployedBy()).isEqualTo("ops");
    }

    @Test
    void theRecordHoldsItsOwnCopiesOfNestedValues() {
        ObjectNode stored = node("{\"metrics\": {\"errorRate\": 0.01}, \"testResults\": {\"total\": 3}}");
        DeploymentRecord record = DeploymentRecord.fromNode(stored);

        ((ObjectNode) stored.get("metrics")).put("errorRate", 0.5);
        ((ObjectNode) stored.get("testResults")).put("total", 9);

        assertThat(record.metrics().path("errorRate").asDouble()).isEqualTo(0.01);
        assertThat(record.testResults().total()).isEqualTo(3);
    }

    private static List<String> concat(List<String> names, String last) {
        List<String> all = new java.util.ArrayList<>(names);
        all.add(last);
        return all;
    }
}
