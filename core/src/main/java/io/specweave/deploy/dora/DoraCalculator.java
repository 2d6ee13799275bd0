package io.specweave.deploy.dora;

import io.specweave.deploy.Durations;
import io.specweave.deploy.model.DeploymentStatus;
import io.specweave.deploy.model.HealthStatus;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Computes the four keys from production deployments. Definitions (dora.dev; the Four Keys
 * project's METRICS.md; bands of the 2023 Accelerate State of DevOps report):
 * <ul>
 * <li>Deployment frequency: successful deployments per week. Band by deployment days, as Four Keys
 * does: median deployment days per week ≥ 3 is daily (elite); more than half the weeks with a
 * deployment is weekly (high); more than half the months with a deployment is monthly (medium);
 * else yearly (low): half the months or fewer.</li>
 * <li>Lead time for changes: median of commit time → production deployment. Elite under a day,
 * high under a week, medium under a month (30 days), low beyond.</li>
 * <li>Change failure rate: failed or rolled-back ÷ finished deployments. Elite ≤ 5 %, high ≤ 10 %,
 * medium ≤ 15 %, low above.</li>
 * <li>Failed deployment recovery time: median from a failed or rolled-back deployment to the next
 * healthy one. Elite under an hour, high under a day, medium under a week, low beyond.</li>
 * </ul>
 * Weeks start on Monday (UTC); partial weeks and months at the period's edges count as whole ones.
 */
public final class DoraCalculator {

    /**
     * One production deployment.
     *
     * @param increment     the increment
     * @param deployedAt    when
     * @param status        deployed, failed, rolled_back, in_progress (ignored)
     * @param healthStatus  healthy / unhealthy / unreachable / null (not checked)
     * @param changeAt      when the change started: the commit's time, else the increment's first deployment
     * @param restore       a rollback's putting back of an earlier version: the failed change's recovery, not a
     *                      change of its own (dora.dev, Four Keys), so it counts in recovery time only
     * @param fromCommit    true when {@code changeAt} is the commit's time, false when it is the first deployment's
     */
    public record ProdDeployment(String increment, Instant deployedAt, DeploymentStatus status, HealthStatus healthStatus,
            Instant changeAt, boolean restore, boolean fromCommit) {

        public ProdDeployment(String increment, Instant deployedAt, DeploymentStatus status, HealthStatus healthStatus,
                Instant changeAt, boolean restore) {
            this(increment, deployedAt, status, healthStatus, changeAt, restore, true);
        }

        public ProdDeployment(String increment, Instant deployedAt, DeploymentStatus status, HealthStatus healthStatus,
                Instant changeAt) {
            this(increment, deployedAt, status, healthStatus, changeAt, false);
        }

        boolean successful() {
            return !restore && (status == null || DeploymentStatus.DEPLOYED.equals(status)
                    || DeploymentStatus.ROLLED_BACK.equals(status));
        }

        boolean failedChange() {
            return DeploymentStatus.FAILED.equals(status) || DeploymentStatus.ROLLED_BACK.equals(status);
        }

        boolean finished() {
            return !restore && !DeploymentStatus.IN_PROGRESS.equals(status);
        }

        boolean healthy() {
            return (status == null || DeploymentStatus.DEPLOYED.equals(status))
                    && !HealthStatus.isFailing(healthStatus);
        }
    }

    public DoraReport calculate(String environment, String window, Instant from, Instant to,
            List<ProdDeployment> all) {
        List<ProdDeployment> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing(ProdDeployment::deployedAt));
        List<ProdDeployment> inWindow = sorted.stream()
                .filter(d -> !d.deployedAt().isBefore(from) && !d.deployedAt().isAfter(to) && d.finished())
                .toList();
        List<ProdDeployment> successful = inWindow.stream().filter(ProdDeployment::successful).toList();
        List<ProdDeployment> failures = inWindow.stream().filter(ProdDeployment::failedChange).toList();
        String period = "between " + from.truncatedTo(ChronoUnit.SECONDS) + " and " + to.truncatedTo(ChronoUnit.SECONDS);
        return new DoraReport(environment, window, from.truncatedTo(ChronoUnit.SECONDS).toString(),
                to.truncatedTo(ChronoUnit.SECONDS).toString(), successful.size(), failures.size(),
                frequency(environment, period, from, to, successful),
                leadTime(environment, period, successful),
                failureRate(environment, period, inWindow, failures),
                recovery(environment, period, sorted, failures, to), List.of());
    }

    private static DoraMetric frequency(String env, String period, Instant from, Instant to,
            List<ProdDeployment> successful) {
        if (successful.isEmpty()) {
            return DoraMetric.notAvailable("deployments/week", "no successful deployment to " + env + " " + period);
        }
        double days = Math.max(1.0, Duration.between(from, to).toMinutes() / 1440.0);
        double perWeek = successful.size() / (days / 7.0);
        Set<LocalDate> deploymentDays = new HashSet<>();
        successful.forEach(d -> deploymentDays.add(LocalDate.ofInstant(d.deployedAt(), ZoneOffset.UTC)));
        LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(to, ZoneOffset.UTC);
        LocalDate week = first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<Double> daysPerWeek = new ArrayList<>();
        List<Double> weekDeployed = new ArrayList<>();
        // Per month, 1 when it had a deployment: its median is 1 only when most months had one, whatever
        // the busy months' counts (a median of week counts would say monthly with half the months empty).
        // A deployment counts for the month of its own day, not of its week's Monday (in the month before).
        Map<YearMonth, Integer> monthDeployed = new HashMap<>();
        deploymentDays.stream().filter(day -> !day.isBefore(first) && !day.isAfter(last))
                .forEach(day -> monthDeployed.put(YearMonth.from(day), 1));
        for (LocalDate w = week; !w.isAfter(last); w = w.plusWeeks(1)) {
            int count = 0;
            for (int i = 0; i < 7; i++) {
                if (deploymentDays.contains(w.plusDays(i))) {
                    count++;
                }
            }
            daysPerWeek.add((double) count);
            weekDeployed.add(count > 0 ? 1.0 : 0.0);
        }
        for (YearMonth m = YearMonth.from(first); !m.isAfter(YearMonth.from(last)); m = m.plusMonths(1)) {
            monthDeployed.putIfAbsent(m, 0);
        }
        double medianDays = median(daysPerWeek);
        String band;
        String basis;
        if (medianDays >= 3) {
            band = "elite";
            basis = "daily: median " + number(medianDays) + " deployment days per week (3 or more)";
        } else if (median(weekDeployed) >= 1) {
            band = "high";
            basis = "weekly: most weeks have a deployment (median " + number(medianDays) + " deployment "
                    + (medianDays == 1 ? "day" : "days") + " per week)";
        } else if (days < 28) {
            // A window shorter than a month cannot show months: say what it shows.
            band = "medium";
            basis = "monthly at best: half or fewer of the window's weeks have a deployment, and the window ("
                    + number(days) + " days) is too short to count months";
        } else if (median(monthDeployed.values().stream().map(Integer::doubleValue).toList()) >= 1) {
            band = "medium";
            basis = "monthly: most months have a deployment";
        } else {
            band = "low";
            basis = "yearly: half the months or fewer have a deployment";
        }
        double rounded = Math.round(perWeek * 100) / 100.0;
        return new DoraMetric(rounded, "deployments/week", number(rounded) + "/week", band, basis, successful.size());
    }

    private static DoraMetric leadTime(String env, String period, List<ProdDeployment> successful) {
        List<Double> hours = new ArrayList<>();
        int fromFirstDeployment = 0;
        for (ProdDeployment d : successful) {
            if (d.changeAt() != null) {
                hours.add(Math.max(0, Duration.between(d.changeAt(), d.deployedAt()).getSeconds()) / 3600.0);
                fromFirstDeployment += d.fromCommit() ? 0 : 1;
            }
        }
        if (hours.isEmpty()) {
            return DoraMetric.notAvailable("hours", successful.isEmpty()
                    ? "no successful deployment to " + env + " " + period
                    : "no commit or first-deployment time is known for the deployments to " + env);
        }
        double median = median(hours);
        String band = median < 24 ? "elite" : median < 24 * 7 ? "high" : median < 24 * 30 ? "medium" : "low";
        return new DoraMetric(hours(median), "hours", Durations.human(Duration.ofSeconds(Math.round(median * 3600))),
                band, "median of " + hours.size() + (hours.size() == 1 ? " change" : " changes") + ", "
                        + span(env, fromFirstDeployment, hours.size()), hours.size());
    }

    /** What the measured lead times span: from the commit, unless the repository does not hold it. */
    private static String span(String env, int fromFirstDeployment, int changes) {
        if (fromFirstDeployment == 0) {
            return "commit to " + env;
        }
        if (fromFirstDeployment == changes) {
            return "the increment's first deployment to " + env + ": the deployed commits are not in this git repository";
        }
        return "commit to " + env + "; " + fromFirstDeployment + " from the increment's first deployment, their commit "
                + "not being in this git repository";
    }

    private static DoraMetric failureRate(String env, String period, List<ProdDeployment> finished,
            List<ProdDeployment> failures) {
        if (finished.isEmpty()) {
            return DoraMetric.notAvailable("percent", "no deployment to " + env + " " + period);
        }
        double percent = failures.size() * 100.0 / finished.size();
        String band = percent <= 5 ? "elite" : percent <= 10 ? "high" : percent <= 15 ? "medium" : "low";
        return new DoraMetric(round(percent), "percent", number(round(percent)) + "%", band,
                failures.size() + " of " + finished.size() + " deployments failed or were rolled back", finished.size());
    }

    private static DoraMetric recovery(String env, String period, List<ProdDeployment> sorted,
            List<ProdDeployment> failures, Instant to) {
        if (failures.isEmpty()) {
            return DoraMetric.notAvailable("hours", "no failed or rolled-back deployment to " + env + " " + period);
        }
        // nextHealthy[i]: the first healthy deployment at or after position i (sorted by time), or -1.
        int n = sorted.size();
        int[] nextHealthy = new int[n + 1];
        nextHealthy[n] = -1;
        for (int i = n - 1; i >= 0; i--) {
            nextHealthy[i] = sorted.get(i).healthy() ? i : nextHealthy[i + 1];
        }
        List<Double> hours = new ArrayList<>();
        for (ProdDeployment failure : failures) {
            int after = firstAfter(sorted, failure.deployedAt());
            int next = nextHealthy[after];
            if (next >= 0 && !sorted.get(next).deployedAt().isAfter(to)) {
                hours.add(Duration.between(failure.deployedAt(), sorted.get(next).deployedAt()).getSeconds() / 3600.0);
            }
        }
        if (hours.isEmpty()) {
            return DoraMetric.notAvailable("hours", failures.size() + " failed or rolled-back deployment"
                    + (failures.size() == 1 ? "" : "s") + " to " + env + ", none followed by a healthy one yet");
        }
        double median = median(hours);
        String band = median < 1 ? "elite" : median < 24 ? "high" : median < 24 * 7 ? "medium" : "low";
        return new DoraMetric(hours(median), "hours", Durations.human(Duration.ofSeconds(Math.round(median * 3600))),
                band, "median of " + hours.size() + (hours.size() == 1 ? " recovery" : " recoveries")
                        + (hours.size() < failures.size() ? " (" + (failures.size() - hours.size()) + " not recovered yet)" : ""),
                hours.size());
    }

    /** The position of the first deployment strictly after {@code at}; {@code sorted.size()} when none. */
    private static int firstAfter(List<ProdDeployment> sorted, Instant at) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid).deployedAt().isAfter(at)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /**
     * Hours to the second (four decimals): a lead time of 16 s is 0.0044 h, where two decimals would
     * say 0 while the text says 16s.
     */
    private static double hours(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value)
                .replaceAll("0+$", "");
    }
}
