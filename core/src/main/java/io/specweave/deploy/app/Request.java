package io.specweave.deploy.app;

import io.specweave.deploy.Command;
import io.specweave.deploy.Input;
import io.specweave.deploy.InputValueException;
import io.specweave.deploy.Message;
import io.specweave.deploy.IssueKeys;
import io.specweave.deploy.config.ConfigLoader;
import io.specweave.deploy.http.Urls;
import io.specweave.deploy.model.ChangeRequest;
import io.specweave.deploy.model.DeploymentStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a front end asks an operation of {@link Operations} to do, built with {@link #builder}.
 * Every operation reads the parts it needs; what is not set falls back to the run's facts (CI or
 * git), the profile and the config. Values are as the user typed them: the operation checks them
 * and names the input at fault.
 */
public final class Request {

    /** The deployment's state as the pipeline reports it. */
    public enum Outcome {
        /** The deploy job has started; the item shows the environment as in progress. */
        IN_PROGRESS(DeploymentStatus.IN_PROGRESS),
        /** The deploy job succeeded. */
        DEPLOYED(DeploymentStatus.DEPLOYED),
        /** The deploy job failed. */
        FAILED(DeploymentStatus.FAILED);

        private final DeploymentStatus status;

        Outcome(DeploymentStatus status) {
            this.status = status;
        }

        public DeploymentStatus status() {
            return status;
        }
    }

    /** What {@code feature-flag} does, and which of its inputs each action reads. */
    public enum FlagAction {
        ENABLE(Input.FLAG, Input.ENVIRONMENT, Input.INCREMENT, Input.CREATE, Input.DRY_RUN, Input.COMMIT_METADATA),
        DISABLE(Input.FLAG, Input.ENVIRONMENT, Input.INCREMENT, Input.CREATE, Input.DRY_RUN, Input.COMMIT_METADATA),
        LIST(Input.ENVIRONMENT),
        EXPORT(Input.ENVIRONMENT, Input.FORMAT);

        private final Set<Input> inputs;

        FlagAction(Input... inputs) {
            this.inputs = EnumSet.copyOf(List.of(inputs));
        }

        /**
         * Whether the action reads {@code input}, one of feature-flag's: a list changes nothing, so it
         * reads no flag; every action reads the action itself, and what every command reads.
         */
        public boolean reads(Input input) {
            return inputs.contains(input) || input == Input.FLAG_ACTION || Command.everyCommandReads(input);
        }

        /** The action's name as typed: {@code enable}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The action {@code text} names, in any case and with blanks around it; empty when none. */
        public static Optional<FlagAction> of(String text) {
            String typed = text == null ? "" : text.strip();
            return Arrays.stream(values()).filter(a -> a.word().equalsIgnoreCase(typed)).findFirst();
        }
    }

    /** Canary analysis thresholds given for one run instead of the profile's {@code canaryAnalysis}. */
    public record Thresholds(Double maxErrorRateIncrease, Double maxP95Increase, Long minRequests,
            Integer failureThreshold) {

        public static final Thresholds NONE = new Thresholds(null, null, null, null);
    }

    final Path dir;
    final String increment;
    final String profile;
    final String environment;
    final String slot;
    final String provider;
    final String commit;
    final String branch;
    final String tag;
    final String deployedBy;
    final String runUrl;
    final String deploymentUrl;
    final boolean dryRun;
    final boolean force;
    final boolean refresh;
    final boolean healthCheck;
    final CommitBack.Spec commitBack;
    final Outcome outcome;
    final String testResults;
    final String coverage;
    final String loadTestResults;
    final String metrics;
    final String changeRequest;
    final List<String> issueKeys;
    final Integer canaryWeight;
    final boolean canary;
    final boolean allEnvironments;
    final String reason;
    final String approvedBy;
    final String role;
    final String notes;
    final String suite;
    final Duration duration;
    final Duration interval;
    final Integer failures;
    final String metricsFile;
    final String prometheusUrl;
    final Thresholds thresholds;
    final FlagAction flagAction;
    final String flag;
    final boolean createFlag;
    final String format;
    final String window;
    final boolean history;
    final boolean dora;
    final String credentialUser;
    final String credentialSecret;

    private Request(Builder b) {
        dir = Objects.requireNonNull(b.dir, "dir");
        // An empty folder ("$PROJECT" unset) is the current one to Path: it would write where nobody asked.
        given(Input.DIR, dir.toString());
        increment = b.increment == null ? "active" : oneLine(Input.INCREMENT, given(Input.INCREMENT, b.increment));
        profile = oneLine(Input.PROFILE, given(Input.PROFILE, b.profile));
        environment = oneLine(Input.ENVIRONMENT, given(Input.ENVIRONMENT, b.environment));
        slot = oneLine(Input.SLOT, given(Input.SLOT, b.slot));
        provider = oneLine(Input.PROVIDER, given(Input.PROVIDER, b.provider));
        commit = commitName(oneLine(Input.COMMIT, given(Input.COMMIT, b.commit)));
        branch = oneLine(Input.BRANCH, given(Input.BRANCH, b.branch));
        tag = oneLine(Input.TAG, given(Input.TAG, b.tag));
        deployedBy = oneLine(Input.DEPLOYED_BY, given(Input.DEPLOYED_BY, b.deployedBy));
        runUrl = oneLine(Input.RUN_URL, given(Input.RUN_URL, b.runUrl));
        deploymentUrl = oneLine(Input.DEPLOYMENT_URL, given(Input.DEPLOYMENT_URL, b.deploymentUrl));
        if (deploymentUrl != null) {
            checkDeploymentUrl(deploymentUrl);
        }
        if (runUrl != null) {
            // Recorded and shown as a link as the deployment URL is: the same rule.
            Urls.withoutCredentials(runUrl, Input.RUN_URL, ConfigLoader.RECORDED);
        }
        dryRun = b.dryRun;
        force = b.force;
        refresh = b.refresh;
        healthCheck = b.healthCheck;
        commitBack = b.commitBack;
        outcome = b.outcome;
        testResults = given(Input.TEST_RESULTS, b.testResults);
        coverage = given(Input.COVERAGE, b.coverage);
        loadTestResults = given(Input.LOAD_TEST_RESULTS, b.loadTestResults);
        metrics = given(Input.METRICS, b.metrics);
        changeRequest = given(Input.CHANGE_REQUEST, b.changeRequest);
        issueKeys = b.issueKeys == null ? List.of() : List.copyOf(IssueKeys.parse(b.issueKeys, Input.ISSUE_KEYS));
        canaryWeight = b.canaryWeight;
        canary = b.canary;
        allEnvironments = b.allEnvironments;
        reason = given(Input.REASON, b.reason);
        approvedBy = oneLine(Input.APPROVED_BY, b.approvedBy);
        role = oneLine(Input.ROLE, given(Input.ROLE, b.role));
        notes = given(Input.NOTES, b.notes);
        suite = oneLine(Input.SUITE, given(Input.SUITE, b.suite));
        duration = b.duration;
        interval = b.interval;
        failures = b.failures;
        metricsFile = given(Input.METRICS_FILE, b.metricsFile);
        prometheusUrl = given(Input.PROMETHEUS_URL, b.prometheusUrl);
        thresholds = b.thresholds == null ? Thresholds.NONE : b.thresholds;
        flagAction = b.flagAction;
        flag = oneLine(Input.FLAG, given(Input.FLAG, b.flag));
        createFlag = b.createFlag;
        format = oneLine(Input.FORMAT, given(Input.FORMAT, b.format));
        window = oneLine(Input.WINDOW, given(Input.WINDOW, b.window));
        history = b.history;
        dora = b.dora;
        credentialUser = b.credentialUser;
        credentialSecret = b.credentialSecret;
    }

    /**
     * The change request given, parsed; null when none was. Its url is recorded and shown as a link as
     * the deployment URL is, so the same rule holds for it. Parsed when an operation acts, after
     * {@link CredentialsInValues}: a message about bad text may quote a part of it.
     */
    ChangeRequest parsedChangeRequest() {
        if (changeRequest == null) {
            return null;
        }
        ChangeRequest parsed = ChangeRequest.parse(changeRequest);
        if (parsed.url() != null) {
            Urls.withoutCredentials(parsed.url(), Message.of(new Message.Name(Input.CHANGE_REQUEST), ": url"),
                    ConfigLoader.RECORDED);
        }
        return parsed;
    }

    /** A request for the project in {@code dir} (the folder holding {@code .specweave}). */
    public static Builder builder(Path dir) {
        return new Builder().dir(dir);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.dir = dir;
        b.increment = increment;
        b.profile = profile;
        b.environment = environment;
        b.slot = slot;
        b.provider = provider;
        b.commit = commit;
        b.branch = branch;
        b.tag = tag;
        b.deployedBy = deployedBy;
        b.runUrl = runUrl;
        b.deploymentUrl = deploymentUrl;
        b.dryRun = dryRun;
        b.force = force;
        b.refresh = refresh;
        b.healthCheck = healthCheck;
        b.commitBack = commitBack;
        b.outcome = outcome;
        b.testResults = testResults;
        b.coverage = coverage;
        b.loadTestResults = loadTestResults;
        b.metrics = metrics;
        b.changeRequest = changeRequest;
        b.issueKeys = issueKeys;
        b.canaryWeight = canaryWeight;
        b.canary = canary;
        b.allEnvironments = allEnvironments;
        b.reason = reason;
        b.approvedBy = approvedBy;
        b.role = role;
        b.notes = notes;
        b.suite = suite;
        b.duration = duration;
        b.interval = interval;
        b.failures = failures;
        b.metricsFile = metricsFile;
        b.prometheusUrl = prometheusUrl;
        b.thresholds = thresholds;
        b.flagAction = flagAction;
        b.flag = flag;
        b.createFlag = createFlag;
        b.format = format;
        b.window = window;
        b.history = history;
        b.dora = dora;
        b.credentialUser = credentialUser;
        b.credentialSecret = credentialSecret;
        return b;
    }

    public Path dir() {
        return dir;
    }

    /** What the user typed: {@code 0018}, {@code 18}, {@code 0018-name} or {@code active} (the default). */
    public String increment() {
        return increment;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public CommitBack.Spec commitBack() {
        return commitBack;
    }

    public List<String> issueKeys() {
        return issueKeys;
    }

    /** The glob of JUnit XML reports to attach, or null. */
    public String testResults() {
        return testResults;
    }

    public boolean healthCheck() {
        return healthCheck;
    }

    public boolean force() {
        return force;
    }

    /** A deployment to every environment of the pipeline ({@link Operations#deployAll}), not to one. */
    public boolean allEnvironments() {
        return allEnvironments;
    }

    /** The test suite to run: a key of {@code deployment.testSuites}, or null. */
    public String suite() {
        return suite;
    }

    /**
     * Every text given, by the input it was given for (issue keys joined by commas): what an operation
     * may record or show of the request.
     */
    Map<Input, String> texts() {
        Map<Input, String> texts = new EnumMap<>(Input.class);
        java.util.function.BiConsumer<Input, String> given = (input, value) -> {
            if (value != null) {
                texts.put(input, value);
            }
        };
        given.accept(Input.INCREMENT, increment);
        given.accept(Input.PROFILE, profile);
        given.accept(Input.ENVIRONMENT, environment);
        given.accept(Input.SLOT, slot);
        given.accept(Input.PROVIDER, provider);
        given.accept(Input.COMMIT, commit);
        given.accept(Input.BRANCH, branch);
        given.accept(Input.TAG, tag);
        given.accept(Input.DEPLOYED_BY, deployedBy);
        given.accept(Input.RUN_URL, runUrl);
        given.accept(Input.DEPLOYMENT_URL, deploymentUrl);
        given.accept(Input.TEST_RESULTS, testResults);
        given.accept(Input.COVERAGE, coverage);
        given.accept(Input.LOAD_TEST_RESULTS, loadTestResults);
        given.accept(Input.METRICS, metrics);
        given.accept(Input.CHANGE_REQUEST, changeRequest);
        given.accept(Input.ISSUE_KEYS, issueKeys.isEmpty() ? null : String.join(",", issueKeys));
        given.accept(Input.REASON, reason);
        given.accept(Input.APPROVED_BY, approvedBy);
        given.accept(Input.ROLE, role);
        given.accept(Input.NOTES, notes);
        given.accept(Input.SUITE, suite);
        given.accept(Input.METRICS_FILE, metricsFile);
        given.accept(Input.PROMETHEUS_URL, prometheusUrl);
        given.accept(Input.FLAG, flag);
        given.accept(Input.FORMAT, format);
        given.accept(Input.WINDOW, window);
        return texts;
    }

    /**
     * What was given for {@code input}, stripped; null when nothing was. An empty value given on
     * purpose ({@code --commit "$SHA"} with the variable unset) is refused: falling back to the
     * checkout's commit, or to the only environment, would record what nobody asked for. The
     * Action's and the Jenkins step's empty parameters are not given ({@link TextInputs}).
     */
    private static String given(Input input, String text) {
        if (text != null && text.isBlank()) {
            throw new InputValueException(input, "expected a value, got an empty one; leave it out for the default");
        }
        return text == null ? null : text.strip();
    }

    /** Builds a {@link Request}; every setter takes what the user gave, null for nothing (an empty text is refused). */
    public static final class Builder {
        private Path dir;
        private String increment;
        private String profile;
        private String environment;
        private String slot;
        private String provider;
        private String commit;
        private String branch;
        private String tag;
        private String deployedBy;
        private String runUrl;
        private String deploymentUrl;
        private boolean dryRun;
        private boolean force;
        private boolean refresh;
        private boolean healthCheck = true;
        private CommitBack.Spec commitBack;
        private Outcome outcome = Outcome.DEPLOYED;
        private String testResults;
        private String coverage;
        private String loadTestResults;
        private String metrics;
        private String changeRequest;
        private List<String> issueKeys;
        private Integer canaryWeight;
        private boolean canary;
        private boolean allEnvironments;
        private String reason;
        private String approvedBy;
        private String role;
        private String notes;
        private String suite;
        private Duration duration;
        private Duration interval;
        private Integer failures;
        private String metricsFile;
        private String prometheusUrl;
        private Thresholds thresholds;
        private FlagAction flagAction;
        private String flag;
        private boolean createFlag;
        private String format;
        private String window;
        private boolean history;
        private boolean dora = true;
        private String credentialUser;
        private String credentialSecret;

        private Builder() {
        }

        public Builder dir(Path v) { dir = v; return this; }

        /**
         * The project folder {@code relative} to the CI workspace this builder was made for (its
         * {@link #dir}), as the Action's {@code working-directory} and the Jenkins step's
         * {@code workingDirectory} give it. Like actions/checkout's {@code path}, a step works on the
         * checkout, never beside it: a folder outside the workspace is refused.
         */
        public Builder workingDirectory(String relative) {
            Path workspace = (dir == null ? Path.of("") : dir).toAbsolutePath().normalize();
            Path resolved;
            try {
                resolved = workspace.resolve(relative).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw new InputValueException(Input.DIR, "\"" + relative + "\" is not a path");
            }
            if (!resolved.startsWith(workspace) || !insideAfterLinks(workspace, resolved)) {
                throw new InputValueException(Input.DIR, "expected a folder inside the workspace, got \"" + relative
                        + "\", which is outside it");
            }
            return dir(resolved);
        }

        /** A symbolic link inside the workspace may point out of it: where it leads must be inside too. */
        private static boolean insideAfterLinks(Path workspace, Path folder) {
            try {
                return !java.nio.file.Files.exists(folder) || folder.toRealPath().startsWith(workspace.toRealPath());
            } catch (java.io.IOException e) {
                // Unreadable: the folder's own check (no .specweave here) says what is wrong with it.
                return true;
            }
        }

        /** {@code 0018}, {@code 18}, {@code 0018-name} or {@code active}; null for the active one. */
        public Builder increment(String v) { increment = v; return this; }
        public Builder profile(String v) { profile = v; return this; }
        /** The environment, or {@code ENV-SLOT} (e.g. {@code prod-green}) for a blue-green slot. */
        public Builder environment(String v) { environment = v; return this; }
        public Builder slot(String v) { slot = v; return this; }
        /** The provider word of {@code sync <provider> <increment>}: must match the profile's. */
        public Builder provider(String v) { provider = v; return this; }
        public Builder commit(String v) { commit = v; return this; }
        public Builder branch(String v) { branch = v; return this; }
        public Builder tag(String v) { tag = v; return this; }
        public Builder deployedBy(String v) { deployedBy = v; return this; }
        public Builder runUrl(String v) { runUrl = v; return this; }
        public Builder deploymentUrl(String v) { deploymentUrl = v; return this; }
        /** Compute and report; write nothing, call no tracker. */
        public Builder dryRun(boolean v) { dryRun = v; return this; }
        /** Record past refused promotion gates (the record says {@code forced: true}); swap to an unhealthy slot. */
        public Builder force(boolean v) { force = v; return this; }
        /** First read every environment's record from its tracking item. */
        public Builder refresh(boolean v) { refresh = v; return this; }
        /** Check the environment's health after a deployment (default true). */
        public Builder healthCheck(boolean v) { healthCheck = v; return this; }
        /** Commit the changed files back to the branch; null not to. */
        public Builder commitBack(CommitBack.Spec v) { commitBack = v; return this; }
        public Builder outcome(Outcome v) { outcome = v; return this; }
        /** A glob of JUnit XML reports. */
        public Builder testResults(String v) { testResults = v; return this; }
        public Builder coverage(String v) { coverage = v; return this; }
        public Builder loadTestResults(String v) { loadTestResults = v; return this; }
        /** A JSON object, or {@code @file}. */
        public Builder metrics(String v) { metrics = v; return this; }
        /** {@code id=..,url=..,approvedAt=..,window=START/END}. */
        public Builder changeRequest(String v) { changeRequest = v; return this; }
        public Builder issueKeys(List<String> v) { issueKeys = v; return this; }
        /** {@code deploy}: the canary's share of traffic in percent. */
        public Builder canaryWeight(Integer v) { canaryWeight = v; return this; }
        /** {@code rollback}, {@code monitor}: work on the running canary. */
        public Builder canary(boolean v) { canary = v; return this; }
        public Builder allEnvironments(boolean v) { allEnvironments = v; return this; }
        public Builder reason(String v) { reason = v; return this; }
        public Builder approvedBy(String v) { approvedBy = v; return this; }
        public Builder role(String v) { role = v; return this; }
        public Builder notes(String v) { notes = v; return this; }
        public Builder suite(String v) { suite = v; return this; }
        public Builder duration(Duration v) { duration = v; return this; }
        public Builder interval(Duration v) { interval = v; return this; }
        public Builder failures(Integer v) { failures = v; return this; }
        public Builder metricsFile(String v) { metricsFile = v; return this; }
        public Builder prometheusUrl(String v) { prometheusUrl = v; return this; }
        public Builder thresholds(Thresholds v) { thresholds = v; return this; }
        public Builder flagAction(FlagAction v) { flagAction = v; return this; }
        public Builder flag(String v) { flag = v; return this; }
        /** {@code feature-flag enable|disable} may add a flag no environment has yet. */
        public Builder createFlag(boolean v) { createFlag = v; return this; }
        public Builder format(String v) { format = v; return this; }
        /** DORA's window: {@code 90d}, {@code 12w}, {@code 48h}. */
        public Builder window(String v) { window = v; return this; }
        /** {@code status}: each environment's earlier deployments too. */
        public Builder history(boolean v) { history = v; return this; }
        /** {@code status}: the DORA block (default true). */
        public Builder dora(boolean v) { dora = v; return this; }

        /**
         * A credential for the target profile's tracker, given as a value rather than a variable (a
         * Jenkins credential): a token when {@code username} is null, else a username and password.
         * Which variable it becomes depends on the profile's provider and {@code config.tokenEnv}.
         */
        public Builder credential(String username, String secret) {
            credentialUser = username;
            credentialSecret = secret;
            return this;
        }

        public Request build() {
            return new Request(this);
        }
    }

    /**
     * {@code value} when it is one line of text: a name, a commit or a link is recorded as a field
     * that every view shows on one line, and a line break in it is a mistake in what the step passes
     * (a multi-line YAML value, a variable holding a command's whole output). Notes and reasons may
     * run over lines.
     */
    private static String oneLine(Input input, String value) {
        if (value != null && value.chars().anyMatch(Character::isISOControl)) {
            throw new InputValueException(input, "expected one line of text, got " + (value.contains("\n")
                    || value.contains("\r") ? "a line break" : "a control character") + " in \""
                    + value.lines().findFirst().orElse("") + "…\"");
        }
        return value;
    }

    /** A commit's object name as git abbreviates it (7 hex digits or more) or writes it whole (40; 64 for SHA-256). */
    private static final java.util.regex.Pattern COMMIT_NAME = java.util.regex.Pattern.compile(
            "[0-9a-fA-F]{7,40}|[0-9a-fA-F]{64}");

    /**
     * {@code value} when it names a commit by its hex object name, as the CI gives it ({@code GITHUB_SHA},
     * {@code GIT_COMMIT}) or {@code git rev-parse --short} prints it: the record links it to the
     * repository's commit page and approvals match it by prefix, so a ref ({@code refs/heads/main}),
     * an unexpanded expression or a command line is a mistake in what the step passes.
     */
    private static String commitName(String value) {
        if (value != null && !COMMIT_NAME.matcher(value).matches()) {
            String shown = value.length() > 50 ? value.substring(0, 50) + "…" : value;
            throw new InputValueException(Input.COMMIT, "expected a commit's hex object name (7 to 40 hex digits, "
                    + "or 64 in a SHA-256 repository), such as the CI's commit SHA, got \"" + shown + "\"");
        }
        // git's own spelling: every record, link and comparison then has the same one.
        return value == null ? null : value.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * An http(s) URL without user info: the URL is recorded in metadata.json and on tracking items,
     * and health-checked, so a {@code user:password@} in it would leak into both.
     */
    private static void checkDeploymentUrl(String url) {
        Urls.withoutCredentials(url, Input.DEPLOYMENT_URL, ConfigLoader.RECORDED);
    }
}
