package io.specweave.deploy.metrics;

import com.fasterxml.jackson.annotation.JsonIgnore;
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
 * @param unreadable  why the source could not be read at all at this poll (also among the problems); else null
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EnvironmentSample(Double requestRate, Double errorRate, Double p50Latency, Double p95Latency,
        Double p99Latency, List<String> problems, @JsonIgnore String unreadable) {

    public EnvironmentSample {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** Values read, some perhaps missing for the reasons in {@code problems}. */
    public EnvironmentSample(Double requestRate, Double errorRate, Double p50Latency, Double p95Latency,
            Double p99Latency, List<String> problems) {
        this(requestRate, errorRate, p50Latency, p95Latency, p99Latency, problems, null);
    }

    /**
     * No values: the source could not be read ({@code why}: unreachable, an answer that is no query
     * result), after the {@code earlier} problems of the queries it answered.
     */
    public static EnvironmentSample unreadable(List<String> earlier, String why) {
        List<String> problems = new java.util.ArrayList<>(earlier);
        problems.add(why);
        return new EnvironmentSample(null, null, null, null, null, problems, why);
    }
}
