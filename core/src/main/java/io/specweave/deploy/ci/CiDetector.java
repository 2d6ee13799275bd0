package io.specweave.deploy.ci;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.Secret;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the current run's facts from GitHub Actions' or Jenkins' environment variables, else from
 * {@code git} in the workspace, else gives nothing. Explicit flags win over all of it
 * ({@link CiContext#overriddenBy}).
 */
public final class CiDetector {

    private static final Duration GIT_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, String> env;
    private final Path workspace;

    public CiDetector(Map<String, String> env, Path workspace) {
        this.env = env;
        this.workspace = workspace;
    }

    public CiContext detect() {
        if ("true".equalsIgnoreCase(get("GITHUB_ACTIONS")) || get("GITHUB_SHA") != null && get("GITHUB_RUN_ID") != null) {
            return fillFromGit(githubActions());
        }
        if (get("JENKINS_URL") != null || get("BUILD_URL") != null && get("GIT_COMMIT") != null) {
            return fillFromGit(jenkins());
        }
        return fillFromGit(CiContext.none());
    }

    private CiContext githubActions() {
        String refName = get("GITHUB_REF_NAME");
        String refType = get("GITHUB_REF_TYPE");
        String ref = get("GITHUB_REF");
        boolean isTag = "tag".equals(refType) || ref != null && ref.startsWith("refs/tags/");
        String branch = isTag ? null : first(get("GITHUB_HEAD_REF"), refName);
        String tag = isTag ? first(refName, ref == null ? null : ref.substring("refs/tags/".length())) : null;
        String runUrl = null;
        String repositoryUrl = null;
        String server = first(get("GITHUB_SERVER_URL"), "https://github.com");
        if (get("GITHUB_REPOSITORY") != null) {
            repositoryUrl = stripSlash(server) + "/" + get("GITHUB_REPOSITORY");
            if (get("GITHUB_RUN_ID") != null) {
                runUrl = repositoryUrl + "/actions/runs/" + get("GITHUB_RUN_ID");
            }
        }
        JsonNode event = event(get("GITHUB_EVENT_PATH"));
        return new CiContext("github-actions", get("GITHUB_SHA"), branch, tag, get("GITHUB_ACTOR"), runUrl,
                repositoryUrl, githubCommitBranch(event), MetadataCommitter.GITHUB_ACTIONS_BOT, headInFork(event),
                githubPushCredential(server));
    }

    /**
     * Where a commit-back of a GitHub run goes: the head branch of a pull request ({@code pull_request},
     * {@code pull_request_target}: {@code GITHUB_HEAD_REF}), the branch of a push ({@code GITHUB_REF}, or
     * {@code GITHUB_REF_NAME} of a branch); for a published release (which checks out a tag), the
     * release's target branch from the event payload at {@code GITHUB_EVENT_PATH}, else the repository's
     * default branch; null: the checked-out branch.
     */
    private String githubCommitBranch(JsonNode event) {
        String head = get("GITHUB_HEAD_REF");
        if (head != null) {
            return head;
        }
        String ref = get("GITHUB_REF");
        if (ref != null && ref.startsWith("refs/heads/")) {
            return ref.substring("refs/heads/".length());
        }
        if (ref == null && "branch".equals(get("GITHUB_REF_TYPE")) && get("GITHUB_REF_NAME") != null) {
            return get("GITHUB_REF_NAME");
        }
        String target = Json.text(event.path("release"), "target_commitish");
        if (target != null && !target.matches("[0-9a-f]{40}")) {
            return target.startsWith("refs/heads/") ? target.substring("refs/heads/".length()) : target;
        }
        return ref != null && ref.startsWith("refs/tags/") ? Json.text(event.path("repository"), "default_branch")
                : null;
    }

    /**
     * Whether a pull request's head branch is outside this repository: a fork's, whose branch of the same
     * name in this repository (its {@code main}, say) is not the pull request's. Only the event payload
     * tells; a pull request run whose payload does not show the head in this repository counts as one.
     */
    private boolean headInFork(JsonNode event) {
        if (get("GITHUB_HEAD_REF") == null) {
            return false;
        }
        JsonNode pullRequest = event.path("pull_request");
        String head = Json.text(pullRequest.path("head").path("repo"), "full_name");
        String own = first(get("GITHUB_REPOSITORY"), Json.text(pullRequest.path("base").path("repo"), "full_name"));
        return head == null || own == null || !head.equalsIgnoreCase(own);
    }

    /**
     * The token a GitHub run pushes a commit-back with when the server asks (a checkout with
     * {@code persist-credentials: false}): {@code GITHUB_TOKEN} (the Action's {@code github-token}),
     * given by git only to the run's own server over https, never to another remote's host.
     */
    private MetadataCommitter.HttpsCredential githubPushCredential(String serverUrl) {
        String token = get("GITHUB_TOKEN");
        String server = httpsOrigin(serverUrl);
        return token == null || server == null ? null
                : new MetadataCommitter.HttpsCredential("x-access-token", new Secret("GITHUB_TOKEN", token), server);
    }

    /** {@code https://host[:port]} of an https URL without user info, as git matches a credential's URL; else null. */
    static String httpsOrigin(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return null;
            }
            int port = uri.getPort();
            return "https://" + uri.getHost().toLowerCase(Locale.ROOT) + (port == -1 || port == 443 ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static JsonNode event(String path) {
        try {
            return path == null ? Json.mapper().createObjectNode() : Json.mapper().readTree(Files.readString(Path.of(path)));
        } catch (IOException | RuntimeException e) {
            return Json.mapper().createObjectNode();
        }
    }

    private CiContext jenkins() {
        String branch = first(get("BRANCH_NAME"), get("GIT_BRANCH"));
        if (branch != null && branch.startsWith("origin/")) {
            branch = branch.substring("origin/".length());
        }
        String tag = get("TAG_NAME");
        if (tag != null && tag.equals(branch)) {
            branch = null;
        }
        String actor = first(get("BUILD_USER_EMAIL"), first(get("BUILD_USER_ID"), get("BUILD_USER")));
        // A fork's pull request (CHANGE_FORK names the fork): its branch is not origin's.
        return new CiContext("jenkins", get("GIT_COMMIT"), branch, tag, actor, get("BUILD_URL"),
                webUrl(get("GIT_URL")), jenkinsCommitBranch(), jenkinsCommitter(),
                get("CHANGE_ID") != null && get("CHANGE_FORK") != null, null);
    }

    /**
     * Where a commit-back of a Jenkins run goes: a pull request's source branch ({@code CHANGE_BRANCH}),
     * else {@code BRANCH_NAME} (multibranch), else {@code GIT_BRANCH} without its remote; null: the
     * checked-out branch.
     */
    private String jenkinsCommitBranch() {
        if (get("CHANGE_ID") != null) {
            return get("CHANGE_BRANCH");
        }
        String name = get("BRANCH_NAME");
        if (name != null) {
            return name;
        }
        String git = get("GIT_BRANCH");
        return git == null ? null
                : git.replaceFirst("^refs/heads/", "").replaceFirst("^refs/remotes/", "").replaceFirst("^origin/", "");
    }

    /**
     * Who a commit-back of a Jenkins run is by: the identity the Git plugin's global settings give the
     * run ({@code GIT_COMMITTER_NAME}/{@code GIT_COMMITTER_EMAIL}, or the {@code GIT_AUTHOR_*} pair), else
     * "Jenkins" &lt;jenkins@localhost&gt;.
     */
    private MetadataCommitter.Author jenkinsCommitter() {
        for (String who : List.of("GIT_COMMITTER", "GIT_AUTHOR")) {
            if (get(who + "_NAME") != null && get(who + "_EMAIL") != null) {
                return new MetadataCommitter.Author(get(who + "_NAME"), get(who + "_EMAIL"));
            }
        }
        return MetadataCommitter.JENKINS;
    }

    /** Fills what the CI did not say from the workspace's git repository, when there is one. */
    private CiContext fillFromGit(CiContext context) {
        boolean needCommit = context.commit() == null;
        boolean needRef = context.branch() == null && context.tag() == null;
        boolean needActor = context.actor() == null;
        if (!(needCommit || needRef || needActor) || workspace == null || GitCommand.repositoryRoot(workspace) == null) {
            return context;
        }
        String commit = context.commit();
        String branch = context.branch();
        String tag = context.tag();
        String actor = context.actor();
        if (needCommit || needRef) {
            // The refs pointing at HEAD ("HEAD -> main, tag: v1.2"). A record committed back on top of the
            // code (an earlier command's commit-back) is not what is deployed: the commit is the code's below
            // it, and so are its tags.
            List<String> head = needRef ? git("log", "-1", "--format=%H%n%D") : List.of();
            List<String> code = needCommit ? git(concatenated(MetadataCommitter.CODE_COMMIT, "--format=%H%n%D")) : head;
            if (needCommit && !code.isEmpty()) {
                commit = blankToNull(code.get(0));
            }
            if (head.size() >= 2) {
                for (String part : head.get(1).split(",\\s*")) {
                    if (part.startsWith("HEAD -> ")) {
                        branch = part.substring("HEAD -> ".length()).trim();
                    }
                }
            }
            if (needRef && code.size() >= 2) {
                for (String part : code.get(1).split(",\\s*")) {
                    if (part.startsWith("tag: ") && tag == null) {
                        tag = part.substring("tag: ".length()).trim();
                    }
                }
            }
        }
        if (needActor) {
            List<String> out = git("config", "user.email");
            actor = out.isEmpty() ? get("USER") : blankToNull(out.get(0));
        }
        String system = "none".equals(context.system()) && commit != null ? "git" : context.system();
        return context.filledIn(system, commit, branch, tag, actor);
    }

    private static String[] concatenated(List<String> args, String last) {
        List<String> all = new java.util.ArrayList<>(args);
        all.add(last);
        return all.toArray(String[]::new);
    }

    /** Git in the workspace; nothing when git is missing or fails (the facts stay unknown). */
    private List<String> git(String... args) {
        return GitCommand.lines(workspace, GIT_TIMEOUT, args);
    }

    private String get(String name) {
        return blankToNull(env.get(name));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    /** {@code https://host/org/repo.git} or {@code git@host:org/repo.git} as a browsable https URL. */
    static String webUrl(String gitUrl) {
        if (gitUrl == null) {
            return null;
        }
        String url = gitUrl.trim();
        if (url.endsWith(".git")) {
            url = url.substring(0, url.length() - 4);
        }
        if (url.startsWith("git@") && url.contains(":")) {
            url = "https://" + url.substring(4).replaceFirst(":", "/");
        }
        if (url.startsWith("http://") || url.startsWith("https://")) {
            // Drop user info such as https://user:token@host/...: it must never reach an issue body.
            return url.replaceFirst("^(https?://)[^/@]*@", "$1");
        }
        return null;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
