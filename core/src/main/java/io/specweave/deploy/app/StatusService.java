package io.specweave.deploy.app;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Durations;
import io.specweave.deploy.status.EnvironmentStatus;
import io.specweave.deploy.status.IncrementSummary;
import io.specweave.deploy.status.PipelineStatus;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.config.SpecweaveConfig;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.model.CanaryState;
import io.specweave.deploy.model.SlotsState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Builds the pipeline status of one increment, or the one-row-each list of all increments. */
public final class StatusService {

    private final Project project;

    public StatusService(Project project) {
        this.project = project;
    }

    /**
     * What a view of {@code document} warns of: {@link MetadataDocument#viewWarnings}, and records kept
     * under an environment the config spells otherwise ({@code "Prod"} beside {@code "prod"}), which
     * the view shows as an environment of its own that no command writes to.
     */
    static List<String> viewWarnings(java.util.Set<String> known, MetadataDocument document) {
        List<String> warnings = new ArrayList<>(document.viewWarnings());
        for (String environment : document.deployments().keySet()) {
            if (!known.contains(environment)) {
                known.stream().filter(k -> k.equalsIgnoreCase(environment)).findFirst().ifPresent(k -> warnings.add(
                        document.source() + ": deployments." + environment + ": the config names no environment \""
                                + environment + "\"; did you mean \"" + k + "\"? shown apart from " + k
                                + ", which every command records to"));
            }
        }
        return warnings;
    }

    /** One increment, resolved from what the user typed ({@code 0018}, {@code active}, ...). */
    public PipelineStatus status(String reference) {
        Increment increment = project.increments().resolve(reference);
        MetadataDocument document = project.metadata(increment).read();
        return status(increment, document);
    }

    public PipelineStatus status(Increment increment, MetadataDocument document) {
        SpecweaveConfig config = project.config();
        Map<String, DeploymentRecord> records = Deployments.all(document);
        Map<String, ObjectNode> nodes = document.deployments();
        List<String> pipeline = config.pipeline(records.keySet());
        List<EnvironmentStatus> environments = new ArrayList<>();
        for (String environment : pipeline) {
            DeploymentRecord record = records.get(environment);
            EnvironmentStatus env = environmentStatus(config, environment, record);
            ObjectNode node = nodes.get(environment);
            SlotsState slots = SlotsState.read(node);
            CanaryState canary = CanaryState.read(node);
            // The entry as stored, so the JSON shows what the record does not model as well.
            environments.add(new EnvironmentStatus(env.environment(), env.state(), env.profile(), env.provider(),
                    env.trackingId(), env.trackingUrl(), env.record(), slots.isEmpty() ? null : slots, canary, node));
        }
        List<PipelineStatus.Stage> stages = new ArrayList<>();
        Instant first = null;
        Instant last = null;
        String previousEnvironment = null;
        Instant previousTime = null;
        for (EnvironmentStatus env : environments) {
            Instant at = env.record() == null || !env.isDeployed() ? null : env.record().deployedAtInstant();
            if (at == null) {
                continue;
            }
            first = first == null || at.isBefore(first) ? at : first;
            last = last == null || at.isAfter(last) ? at : last;
            if (previousTime != null) {
                Duration d = Duration.between(previousTime, at);
                // A later environment's current deployment can be older (the earlier one was redeployed since).
                stages.add(new PipelineStatus.Stage(previousEnvironment, env.environment(), d.getSeconds(),
                        d.isNegative() ? Durations.human(d.negated()) + " earlier" : Durations.human(d)));
            }
            previousEnvironment = env.environment();
            previousTime = at;
        }
        Long totalSeconds = null;
        String total = null;
        if (first != null && stages.size() > 0) {
            Duration d = Duration.between(first, last);
            totalSeconds = d.getSeconds();
            total = Durations.human(d);
        }
        String title = project.increments().title(increment);
        return new PipelineStatus(increment.id(), title, document.status(), environments, totalSeconds, total,
                stages);
    }

    private static EnvironmentStatus environmentStatus(SpecweaveConfig config, String environment,
            DeploymentRecord record) {
        SyncProfile profile = null;
        if (record != null && record.profile() != null) {
            profile = config.findProfile(record.profile()).orElse(null);
        }
        if (profile == null) {
            List<SyncProfile> candidates = config.profilesForEnvironment(environment);
            profile = candidates.isEmpty() ? null : candidates.get(0);
        }
        String profileName = record != null && record.profile() != null ? record.profile()
                : profile == null ? null : profile.name();
        String provider = profile == null ? null : profile.provider().id();
        if (record == null) {
            return new EnvironmentStatus(environment, EnvironmentStatus.NOT_DEPLOYED, profileName, provider, null,
                    null, null);
        }
        return new EnvironmentStatus(environment, EnvironmentStatus.stateOf(record), profileName, provider,
                record.trackingId(), record.trackingUrl(), record);
    }

    /**
     * Every increment, one row each, in the repository's order, and why an increment is not among
     * them: one broken {@code metadata.json} must not hide every other increment.
     *
     * @param unreadable one line per increment left out: its file and what is wrong with it
     * @param warnings   what the rows show as found although it is not what this tool reads (a record's
     *                   {@code status} outside its list), a line each naming the file and the field
     */
    public record Listing(List<IncrementSummary> rows, List<String> unreadable, List<String> warnings) {
    }

    /** Every increment, one row each, in the repository's order. Reads files in parallel: 5,000 is common. */
    public Listing listing() {
        java.util.Set<String> known = project.config().environments();
        List<Row> read = project.increments().list().parallelStream().map(increment -> {
            try {
                MetadataDocument document = project.metadata(increment).read();
                return new Row(summary(increment, document), null, viewWarnings(known, document));
            } catch (BadInputException e) {
                return new Row(null, increment.id() + " is not shown: " + e.getMessage(), List.of());
            }
        }).toList();
        return new Listing(read.stream().map(Row::summary).filter(Objects::nonNull).toList(),
                read.stream().map(Row::problem).filter(Objects::nonNull).toList(),
                read.stream().flatMap(r -> r.warnings().stream()).toList());
    }

    /** {@link #listing()}'s rows. */
    public List<IncrementSummary> list() {
        return listing().rows();
    }

    private record Row(IncrementSummary summary, String problem, List<String> warnings) {
    }

    private IncrementSummary summary(Increment increment, MetadataDocument document) {
        Map<String, ObjectNode> nodes = document.deployments();
        List<String> pipeline = project.config().pipeline(nodes.keySet());
        Map<String, String> states = new LinkedHashMap<>();
        Map<String, String> health = new LinkedHashMap<>();
        for (String environment : pipeline) {
            ObjectNode node = nodes.get(environment);
            // Read and decided as for one increment, so both forms say the same of an environment.
            DeploymentRecord record = node == null ? null : DeploymentRecord.stateOf(node);
            states.put(environment, EnvironmentStatus.stateOf(record));
            if (record != null && record.healthStatus() != null) {
                health.put(environment, record.healthStatus().raw());
            }
        }
        return new IncrementSummary(increment.id(), project.increments().title(increment), document.status(),
                increment.location(), states, health.isEmpty() ? null : health);
    }
}
