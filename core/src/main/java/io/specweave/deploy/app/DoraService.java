package io.specweave.deploy.app;

import io.specweave.deploy.FileProblem;
import io.specweave.deploy.ci.GitCommitTimes;
import io.specweave.deploy.dora.DoraCalculator;
import io.specweave.deploy.dora.DoraReport;
import io.specweave.deploy.Times;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import io.specweave.deploy.Json;
import io.specweave.deploy.JsonInput;
import io.specweave.deploy.config.ConfigLoader;
import io.specweave.deploy.config.SpecweaveConfig;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.increment.FileUpdates;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.model.DeploymentStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code dora}: the four keys over the production deployments (current records and history) of
 * every increment. Production is {@link SpecweaveConfig#productionEnvironment()}: {@code
 * deployment.productionEnvironment}, else the pipeline's last environment. Lead time starts at the commit's time from git when the repository holds the
 * commit, else at the increment's first deployment to any environment.
 */
public final class DoraService {

    public static final String DEFAULT_WINDOW = "90d";
    private static final Pattern WINDOW = Pattern.compile("(\\d{1,4})([hdw])");

    private final Project project;
    private final Clock clock;

    public DoraService(Project project, Clock clock) {
        this.project = project;
        this.clock = clock;
    }

    /** {@code 90d}, {@code 12w}, {@code 48h}. */
    public static Duration parseWindow(String window) {
        Matcher m = WINDOW.matcher(window == null ? "" : window.trim());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new BadInputException(Message.of(Message.arg(Input.WINDOW, "\"" + window + "\""), ": expected a "
                    + "positive number of days, weeks or hours such as 90d, 12w or 48h"));
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "h" -> Duration.ofHours(n);
            case "w" -> Duration.ofDays(7 * n);
            default -> Duration.ofDays(n);
        };
    }

    public DoraReport report(String window) {
        String label = window == null ? DEFAULT_WINDOW : window.trim();
        Duration length = parseWindow(label);
        String environment = project.config().productionEnvironment();
        Instant to = Instant.now(clock);
        Instant windowStart = to.minus(length);
        List<Increment> increments = project.increments().list();
        List<String> unreadable = new java.util.concurrent.CopyOnWriteArrayList<>();
        // One broken metadata.json leaves out its own deployments, said in the report, not every increment's.
        List<Collected> collected = increments.parallelStream().map(i -> {
            try {
                return collect(i, environment);
            } catch (BadInputException e) {
                unreadable.add(e.getMessage());
                return new Collected(i.id(), null, List.of(), List.of());
            }
        }).toList();
        List<String> commits = new ArrayList<>();
        Instant dataStart = null;
        for (Collected c : collected) {
            // Only deployments in the window need a lead time, so only their commits are looked up.
            c.deployments.stream().filter(d -> d.commit != null && !d.deployedAt.isBefore(windowStart))
                    .forEach(d -> commits.add(d.commit));
            if (c.firstDeployment != null && (dataStart == null || c.firstDeployment.isBefore(dataStart))) {
                dataStart = c.firstDeployment;
            }
        }
        GitCommitTimes.CommitTimes found = GitCommitTimes.lookup(project.dir(), commits);
        Map<String, Instant> commitTimes = found.times();
        List<DoraCalculator.ProdDeployment> deployments = new ArrayList<>();
        Map<String, List<String>> unknownStatuses = new LinkedHashMap<>();
        for (Collected c : collected) {
            for (Raw d : c.deployments) {
                DeploymentStatus status = DeploymentStatus.of(d.status);
                if (status != null && !status.known()) {
                    // Neither a success nor a failure: counted in no key, and said, rather than guessed.
                    if (!d.deployedAt.isBefore(windowStart) && !d.deployedAt.isAfter(to)) {
                        unknownStatuses.computeIfAbsent(c.increment, k -> new ArrayList<>()).add("\"" + d.status + "\"");
                    }
                    continue;
                }
                Instant changeAt = d.commit == null ? null : commitTimes.get(d.commit);
                deployments.add(new DoraCalculator.ProdDeployment(c.increment, d.deployedAt, status,
                        io.specweave.deploy.model.HealthStatus.of(d.health),
                        changeAt != null ? changeAt : c.firstDeployment, d.restore, changeAt != null));
            }
        }
        Instant from = dataStart != null && dataStart.isAfter(windowStart) ? dataStart : windowStart;
        DoraReport report = new DoraCalculator().calculate(environment, label, from, to, deployments);
        long missing = commits.stream().distinct().filter(c -> !commitTimes.containsKey(c)).count();
        if (found.shallow() && missing > 0) {
            report = report.withWarning(shallowHistory(missing, commits.stream().distinct().count()));
        }
        List<String> untimed = collected.stream().filter(c -> !c.untimed.isEmpty())
                .map(c -> c.increment + " (" + c.untimed.stream().map(t -> t == null ? "none" : "\"" + t + "\"")
                        .collect(Collectors.joining(", ")) + ")").toList();
        if (!untimed.isEmpty()) {
            long count = collected.stream().mapToLong(c -> c.untimed.size()).sum();
            report = report.withWarning(count + (count == 1 ? " deployment" : " deployments") + " to " + environment
                    + " not counted: deployedAt is missing or not an ISO-8601 time such as 2026-11-27T10:15:00Z in "
                    + String.join(", ", untimed));
        }
        if (!unknownStatuses.isEmpty()) {
            long count = unknownStatuses.values().stream().mapToLong(List::size).sum();
            report = report.withWarning(count + (count == 1 ? " deployment" : " deployments") + " to " + environment
                    + " not counted: " + DeploymentStatus.unlisted("status") + " in "
                    + unknownStatuses.entrySet().stream().map(e -> e.getKey() + " (" + String.join(", ", e.getValue())
                            + ")").collect(Collectors.joining(", ")));
        }
        if (!unreadable.isEmpty()) {
            report = report.withWarning(unreadable.size() + (unreadable.size() == 1 ? " increment" : " increments")
                    + " not counted, as their metadata.json cannot be read: " + String.join("; ", unreadable.stream()
                            .sorted().toList()));
        }
        return report;
    }

    /** Why lead times are too short, and how to get them right. */
    static String shallowHistory(long missing, long commits) {
        return "lead time: the git repository is a shallow clone and holds " + (commits - missing) + " of the "
                + commits + " deployed commits; the lead time of the other " + missing + " starts at the "
                + "increment's first deployment instead of the commit. Fetch the whole history (git fetch "
                + "--unshallow; with actions/checkout, fetch-depth: 0)";
    }

    /** @param restore true for a rollback's restored version (the record says what it was rolled back from) */
    private record Raw(Instant deployedAt, String status, String health, String commit, boolean restore) {
    }

    /** @param untimed the {@code deployedAt} texts of the measured environment's deployments that are not a time */
    private record Collected(String increment, Instant firstDeployment, List<Raw> deployments, List<String> untimed) {
    }

    /**
     * One record object: its own deployment (null when it is not one, e.g. approval-only), its
     * history's, and the {@code deployedAt} of each deployment among them that is not a time.
     */
    private record Scan(Raw self, List<Raw> history, List<String> untimed) {
        List<Raw> deployments() {
            List<Raw> all = new ArrayList<>(history);
            if (self != null) {
                all.add(self);
            }
            return all;
        }
    }

    /**
     * Reads only what DORA needs from one metadata.json with Jackson's streaming parser: no tree is
     * built, every key outside {@code deployments.<env>} and its history entries is skipped. A key
     * given twice counts once, with its last value, as in the tree every other reader builds.
     */
    private Collected collect(Increment increment, String environment) {
        String source = ConfigLoader.display(project.dir(), increment.metadataFile());
        FileUpdates.requireInsideProject(increment.metadataFile(), project.config().specweaveDir());
        String text;
        try {
            text = JsonInput.withoutBom(JsonInput.readText(increment.metadataFile(), source));
        } catch (NoSuchFileException e) {
            return new Collected(increment.id(), null, List.of(), List.of());
        }
        Map<String, Scan> environments = new LinkedHashMap<>();
        String recordsKey = null;
        JsonParser p = null;
        try {
            p = JsonInput.factory(JsonInput.Syntax.JSON).createParser(text);
            JsonToken root = p.nextToken();
            if (root == null) {
                return new Collected(increment.id(), null, List.of(), List.of());
            }
            if (root != JsonToken.START_OBJECT) {
                throw new BadInputException(source + ": expected an object (SpecWeave's metadata.json), got "
                        + JsonInput.kind(p.readValueAsTree()));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                // The key MetadataDocument.deploymentsKey reads: deployments, else the first spelling it another way.
                boolean exact = MetadataDocument.DEPLOYMENTS.equals(field);
                if (!exact && (!MetadataDocument.spellsDeployments(field) || value != JsonToken.START_OBJECT
                        || recordsKey != null && !recordsKey.equals(field))) {
                    p.skipChildren();
                    continue;
                }
                recordsKey = field;
                environments.clear();
                if (value != JsonToken.START_OBJECT) {
                    JsonNode other = p.readValueAsTree();
                    // None, or an empty list: nothing is recorded.
                    if (other.isNull() || other.isArray() && other.isEmpty()) {
                        continue;
                    }
                    throw new BadInputException(source + ": deployments: expected an object of environments, got "
                            + JsonInput.kind(other));
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken record = p.nextToken();
                    if (record != JsonToken.START_OBJECT) {
                        if (name.equals(environment) && record != JsonToken.VALUE_NULL) {
                            throw new BadInputException(source + ": deployments." + name + ": expected an object, got "
                                    + JsonInput.kind(p.readValueAsTree()));
                        }
                        environments.remove(name);
                        p.skipChildren();
                        continue;
                    }
                    environments.put(name, readRecord(p, true));
                }
            }
            if (p.nextToken() != null) {
                throw new BadInputException(source + ": not valid JSON at line " + p.currentTokenLocation().getLineNr()
                        + ": more text after the end of the JSON value; a file holds one value");
            }
        } catch (JacksonException e) {
            throw new BadInputException(source + ": not valid JSON" + JsonInput.problem(e, p, text, "metadata.json"),
                    e);
        } catch (IOException e) {
            throw new BadInputException(source + ": cannot be read: " + FileProblem.of(e), e);
        }
        Instant first = null;
        for (Scan scan : environments.values()) {
            for (Raw raw : scan.deployments()) {
                // A status outside the list counts in no key: nor does it start the increment's lead time.
                if (raw.status == null || DeploymentStatus.of(raw.status).known()) {
                    first = earlier(first, raw.deployedAt);
                }
            }
        }
        Scan prod = environments.get(environment);
        return new Collected(increment.id(), first, prod == null ? List.of() : prod.deployments(),
                prod == null ? List.of() : prod.untimed());
    }

    /** Reads one record object (the parser is on its START_OBJECT). */
    private Scan readRecord(JsonParser p, boolean withHistory) throws IOException {
        String deployedAt = null;
        String status = null;
        String health = null;
        String commit = null;
        boolean restore = false;
        List<Raw> history = List.of();
        List<String> untimed = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String written = p.currentName();
            // deployed_at is deployedAt, as every reader of a record reads it; the field's own name wins.
            String field = DeploymentRecord.fieldSpelledBy(written);
            boolean respelled = !field.equals(written);
            JsonToken value = p.nextToken();
            String text = value == JsonToken.VALUE_STRING ? p.getText() : null;
            switch (field) {
                // A number is no time, but the warning says what was written.
                case "deployedAt" -> deployedAt = respelled && deployedAt != null ? deployedAt
                        : value.isScalarValue() && value != JsonToken.VALUE_NULL ? p.getText() : skipped(p);
                // As DeploymentRecord reads it: one that is no text (1, {"phase": "ok"}) is a status outside the list.
                case "status" -> status = respelled && status != null ? status : value == JsonToken.VALUE_NULL ? null
                        : value.isScalarValue() ? p.getText() : Json.mapper().readTree(p).toString();
                case "healthStatus" -> health = respelled && health != null ? health : text;
                case "commit" -> commit = respelled && commit != null ? commit : text;
                case "rolledBackFrom" -> {
                    restore = true;
                    p.skipChildren();
                }
                case "history" -> {
                    history = new ArrayList<>();
                    if (withHistory && value == JsonToken.START_ARRAY) {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            if (p.currentToken() == JsonToken.START_OBJECT) {
                                Scan entry = readRecord(p, false);
                                if (entry.self != null) {
                                    history.add(entry.self);
                                }
                                untimed.addAll(entry.untimed);
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        Instant at = Times.parse(deployedAt);
        if (at == null || status == null && commit == null) {
            if (at == null && (status != null || commit != null)) {
                untimed.add(deployedAt); // null: none given
            }
            return new Scan(null, history, untimed); // an approval-only entry, not a deployment
        }
        return new Scan(new Raw(at, status == null || status.isBlank() ? null : status, health,
                commit == null || commit.isBlank() ? null : commit, restore), history, untimed);
    }

    private static String skipped(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
