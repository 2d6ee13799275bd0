import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;

/**
 * Writes a .specweave project for the DORA benchmark: INCREMENTS increments, each with dev, qa and
 * staging records and a prod record whose history holds PER - 1 earlier prod deployments (PER in
 * all), spread over the last 80 days; about 1 in 12 failed or rolled back. Deterministic (seeded).
 *
 * Usage: java GenerateDoraProject.java OUT_DIR [INCREMENTS=5000] [PROD_PER_INCREMENT=10]
 */
public class GenerateDoraProject {

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int increments = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int per = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Random random = new Random(7);
        Files.createDirectories(out.resolve(".specweave/increments"));
        Files.writeString(out.resolve(".specweave/config.json"), """
                {
                  "sync": { "defaultProfile": "local-dev", "profiles": {
                    "local-dev": { "provider": "local", "environment": "dev" },
                    "local-qa": { "provider": "local", "environment": "qa" },
                    "local-staging": { "provider": "local", "environment": "staging" },
                    "local-prod": { "provider": "local", "environment": "prod" } } },
                  "deployment": { "pipeline": ["dev", "qa", "staging", "prod"] }
                }
                """);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant start = now.minus(Duration.ofDays(80));
        long span = Duration.between(start, now).getSeconds();
        String[] statuses = {"deployed", "deployed", "deployed", "deployed", "deployed", "deployed", "deployed",
                "deployed", "deployed", "deployed", "failed", "rolled_back"};
        for (int i = 1; i <= increments; i++) {
            String id = String.format("%04d-feature-%d", i, i);
            Path folder = out.resolve(".specweave/increments").resolve(id);
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("spec.md"), "# Feature " + i + "\n");
            long base = (long) (span * (double) (i - 1) / increments);
            Instant first = start.plusSeconds(base);
            StringBuilder json = new StringBuilder(8192);
            json.append("{\n  \"id\": \"").append(id).append("\",\n  \"status\": \"completed\",\n")
                    .append("  \"deployments\": {\n");
            json.append("    \"dev\": ").append(record("local-dev", first, "deployed", sha(random), null)).append(",\n");
            json.append("    \"qa\": ").append(record("local-qa", first.plusSeconds(3600), "deployed", sha(random), null))
                    .append(",\n");
            json.append("    \"staging\": ").append(record("local-staging", first.plusSeconds(7200), "deployed",
                    sha(random), null)).append(",\n");
            StringBuilder history = new StringBuilder();
            Instant at = first.plusSeconds(10_800);
            String current = null;
            for (int k = 0; k < per; k++) {
                at = at.plusSeconds(600 + random.nextInt(6 * 3600));
                if (at.isAfter(now)) {
                    at = now.minusSeconds(per - k);
                }
                String status = statuses[random.nextInt(statuses.length)];
                String r = record("local-prod", at, status, sha(random), "deployed".equals(status) ? "healthy" : "unhealthy");
                if (k < per - 1) {
                    history.append(k == 0 ? "" : ",\n").append("        ").append(r);
                } else {
                    current = r;
                }
            }
            json.append("    \"prod\": ").append(current, 0, current.length() - 1)
                    .append(", \"history\": [\n").append(history).append("\n      ]}\n  }\n}\n");
            Files.writeString(folder.resolve("metadata.json"), json);
        }
        System.out.println("wrote " + increments + " increments with " + (increments * per)
                + " prod deployments to " + out);
    }

    private static String record(String profile, Instant at, String status, String commit, String health) {
        return "{\"profile\": \"" + profile + "\", \"status\": \"" + status + "\", \"deployedAt\": \"" + at
                + "\", \"deployedBy\": \"ci-bot\", \"commit\": \"" + commit + "\", \"branch\": \"main\""
                + (health == null ? "" : ", \"healthStatus\": \"" + health + "\"") + "}";
    }

    private static String sha(Random random) {
        StringBuilder s = new StringBuilder(40);
        for (int i = 0; i < 40; i++) {
            s.append(Character.forDigit(random.nextInt(16), 16));
        }
        return s.toString();
    }
}
