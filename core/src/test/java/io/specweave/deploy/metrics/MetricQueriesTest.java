package io.specweave.deploy.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.testing.TestProject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricQueriesTest {

    @TempDir
    Path dir;

    private SyncProfile profile(String metrics) {
        return TestProject.in(dir).config("{\"sync\": {\"profiles\": {\"local-prod\": {\"provider\": \"local\", "
                + "\"environment\": \"prod\", \"metrics\": " + metrics + "}}}}").open().config().profile("local-prod");
    }

    @Test
    void defaultsFollowThePrometheusConventionsScopedByTheSelector() {
        MetricQueries q = MetricQueries.of(profile("{\"selector\": \"job=\\\"checkout\\\"\", \"window\": \"2m\"}"));
        assertThat(q.render(MetricQueries.P95, "canary", "abc")).isEqualTo("histogram_quantile(0.95, sum by (le) "
                + "(rate(http_request_duration_seconds_bucket{job=\"checkout\",track=\"canary\"}[2m])))");
        assertThat(q.render(MetricQueries.ERROR_RATE, "stable", null)).isEqualTo(
                "(sum(rate(http_requests_total{job=\"checkout\",track=\"stable\",code=~\"5..\"}[2m])) or vector(0)) / "
                        + "sum(rate(http_requests_total{job=\"checkout\",track=\"stable\"}[2m]))");
        assertThat(q.prometheusUrl()).isNull();
    }

    @Test
    void customQueriesFillTheirPlaceholders() {
        MetricQueries q = MetricQueries.of(profile("{\"prometheusUrl\": \"http://prom:9090\", \"queries\": "
                + "{\"requestRate\": \"sum(rate(reqs{version=\\\"{{version}}\\\"}[{{window}}]))\"}}"));
        assertThat(q.render(MetricQueries.REQUEST_RATE, "canary", "abc123"))
                .isEqualTo("sum(rate(reqs{version=\"abc123\"}[1m]))");
        assertThat(q.render(MetricQueries.REQUESTS, "canary", "abc123"))
                .isEqualTo("sum(increase(http_requests_total{track=\"canary\"}[1m]))");
    }

    @Test
    void badSettingsNameTheField() {
        assertThatThrownBy(() -> MetricQueries.of(profile("{\"window\": \"one minute\"}")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("sync.profiles.local-prod.metrics.window");
        assertThatThrownBy(() -> MetricQueries.of(profile("{\"queries\": {\"p999Latency\": \"x\"}}")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("queries.p999Latency: unknown metric");
        assertThatThrownBy(() -> MetricQueries.of(profile("{\"prometheusUrl\": \"prom:9090\"}")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("expected an absolute http(s) URL")
                .hasMessageContaining("sync.profiles.local-prod.metrics.prometheusUrl");
        assertThatThrownBy(() -> MetricQueries.of(profile("{\"prometheusUrl\": \"file:///var/prometheus\"}")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("metrics.prometheusUrl")
                .hasMessageContaining("file: URL");
    }
}
