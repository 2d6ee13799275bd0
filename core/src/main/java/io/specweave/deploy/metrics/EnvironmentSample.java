package io.specweave.deploy.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What an environment's metrics said at one poll. A null value means no data.
 *
 * @param requestRate requests per second
 * @param errorRate   share of requests that failed, 0-1
 * @param p50Latency  median latency in seconds
 * @param p95Latency  95th percentile latency in seconds
 * @param p99Latency  99th percentile latency in seconds
 * @param problems    why values are missing
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EnvironmentSample(Double requestRate, Double errorRate, Double p50Latency, Double p95Latency,
        Double p99Latency, List<String> problems) {

    public EnvironmentSample {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }
}
