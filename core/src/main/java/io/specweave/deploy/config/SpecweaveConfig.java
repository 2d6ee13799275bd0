package io.specweave.deploy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A loaded {@code .specweave/config.json}: the sync profiles and the pipeline order. The whole
 * tree stays available ({@link #root()}) for settings other modules own; nothing here rewrites
 * the file.
 */
public final class SpecweaveConfig {

    /** The order used when the config has no {@code deployment.pipeline}. */
    public static final List<String> DEFAULT_PIPELINE = List.of("dev", "qa", "staging", "uat", "preview", "prod");

    private final Path projectDir;
    private final String source;
    private final ObjectNode root;
    private final Map<String, SyncProfile> profiles;
    private final List<String> profileOrder;
    private final List<String> declaredPipeline;
    private final List<ReleaseEnvironment> release;
    private final Map<String, BadInputException> brokenProfiles;
    private final Map<String, BadInputException> brokenEnvironments;
    private final List<String> notes;
    private final List<String> warnings;

    SpecweaveConfig(Path projectDir, String source, ObjectNode root, Map<String, SyncProfile> profiles,
            List<String> declaredPipeline, List<ReleaseEnvironment> release,
            Map<String, BadInputException> brokenProfiles, Map<String, BadInputException> brokenEnvironments,
            List<String> notes, List<String> warnings) {
        this.projectDir = projectDir;
        this.source = source;
        this.root = root;
        this.profiles = Map.copyOf(profiles);
        this.profileOrder = List.copyOf(profiles.keySet());
        this.declaredPipeline = declaredPipeline;
        this.release = List.copyOf(release);
        this.brokenProfiles = Map.copyOf(brokenProfiles);
        this.brokenEnvironments = Map.copyOf(brokenEnvironments);
        this.notes = List.copyOf(notes);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * What was read leniently and how (profiles ignored because they cannot be read, the old
     * profile shape, SpecWeave keys skipped): for {@code --debug}, never an error by itself.
     */
    public List<String> notes() {
        return notes;
    }

    /**
     * What in the file's text SpecWeave itself cannot read, though this tool did (a trailing comma,
     * with where it is): for the outcome of every operation, whatever it is, never only {@code --debug}.
     */
    public List<String> warnings() {
        return warnings;
    }

    /** SpecWeave's {@code cicd.git.branchPrefix} (its increments' branches are {@code <prefix><id>}), default {@code sw/}. */
    public String branchPrefix() {
        JsonNode prefix = root.at("/cicd/git/branchPrefix");
        return prefix.isTextual() && !prefix.asText().isBlank() ? prefix.asText()
                : "sw/";
    }

    /** SpecWeave's {@code cicd.release.environments}, as far as they could be read. */
    public List<ReleaseEnvironment> releaseEnvironments() {
        return release;
    }

    /** The project folder, the one holding {@code .specweave}. */
    public Path projectDir() {
        return projectDir;
    }

    /** {@code <project>/.specweave}. */
    public Path specweaveDir() {
        return projectDir.resolve(".specweave");
    }

    /** How error messages name the config file. */
    public String source() {
        return source;
    }

    /** The whole parsed file; read-only by convention. */
    public ObjectNode root() {
        return root;
    }

    /** A node by JSON pointer ({@code /deployment/promotion}), or a missing node. */
    public JsonNode at(String pointer) {
        return root.at(pointer);
    }

    /** Profiles in config order. */
    public List<SyncProfile> profiles() {
        return profileOrder.stream().map(profiles::get).toList();
    }

    /** The profile called {@code name}, if it could be read (a lookup: never fails). */
    public Optional<SyncProfile> findProfile(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    /** The profile a command uses by name: one that could not be read fails here, and only here. */
    private Optional<SyncProfile> useProfile(String name) {
        if (name != null && brokenProfiles.containsKey(name) && !profiles.containsKey(name)) {
            throw brokenProfiles.get(name);
        }
        return findProfile(name);
    }

    /** The profile called {@code name}, or an error listing the known ones. */
    public SyncProfile profile(String name) {
        SyncProfile profile = useProfile(name).orElse(null);
        if (profile == null) {
            throw new BadInputException(source + ": sync.profiles: no profile named \"" + name + "\"; "
                    + knownProfiles());
        }
        return profile;
    }

    /** Profiles recording deployments to {@code environment}, in config order. */
    public List<SyncProfile> profilesForEnvironment(String environment) {
        return profiles().stream().filter(p -> environment.equals(p.environment())).toList();
    }

    /**
     * True when the config gives {@code environment} a profile, or tries to: a binding in
     * {@code deployment.environments} that is broken (an unknown profile or provider) counts, so that
     * whoever goes over every environment reports it instead of passing it over.
     */
    public boolean configures(String environment) {
        return !profilesForEnvironment(environment).isEmpty() || brokenEnvironments.containsKey(environment);
    }

    /**
     * The one profile of an environment. {@code sync.defaultProfile} is SpecWeave's choice for its
     * own issue sync, so it never picks among several: the user binds the environment instead.
     */
    public SyncProfile profileForEnvironment(String environment) {
        List<SyncProfile> matches = profilesForEnvironment(environment);
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty() && brokenEnvironments.containsKey(environment)) {
            throw brokenEnvironments.get(environment);
        }
        if (matches.isEmpty()) {
            throw new BadInputException(Input.ENVIRONMENT, Message.of(Message.arg(Input.ENVIRONMENT, environment),
                    ": " + source + " has no environment \"" + environment + "\" in " + ConfigLoader.ENVIRONMENTS_PATH
                    + " (nor a profile in sync.profiles with \"environment\": \"" + environment + "\"); "
                    + knownEnvironments(environment)));
        }
        throw new BadInputException(Message.of(source + ": sync.profiles: "
                + matches.size() + " profiles have \"environment\": \"" + environment + "\" ("
                + matches.stream().map(SyncProfile::name).collect(Collectors.joining(", "))
                + "); bind one in " + ConfigLoader.ENVIRONMENTS_PATH + "." + environment
                + ".profile, or choose one with ", Input.PROFILE));
    }

    /**
     * The profile a command works with: by name, else by environment, else the only profile that
     * records an environment. Name and environment together must agree. {@code sync.defaultProfile}
     * is never read: it is where SpecWeave syncs increments, not a deployment target.
     */
    public SyncProfile resolveProfile(String name, String environment) {
        if (name != null && !name.isBlank()) {
            SyncProfile profile = useProfile(name).orElseThrow(() -> new BadInputException(Input.PROFILE,
                    Message.of(Message.arg(Input.PROFILE, name), ": " + source + " has no profile named \"" + name
                            + "\" under sync.profiles or " + ConfigLoader.ENVIRONMENTS_PATH + "; " + knownProfiles())));
            if (environment != null && !environment.isBlank() && !environment.equals(profile.environment())) {
                throw new BadInputException(Message.of("profile \"" + name + "\" records environment \""
                        + profile.environment() + "\", not \"" + environment + "\" (" + source
                        + ": " + profile.environmentPath() + "); pass only one of ", Input.PROFILE, " and ",
                        Input.ENVIRONMENT));
            }
            return profile;
        }
        if (environment != null && !environment.isBlank()) {
            return profileForEnvironment(environment);
        }
        List<SyncProfile> deployable = profiles().stream().filter(p -> p.environment() != null).toList();
        if (deployable.size() == 1) {
            return deployable.get(0);
        }
        throw new BadInputException(Input.PROFILE, Message.of(source + ": no environment chosen: pass ",
                Input.ENVIRONMENT, " or ", Input.PROFILE, "; " + knownEnvironments("qa")));
    }

    /**
     * The environments in pipeline order: {@code deployment.pipeline} when declared, else
     * SpecWeave's {@code cicd.release.environments}, else the usual dev, qa, staging, uat, preview,
     * prod among the profiles' environments; then every other environment of a profile, in config
     * order.
     */
    public List<String> pipeline() {
        Set<String> ordered = new LinkedHashSet<>();
        Set<String> profileEnvironments = profiles().stream().map(SyncProfile::environment)
                .filter(e -> e != null).collect(Collectors.toCollection(LinkedHashSet::new));
        if (declaredPipeline() != null) {
            ordered.addAll(declaredPipeline());
        } else {
            DEFAULT_PIPELINE.stream().filter(profileEnvironments::contains).forEach(ordered::add);
        }
        ordered.addAll(profileEnvironments);
        return List.copyOf(ordered);
    }

    /** {@link #pipeline()} extended by other environments (e.g. found in metadata), placed by the same rule. */
    public List<String> pipeline(Collection<String> moreEnvironments) {
        List<String> base = new ArrayList<>(pipeline());
        if (base.containsAll(moreEnvironments)) {
            return base;
        }
        List<String> extra = moreEnvironments.stream().filter(e -> !base.contains(e)).distinct().toList();
        if (declaredPipeline() == null) {
            List<String> known = new ArrayList<>(base);
            known.addAll(extra);
            List<String> ordered = new ArrayList<>(DEFAULT_PIPELINE.stream().filter(known::contains).toList());
            known.stream().filter(e -> !ordered.contains(e)).forEach(ordered::add);
            return ordered;
        }
        base.addAll(extra);
        return base;
    }

    /**
     * {@code name}, which the setting at {@code at} gives as one of this config's environments. A name the
     * config does not know would switch the setting off without a word (nothing is ever recorded there), so
     * it is refused, saying what it would do, with the names that are known (a differently cased one first).
     * A config that names no environment yet (SpecWeave's own, none bound) leaves every name as given.
     *
     * @param at       the file and the field, as the message names them
     * @param expected what the field also accepts, said first ({@code "expected true, false or a list of
     *                 environments; "}); empty for nothing more
     * @param effect   what the unknown name would do ({@code "the gate would never apply"})
     */
    public String knownEnvironment(String at, String name, String expected, String effect) {
        Set<String> known = environments();
        if (known.isEmpty() || known.contains(name)) {
            return name;
        }
        String alike = known.stream().filter(k -> k.equalsIgnoreCase(name.trim())).findFirst()
                .map(k -> "did you mean \"" + k + "\"? ").orElse("");
        throw new BadInputException(at + ": " + expected + "no environment \"" + name + "\" in this config, so "
                + effect + "; " + alike + "environments: " + String.join(", ", known));
    }

    /**
     * The environment DORA measures: {@code deployment.productionEnvironment}, one this config knows
     * ({@link #knownEnvironment}), else the last environment {@link #onPromotionPath on the promotion
     * path}, else {@code prod}.
     */
    public String productionEnvironment() {
        JsonNode node = root.at("/deployment/productionEnvironment");
        String at = source + ": deployment.productionEnvironment";
        if (!node.isMissingNode() && !node.isNull()) {
            if (!node.isTextual() || node.asText().isBlank()) {
                throw new BadInputException(at + ": expected an environment name such as \"prod\", got "
                        + ConfigLoader.describe(node));
            }
            return knownEnvironment(at, node.asText().trim(), "", "dora would count no deployment");
        }
        List<String> path = pipeline().stream().filter(this::onPromotionPath).toList();
        return path.isEmpty() ? "prod" : path.get(path.size() - 1);
    }

    /**
     * True when a version reaches {@code environment} by promotion, in {@link #pipeline()} order:
     * every environment when no pipeline is declared; with one, only those it lists. One bound
     * beside a declared pipeline (a pull request's preview) has no environment before it and is
     * never production by coming last.
     */
    public boolean onPromotionPath(String environment) {
        List<String> declared = declaredPipeline();
        return declared == null || declared.contains(environment);
    }

    /** Every environment the config names: the {@link #pipeline()} and those whose profile does not load. */
    public Set<String> environments() {
        Set<String> all = new LinkedHashSet<>(pipeline());
        all.addAll(brokenEnvironments.keySet());
        return all;
    }

    /** True when {@code deployment.pipeline} (or SpecWeave's {@code cicd.release.environments}) lists the order. */
    public boolean hasDeclaredPipeline() {
        return declaredPipeline() != null;
    }

    private List<String> declaredPipeline() {
        if (declaredPipeline != null) {
            return declaredPipeline;
        }
        return release.isEmpty() ? null : release.stream().map(ReleaseEnvironment::name).toList();
    }

    private String knownProfiles() {
        String unreadable = notes.stream().filter(n -> n.startsWith(ConfigLoader.UNREADABLE_SYNC)).findFirst()
                .orElse(null);
        if (profiles.isEmpty() && unreadable != null) {
            return unreadable.substring(ConfigLoader.UNREADABLE_SYNC.length());
        }
        return profiles.isEmpty()
                ? "the config binds no environment; add one, e.g. \"deployment\": {\"environments\": {\"dev\": "
                        + "{\"provider\": \"local\"}}}"
                : "known profiles: " + String.join(", ", knownProfileNames());
    }

    /** The profiles that record an environment, else every profile: what a user can pick from. */
    private List<String> knownProfileNames() {
        List<String> deployable = profiles().stream().filter(p -> p.environment() != null).map(SyncProfile::name)
                .toList();
        return deployable.isEmpty() ? profileOrder : deployable;
    }

    /**
     * What a user can choose from; with none bound yet, how to bind {@code example} to a profile they
     * have, in {@code deployment.environments}, whatever shape the config has now.
     */
    public String knownEnvironments(String example) {
        // A declared pipeline may name environments no profile records yet: those are not a choice.
        List<String> environments = pipeline().stream().filter(e -> !profilesForEnvironment(e).isEmpty()).toList();
        List<String> unbound = pipeline().stream().filter(e -> !environments.contains(e)).toList();
        if (!environments.isEmpty()) {
            return "environments with a profile: " + String.join(", ", environments) + (unbound.isEmpty() ? ""
                    : " (the pipeline also names " + String.join(", ", unbound) + ", which no profile records)");
        }
        if (profiles.isEmpty()) {
            return knownProfiles();
        }
        List<String> names = knownProfileNames();
        return "no environment is bound to a profile yet: bind one in " + ConfigLoader.ENVIRONMENTS_PATH + ", e.g. "
                + "\"deployment\": {\"environments\": {\"" + example + "\": {\"profile\": \"" + names.get(0)
                + "\"}}} (profiles: " + String.join(", ", names) + ")";
    }

    /** Profile name → profile, in config order (for iteration in reports). */
    public Map<String, SyncProfile> profilesByName() {
        Map<String, SyncProfile> ordered = new LinkedHashMap<>();
        profileOrder.forEach(n -> ordered.put(n, profiles.get(n)));
        return ordered;
    }
}
