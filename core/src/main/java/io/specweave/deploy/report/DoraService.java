package io.specweave.deploy.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.Project;
import io.specweave.deploy.config.ConfigLoader;
import io.specweave.deploy.config.SpecweaveConfig;
import io.specweave.deploy.deploy.DeploymentRecord;
import io.specweave.deploy.increment.Increment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dora}: the four keys over the production deployments (current records and history) of
 * every increment. Production is {@code deployment.productionEnvironment}, else the pipeline's
 * last environment. Lead time starts at the commit's time from git when the repository holds the
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

    /** {@code deployment.productionEnvironment}, else the last pipeline environment, else "prod". */
    public static String productionEnvironment(SpecweaveConfig config) {
        JsonNode node = config.at("/deployment/productionEnvironment");
        if (!node.isMissingNode() && !node.isNull()) {
            if (!node.isTextual() || node.asText().isBlank()) {
                throw new BadInputException(config.source() + ": deployment.productionEnvironment: expected an "
                        + "environment name such as \"prod\", got " + ConfigLoader.describe(node));
            }
            return node.asText().trim();
        }
        List<String> pipeline = config.pipeline();
        return pipeline.isEmpty() ? "prod" : pipeline.get(pipeline.size() - 1);
    }

    /** {@code 90d}, {@code 12w}, {@code 48h}. */
    public static Duration parseWindow(String window) {
        Matcher m = WINDOW.matcher(window == null ? "" : window.trim());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new BadInputException("--window \"" + window + "\": expected a positive number of days, weeks or "
                    + "hours such as 90d, 12w or 48h");
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
        String environment = productionEnvironment(project.config());
        Instant to = Instant.now(clock);
        Instant windowStart = to.minus(length);
        List<Increment> increments = project.increments().list();
        List<Collected> collected = increments.parallelStream().map(i -> collect(i, environment)).toList();
        List<String> commits = new ArrayList<>();
        Instant dataStart = null;
        for (Collected c : collected) {
            c.deployments.forEach(d -> commits.add(d.commit));
            if (c.firstDeployment != null && (dataStart == null || c.firstDeployment.isBefore(dataStart))) {
                dataStart = c.firstDeployment;
            }
        }
        Map<String, Instant> commitTimes = GitCommitTimes.lookup(project.dir(), commits);
        List<DoraCalculator.ProdDeployment> deployments = new ArrayList<>();
        for (Collected c : collected) {
            for (Raw d : c.deployments) {
                Instant changeAt = d.commit == null ? null : commitTimes.get(d.commit);
                deployments.add(new DoraCalculator.ProdDeployment(c.increment, d.deployedAt, d.status, d.health,
                        changeAt != null ? changeAt : c.firstDeployment));
            }
        }
        Instant from = dataStart != null && dataStart.isAfter(windowStart) ? dataStart : windowStart;
        return new DoraCalculator().calculate(environment, label, from, to, deployments);
    }

    private record Raw(Instant deployedAt, String status, String health, String commit) {
    }

    private record Collected(String increment, Instant firstDeployment, List<Raw> deployments) {
    }

    /** Reads only what DORA needs from one metadata.json, straight from the tree. */
    private Collected collect(Increment increment, String environment) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readAllBytes(increment.metadataFile()));
        } catch (NoSuchFileException e) {
            return new Collected(increment.id(), null, List.of());
        } catch (IOException e) {
            throw new BadInputException(increment.id() + "/metadata.json: cannot be read as JSON: " + e.getMessage(),
                    e);
        }
        JsonNode deployments = root == null ? null : root.get("deployments");
        if (deployments == null || !deployments.isObject()) {
            return new Collected(increment.id(), null, List.of());
        }
        Instant first = null;
        List<Raw> prod = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = deployments.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            JsonNode node = entry.getValue();
            if (!node.isObject()) {
                continue;
            }
            boolean isProd = Objects.equals(entry.getKey(), environment);
            first = earlier(first, visit(node, isProd, prod));
            JsonNode history = node.get("history");
            if (history != null && history.isArray()) {
                for (JsonNode h : history) {
                    if (h.isObject()) {
                        first = earlier(first, visit(h, isProd, prod));
                    }
                }
            }
        }
        return new Collected(increment.id(), first, prod);
    }

    private static Instant visit(JsonNode node, boolean isProd, List<Raw> prod) {
        Instant at = DeploymentRecord.parseTime(Json.text(node, "deployedAt"));
        String status = Json.text(node, "status");
        if (at == null || status == null && !node.has("commit")) {
            return null; // an approval-only entry, not a deployment
        }
        if (isProd) {
            prod.add(new Raw(at, status, Json.text(node, "healthStatus"), Json.text(node, "commit")));
        }
        return at;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
