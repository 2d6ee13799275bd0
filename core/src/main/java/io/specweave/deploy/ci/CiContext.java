package io.specweave.deploy.ci;

/**
 * Who, what and where of the current run.
 *
 * @param system  {@code github-actions}, {@code jenkins}, {@code git} or {@code none}
 * @param commit  full commit SHA, may be null
 * @param branch  branch name, may be null
 * @param tag     tag name, may be null
 * @param actor   who deployed, may be null
 * @param runUrl  link to the pipeline run, may be null
 * @param repositoryUrl web URL of the source repository (commit links are {@code <url>/commit/<sha>}), may be null
 * @param commitBranch  the branch a record committed back belongs on: a pull request's source branch, a
 *                      release's target branch; null for the checked-out branch
 * @param committer     who a commit-back is by, as the CI presents itself; null for git's configured identity
 * @param commitBranchInFork true when {@code commitBranch} is a fork's (a pull request from a fork, or one whose
 *                      event does not show its branch in this repository): the remote has no such branch of its
 *                      own, and a same-named one of the remote is someone else's, so nothing is pushed
 * @param pushCredential what a commit-back's push authenticates with when the server asks, as the run gives it (a
 *                      GitHub run's token, for its own server only); null for git's own
 */
public record CiContext(String system, String commit, String branch, String tag, String actor, String runUrl,
        String repositoryUrl, String commitBranch, MetadataCommitter.Author committer, boolean commitBranchInFork,
        MetadataCommitter.HttpsCredential pushCredential) {

    public CiContext(String system, String commit, String branch, String tag, String actor, String runUrl,
            String repositoryUrl) {
        this(system, commit, branch, tag, actor, runUrl, repositoryUrl, null, null);
    }

    public CiContext(String system, String commit, String branch, String tag, String actor, String runUrl,
            String repositoryUrl, String commitBranch, MetadataCommitter.Author committer) {
        this(system, commit, branch, tag, actor, runUrl, repositoryUrl, commitBranch, committer, false, null);
    }

    public static CiContext none() {
        return new CiContext("none", null, null, null, null, null, null);
    }

    /** True inside a CI run (GitHub Actions, Jenkins): its commit is the one the pipeline works on. */
    public boolean inCi() {
        return !"git".equals(system) && !"none".equals(system);
    }

    /** This context with every non-null value of {@code explicit} taking precedence. */
    public CiContext overriddenBy(String commit, String branch, String tag, String actor, String runUrl) {
        return new CiContext(system, first(commit, this.commit), first(branch, this.branch), first(tag, this.tag),
                first(actor, this.actor), first(runUrl, this.runUrl), repositoryUrl, commitBranch, committer,
                commitBranchInFork, pushCredential);
    }

    /** This context with what git in the workspace told of the run: the commit-back's facts stay the CI's. */
    CiContext filledIn(String system, String commit, String branch, String tag, String actor) {
        return new CiContext(system, commit, branch, tag, actor, runUrl, repositoryUrl, commitBranch, committer,
                commitBranchInFork, pushCredential);
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a.trim() : b;
    }
}
