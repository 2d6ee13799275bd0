package io.specweave.deploy.ci;

import io.specweave.deploy.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Commits changed {@code metadata.json} files to the current branch and pushes them, so the next
 * environment's job (a fresh checkout) sees this one's record. Runs the {@code git} command line,
 * which carries whatever authentication the checkout left behind (actions/checkout's extra header,
 * a Jenkins credential helper). A push that loses a race with another job is retried on the
 * branch's new tip, a bounded number of times, HEAD staying at the run's commit; a push the server refuses (protected branch,
 * missing permission) is reported, not thrown: the record then lives only in this run's workspace.
 *
 * <p>When the branch named is not the one checked out (a pull request's merge commit, a release's
 * tag, a detached checkout), the record is committed onto that branch's tip as the remote has it,
 * never onto HEAD: HEAD's own history (the base branch a pull request's merge brings in) must not
 * reach the branch. HEAD and the work tree's other files stay as they are.
 */
public final class MetadataCommitter {

    /** The identity GitHub shows with the Actions logo. */
    public static final Author GITHUB_ACTIONS_BOT =
            new Author("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com");
    /** Jenkins' own identity when the Git plugin names none. */
    public static final Author JENKINS = new Author("Jenkins", "jenkins@localhost");

    /**
     * The words every record commit's message holds: what tells it from a commit of the code, whose
     * SHA is the one a later command of the job deploys.
     */
    public static final String RECORD_MARK = "so the next environment's job sees this record.";

    /** git log's arguments for the first commit down HEAD's first parents that is no record commit: the code's. */
    static final List<String> CODE_COMMIT = List.of("log", "-1", "--first-parent", "--invert-grep", "--fixed-strings",
            "--grep=" + RECORD_MARK);

    private static final Pattern CREDENTIALS_IN_URL = Pattern.compile("://[^/@\\s]+@");
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    private static final int NOT_STARTED = -2;

    private final Path workTree;
    private final Author author;
    private final String remote;
    private final int maxAttempts;
    private final Map<String, String> environment;
    private final HttpsCredential credential;

    /**
     * @param workTree    any folder inside the repository's work tree
     * @param author      who the commit is by; null for git's configured identity
     * @param remote      the remote to push to, usually {@code origin}
     * @param maxAttempts pushes to try before giving up on a branch that keeps moving (at least 1)
     */
    public MetadataCommitter(Path workTree, Author author, String remote, int maxAttempts) {
        this(workTree, author, remote, maxAttempts, null);
    }

    /**
     * @param credential the user and token an HTTPS remote takes for the push, instead of what the
     *                   checkout left behind (a Jenkins agent's git has none); null for git's own
     */
    public MetadataCommitter(Path workTree, Author author, String remote, int maxAttempts, HttpsCredential credential) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.workTree = Objects.requireNonNull(workTree, "workTree");
        this.author = author;
        this.remote = Objects.requireNonNull(remote, "remote");
        this.maxAttempts = maxAttempts;
        Map<String, String> env = new HashMap<>();
        env.put("GIT_TERMINAL_PROMPT", "0");
        if (author != null) {
            env.put("GIT_AUTHOR_NAME", author.name());
            env.put("GIT_AUTHOR_EMAIL", author.email());
            env.put("GIT_COMMITTER_NAME", author.name());
            env.put("GIT_COMMITTER_EMAIL", author.email());
        }
        // The token reaches git's credential helper through the environment of the git process only:
        // never on a command line (visible to every user of the machine) or in a file.
        this.credential = credential;
        if (credential != null) {
            env.put(USERNAME_VARIABLE, credential.username());
            env.put(PASSWORD_VARIABLE, credential.password().reveal());
        }
        this.environment = Map.copyOf(env);
    }

    /**
     * A user name and token (or password) for an HTTPS remote; {@link #toString()} never shows the token.
     *
     * @param server the only server git gives it to ({@code https://github.com}: scheme, host and port, as
     *               git matches {@code credential.<url>.*}); null for whatever remote the push goes to
     */
    public record HttpsCredential(String username, Secret password, String server) {
        public HttpsCredential {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        /** For the remote the push goes to, whichever host it is on (the user named it for that remote). */
        public HttpsCredential(String username, Secret password) {
            this(username, password, null);
        }

        @Override
        public String toString() {
            return "HTTPS credential of " + username + (server == null ? "" : " for " + server);
        }

        /** git's key of the helper list this credential is given through: scoped to its server when it has one. */
        String helperKey() {
            return server == null ? "credential.helper" : "credential." + server + ".helper";
        }
    }

    static final String USERNAME_VARIABLE = "SPECWEAVE_GIT_USERNAME";
    static final String PASSWORD_VARIABLE = "SPECWEAVE_GIT_PASSWORD";
    /**
     * Answers git's "get" with the variables above. The empty helper first drops the helpers git is
     * configured with, so a stale stored credential is not tried instead. git asks a helper only when
     * the server asks for credentials: a checkout's persisted header, when there is one, goes first.
     */
    private static final String CREDENTIAL_HELPER = "!f() { test \"$1\" = get && printf 'username=%s\\npassword=%s\\n' "
            + "\"$" + USERNAME_VARIABLE + "\" \"$" + PASSWORD_VARIABLE + "\"; }; f";

    /** Who a commit is by. */
    public record Author(String name, String email) {
    }

    /** How a commit-back ended. Only {@link #PUSHED} and {@link #NOTHING_TO_COMMIT} put the record on the remote. */
    public enum Outcome {
        /** Committed and pushed. */
        PUSHED,
        /** The files hold no change against the branch. */
        NOTHING_TO_COMMIT,
        /** The workspace is not a git work tree. */
        NOT_A_REPOSITORY,
        /** There is no {@code git} command to run. */
        NO_GIT,
        /** HEAD is detached and no branch was named. */
        NO_BRANCH,
        /** The branch named is not on the remote (deleted, or never pushed there): nothing is committed. */
        NOT_ON_REMOTE,
        /**
         * The branch named is a fork's (a pull request from a fork), not the remote's: nothing is committed.
         * Decided from the run's facts, before git runs.
         */
        IN_FORK,
        /** The branch named lacks a file the record is in (the increment is not on it): nothing is committed. */
        NOT_ON_BRANCH,
        /** The checkout has no remote of that name: nothing is committed. */
        NO_REMOTE,
        /** git could not stage or commit the files here (no identity, a locked index); nothing was pushed. */
        NOT_COMMITTED,
        /** The remote refused the push (protected branch, hook, permission). */
        REJECTED,
        /** The remote asked for credentials and there were none to give: git cannot prompt in a pipeline. */
        NO_CREDENTIALS,
        /** The remote did not accept the credentials given (an expired token, a wrong user). */
        CREDENTIALS_REFUSED,
        /** The push did not reach a repository: the remote's host or path is not there, or answered nothing. */
        UNREACHABLE,
        /** Rebasing onto the moved branch conflicted with another job's change to the same file. */
        CONFLICT,
        /** The branch kept moving through every attempt. */
        GAVE_UP
    }

    /**
     * @param outcome    how it ended
     * @param branch     the branch pushed (or meant) to, may be null
     * @param commit     the commit holding the change, may be null
     * @param attempts   pushes tried
     * @param detail     git's own words on a failure, credentials removed; empty on success
     * @param notCarried what an earlier step of the run changed and did not commit, and that could not go
     *                   onto the branch with this change, because the branch changed the same: a file
     *                   (relative to the work tree), with the parts of it when only those ({@code
     *                   .specweave/increments/0002/metadata.json (deployments.dev)}); the work tree keeps it
     */
    public record Result(Outcome outcome, String branch, String commit, int attempts, String detail,
            List<String> notCarried) {

        public Result {
            notCarried = notCarried == null ? List.of() : List.copyOf(notCarried);
        }

        public Result(Outcome outcome, String branch, String commit, int attempts, String detail) {
            this(outcome, branch, commit, attempts, detail, List.of());
        }

        /** True when the remote now holds the record. */
        public boolean onRemote() {
            return outcome == Outcome.PUSHED || outcome == Outcome.NOTHING_TO_COMMIT;
        }
    }

    /**
     * Two versions of a file merged by meaning, and the parts of it both had changed differently
     * ({@code deployments.dev}), which took the side asked for.
     */
    public record Merged(String text, List<String> collisions) {

        public Merged {
            collisions = List.copyOf(collisions);
        }
    }

    /** Merges two versions of one file's text changed from the same one, by meaning. */
    @FunctionalInterface
    public interface Merge {
        /**
         * {@code ours}' changes since {@code base} written into {@code theirs}; a part both changed takes
         * ours when {@code oursOnCollision}, else theirs. Null when {@code file}'s texts are not merged by
         * meaning (not its kind of file, or not valid). {@code readSince}: the branch's versions since
         * {@code base}, which an earlier catch-up may have brought ours to: what ours holds as one of them
         * has it was read, not changed.
         */
        Merged merge(Path file, String base, Supplier<List<String>> readSince, String ours, String theirs,
                boolean oursOnCollision);
    }

    /**
     * What catching up did with one file the branch has another version of.
     *
     * @param file the file
     * @param read  true when it now holds the branch's version; false when the job changed it too and it could
     *              not be merged by meaning, so it is as the job has it
     * @param taken true when it is the branch's version as it is, holding no change of the job's own
     * @param kept  the parts both the job and the branch changed, kept as the job has them
     */
    public record CaughtUp(Path file, boolean read, boolean taken, List<String> kept) {

        public CaughtUp {
            kept = List.copyOf(kept);
        }
    }

    /**
     * What catching up did.
     *
     * @param branch     the branch read, null when there was none to read
     * @param files      what was done with each file the branch has another version of
     * @param notFetched git's words when the branch could not be fetched, so nothing was read from it; else null
     */
    public record CatchUp(String branch, List<CaughtUp> files, String notFetched) {

        static final CatchUp NOTHING = new CatchUp(null, List.of(), null);

        public CatchUp {
            files = List.copyOf(files);
        }
    }

    /**
     * How this run's change goes again into the branch's version of its files, when the branch changed them.
     *
     * @param started the files' texts when the run read them (by absolute, normalized path); where that is
     *                not the checkout's commit, an earlier step changed the file without committing it, and
     *                {@code merge} carries that change onto the branch's version first
     * @param merge   merges a file's texts by meaning; null to merge none (an earlier change to a file the
     *                branch changed too is then not carried)
     * @param change  writes this run's change into the files as they are then
     */
    public record Reapply(Map<Path, String> started, Merge merge, Runnable change) {

        public Reapply {
            started = started == null ? Map.of() : Map.copyOf(started);
        }

        /** Only this run's change, written into the branch's version. */
        public static Reapply only(Runnable change) {
            return change == null ? null : new Reapply(Map.of(), null, change);
        }
    }

    /**
     * Commits {@code files} (and nothing else) with {@code message} and pushes to {@code branch},
     * or to the checked-out branch when {@code branch} is null. When the branch moved on and changed
     * the same file, it ends with {@link Outcome#CONFLICT}.
     */
    public Result commitAndPush(Collection<Path> files, String message, String branch) {
        return commitAndPush(files, message, branch, (Reapply) null);
    }

    /**
     * As {@link #commitAndPush(Collection, String, String)}, but when the branch moved on and another
     * job changed the same file, the files are taken as the branch has them and {@code reapply}
     * writes this run's change into them again; then it commits that on the branch's tip and pushes
     * it ({@link #ontoRemoteBranch}). {@code reapply} may be null. A {@code branch} other than the
     * checked-out one gets the change on its own tip the same way, from the first attempt.
     */
    public Result commitAndPush(Collection<Path> files, String message, String branch, Runnable reapply) {
        return commitAndPush(files, message, branch, Reapply.only(reapply));
    }

    /**
     * As {@link #commitAndPush(Collection, String, String, Runnable)}; the change an earlier step of the
     * run made to a file and did not commit goes onto the branch too, merged into the branch's version
     * ({@link Reapply#merge}); where it cannot be, the result names the file ({@link Result#notCarried}).
     */
    public Result commitAndPush(Collection<Path> files, String message, String branch, Reapply reapply) {
        Git top = git("rev-parse", "--show-toplevel");
        if (top.exitCode() == NOT_STARTED) {
            return new Result(Outcome.NO_GIT, branch, null, 0, top.output());
        }
        if (!top.ok()) {
            return new Result(Outcome.NOT_A_REPOSITORY, branch, null, 0, top.output());
        }
        String checkedOut = checkedOut();
        String target = target(branch, checkedOut);
        if (target == null) {
            return new Result(Outcome.NO_BRANCH, null, null, 0, "");
        }
        // Without the remote the commit could go nowhere: the checkout is left as it was.
        Git url = git("remote", "get-url", remote);
        if (!url.ok()) {
            return new Result(Outcome.NO_REMOTE, target, null, 0, url.output());
        }
        List<String> paths = files.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
        if (!target.equals(checkedOut)) {
            return ontoRemoteBranch(files, paths, message, target, reapply, 1);
        }
        // A branch deleted on the remote (a merged pull request's) is not made again by a record.
        Git listed = git("ls-remote", "--exit-code", "--heads", remote, "refs/heads/" + target);
        if (listed.exitCode() == 2) {
            return new Result(Outcome.NOT_ON_REMOTE, target, null, 0, "");
        }
        // Behind the branch as last fetched (the jobs before this one recorded onto it): onto its tip at once.
        if (behindFetchedTip(target)) {
            return ontoRemoteBranch(files, paths, message, target, reapply, 1);
        }
        Git add = git(concat(List.of("add", "--"), paths));
        if (!add.ok()) {
            return new Result(Outcome.NOT_COMMITTED, target, null, 0, "git add failed: " + add.output());
        }
        if (git(concat(List.of("diff", "--cached", "--quiet", "--"), paths)).ok()) {
            return new Result(Outcome.NOTHING_TO_COMMIT, target, null, 0, "");
        }
        Git commit = git(concat(List.of("commit", "--no-verify", "-q", "-m", message, "--"), paths));
        if (!commit.ok()) {
            return new Result(Outcome.NOT_COMMITTED, target, null, 0, "git commit failed: " + commit.output());
        }
        Git push = git("push", "--porcelain", remote, "HEAD:refs/heads/" + target);
        if (push.ok()) {
            return new Result(Outcome.PUSHED, target, head(), 1, "");
        }
        Outcome failure = failureOf(push.output());
        if (failure != null) {
            return new Result(failure, target, head(), 1, push.output());
        }
        if (maxAttempts == 1) {
            return new Result(Outcome.GAVE_UP, target, head(), 1, "the branch moved on every one of 1 attempts");
        }
        // The branch moved on: the record goes onto its tip as the remote has it, as for a branch not
        // checked out. HEAD goes back to the run's commit, with the record in the work tree: a rebase
        // would bring other people's code into this job's workspace, for the steps after this one.
        git("reset", "-q", "HEAD~1");
        return ontoRemoteBranch(files, paths, message, target, reapply, 2);
    }

    /**
     * Brings {@code files} up to the branch a record goes to ({@code branch}, else the checked-out one)
     * as the remote has it now, before a run reads them: a job's checkout is the commit it was started
     * for (a push's SHA, a release's tag, a pull request's merge), while the jobs before it (or the
     * run's earlier attempt) committed their records onto the branch since. Only when the branch has
     * moved on from what the checkout shares with it — its commit; the commit below the records the job
     * committed on it and could not push; the pull request's head a merge checkout was made of — and
     * only where the branch's version differs. A file the job changed (an earlier step wrote it, or
     * committed it unpushed), and a merge checkout's file (which holds what its base brought in), is
     * merged with the branch's version by {@code merge}, a part both changed kept as the job has it;
     * without {@code merge} it stays as it is (unless it is as the shared commit has it). Nothing when
     * there is no repository, no branch to go to, or no such branch on the remote: the commit-back says
     * why afterwards; a branch that could not be fetched is named with git's words.
     *
     * @param merge merges a file the job changed with the branch's version; null for none
     * @return what was done with each file the branch has another version of
     */
    public CatchUp catchUp(Collection<Path> files, String branch, Merge merge) {
        if (!git("rev-parse", "--show-toplevel").ok()) {
            return CatchUp.NOTHING;
        }
        String target = target(branch, checkedOut());
        if (target == null) {
            return CatchUp.NOTHING;
        }
        String tracking = "refs/remotes/" + remote + "/" + target;
        boolean shallow = shallow();
        Git fetched = git(fetchTip(target, tracking, shallow));
        if (!fetched.ok()) {
            // A branch not on the remote holds no records to read; the commit-back says so.
            return fetched.output().contains("couldn't find remote ref") ? CatchUp.NOTHING
                    : new CatchUp(target, List.of(), fetched.output().isBlank() ? "git fetch failed" : fetched.output());
        }
        String from = movedOnFrom(target, tracking, shallow);
        if (from == null) {
            return new CatchUp(target, List.of(), null);
        }
        boolean atHead = from.equals("HEAD");
        List<CaughtUp> done = new ArrayList<>();
        for (Path file : files) {
            String path = file.toAbsolutePath().normalize().toString();
            if (Files.isSymbolicLink(file) || git("diff", "--quiet", "HEAD", tracking, "--", path).ok()) {
                continue;
            }
            boolean tracked = git("ls-files", "--error-unmatch", "--", path).ok();
            boolean untouched = tracked ? git("diff", "--quiet", "HEAD", "--", path).ok() : !Files.exists(file);
            // Only a file the job changed, or a merge checkout's, needs its shared version and its text.
            String base = atHead && untouched || !tracked && atHead ? null : blob(from, file);
            String ours = atHead && untouched ? null : text(file);
            if (atHead && untouched || !atHead && base != null && base.equals(ours)) {
                if (git("restore", "--source=" + tracking, "--worktree", "--", path).ok()) {
                    done.add(new CaughtUp(file, true, true, List.of()));
                }
                continue;
            }
            String theirs = blob(tracking, file);
            Merged merged = merge == null || ours == null || theirs == null ? null
                    : merge.merge(file.toAbsolutePath().normalize(), base, () -> versionsSince(from, tracking, file),
                            ours, theirs, true);
            if (merged == null) {
                done.add(new CaughtUp(file, false, false, List.of()));
            } else if (!merged.text().equals(ours) && write(file, merged.text()) || !merged.collisions().isEmpty()) {
                done.add(new CaughtUp(file, true, false, merged.collisions()));
            }
        }
        return new CatchUp(target, done, null);
    }

    /** How many of the branch's versions of a file a catch-up reads as ones an earlier catch-up may have read. */
    private static final int VERSIONS_READ = 50;

    /**
     * The texts of {@code file} in the branch's commits after {@code from} before its tip, newest first:
     * an earlier step's catch-up brought the work tree to one of them, whose records the job read and
     * did not write.
     */
    private List<String> versionsSince(String from, String tracking, Path file) {
        Git log = git("log", "--format=%H", "-n", String.valueOf(VERSIONS_READ), from + ".." + tracking + "^", "--",
                file.toAbsolutePath().normalize().toString());
        if (!log.ok()) {
            return List.of();
        }
        List<String> versions = new ArrayList<>();
        log.output().lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(commit -> {
            String text = blob(commit, file);
            if (text != null) {
                versions.add(text);
            }
        });
        return versions;
    }

    /** Writes {@code text} into {@code file}; false when it cannot. */
    private static boolean write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The file's text; null when there is none. */
    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** The exact text of {@code file} in {@code revision}; null when it has none (or git fails). */
    private String blob(String revision, Path file) {
        String relative = workTree.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString();
        Ran ran = run(Map.of(), List.of("cat-file", "blob", revision + ":./" + relative), "cat-file", false);
        return ran.exitCode() == 0 ? new String(ran.output(), StandardCharsets.UTF_8) : null;
    }

    /**
     * True when the branch as last fetched from the remote is ahead of HEAD and HEAD has nothing the
     * branch lacks but records: a push of HEAD would be refused, and nothing of HEAD's own is to be pushed.
     */
    private boolean behindFetchedTip(String target) {
        String tracking = "refs/remotes/" + remote + "/" + target;
        Git tip = git("rev-parse", "-q", "--verify", tracking + "^{commit}");
        return tip.ok() && !tip.last().equals(head()) && branchPoint(tracking) != null;
    }

    /**
     * What the checkout shares with {@code tracking}: HEAD when the branch holds it, else the commit
     * below the records this job committed on top of it and could not push (a refused push); null when
     * the branch holds neither.
     */
    private String branchPoint(String tracking) {
        if (git("merge-base", "--is-ancestor", "HEAD", tracking).ok()) {
            return "HEAD";
        }
        String code = belowRecords();
        return code != null && git("merge-base", "--is-ancestor", code, tracking).ok() ? code : null;
    }

    /** The first commit down HEAD's first parents that is not a record commit, when HEAD is one; else null. */
    private String belowRecords() {
        Git code = git(concat(CODE_COMMIT, List.of("--format=%H")));
        return code.ok() && !code.last().isEmpty() && !code.last().equals(head()) ? code.last() : null;
    }

    /** The branch checked out; null for a detached HEAD. */
    private String checkedOut() {
        Git current = git("symbolic-ref", "--short", "-q", "HEAD");
        return current.ok() && !current.output().isBlank() ? current.output().strip() : null;
    }

    /** The branch a record goes to: the one named, else the one checked out; null when neither. */
    private static String target(String branch, String checkedOut) {
        return branch == null || branch.isBlank() ? checkedOut : branch.strip();
    }

    /**
     * The commit of this checkout that {@code tracking} moved on from: HEAD when the branch holds it;
     * else the commit below the records the job committed and could not push; else, for a merge checkout
     * (a pull request's, made of its head and its base), the merged-in parent the branch holds; null when
     * the branch went another way. A shallow checkout fetched only the tip: the branch's recent history
     * is fetched, a little at a time, until one is found in it.
     */
    private String movedOnFrom(String target, String tracking, boolean shallow) {
        List<String> candidates = new ArrayList<>(List.of("HEAD"));
        String code = belowRecords();
        if (code != null) {
            candidates.add(code);
        }
        // Read from the commit itself: a shallow checkout has it without its parents.
        List<String> parents = git("cat-file", "-p", "HEAD").output().lines().takeWhile(l -> !l.isBlank())
                .filter(l -> l.startsWith("parent ")).map(l -> l.substring("parent ".length()).strip()).toList();
        if (parents.size() > 1) {
            // The merged-in parent (a pull request's head) before the base the merge was made on.
            for (int i = parents.size() - 1; i >= 0; i--) {
                candidates.add(parents.get(i));
            }
        }
        for (int deeper = 0; ; deeper++) {
            for (String candidate : candidates) {
                if (git("merge-base", "--is-ancestor", candidate, tracking).ok()) {
                    return candidate;
                }
            }
            if (!shallow || deeper == 3 || !git("fetch", "-q", "--no-tags", "--deepen=20", remote,
                    "+refs/heads/" + target + ":" + tracking).ok()) {
                return null;
            }
        }
    }

    private boolean shallow() {
        return "true".equals(git("rev-parse", "--is-shallow-repository").output().strip());
    }

    /**
     * The fetch of {@code target}'s tip into {@code tracking}: only the tip for a shallow checkout
     * (actions/checkout's default), which needs not the branch's whole history; a full one stays full.
     */
    private List<String> fetchTip(String target, String tracking, boolean shallow) {
        List<String> fetch = new ArrayList<>(List.of("fetch", "-q", "--no-tags"));
        if (shallow) {
            fetch.add("--depth=1");
        }
        fetch.addAll(List.of(remote, "+refs/heads/" + target + ":" + tracking));
        return fetch;
    }

    /**
     * Commits the files onto {@code target}'s tip as the remote has it and pushes that commit, whatever
     * HEAD is: a pull request's merge commit holds the base branch's commits, which a push of HEAD
     * would put on the pull request's branch. Each attempt fetches the tip again and builds the commit
     * afresh in an index of its own, so neither HEAD, the index nor another file of the work tree
     * changes. When the tip's version of the files is not the checkout's, {@code reapply} writes this
     * run's change into the tip's version; the work tree gets its own version back afterwards.
     */
    private Result ontoRemoteBranch(Collection<Path> files, List<String> paths, String message, String target,
            Reapply reapply, int firstAttempt) {
        String tracking = "refs/remotes/" + remote + "/" + target;
        List<String> fetch = fetchTip(target, tracking, shallow());
        for (int attempt = firstAttempt; attempt <= maxAttempts; attempt++) {
            Git fetched = git(fetch);
            if (!fetched.ok()) {
                if (fetched.output().contains("couldn't find remote ref")) {
                    return new Result(Outcome.NOT_ON_REMOTE, target, null, attempt, fetched.output());
                }
                Outcome failure = failureOf(fetched.output());
                return new Result(failure == null ? Outcome.REJECTED : failure, target, null, attempt,
                        "git fetch failed: " + fetched.output());
            }
            Built built = commitOnto(tracking, files, paths, message, reapply);
            if (built.failure() != null) {
                return new Result(built.failure(), target, null, attempt, built.detail());
            }
            Git push = git("push", "--porcelain", remote, built.commit() + ":refs/heads/" + target);
            if (push.ok()) {
                return new Result(Outcome.PUSHED, target, built.commit(), attempt, "", built.notCarried());
            }
            Outcome failure = failureOf(push.output());
            if (failure != null) {
                return new Result(failure, target, built.commit(), attempt, push.output());
            }
        }
        return new Result(Outcome.GAVE_UP, target, null, maxAttempts,
                "the branch moved on every one of " + maxAttempts + " attempts");
    }

    /** A commit built on a branch's tip, or why there is none ({@code failure}); the files an earlier change stayed out of. */
    private record Built(String commit, Outcome failure, String detail, List<String> notCarried) {
        Built(String commit, Outcome failure, String detail) {
            this(commit, failure, detail, List.of());
        }
    }

    private Built commitOnto(String tip, Collection<Path> files, List<String> paths, String message,
            Reapply reapply) {
        Git changed = git(concat(List.of("diff", "--no-ext-diff", "--no-renames", "--name-status", "HEAD", tip, "--"),
                paths));
        if (!changed.ok()) {
            return new Built(null, Outcome.NOT_COMMITTED, "git diff failed: " + changed.output());
        }
        // "D path": the checkout has the file, the branch has not.
        String missing = changed.output().lines().filter(l -> l.startsWith("D\t"))
                .collect(Collectors.joining("\n"));
        if (!missing.isEmpty()) {
            return new Built(null, Outcome.NOT_ON_BRANCH, missing);
        }
        Map<Path, byte[]> ours = new HashMap<>();
        try {
            if (!changed.output().isBlank()) {
                if (reapply == null) {
                    return new Built(null, Outcome.CONFLICT, "the branch's version of " + changed.output().lines()
                            .map(l -> l.substring(l.indexOf('\t') + 1)).collect(Collectors.joining(", "))
                            + " is not the checkout's");
                }
                for (Path file : files) {
                    Path absolute = file.toAbsolutePath().normalize();
                    ours.put(absolute, Files.exists(absolute) ? Files.readAllBytes(absolute) : null);
                }
                Git restore = git(concat(List.of("restore", "--source=" + tip, "--worktree", "--"), paths));
                if (!restore.ok()) {
                    return new Built(null, Outcome.NOT_COMMITTED, "git restore failed: " + restore.output());
                }
                List<String> notCarried = carryEarlierChanges(files, reapply, tip);
                reapply.change().run();
                Built built = writeCommit(tip, paths, message);
                return new Built(built.commit(), built.failure(), built.detail(), notCarried);
            }
            return writeCommit(tip, paths, message);
        } catch (IOException e) {
            return new Built(null, Outcome.NOT_COMMITTED, "cannot read " + e.getMessage());
        } finally {
            putBack(ours);
        }
    }

    /**
     * Into the branch's version of each file (in the work tree now), the change an earlier step made to it
     * without committing, or committed and could not push: the file as the run started differs from the
     * commit the checkout shares with {@code tip}. Returns what of those changes collides with the
     * branch's (a file, or parts of it), left out.
     */
    private List<String> carryEarlierChanges(Collection<Path> files, Reapply reapply, String tip) throws IOException {
        List<String> notCarried = new ArrayList<>();
        String shared = null;
        for (Path file : files) {
            Path absolute = file.toAbsolutePath().normalize();
            String started = reapply.started().get(absolute);
            if (started == null) {
                continue;
            }
            if (shared == null) {
                shared = Objects.requireNonNullElse(branchPoint(tip), "HEAD");
            }
            String committed = blob(shared, absolute);
            if (started.equals(committed)) {
                continue;
            }
            String theirs = Files.exists(absolute) ? Files.readString(absolute, StandardCharsets.UTF_8) : null;
            if (Objects.equals(theirs, committed)) {
                // The branch did not change it: the earlier change goes as it is.
                Files.writeString(absolute, started, StandardCharsets.UTF_8);
                continue;
            }
            Merged merged = reapply.merge() == null || theirs == null ? null
                    : reapply.merge().merge(absolute, committed, List::of, started, theirs, false);
            String shown = workTree.toAbsolutePath().normalize().relativize(absolute).toString();
            if (merged == null) {
                notCarried.add(shown);
                continue;
            }
            Files.writeString(absolute, merged.text(), StandardCharsets.UTF_8);
            if (!merged.collisions().isEmpty()) {
                notCarried.add(shown + " (" + String.join(", ", merged.collisions()) + ")");
            }
        }
        return notCarried;
    }

    /** The work tree's files as this run wrote them, after they held the branch's version for a while. */
    private static void putBack(Map<Path, byte[]> ours) {
        ours.forEach((file, bytes) -> {
            try {
                if (bytes == null) {
                    Files.deleteIfExists(file);
                } else {
                    Files.write(file, bytes);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** {@code tip}'s tree with the work tree's version of {@code paths}, committed on {@code tip}; nothing else staged. */
    private Built writeCommit(String tip, List<String> paths, String message) throws IOException {
        Path scratch = Files.createTempDirectory("specweave-commit");
        try {
            Map<String, String> index = Map.of("GIT_INDEX_FILE", scratch.resolve("index").toString());
            Git read = git(index, List.of("read-tree", tip));
            Git add = read.ok() ? git(index, concat(List.of("add", "--"), paths)) : read;
            Git tree = add.ok() ? git(index, List.of("write-tree")) : add;
            if (!tree.ok()) {
                return new Built(null, Outcome.NOT_COMMITTED, "git could not stage the files: " + tree.output());
            }
            if (tree.last().equals(git("rev-parse", tip + "^{tree}").last())) {
                return new Built(null, Outcome.NOTHING_TO_COMMIT, "");
            }
            Git commit = git("commit-tree", tree.last(), "-p", tip, "-m", message);
            if (!commit.ok()) {
                return new Built(null, Outcome.NOT_COMMITTED, "git commit failed: " + commit.output());
            }
            return new Built(commit.last(), null, "");
        } finally {
            Files.deleteIfExists(scratch.resolve("index"));
            Files.deleteIfExists(scratch.resolve("index.lock"));
            Files.deleteIfExists(scratch);
        }
    }

    /**
     * Why the remote did not take a push (or answer a fetch), from git's words; null when the branch
     * moved under the push, which another attempt settles.
     */
    private static Outcome failureOf(String output) {
        if (isUnreachable(output)) {
            return Outcome.UNREACHABLE;
        }
        // git asked for a user name or password, and GIT_TERMINAL_PROMPT=0 (no askpass) let it ask nobody.
        if (output.contains("terminal prompts disabled") || output.contains("could not read Username")
                || output.contains("could not read Password")) {
            return Outcome.NO_CREDENTIALS;
        }
        if (output.contains("Authentication failed")) {
            return Outcome.CREDENTIALS_REFUSED;
        }
        return isNonFastForward(output) ? null : Outcome.REJECTED;
    }

    /** git's words when no repository answered; a refusal (403, a hook, a protected branch) is not one. */
    private static boolean isUnreachable(String output) {
        return output.contains("does not appear to be a git repository") || output.contains("Could not resolve host")
                || output.contains("Connection refused") || output.contains("Failed to connect")
                || output.contains("Connection timed out") || output.contains("Could not read from remote repository")
                && !output.contains("denied");
    }

    /**
     * git's words when the branch moved under the push: a non-fast-forward, or a server that lost the
     * race to update the ref ("cannot lock ref ... but expected", "failed to update ref" of another
     * push landing first). Fetching and trying again settles both; a hook's or a protection's refusal
     * does not.
     */
    private static boolean isNonFastForward(String output) {
        return output.contains("non-fast-forward") || output.contains("fetch first")
                || output.contains("stale info") || output.contains("[rejected]") && !output.contains("remote rejected")
                || output.contains("cannot lock ref") || output.contains("failed to update ref")
                || output.contains("incorrect old value provided");
    }

    private String head() {
        Git head = git("rev-parse", "HEAD");
        return head.ok() ? head.output().strip() : null;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private Git git(String... args) {
        return git(List.of(args));
    }

    private Git git(List<String> args) {
        return git(Map.of(), args);
    }

    /** Runs git in the work tree (trusted there though a container's root user may not own it). */
    private Git git(Map<String, String> extraEnvironment, List<String> args) {
        List<String> all = new ArrayList<>();
        if (credential != null) {
            all.addAll(List.of("-c", credential.helperKey() + "=", "-c", credential.helperKey() + "=" + CREDENTIAL_HELPER));
        }
        all.addAll(args);
        Ran ran = run(extraEnvironment, all, args.get(0), true);
        if (ran.problem() != null) {
            return new Git(ran.exitCode(), ran.problem());
        }
        String output = redact(new String(ran.output(), StandardCharsets.UTF_8).strip());
        if (credential != null && !credential.password().reveal().isEmpty()) {
            output = output.replace(credential.password().reveal(), "***");
        }
        return new Git(ran.exitCode(), output);
    }

    /** A finished git process: its exit code and standard output, or why it did not run to its end. */
    private record Ran(int exitCode, byte[] output, String problem) {
    }

    /**
     * Runs git ({@code command} names it in a message); its error output goes with its standard output
     * when {@code withErrors}, else nowhere.
     */
    private Ran run(Map<String, String> extraEnvironment, List<String> args, String command, boolean withErrors) {
        ProcessBuilder builder = GitCommand.in(workTree, args);
        if (withErrors) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        builder.environment().putAll(environment);
        builder.environment().putAll(extraEnvironment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] bytes;
            try (InputStream in = process.getInputStream()) {
                bytes = in.readAllBytes();
            }
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Ran(-1, bytes, "git " + command + " did not finish within " + COMMAND_TIMEOUT.toSeconds() + "s");
            }
            return new Ran(process.exitValue(), bytes, null);
        } catch (IOException e) {
            return new Ran(NOT_STARTED, new byte[0], "cannot run git (is it installed?): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Ran(-1, new byte[0], "interrupted while running git " + command);
        }
    }

    /** Git output with any {@code user:token@} of a remote URL removed. */
    static String redact(String text) {
        return CREDENTIALS_IN_URL.matcher(text).replaceAll("://***@");
    }

    private record Git(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }

        /** The last line: an object id a command prints, after any warning git wrote before it. */
        String last() {
            List<String> lines = output.lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
        }
    }
}
