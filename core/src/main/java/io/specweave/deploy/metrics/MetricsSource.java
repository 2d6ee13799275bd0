package io.specweave.deploy.metrics;

/** Where canary and stable metrics come from: Prometheus, or a JSON file a team writes. */
@FunctionalInterface
public interface MetricsSource {

    /**
     * The current metrics of one track.
     *
     * @param track   {@code canary} or {@code stable}
     * @param version that track's commit, for queries that select by version; may be null
     */
    TrackMetrics read(String track, String version);
}
