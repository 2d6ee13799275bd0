package io.specweave.deploy.report;

import io.specweave.deploy.status.EnvironmentStatus;
import io.specweave.deploy.status.PipelineStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.model.DeploymentRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusJsonTest {

    private static PipelineStatus withHistory() {
        DeploymentRecord earlier = DeploymentRecord.builder().status(io.specweave.deploy.model.DeploymentStatus.of("deployed")).commit("aaa").build();
        DeploymentRecord current = DeploymentRecord.builder().status(io.specweave.deploy.model.DeploymentStatus.of("deployed")).commit("bbb")
                .history(List.of(earlier)).build();
        return new PipelineStatus("0018-x", null, null, List.of(new EnvironmentStatus("qa", "deployed", "local-qa",
                "local", null, null, current)), null, null, List.of());
    }

    @Test
    void earlierDeploymentsAreLeftOutUnlessAskedFor() {
        ObjectNode without = StatusJson.of(withHistory(), false);
        ObjectNode with = StatusJson.of(withHistory(), true);

        assertThat(without.path("environments").get(0).has("history")).isFalse();
        assertThat(without.path("environments").get(0).path("commit").asText()).isEqualTo("bbb");
        assertThat(with.path("environments").get(0).path("history").get(0).path("commit").asText()).isEqualTo("aaa");
        assertThat(without.path("id").asText()).isEqualTo("0018-x");
    }
}
