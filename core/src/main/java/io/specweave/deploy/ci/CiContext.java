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
 */
public record CiContext(String system, String commit, String branch, String tag, String actor, String runUrl,
        String repositoryUrl) {

    public static CiContext none() {
        return new CiContext("none", null, null, null, null, null, null);
    }

    /** This context with every non-null value of {@code explicit} taking precedence. */
    public CiContext overriddenBy(String commit, String branch, String tag, String actor, String runUrl) {
        return new CiContext(system, first(commit, this.commit), first(branch, this.branch), first(tag, this.tag),
                first(actor, this.actor), first(runUrl, this.runUrl), repositoryUrl);
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a.trim() : b;
    }
}
