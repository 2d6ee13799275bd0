package io.specweave.deploy.app;

import io.specweave.deploy.Message;
import io.specweave.deploy.Secret;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.ci.MetadataCommitter;
import io.specweave.deploy.increment.MetadataMerge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Commits what an operation wrote ({@code metadata.json}, {@code feature-flags.json}) back to the
 * branch and pushes it, so the next job's fresh checkout sees it: the same for every operation and
 * every front end. When another job pushed meanwhile, the record goes onto the branch's tip: where
 * both changed the same file it takes the branch's version and writes this operation's change into
 * it again (by meaning, not by text), after merging in what an earlier step of the run wrote to it
 * and did not commit, record by record; then it retries.
 */
public final class CommitBack {

    /** The token in the commit message that keeps the push from starting another pipeline (GitHub and Jenkins' SCM Skip). */
    public static final String SKIP_CI = "[ci skip]";

    /**
     * What a front end asks for. Where the commit goes and who it is by are the run's facts (the CI's:
     * a pull request's branch, a release's target branch; the GitHub Actions bot, the Git plugin's
     * identity in Jenkins), else the checked-out branch and git's configured identity. The push
     * authenticates with {@code credential} when one is given, else with the run's own
     * ({@link CiContext#pushCredential}: a GitHub run's token, for its server only), else with git's.
     *
     * @param remote   the remote, usually {@code origin}
     * @param attempts pushes to try while other jobs keep moving the branch
     * @param writer   who wrote the record, for the message ({@code specweave-deploy}, {@code specweaveSync})
     */
    public record Spec(String remote, int attempts, String writer, MetadataCommitter.HttpsCredential credential) {

        public Spec {
            remote = remote == null ? "origin" : remote;
            attempts = Math.max(1, attempts);
            writer = writer == null ? "specweave-deploy" : writer;
        }

        /** Pushing with the credentials git has (the checkout's). */
        public Spec(String remote, int attempts, String writer) {
            this(remote, attempts, writer, null);
        }

        /** Pushes tried while other jobs keep moving the branch, the same for every front end. */
        public static final int ATTEMPTS = 5;

        /** To {@code origin}, trying {@link #ATTEMPTS} pushes. */
        public static Spec by(String writer) {
            return new Spec("origin", ATTEMPTS, writer);
        }

        /** This push, authenticated to an HTTPS remote as {@code username} with {@code token}. */
        public Spec withCredential(String username, Secret token) {
            return new Spec(remote, attempts, writer, new MetadataCommitter.HttpsCredential(username, token));
        }
    }

    /**
     * How it ended.
     *
     * @param git     git's outcome
     * @param message the commit message used
     * @param ci      the CI that ran it ({@link CiContext#system}), for what a message advises
     */
    public record Result(MetadataCommitter.Result git, String message, String ci) {

        /** True when the branch on the remote now holds the record. */
        public boolean onRemote() {
            return git.onRemote();
        }

        /** The commit pushed; null when nothing was pushed. */
        public String pushedCommit() {
            return git.outcome() == MetadataCommitter.Outcome.PUSHED ? git.commit() : null;
        }

        public String branch() {
            return git.branch();
        }

        public int attempts() {
            return git.attempts();
        }

        /** What git said when it failed; empty otherwise. */
        public String detail() {
            return git.detail() == null ? "" : git.detail();
        }

        /** Why the branch does not hold the record, in words; null when it does. */
        public String why() {
            if (onRemote()) {
                return null;
            }
            return switch (git.outcome()) {
                case REJECTED -> "the push to " + git.branch() + " was rejected (a protected branch, or credentials "
                        + "without push access)";
                case CREDENTIALS_REFUSED -> "the remote did not accept the credentials of the push to " + git.branch()
                        + " (an expired token, or a user without write access to the repository)";
                case NO_CREDENTIALS -> "the remote asked for credentials to push to " + git.branch()
                        + " and there were none to give (git cannot prompt in a pipeline); " + credentialAdvice(ci);
                case UNREACHABLE -> "the push to " + git.branch() + " reached no repository (" + firstLine(git.detail())
                        + "); check the remote's URL and the network from here";
                case CONFLICT -> "another job changed the same file on " + git.branch();
                case GAVE_UP -> git.branch() + " kept moving through " + git.attempts() + " attempts";
                case NO_BRANCH -> "there is no branch to commit to: HEAD is detached and the run names no branch; "
                        + checkOutAdvice(ci);
                case NOT_ON_REMOTE -> "the branch " + git.branch() + " is not on the remote (deleted, or never pushed); "
                        + "nothing was committed";
                case IN_FORK -> "the pull request's branch " + git.branch() + " is in a fork, not in the repository "
                        + "this run pushes to, so nothing was committed";
                case NOT_ON_BRANCH -> git.branch() + " does not have the file this record is in (its increment is "
                        + "not on that branch); nothing was committed";
                case NO_REMOTE -> "the checkout has no remote to push to (" + firstLine(git.detail())
                        + "); nothing was committed";
                case NOT_COMMITTED -> "git could not commit the record here (" + firstLine(git.detail()) + ")";
                case NO_GIT -> "there is no git command here";
                default -> "the workspace is not a git checkout";
            };
        }
    }

    private CommitBack() {
    }

    /** How a run of {@code ci} gets a branch to commit to, when HEAD is detached and the run names none. */
    private static String checkOutAdvice(String ci) {
        return switch (ci == null ? "none" : ci) {
            case "github-actions" -> "check out the branch the record belongs on (actions/checkout's `ref:`), or "
                    + "record from a run that names one: a push of a branch, a pull request (its head branch), "
                    + "a published release (its target branch)";
            case "jenkins" -> "run the step in a multibranch job (its BRANCH_NAME, or a pull request's CHANGE_BRANCH, "
                    + "names the branch), or check out a local branch (the Git plugin's \"Check out to matching "
                    + "local branch\")";
            default -> "check out the branch the record belongs on";
        };
    }

    /** How a run of {@code ci} gives git a credential for the push. */
    private static String credentialAdvice(String ci) {
        return switch (ci == null ? "none" : ci) {
            case "github-actions" -> "the run's token goes only to its own server (GITHUB_SERVER_URL, over https); "
                    + "for another remote, set up a git credential helper in an earlier step";
            case "jenkins" -> "give the push a \"Username with password\" credential for the remote (the Git "
                    + "plugin's checkout credential is not kept for later git commands)";
            default -> "set up a git credential helper for the remote (git config credential.helper)";
        };
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.strip().lines().findFirst().orElse("");
    }

    /**
     * The files as an operation that commits back read them (so what an earlier step changed in them is
     * known), which of them merge record by record, and the lines saying what was read from the branch.
     */
    record Baseline(List<Message> caughtUp, Map<Path, String> started, Set<Path> byRecord) {

        static final Baseline NONE = new Baseline(List.of(), Map.of(), Set.of());

        Baseline {
            caughtUp = List.copyOf(caughtUp);
            started = Map.copyOf(started);
            byRecord = Set.copyOf(byRecord);
        }

        /** This and {@code other}: files read by two catch-ups (feature-flags.json, then metadata.json). */
        Baseline and(Baseline other) {
            List<Message> lines = new ArrayList<>(caughtUp);
            lines.addAll(other.caughtUp);
            Map<Path, String> texts = new HashMap<>(started);
            texts.putAll(other.started);
            Set<Path> merged = new HashSet<>(byRecord);
            merged.addAll(other.byRecord);
            return new Baseline(lines, texts, merged);
        }

        MetadataCommitter.Merge merge() {
            return mergeByRecord(byRecord);
        }
    }

    /** The files of {@code byRecord} (metadata.json) merge record by record; others (feature-flags.json keeps its lines) not at all. */
    private static MetadataCommitter.Merge mergeByRecord(Set<Path> byRecord) {
        return (file, base, readSince, ours, theirs, oursOnCollision) -> !byRecord.contains(file) ? null
                : MetadataMerge.threeWay(base, readSince, ours, theirs, oursOnCollision)
                        .map(m -> new MetadataCommitter.Merged(m.text(), m.collisions())).orElse(null);
    }

    /**
     * Before an operation that commits back reads {@code files}: each as the branch the record goes
     * to has it now, where the checkout is behind it ({@link MetadataCommitter#catchUp}); nothing for
     * a fork's branch. A file the job changed (an earlier step) is merged with the branch's version
     * record by record when {@code byRecord} ({@code metadata.json}), what both changed kept as the job
     * has it; else it is left as it is, and said so.
     */
    static Baseline catchUp(Project project, Spec spec, CiContext facts, List<Path> files, boolean byRecord) {
        if (facts.commitBranchInFork()) {
            return Baseline.NONE;
        }
        Set<Path> merged = byRecord ? files.stream().map(f -> f.toAbsolutePath().normalize()).collect(
                java.util.stream.Collectors.toSet()) : Set.of();
        Path dir = project.dir().toAbsolutePath().normalize();
        List<String> lines = new ArrayList<>();
        Set<Path> taken = new HashSet<>();
        MetadataCommitter.CatchUp caughtUp = committer(project, spec, facts).catchUp(files, facts.commitBranch(),
                mergeByRecord(merged));
        if (caughtUp.notFetched() != null) {
            // What was decided read only this checkout's records: the user must know they may be behind.
            lines.add(String.join(", ", files.stream().map(f -> dir.relativize(f.toAbsolutePath().normalize())
                    .toString()).toList()) + ": not read from " + spec.remote() + "'s branch " + caughtUp.branch()
                    + ", which could not be fetched (" + firstLine(caughtUp.notFetched()) + "): this checkout's "
                    + "version was read, and the jobs before this one may have recorded onto the branch since");
        }
        for (MetadataCommitter.CaughtUp done : caughtUp.files()) {
            if (done.taken()) {
                taken.add(done.file().toAbsolutePath().normalize());
            }
            String file = dir.relativize(done.file().toAbsolutePath().normalize()) + ": ";
            String branch = spec.remote() + "'s branch";
            lines.add(!done.read() ? file + "not read from " + branch + ", which changed it since this checkout's "
                    + "commit: an earlier step of this job changed it too"
                    : file + "read as " + branch + " has it now (the jobs before this one recorded onto it since this "
                    + "checkout's commit)" + (done.kept().isEmpty() ? "" : "; " + String.join(", ", done.kept())
                    + " as this job has it (an earlier step of this job changed it, and the branch did too)"));
        }
        // What an earlier step changed and did not commit is carried at the commit; a file taken from the
        // branch as it is holds none.
        Map<Path, String> started = new HashMap<>();
        for (Path file : files) {
            if (taken.contains(file.toAbsolutePath().normalize())) {
                continue;
            }
            try {
                started.put(file.toAbsolutePath().normalize(), Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                // No file yet (a first record), or none readable: nothing an earlier step wrote to carry.
            }
        }
        return new Baseline(lines.stream().map(Message::text).toList(), started, merged);
    }

    private static MetadataCommitter committer(Project project, Spec spec, CiContext facts) {
        return new MetadataCommitter(project.dir(), facts.committer(), spec.remote(), spec.attempts(),
                spec.credential() != null ? spec.credential() : facts.pushCredential());
    }

    /**
     * Commits {@code files} of the project and pushes.
     *
     * @param what    what was recorded, for the message: "sync of 0018-oauth in qa"
     * @param runUrl  the run, for the message; may be null
     * @param baseline the files as the operation read them ({@link #catchUp})
     * @param reapply  writes this operation's change again into the branch's version of the files
     */
    static Result run(Project project, Spec spec, CiContext facts, List<Path> files, String what, Baseline baseline,
            Runnable reapply) {
        String message = "Record " + what + " " + SKIP_CI + "\n\nWritten by " + spec.writer() + " "
                + MetadataCommitter.RECORD_MARK
                + (facts.runUrl() == null ? "" : "\nRun: " + facts.runUrl());
        if (facts.commitBranchInFork()) {
            return new Result(new MetadataCommitter.Result(MetadataCommitter.Outcome.IN_FORK, facts.commitBranch(),
                    null, 0, ""), message, facts.system());
        }
        return new Result(committer(project, spec, facts).commitAndPush(files, message, facts.commitBranch(),
                new MetadataCommitter.Reapply(baseline.started(), baseline.merge(), reapply)), message, facts.system());
    }
}
