package io.specweave.deploy.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.Redactor;
import io.specweave.deploy.http.HttpSettings;
import io.specweave.deploy.http.RestClient;
import io.specweave.deploy.testing.OriginServer.Answer;
import io.specweave.deploy.testing.OriginServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Prometheus URL's user info is basic auth for that origin only, and never shown. */
class PrometheusRedirectTest {

    private static final String PASSWORD = "prom-pass-8472";
    private static final String VECTOR = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
            + "[{\"metric\":{},\"value\":[1,\"0.5\"]}]}}";

    private static MetricQueries queries() {
        return new MetricQueries(null, "1m", Map.of(MetricQueries.REQUEST_RATE, "sum(rate(x[1m]))"),
                ".specweave/config.json: sync.profiles.prod.metrics");
    }

    @Test
    void userInfoIsSentAsBasicAuthToThePrometheusOrigin() {
        try (OriginServer prometheus = OriginServer.http("127.0.0.1", r -> Answer.of(200, VECTOR))) {
            String url = prometheus.url("").replace("http://", "http://ops:" + PASSWORD + "@");
            PrometheusMetricsSource source = new PrometheusMetricsSource(new RestClient(HttpSettings.defaults(),
                    d -> { }, Clock.systemUTC(), new Redactor()), url, queries());

            assertThat(source.value(MetricQueries.REQUEST_RATE, "stable", "v1", new java.util.ArrayList<>())).isEqualTo(0.5);
            assertThat(prometheus.received().get(0).headers().get("authorization")).isEqualTo("Basic "
                    + Base64.getEncoder().encodeToString(("ops:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void redirectToAnotherOriginIsRefusedAndTheCredentialNeverReachesIt() {
        try (OriginServer elsewhere = OriginServer.http("127.0.0.2", r -> Answer.of(200, VECTOR));
                OriginServer prometheus = OriginServer.http("127.0.0.1",
                        r -> Answer.redirect(307, elsewhere.url(r.path())))) {
            String url = prometheus.url("").replace("http://", "http://ops:" + PASSWORD + "@");
            PrometheusMetricsSource source = new PrometheusMetricsSource(new RestClient(HttpSettings.defaults(),
                    d -> { }, Clock.systemUTC(), new Redactor()), url, queries());

            assertThatThrownBy(() -> source.value(MetricQueries.REQUEST_RATE, "stable", "v1", new java.util.ArrayList<>()))
                    .isInstanceOf(OperationFailedException.class)
                    .hasMessageContaining("metrics.prometheusUrl")
                    .hasMessageContaining("another origin")
                    .hasMessageNotContaining(PASSWORD)
                    .hasMessageNotContaining("ops:");
            assertThat(elsewhere.received()).isEmpty();
        }
    }
}
